"""The view of one run: the sidebar (language, institution type, years, editor sign-in) resolved once from
the page's address and widgets into a Selection, with the tables narrowed to it; notices about the link."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from dashboard.curation.catalogue import Tables
from dashboard.curation.problems import DataFileError
from dashboard.formatting import literal
from dashboard.i18n import DEFAULT_LANGUAGE, LANGUAGE_NAMES, LANGUAGES, t
from dashboard.programme.selection import ALL_TYPES, Selection, filter_choices
from dashboard.store.database import StoreError, display_url, failure
from dashboard.ui.auth import editor_panel
from dashboard.ui.cache import database_url, read_tables


@dataclass(frozen=True)
class View:
    """What every page needs: the selection, and the tables with the observations narrowed to its years."""

    selection: Selection
    tables: Tables

    @property
    def lang(self) -> str:
        return self.selection.lang


def link_value(name: str, allowed: list, default, lang: str, label_key: str):
    """A value from the page's address, or the default with a notice when the link's value is unknown."""
    raw = st.query_params.get(name)
    if raw is None:
        return default
    value = type(default)(raw) if isinstance(default, int) and raw.lstrip("-").isdigit() else raw
    if value in allowed:
        return value
    notice(t("link_value_unknown", lang, what=t(label_key, lang), value=raw))
    return default


def notice(text: str) -> None:
    """A message shown once, above the page (e.g. a link that named an unknown value)."""
    st.session_state.setdefault("_notices", []).append(text)


def show_notices() -> None:
    """The notices of this run, each shown literally: they quote the page's address, which anyone can write
    (a link in it must not become a link, an image or formatting on the page)."""
    for text in st.session_state.pop("_notices", []):
        st.info(literal(text), icon="ℹ️")


def store_banner(exc: StoreError | SQLAlchemyError, lang: str, heading: str = "store_unavailable") -> None:
    """A store fault as a banner in the page's language: what happened (the message names the store by its
    address with secrets masked, and says what to do), never a traceback. The message is shown literally:
    it quotes what the database said, which may hold text from outside."""
    if not isinstance(exc, StoreError):  # a read that had no words of its own
        exc = failure("store_failed", database_url(), exc)
    hint = "" if exc.advised else f"\n\n{t('store_hint', lang)}"
    st.error(f"**{t(heading, lang)}**\n\n{literal(exc.text(lang))}{hint}", icon="⚠️")


def _tables_or_stop(lang: str) -> Tables:
    """The curated tables from the store; on failure a clear banner, and the page stops there."""
    try:
        return read_tables()
    except StoreError as exc:
        store_banner(exc, lang)
    except DataFileError as exc:
        st.error(f"**{t('data_invalid', lang)}**", icon="⚠️")
        st.code(exc.text(lang), language=None)
    st.caption(t("store_caption", lang, kind=literal(display_url(database_url()))))  # where to look
    st.stop()
    raise AssertionError("unreachable")  # st.stop() ends the run


def store_caption(lang: str) -> None:
    """Which store the figures come from, by kind ("SQLite file on this computer", "PostgreSQL, shared"); its
    address, secrets masked, behind the help icon: a file path on a projected sidebar said nothing to the
    room."""
    url = database_url()
    kind = "store_kind_postgresql" if url.startswith("postgresql") else "store_kind_sqlite"
    st.caption(t("store_caption", lang, kind=t(kind, lang)), help=literal(display_url(url)))


def sidebar() -> View:
    """Language first (so that even an error banner speaks it), then the data, then the filters. Every
    choice starts from the page's address and is written back to it, so a copied link reopens the view."""
    if "lang" not in st.session_state:
        st.session_state["lang"] = link_value(
            "lang", list(LANGUAGES), DEFAULT_LANGUAGE, DEFAULT_LANGUAGE, "language_word"
        )
    with st.sidebar:
        lang = st.radio(
            t("language", st.session_state["lang"]),
            LANGUAGES,
            key="lang",
            horizontal=True,
            format_func=LANGUAGE_NAMES.get,
        )
    tables = _tables_or_stop(lang)
    names = tables.type_names(lang)
    choices = filter_choices(tables.institution_types)
    first, last = tables.year_span(dt.date.today().year)
    if "institution_type" not in st.session_state:
        st.session_state["institution_type"] = link_value(
            "type", choices, ALL_TYPES, lang, "institution_type"
        )
    if "years" not in st.session_state:
        start = link_value("from", list(range(first, last + 1)), first, lang, "year_from")
        end = link_value("to", list(range(first, last + 1)), last, lang, "year_to")
        if start > end:
            notice(t("link_value_unknown", lang, what=t("years", lang), value=f"{start}–{end}"))
            start, end = first, last
        st.session_state["years"] = (start, end)
    if st.session_state.get("_widgets_lang") != lang:
        # Set anew (same values) so that the widgets show their choices in the new language at once; without
        # it the browser keeps showing the old language's words for the kept value.
        st.session_state["_widgets_lang"] = lang
        st.session_state["institution_type"] = st.session_state["institution_type"]
        st.session_state["years"] = st.session_state["years"]
    with st.sidebar:
        choice = st.selectbox(
            t("institution_type", lang),
            choices,
            key="institution_type",
            help=t("filter_help", lang),
            format_func=lambda c: t("filter_all", lang) if c == ALL_TYPES else names[c],
        )
        years = st.slider(t("years", lang), first, last, key="years", help=t("years_help", lang))
    editor_panel(lang)
    with st.sidebar:
        store_caption(lang)
    selection = Selection.of(lang, choice, tables.institution_types, tuple(years))
    st.query_params.update(selection.link_params())
    return View(selection, tables.within_years(selection.years))


def current_view() -> View:
    """The view the router prepared for this run."""
    return st.session_state["_view"]
