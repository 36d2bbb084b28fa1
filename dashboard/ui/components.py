"""Pieces pages share to lay out what the core computed: tables and charts with their downloads, the source
line under them, one indicator's series, and presentation mode's stylesheet. Every text from data is shown
as text, never as markup."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from dashboard.charts.style import status_style
from dashboard.downloads import Download, table_csv, table_xlsx
from dashboard.formatting import (
    NO_VALUE,
    display_width,
    format_period,
    format_value,
    literal,
    unbroken_date,
    unbroken_period,
    unbroken_short_chinese,
)
from dashboard.i18n import t
from dashboard.programme.computable import series_download
from dashboard.programme.provenance import SHORT_LINE_WIDTH, footer_line, short_source_line, source_line
from dashboard.programme.selection import ALL_TYPES, COMBINED, TypeFilter, within_years
from dashboard.ui.plot import plot
from dashboard.ui.view import View

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def caption_sources(source_ids, view: View) -> None:
    """The source line under a chart or table: the full citations when they are short; otherwise a short line
    (outlet, date, grade; "and N more") with the full citations one click away."""
    ids = list(source_ids)
    line = source_line(ids, view.tables.sources, view.lang)
    if not line:
        return
    if display_width(line) <= SHORT_LINE_WIDTH:
        st.caption(literal(line))
        return
    st.caption(literal(short_source_line(ids, view.tables.sources, view.lang)))
    with st.expander(t("all_citations", view.lang)):
        st.caption(literal(line))


def _static_cell(value: object) -> object:
    """A static table's cell as it reads: text escaped with its dates unbroken, short Chinese text kept on one
    line (a browser breaks Chinese between any two characters: "已实现（最" / "终）", "国务院新闻办公" / "室"
    in a 1280-px table), and a period or date in brackets at its end broken before, not inside ("国务院新闻办
    公室（2026年1" / "月23日）", "3828.7亿元（2025年1—" / "11月）"); a count of five figures or more with
    thousands separators (1,000,000 records, not 1000000; a year's four figures stay as they are)."""
    if isinstance(value, str):
        kept = unbroken_short_chinese(unbroken_date(value))  # a date, or a short cell, whole
        return literal(kept if kept != value else unbroken_period(value))
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool) and abs(value) >= 10_000:
        return f"{value:,}"
    return value


def show_table(
    frame: pd.DataFrame,
    lang: str,
    wrap_text: bool = False,
    name: str = "table",
    place=None,
    download: Download | None = None,
) -> None:
    """A table with readable column names, no index, all rows shown, and CSV and XLSX downloads beside it;
    text is shown as text, never as HTML. `wrap_text` lays out a static table whose long cells wrap (a static
    table renders Markdown, so its text cells are escaped first; the downloads keep the text as it is).
    `download` is the table's computable twin, for a table that shows figures as text: the files hold it
    instead of what is shown."""
    place = place or st
    if wrap_text:
        shown = frame.map(_static_cell)
        place.table(shown, hide_index=True, border="horizontal")
    else:
        place.dataframe(frame, hide_index=True, width="stretch", height="content", placeholder=NO_VALUE)
    download_buttons(download or Download(frame), name, lang, place)


def download_buttons(download: Download, name: str, lang: str, place=None, of_chart: bool = False) -> None:
    """CSV and XLSX buttons for a table's download (`of_chart`: the figures a chart draws); the workbook is
    made only when clicked."""
    place = place or st
    with place.container(horizontal=True):
        st.download_button(
            "CSV",
            table_csv(download.rows),
            f"{name}.csv",
            "text/csv",
            key=_element_key(name, "download-csv"),
            icon=":material/download:",
            on_click="ignore",
            help=t("download_figures_csv" if of_chart else "download_csv", lang),
        )
        st.download_button(
            "XLSX",
            lambda: table_xlsx(download.rows, lang, download.sources),
            f"{name}.xlsx",
            XLSX_MIME,
            key=_element_key(name, "download-xlsx"),
            icon=":material/download:",
            on_click="ignore",
            help=t("download_figures_xlsx" if of_chart else "download_xlsx", lang),
        )


def _element_key(name: str, kind: str) -> str:
    """A key unique within the run (the same name may be used twice on a page) and the same at every run, a
    fragment's included: the first `<kind>-<name>-<n>` not yet taken in this run. A key that changed from run
    to run made the browser build its element anew each time (and a chart's, draw it anew)."""
    ctx = get_script_run_ctx()
    taken = ctx.shared.widget_user_keys_this_run if ctx else ()
    count = 1
    while f"{kind}-{name}-{count}" in taken:
        count += 1
    return f"{kind}-{name}-{count}"


def chart_footer(source_ids, view: View) -> str:
    """The one-line source footer that a chart's PNG and SVG downloads carry."""
    return footer_line([s for s in source_ids if isinstance(s, str)], view.tables.sources, view.lang)


def show_chart(
    fig,
    name: str,
    lang: str,
    place=None,
    footer: str = "",
    fit_below: int | None = None,
    caption: str = "",
) -> None:
    """A Plotly chart with PNG and SVG downloads beside it (made by Chromium only when clicked); `footer`, a
    short source line, is drawn under the chart in the downloaded images; `fit_below`: see plot.plot;
    `caption`, a line of text (shown literally) between the chart and its downloads."""
    from dashboard.charts.images import chromium_path, figure_png, figure_svg

    place = place or st
    # Not st.plotly_chart: its element's identity is the figure, so a changed figure was torn down and drawn
    # anew in the browser; this element keeps the chart and updates it in place (dashboard/ui/plot.py).
    plot(fig, key=_element_key(name, "chart"), lang=lang, place=place, fit_below=fit_below)
    if caption:
        place.caption(literal(caption))
    if chromium_path() is None:
        place.caption(t("images_unavailable", lang))
        return
    with place.container(horizontal=True):
        st.download_button(
            "PNG",
            lambda: figure_png(fig, footer=footer),
            f"{name}.png",
            "image/png",
            key=_element_key(name, "download-png"),
            icon=":material/image:",
            on_click="ignore",
            help=t("download_png", lang),
        )
        st.download_button(
            "SVG",
            lambda: figure_svg(fig, footer=footer),
            f"{name}.svg",
            "image/svg+xml",
            key=_element_key(name, "download-svg"),
            icon=":material/image:",
            on_click="ignore",
            help=t("download_svg", lang),
        )


def _widen(institution_type: str | None = None, all_years: bool = False) -> None:
    """Widen the sidebar's filters (a button's callback; the sidebar writes them to the address)."""
    if institution_type is not None:
        st.session_state["institution_type"] = institution_type
    if all_years:
        st.session_state.pop("years", None)


def nothing_here(view: View, indicators: tuple[str, ...] = ()) -> None:
    """An empty view is not a dead end: it says so and offers the nearest views that have figures of these
    `indicators` — universities and institutes together, every institution type, every year — keeping the
    rest of the view. Without indicators (a section not drawn from figures) it offers every type."""
    lang, sel, tables = view.lang, view.selection, view.tables
    st.info(t("nothing_for_filter", lang))
    every = tables.every_observation
    span = None
    if not every.empty:
        all_years = every["period"].str.slice(0, 4).astype(int)
        span = (int(all_years.min()), max(int(all_years.max()), dt.date.today().year))

    def has_figures(choice: str, years: tuple[int, int] | None) -> bool:
        if not indicators:
            return True
        rows = TypeFilter.of(choice, tables.institution_types).apply(
            every[every["indicator"].isin(indicators)]
        )
        return not within_years(rows, years).empty

    ways = []
    narrower = sel.types.choice in ("university", "research_institute")
    if narrower and indicators and has_figures(COMBINED, sel.years):
        ways.append(("show_combined_types", {"institution_type": COMBINED}))
    if not sel.types.everything and has_figures(ALL_TYPES, sel.years):
        ways.append(("show_all_types", {"institution_type": ALL_TYPES}))
    widened_years = sel.years is not None and span is not None and tuple(sel.years) != span
    if widened_years and indicators and has_figures(sel.types.choice, None):
        ways.append(("show_all_years", {"all_years": True}))
    with st.container(horizontal=True):
        for words, widen in ways:
            st.button(
                t(words, lang),
                key=_element_key(words, "widen"),
                on_click=_widen,
                kwargs=widen,
                type="tertiary",
                icon=":material/zoom_out_map:",
            )


def timeline_chart(view: View, name: str, today) -> tuple[pd.DataFrame, list[str]]:
    """The plans' timeline with their milestones under the view's filters; returns the milestones and the
    sources the chart rests on (for the table and the source line that follow it)."""
    from dashboard.charts.programme import timeline_figure  # plotly loads only on pages that draw
    from dashboard.programme.overview import timeline_frames

    spans, milestones = timeline_frames(view.tables, view.selection, today)
    cited = [*view.tables.programmes["source"], *milestones["evidence_source"].dropna()]
    figure = timeline_figure(spans, milestones, view.lang, today)
    show_chart(figure, name, view.lang, footer=chart_footer(cited, view))
    return milestones, cited


def series_chart(view: View, indicator: str, container=None) -> bool:
    """One indicator's published figures under the view's filters, with the source line; False when there
    are none to show."""
    from dashboard.charts.programme import series_figure  # plotly loads only on pages that draw

    sel, tables, lang = view.selection, view.tables, view.lang
    obs = sel.types.apply(tables.observations)
    obs = obs[obs["indicator"] == indicator]
    if obs.empty:
        return False
    place = container or st
    meta = tables.indicator(indicator)
    if len(obs) == 1:  # one figure is a number, not a chart
        row = obs.iloc[0]
        # Whose figure it is, unless it is the nation's: under a type filter, a rate shown bare sat beneath
        # "no figure published on this scope" and read as that scope's.
        whose = (
            ""
            if row["institution_type"] == "all"
            else f" · {tables.type_names(lang)[row['institution_type']]}"
        )
        place.metric(
            f"{meta[f'name_{lang}']}{whose} · {format_period(row['period'], lang, meta['measure'])}",
            format_value(row["value"], meta["unit"], row["qualifier"], lang, meta["unit_en"]),
        )
    else:
        footer = chart_footer(obs["source"], view)
        show_chart(series_figure(obs, meta, tables.type_names(lang), lang), indicator, lang, place, footer)
    download_buttons(series_download(obs, indicator, tables, lang), indicator, lang, place, of_chart=True)
    if any(sel.types.combined_only(x) for x in obs["institution_type"]):
        place.caption(t("combined_figure", lang))
    line = source_line(obs["source"], tables.sources, lang)
    place.caption(literal(line))
    return True


PRESENTATION_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stExpandSidebarButton"] {display: none !important;}
.block-container, [data-testid="stMainBlockContainer"] {padding-top: 1rem !important; max-width: 100% !important;}
h1 {font-size: clamp(1.9rem, 4.8vh, 3rem) !important;}
[data-testid="stMetricValue"] {font-size: clamp(1.75rem, min(3.2vw, 6vh), 3.4rem) !important;}
[data-testid="stMetricValue"], [data-testid="stMetricValue"] *, [data-testid="stMetricLabel"],
[data-testid="stMetricLabel"] * {overflow-wrap: anywhere !important;}
[data-testid="stMetricLabel"] p {font-size: 1.35rem !important;}
[data-testid="stCaptionContainer"] {font-size: 1.1rem !important;}
</style>
"""


def presentation_style() -> None:
    """Hide the sidebar and Streamlit's chrome and enlarge the type, for a projector (a fixed stylesheet: no
    text from data goes into it). Metrics already wrap on every page (DOCUMENT_JS); at this size they may
    break anywhere."""
    st.html(PRESENTATION_CSS)


# Clicks the download button whose key it is given, once it is on the page (a fixed script: the key is ours).
START_DOWNLOAD_JS = """
<script>
(() => {
  const started = Date.now();
  const tryClick = () => {
    const button = document.querySelector('.st-key-%s button');
    if (button) { button.click(); return; }
    if (Date.now() - started < 10000) { setTimeout(tryClick, 100); }
  };
  tryClick();
})();
</script>
"""


# The document's language, for screen readers and the browser's own tools (Streamlit's page says "en"); and
# the icons inside status badges hidden from screen readers: the badge's words say the status, and the icon's
# own name ("check_circle icon") is an id, not a word. One observer per document marks badges as they appear.
# Static tables keep short columns (a change's kind, an editor's name) from being squeezed to one character
# a line beside long ones, and long text wraps at the table's width, not at Streamlit's 400 px a cell (an
# assumption's text had run down a narrow column with half the page empty beside it at 1920 px). A metric's label and value wrap where its box is too narrow for them, never cut
# short with "…" (a target "more than CNY 1 trillion" read "more than C…" in a third of a 1280 px page).
DOCUMENT_JS = """<style>[data-testid="stTable"] th, [data-testid="stTable"] td { min-width: 5em; }
[data-testid="stTable"] td > div { max-width: none !important; }
[data-testid="stMetricValue"], [data-testid="stMetricValue"] *, [data-testid="stMetricLabel"],
[data-testid="stMetricLabel"] * { white-space: normal !important; overflow: visible !important;
  text-overflow: clip !important; overflow-wrap: break-word; }</style>
<script>
(() => {
  document.documentElement.lang = %s;
  if (window.__badgeIconsQuiet) return;
  window.__badgeIconsQuiet = true;
  const quiet = () => document.querySelectorAll('.stMarkdownBadge [role=img]:not([aria-hidden])')
    .forEach((icon) => icon.setAttribute('aria-hidden', 'true'));
  quiet();
  new MutationObserver(quiet).observe(document.body, {childList: true, subtree: true});
})();
</script>"""
DOCUMENT_LANGUAGES = {"zh": "zh-CN", "en": "en"}


def set_document_language(lang: str) -> None:
    """Mark the whole document as written in the page's language (`<html lang="zh-CN">`), every run, and keep
    badge icons quiet for screen readers."""
    st.html(DOCUMENT_JS % json.dumps(DOCUMENT_LANGUAGES[lang]), unsafe_allow_javascript=True)


def start_download(key: str) -> None:
    """Start the download of the download button with this widget key, as if it had been clicked: a file
    made by one click downloads at once."""
    if not key.replace("_", "").replace("-", "").isalnum():
        raise ValueError(f"not a widget key of ours: {key!r}")
    st.html(START_DOWNLOAD_JS % key, unsafe_allow_javascript=True)


def status_badge(status: str | None, label: str, place=None) -> None:
    """A status as a badge: its words, its icon and its colour (never colour alone)."""
    look = status_style(status)
    (place or st).badge(label, color=look.badge, icon=look.icon)


def say_done() -> None:
    """A success message carried over the rerun that follows a change."""
    if message := st.session_state.pop("_data_done", None):
        st.success(message, icon="✅")


def done(message: str) -> None:
    """Say `message` on the next run, and rerun now (after a change, so the page shows its result)."""
    st.session_state["_data_done"] = message
    st.rerun()
