"""Universities & institutes: contracts, the stock-patent work, recorded transfers, industrialisation rates."""

import streamlit as st

from dashboard.charts import programme as charts
from dashboard.i18n import t
from dashboard.programme import sections
from dashboard.ui.components import caption_sources, chart_footer, nothing_here, series_chart, show_chart
from dashboard.ui.view import current_view

view = current_view()
lang, tables = view.lang, view.tables

st.title(t("univ_title", lang))

st.header(t("univ_contracts", lang))
left, right = st.columns(2)
drawn = [
    series_chart(view, "univ_transfer_contracts", left),
    series_chart(view, "univ_transfer_amount", right),
]
if any(drawn):
    st.caption(t("marker_legend_short", lang))
else:
    nothing_here(view, ("univ_transfer_contracts", "univ_transfer_amount"))

st.header(t("univ_stock", lang))
stages = sections.stock_stages(tables, view.selection)
if stages.empty:
    nothing_here(view, tuple(sections.STOCK_STAGES))
else:
    show_chart(
        charts.stage_figure(stages, lang, t("univ_stock_chart", lang)),
        "stock-patent-stages",
        lang,
        footer=chart_footer(stages["source"], view),
    )
    st.caption(t("univ_stock_note", lang))
    sources = list(stages["source"])
    scope = sections.inventory_scope(tables, stages, lang)
    if scope:
        text, source = scope
        st.caption(text)
        sources.append(source)
    caption_sources(sources, view)

st.header(t("univ_recordals", lang))
left, right = st.columns(2)
if not any(
    [
        series_chart(view, "transfer_licence_recordals", left),
        series_chart(view, "transfer_licence_recordals_since_action", right),
    ]
):
    nothing_here(view, ("transfer_licence_recordals", "transfer_licence_recordals_since_action"))

st.header(t("rates_by_type", lang))
if not series_chart(view, "invention_industrialisation_rate"):
    nothing_here(view, ("invention_industrialisation_rate",))
