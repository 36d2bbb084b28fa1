"""The Streamlit edge: reading the store (cached here and nowhere else), the shared sidebar, and small
helpers pages use to lay out what the core computed."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from dashboard.curated import DataFileError
from dashboard.dataset import load_dataset
from dashboard.filters import ALL_TYPES, filter_choices
from dashboard.i18n import DEFAULT_LANGUAGE, LANGUAGE_NAMES, LANGUAGES, t
from dashboard.provenance import source_line
from dashboard.store import Store, StoreError, display_url, resolve_url


@dataclass(frozen=True)
class View:
    """What every page needs: the language, the institution-type choice and the tables."""

    lang: str
    choice: str
    tables: dict[str, pd.DataFrame]


def database_url() -> str:
    """`streamlit run dashboard/app.py -- --db URL`, else DATABASE_URL, else the embedded SQLite file."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--db")
    known, _ = parser.parse_known_args(sys.argv[1:])
    return resolve_url(known.db)


@st.cache_resource(show_spinner=False)
def _open_store(url: str) -> Store:
    store = Store.open(url)
    store.prepare(load_dataset)
    return store


@st.cache_data(show_spinner=False)
def _read_tables(url: str) -> dict[str, pd.DataFrame]:
    return _open_store(url).read_all()


def load_tables(lang: str) -> dict[str, pd.DataFrame]:
    """The curated tables from the store; on failure a clear banner, and the page stops there."""
    url = database_url()
    try:
        return _read_tables(url)
    except StoreError as exc:
        st.error(f"**{t('store_unavailable', lang)}**\n\n{exc}\n\n{t('store_hint', lang)}", icon="⚠️")
    except DataFileError as exc:
        st.error(f"**{t('data_invalid', lang)}**", icon="⚠️")
        st.code("\n".join(str(p) for p in exc.problems), language=None)
    st.caption(f"{t('store', lang)}: {display_url(url)}")
    st.stop()
    raise AssertionError("unreachable")  # st.stop() ends the run


def _query_default(name: str, allowed: list[str], default: str) -> str:
    value = st.query_params.get(name)
    return value if value in allowed else default


def sidebar(tables_loader) -> View:
    """Language first (so that even an error banner speaks it), then the data, then the filter."""
    if "lang" not in st.session_state:
        st.session_state["lang"] = _query_default("lang", list(LANGUAGES), DEFAULT_LANGUAGE)
    with st.sidebar:
        lang = st.radio(t("language", st.session_state["lang"]), LANGUAGES, key="lang", horizontal=True,
                        format_func=LANGUAGE_NAMES.get)
    tables = tables_loader(lang)
    types = tables["institution_types"].set_index("id")
    choices = filter_choices(tables["institution_types"])
    if "institution_type" not in st.session_state:
        st.session_state["institution_type"] = _query_default("type", choices, ALL_TYPES)
    with st.sidebar:
        choice = st.selectbox(
            t("institution_type", lang), choices, key="institution_type", help=t("filter_help", lang),
            format_func=lambda c: t("filter_all", lang) if c == ALL_TYPES else types.loc[c, f"name_{lang}"],
        )
        st.caption(f"{t('store', lang)}: {display_url(database_url())}")
    st.query_params.update({"lang": lang, "type": choice})
    return View(lang, choice, tables)


def current_view() -> View:
    """The view the router prepared for this run."""
    return st.session_state["_view"]


def caption_sources(source_ids, view: View) -> None:
    """The source line under a chart or table."""
    line = source_line(source_ids, view.tables["sources"], view.lang)
    if line:
        st.caption(line)


def show_table(frame: pd.DataFrame, wrap_text: bool = False) -> None:
    """A table with readable column names, no index, all rows shown; text is shown as text, never as HTML.
    `wrap_text` lays out a static table whose long cells wrap instead of being cut."""
    if wrap_text:
        st.table(frame, hide_index=True, border="horizontal")
    else:
        st.dataframe(frame, hide_index=True, width="stretch", height="content")
