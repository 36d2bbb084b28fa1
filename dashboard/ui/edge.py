"""The Streamlit edge: reading the store (cached here and nowhere else), the shared sidebar, and small
helpers pages use to lay out what the core computed."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from dashboard.curation.dataset import load_dataset
from dashboard.curation.tables import DataFileError
from dashboard.downloads import table_csv, table_xlsx
from dashboard.editing.access import (
    AccessConfigError,
    EditorConfig,
    Throttle,
    check_password,
    editor_config,
    oidc_editor,
)
from dashboard.formatting import format_period, format_value, literal
from dashboard.i18n import DEFAULT_LANGUAGE, LANGUAGE_NAMES, LANGUAGES, t
from dashboard.programme.provenance import source_line
from dashboard.programme.selection import (
    ALL_TYPES,
    apply_filter,
    filter_choices,
    shows_combined_only,
    types_shown,
    within_years,
)
from dashboard.store.database import Store, StoreError, display_url, resolve_url


@dataclass(frozen=True)
class View:
    """What every page needs: the language, the institution-type choice, the year range and the tables
    (observations already narrowed to the year range)."""

    lang: str
    choice: str
    years: tuple[int, int]
    tables: dict[str, pd.DataFrame]

    def link_params(self, **extra: str) -> dict[str, str]:
        """The query string that reopens this view (plus page-specific parameters)."""
        return {
            "lang": self.lang,
            "type": self.choice,
            "from": str(self.years[0]),
            "to": str(self.years[1]),
            **extra,
        }


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


@st.cache_data(show_spinner=False, max_entries=4)
def _read_tables(url: str, data_version: int) -> dict[str, pd.DataFrame]:
    # Keyed by the store's data version, so an edit in any session or process is read on the next run.
    return _open_store(url).read_all()


def open_store() -> Store:
    """The store this app reads and editors write (opened once per process)."""
    return _open_store(database_url())


def load_tables(lang: str) -> dict[str, pd.DataFrame]:
    """The curated tables from the store; on failure a clear banner, and the page stops there."""
    url = database_url()
    try:
        return _read_tables(url, _open_store(url).data_version())
    except StoreError as exc:
        st.error(f"**{t('store_unavailable', lang)}**\n\n{exc}\n\n{t('store_hint', lang)}", icon="⚠️")
    except DataFileError as exc:
        st.error(f"**{t('data_invalid', lang)}**", icon="⚠️")
        st.code("\n".join(str(p) for p in exc.problems), language=None)
    st.caption(f"{t('store', lang)}: {display_url(url)}")
    st.stop()
    raise AssertionError("unreachable")  # st.stop() ends the run


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


# --- editors ----------------------------------------------------------------------------------------------


def _secrets() -> dict:
    try:
        return st.secrets.to_dict()
    except Exception:  # no secrets.toml: nothing configured there  # noqa: BLE001
        return {}


def editor_settings() -> EditorConfig:
    return editor_config(_secrets(), os.environ)


@st.cache_resource(show_spinner=False)
def _sign_in_throttle() -> Throttle:
    return Throttle()  # one per server process, shared by every session


def current_editor() -> str | None:
    """The signed-in editor's name, or None for a viewer."""
    settings = editor_settings()
    if settings.oidc:
        try:
            user = st.user
            if user.is_logged_in and oidc_editor(settings, user.get("email")):
                return str(user.get("name") or user.get("email"))
        except Exception:  # noqa: BLE001 - st.user unavailable (e.g. auth misconfigured): no OIDC editor
            pass
    return st.session_state.get("editor")


def editor_panel(lang: str) -> None:
    """Sign-in for editors, in the sidebar: OIDC where configured, else (or also) the editor password."""
    settings = editor_settings()
    editor = current_editor()
    with st.sidebar.expander(t("editor_sign_in", lang), expanded=False):
        if editor:
            st.caption(t("signed_in_as", lang, name=editor))
            if st.button(t("sign_out", lang), key="sign_out"):
                if st.session_state.pop("editor", None) is None and settings.oidc:
                    st.logout()
                st.rerun()
            return
        if not settings.enabled:
            st.caption(t("editing_not_configured", lang))
            return
        if settings.oidc and settings.oidc_editors:
            providers = [k for k, v in _secrets().get("auth", {}).items() if isinstance(v, dict)] or [None]
            for provider in providers:
                if st.button(t("sign_in_oidc", lang, provider=provider or "OIDC"), key=f"oidc_{provider}"):
                    st.login(provider) if provider else st.login()
        if settings.password_enabled:
            with st.form("editor_sign_in_form", clear_on_submit=True, border=False):
                name = st.text_input(t("editor_name", lang), key="sign_in_name")
                password = st.text_input(t("password", lang), type="password", key="sign_in_password")
                submitted = st.form_submit_button(t("sign_in", lang))
            if submitted:
                _try_sign_in(settings, name, password, lang)


def _try_sign_in(settings: EditorConfig, name: str, password: str, lang: str) -> None:
    throttle = _sign_in_throttle()
    wait = throttle.wait()
    if wait > 0:
        st.error(t("sign_in_wait", lang, seconds=int(wait) + 1))
        return
    try:
        editor = check_password(settings, name, password)
    except AccessConfigError as exc:
        st.error(str(exc))
        return
    if editor is None:
        delay = throttle.failed()
        st.error(
            t("sign_in_failed", lang)
            + (" " + t("sign_in_wait", lang, seconds=int(delay + 0.999)) if delay else "")
        )
        return
    throttle.succeeded()
    st.session_state["editor"] = editor
    st.rerun()


def notice(text: str) -> None:
    """A message shown once, above the page (e.g. a link that named an unknown value)."""
    st.session_state.setdefault("_notices", []).append(text)


def show_notices() -> None:
    for text in st.session_state.pop("_notices", []):
        st.info(text, icon="ℹ️")


def sidebar(tables_loader) -> View:
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
    tables = tables_loader(lang)
    types = tables["institution_types"].set_index("id")
    choices = filter_choices(tables["institution_types"])
    all_years = sorted(int(p[:4]) for p in tables["observations"]["period"])
    first, last = all_years[0], max(all_years[-1], dt.date.today().year)
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
    with st.sidebar:
        choice = st.selectbox(
            t("institution_type", lang),
            choices,
            key="institution_type",
            help=t("filter_help", lang),
            format_func=lambda c: t("filter_all", lang) if c == ALL_TYPES else types.loc[c, f"name_{lang}"],
        )
        years = st.slider(t("years", lang), first, last, key="years", help=t("years_help", lang))
    editor_panel(lang)
    with st.sidebar:
        st.caption(f"{t('store', lang)}: {display_url(database_url())}")
    narrowed = dict(tables, observations=within_years(tables["observations"], years))
    view = View(lang, choice, tuple(years), narrowed)
    st.query_params.update(view.link_params())
    return view


def current_view() -> View:
    """The view the router prepared for this run."""
    return st.session_state["_view"]


def caption_sources(source_ids, view: View) -> None:
    """The source line under a chart or table."""
    line = source_line(source_ids, view.tables["sources"], view.lang)
    if line:
        st.caption(literal(line))


def show_table(frame: pd.DataFrame, wrap_text: bool = False, name: str = "table", place=None) -> None:
    """A table with readable column names, no index, all rows shown, and CSV and XLSX downloads beside it;
    text is shown as text, never as HTML. `wrap_text` lays out a static table whose long cells wrap (a static
    table renders Markdown, so its text cells are escaped first; the downloads keep the text as it is)."""
    place = place or st
    if wrap_text:
        shown = frame.map(lambda v: literal(v) if isinstance(v, str) else v)
        place.table(shown, hide_index=True, border="horizontal")
    else:
        place.dataframe(frame, hide_index=True, width="stretch", height="content")
    lang = st.session_state.get("lang", "zh")
    with place.container(horizontal=True):
        st.download_button(
            "CSV",
            table_csv(frame),
            f"{name}.csv",
            "text/csv",
            key=_download_key(name, "csv"),
            icon=":material/download:",
            on_click="ignore",
            help=t("download_csv", lang),
        )
        st.download_button(
            "XLSX",
            lambda: table_xlsx(frame),
            f"{name}.xlsx",
            XLSX_MIME,
            key=_download_key(name, "xlsx"),
            icon=":material/download:",
            on_click="ignore",
            help=t("download_xlsx", lang),
        )


XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download_key(name: str, kind: str) -> str:
    """A widget key unique within the run (the same name may be used twice on a page) and stable across runs."""
    run = id(st.session_state.get("_view"))
    state = st.session_state.get("_download_keys")
    if not state or state[0] != run:
        state = (run, {})
        st.session_state["_download_keys"] = state
    count = state[1].get((name, kind), 0) + 1
    state[1][(name, kind)] = count
    return f"download-{kind}-{name}-{count}"


def show_chart(fig, name: str, place=None) -> None:
    """A Plotly chart with PNG and SVG downloads beside it (made by Chromium only when clicked)."""
    from dashboard.charts.images import chromium_path, figure_png, figure_svg

    place = place or st
    place.plotly_chart(fig)
    lang = st.session_state.get("lang", "zh")
    if chromium_path() is None:
        place.caption(t("images_unavailable", lang))
        return
    with place.container(horizontal=True):
        st.download_button(
            "PNG",
            lambda: figure_png(fig),
            f"{name}.png",
            "image/png",
            key=_download_key(name, "png"),
            icon=":material/image:",
            on_click="ignore",
            help=t("download_png", lang),
        )
        st.download_button(
            "SVG",
            lambda: figure_svg(fig),
            f"{name}.svg",
            "image/svg+xml",
            key=_download_key(name, "svg"),
            icon=":material/image:",
            on_click="ignore",
            help=t("download_svg", lang),
        )


def type_names(view: View) -> dict[str, str]:
    types = view.tables["institution_types"]
    return dict(zip(types["id"], types[f"name_{view.lang}"], strict=True))


def series_chart(view: View, indicator: str, container=None) -> bool:
    """One indicator's published figures under the view's filters, with the source line; False when there
    are none to show."""
    from dashboard.charts.programme import series_figure  # plotly loads only on pages that draw

    obs = apply_filter(view.tables["observations"], view.choice, view.tables["institution_types"])
    obs = obs[obs["indicator"] == indicator]
    if obs.empty:
        return False
    place = container or st
    meta = view.tables["indicators"].set_index("id").loc[indicator]
    if len(obs) == 1:  # one figure is a number, not a chart
        row = obs.iloc[0]
        place.metric(
            f"{meta[f'name_{view.lang}']} · {format_period(row['period'], view.lang, meta['measure'])}",
            format_value(row["value"], meta["unit"], row["qualifier"], view.lang, meta["unit_en"]),
        )
    else:
        show_chart(series_figure(obs, meta, type_names(view), view.lang), indicator, place)
    if any(shows_combined_only(view.choice, x) for x in obs["institution_type"]):
        place.caption(t("combined_figure", view.lang))
    line = source_line(obs["source"], view.tables["sources"], view.lang)
    place.caption(literal(line))
    return True


def shown_types(view: View) -> set[str]:
    return types_shown(view.choice, view.tables["institution_types"])


PRESENTATION_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stExpandSidebarButton"] {display: none !important;}
.block-container, [data-testid="stMainBlockContainer"] {padding-top: 1rem !important; max-width: 100% !important;}
h1 {font-size: 3rem !important;}
[data-testid="stMetricValue"] {font-size: 3.4rem !important;}
[data-testid="stMetricLabel"] p {font-size: 1.35rem !important;}
[data-testid="stCaptionContainer"] {font-size: 1.1rem !important;}
</style>
"""


def presentation_style() -> None:
    """Hide the sidebar and Streamlit's chrome and enlarge the type, for a projector (a fixed stylesheet:
    no text from data goes into it)."""
    st.html(PRESENTATION_CSS)


SLIDE_LIST = "default"


def saved_slide_list() -> list[str] | None:
    return _open_store(database_url()).load_slide_list(SLIDE_LIST)


def save_slide_list(slide_ids: list[str]) -> None:
    _open_store(database_url()).save_slide_list(SLIDE_LIST, slide_ids)


# --- The stock-patent inventory -----------------------------------------------------------------------------
@st.cache_resource(show_spinner=False, max_entries=1)
def _inventory_frame(url: str, version: int):
    """The inventory as the engine keeps it, loaded once per data version and shared by every session (the
    previous version is dropped when a new one is loaded)."""
    from dashboard.inventory import engine as inventory_engine
    from dashboard.inventory import store as inventory_store

    types = inventory_engine.engine_types(list(province_tiles()["id"]))
    return inventory_store.load_inventory(_open_store(url), types)


@st.cache_resource(show_spinner=False)
def province_tiles() -> pd.DataFrame:
    """The shipped tile grid of the provinces (read once per process)."""
    from dashboard.charts.maps import load_province_tiles

    return load_province_tiles()


def inventory_frame(version: int):
    return _inventory_frame(database_url(), version)


def with_inventory(tables: dict, years: tuple[int, int]) -> dict:
    """`tables` with the inventory for briefings (under "inventory") when the store holds one."""
    from dashboard.briefing.inventory_slide import InventoryDeck
    from dashboard.inventory import store as inventory_store

    store = open_store()
    state = inventory_store.state(store)
    if not state.records:
        return tables
    deck = InventoryDeck(state, inventory_frame(state.version), tuple(years), inventory_store.rules(store))
    return {**tables, "inventory": deck}
