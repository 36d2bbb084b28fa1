"""Finance: pledge financing and IP royalties; the warrant pilots on a schematic map and in a table."""

import streamlit as st

from dashboard.charts import maps as geography
from dashboard.i18n import t
from dashboard.programme import overview
from dashboard.provinces import load_province_tiles
from dashboard.ui.components import caption_sources, nothing_here, series_chart, show_chart, show_table
from dashboard.ui.view import current_view

view = current_view()
lang, tables = view.lang, view.tables

st.title(t("finance_title", lang))

st.header(t("finance_pledge", lang))
left, right = st.columns(2)
if not any([series_chart(view, "ip_pledge_financing", left), series_chart(view, "ip_royalty_trade", right)]):
    nothing_here(view, ("ip_pledge_financing", "ip_royalty_trade"))
else:
    st.caption(t("marker_legend_short", lang))

st.header(t("pilots_heading", lang))
if "enterprise" in view.selection.types.shown:
    pilots = tables.pilots
    highlighted = dict(zip(pilots["province_zh"], pilots[f"name_{lang}"], strict=True))
    show_chart(
        geography.tile_map_figure(
            load_province_tiles(),
            highlighted,
            lang,
            t("pilots_map_title", lang),
            geography.schematic_note(lang),
        ),
        "warrant-pilots-map",
        lang,
    )
    show_table(overview.pilots_table(tables, lang), lang, name="warrant-pilots")
    caption_sources(pilots["source"], view)
else:
    nothing_here(view)
