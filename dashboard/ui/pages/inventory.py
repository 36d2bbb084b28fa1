"""The stock-patent inventory: the funnel to deals and the dispositions, then tabs for province and field,
grant year and deal values, institutions, and the records themselves (only the open tab runs), under the
sidebar's filters and the page's own province and field."""

import streamlit as st

from dashboard.downloads import table_csv, table_xlsx
from dashboard.formatting import NO_VALUE, count_text, literal, money_text
from dashboard.i18n import t
from dashboard.inventory import charts
from dashboard.inventory import store as inventory_store
from dashboard.inventory.engine import Filters, filtered, rule_shift
from dashboard.inventory.records import IPC_SECTIONS
from dashboard.inventory.tables import (
    XLSX_LIMIT,
    dataset_note,
    download_name,
    export_csv,
    export_xlsx,
    inventory_types,
    league_table,
    page_table,
    with_note,
)
from dashboard.ui.cache import (
    inventory_frame,
    inventory_league,
    inventory_page_data,
    inventory_records_page,
    open_store,
    province_tiles,
)
from dashboard.ui.components import show_chart
from dashboard.ui.panels import inventory as panels
from dashboard.ui.view import current_view

# How the open tab's figures share its width (charts.TAB_FIGURES names them, in this order); None: one under
# the other (the province tile map, beside another chart, had its tiles run into each other at 1280 px).
TAB_COLUMNS = {"provinces": None, "years": 2}
RECORDS_HEIGHT = 456  # px: the header and 12 rows of records
RECORDS_DEAL_WIDTH = 104  # px: "2026-07-11", "Open licence"

view = current_view()
lang, tables = view.lang, view.tables
st.title(t("inv_title", lang))
panels.show_message()
store = open_store()
state = inventory_store.state(store)
if not state.records:
    st.caption(t("inv_intro", lang))
    panels.empty_state(lang, tables)
    st.stop()
if state.synthetic:
    panels.synthetic_banner(state, tables, lang)
note = dataset_note(state, lang)
with st.spinner(t("inv_loading", lang)):
    frame = inventory_frame(state.cache_key)

types = inventory_types(view.selection.types)
tiles = province_tiles()
province_names = dict(zip(tiles["id"], tiles[f"name_{lang}"], strict=True))
type_names = {k: v for k, v in tables.type_names(lang).items() if k in ("university", "research_institute")}
# The page's own filters live in its address too (?province=<id>&field=<A–H>, each repeatable), like the
# sidebar's. (Streamlit's widget binding would write the shown names, which change with the language, not ids.)
for name, allowed, label in (
    ("province", list(tiles["id"]), "inv_province"),
    ("field", IPC_SECTIONS, "inv_field"),
):
    if name not in st.session_state:
        linked = [v for v in st.query_params.get_all(name) if v]
        for value in (v for v in linked if v not in allowed):
            st.info(literal(t("link_value_unknown", lang, what=t(label, lang), value=value)), icon="ℹ️")
        st.session_state[name] = [v for v in allowed if v in linked]


@st.fragment
def results() -> None:
    """The page's own filters and everything they drive: a change of province or field reruns only this, not
    the sidebar and the rest of the app (a sidebar change reruns the whole page, this with it)."""
    left, right = st.columns(2)
    provinces = left.multiselect(
        t("inv_province", lang),
        list(tiles["id"]),
        key="province",
        format_func=province_names.get,
        placeholder=t("inv_province_all", lang),
    )
    sections = right.multiselect(
        t("inv_field", lang),
        IPC_SECTIONS,
        key="field",
        placeholder=t("inv_field_all", lang),
        format_func=lambda s: f"{s} {t(f'inv_ipc_{s}', lang)}",
    )
    for name, chosen in (("province", provinces), ("field", sections)):
        if chosen:
            st.query_params[name] = list(chosen)
        else:
            st.query_params.pop(name, None)
    if not types:
        st.info(t("inv_no_types", lang))
        st.stop()
    filters = Filters(types, view.selection.years, tuple(provinces), tuple(sections))
    data = inventory_page_data(state.cache_key, filters)
    st.caption(
        f"{t('inv_years_note', lang)} {t('inv_outside_years', lang, n=count_text(data.outside_years, lang)) if data.outside_years else ''}"
    )
    if not data.shown:
        st.info(t("inv_nothing", lang))
        st.stop()

    funnel = dict(zip(data.funnel["level"], data.funnel["patents"], strict=True))
    value = float(data.deals["value"].fill_null(0).sum()) if data.deals.height else 0.0
    # Side by side where they fit, wrapped to the next line where they do not (never cut short).
    row = st.container(horizontal=True, wrap=True, gap="large")
    for label, shown in zip(
        ("inv_m_patents", "inv_m_pool", "inv_m_deals", "inv_m_value"),
        (
            *(
                t("inv_m_count", lang, n=count_text(n, lang))
                for n in (data.shown, funnel["conversion_pool"], funnel["deal"])
            ),
            money_text(value, lang),
        ),
        strict=True,
    ):
        row.metric(t(label, lang), shown, width="content")
    st.caption(note)

    # The first screen's two charts above the tabs; only the open tab's figures are built (charts.page_figures).
    first = st.columns(2)
    shown_view, tab = panels.view_tab(lang)
    figures = charts.page_figures(data, tiles, type_names, lang, note, shown_view)
    for name, place in zip(charts.FIRST_SCREEN, first, strict=True):
        show_chart(figures[name], name, lang, place)
    first[0].caption(t("inv_funnel_note", lang))
    with tab:
        if shown_view in charts.TAB_FIGURES:
            shares, names = TAB_COLUMNS[shown_view], charts.TAB_FIGURES[shown_view]
            places = st.columns(shares) if shares else [st.container() for _ in names]
            for name, place in zip(names, places, strict=True):
                if name in figures:
                    show_chart(figures[name], name, lang, place)
                else:  # page_figures leaves out only the deal values, when the filter shows no deal
                    place.info(t("inv_no_deals", lang))
        elif shown_view == "institutions":
            st.subheader(t("inv_league", lang))
            league = league_table(
                inventory_league(state.cache_key, filters), type_names, province_names, lang
            )
            # Counts with thousands separators, amounts with two places: 50,616 and 94.40, not 50616 and 94.4.
            counts = ("inv_col_patents", "inv_col_pooled", "inv_col_deals")
            number_formats = {t(c, lang): st.column_config.NumberColumn(format="localized") for c in counts}
            number_formats[t("inv_col_deal_value", lang)] = st.column_config.NumberColumn(format="accounting")
            st.dataframe(
                league,
                hide_index=True,
                width="stretch",
                height="content",
                placeholder=NO_VALUE,
                column_config=number_formats,
            )
            st.caption(note)
            marked = with_note(league, state.synthetic, lang)
            panels.downloads(
                "inv_league",
                lambda: table_csv(marked),
                lambda: table_xlsx(marked, lang),
                f"{download_name(state.synthetic)}-institutions",
                lang,
            )
        else:
            st.subheader(t("inv_table", lang))
            rows, page, pages = inventory_records_page(
                state.cache_key, filters, data.shown, st.session_state.get("inv_page", 1)
            )
            st.session_state["inv_page"] = page
            with st.container(horizontal=True, vertical_alignment="bottom"):
                st.number_input(t("inv_page", lang), 1, pages, key="inv_page", width=160)
                st.caption(t("inv_page_of", lang, page=page, pages=f"{pages:,}", n=f"{data.shown:,}"))
            # A page of records scrolls inside a screen-high grid: grown to its 50 rows, the grid put its sideways
            # scrollbar (its columns do not fit 1280 px) far below the screen, and its last column looked cut. The
            # patent number stays in sight as it scrolls sideways.
            st.dataframe(
                page_table(rows, type_names, province_names, lang),
                hide_index=True,
                width="stretch",
                height=RECORDS_HEIGHT,
                placeholder=NO_VALUE,  # a patent with no deal: no deal type, value or date
                column_config={
                    t("inv_col_patent_number", lang): st.column_config.TextColumn(pinned=True),
                    # sized for a deal's values: the grid sizes a column by its first rows, mostly without a deal
                    # ("—"), and cut "2026-07-11" and "Licence"
                    t("inv_col_deal_type", lang): st.column_config.TextColumn(width=RECORDS_DEAL_WIDTH),
                    t("inv_col_deal_date", lang): st.column_config.TextColumn(width=RECORDS_DEAL_WIDTH),
                },
            )
            st.caption(note)
            panels.downloads(
                "inv",
                lambda: export_csv(filtered(frame, filters), state.synthetic),
                lambda: export_xlsx(filtered(frame, filters), state.synthetic),
                download_name(state.synthetic),
                lang,
                t("inv_download_csv", lang),
                t("inv_download_xlsx", lang),
                None if data.shown <= XLSX_LIMIT else t("inv_xlsx_too_many", lang, n=f"{XLSX_LIMIT:,}"),
            )

    with st.expander(t("inv_rules_heading", lang)):
        panels.rules_panel(
            lang, inventory_store.rules(store), lambda rules: rule_shift(frame, filters, rules)
        )


results()

with st.expander(t("inv_import_heading", lang)):
    panels.import_panel(lang)
    if state.synthetic:
        panels.demo_panel(lang, tables)
