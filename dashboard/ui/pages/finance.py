"""Finance: pledge financing and IP royalties; the warrant pilots on a schematic map and in a table."""

import streamlit as st

from dashboard.charts import maps as geography
from dashboard.i18n import t
from dashboard.programme import overview
from dashboard.ui import edge as ui

view = ui.current_view()
lang, tables = view.lang, view.tables

st.title(t("finance_title", lang))

st.header(t("finance_pledge", lang))
left, right = st.columns(2)
if not any(
    [ui.series_chart(view, "ip_pledge_financing", left), ui.series_chart(view, "ip_royalty_trade", right)]
):
    st.info(t("nothing_for_filter", lang))
else:
    st.caption(t("marker_legend_short", lang))

st.header(t("pilots_heading", lang))
if "enterprise" in ui.shown_types(view):
    pilots = tables["pilots"]
    highlighted = dict(zip(pilots["province_zh"], pilots[f"name_{lang}"], strict=True))
    ui.show_chart(
        geography.tile_map_figure(
            geography.load_province_tiles(),
            highlighted,
            lang,
            t("pilots_map_title", lang),
            t("map_note", lang),
        ),
        "warrant-pilots-map",
    )
    ui.show_table(overview.pilots_table(tables, lang), name="warrant-pilots")
    ui.caption_sources(pilots["source"], view)
else:
    st.info(t("nothing_for_filter", lang))
