"""Enterprises & SMEs: the enterprise industrialisation rate, patent-intensive products, the SME plan."""

import datetime as dt

import streamlit as st

from dashboard.i18n import t
from dashboard.programme import overview, targets
from dashboard.ui.components import caption_sources, nothing_here, series_chart, status_badge
from dashboard.ui.view import current_view

view = current_view()
lang, tables = view.lang, view.tables

st.title(t("ent_title", lang))

st.header(t("rates_by_type", lang))
if not series_chart(view, "invention_industrialisation_rate"):
    nothing_here(view, ("invention_industrialisation_rate",))

st.header(t("ent_products", lang))
items = [
    i
    for i in targets.assess_targets(tables, view.selection.types, dt.date.today())
    if i.target["indicator"] == "patent_intensive_product_output"
]
for item in items:
    status_badge(
        item.assessment.status,
        f"{t('target', lang)} {targets.target_text(item, lang)} · {targets.status_label(item, lang)}",
    )
left, right = st.columns(2)
if not any(
    [
        series_chart(view, "patent_intensive_product_output", left),
        series_chart(view, "patent_intensive_products_certified", right),
    ]
):
    nothing_here(view, ("patent_intensive_product_output", "patent_intensive_products_certified"))
else:  # the key to the markers (a lower bound's triangle stands beside an exact count)
    st.caption(t("marker_legend_short", lang))

st.header(t("ent_sme", lang))
sme = overview.statement(tables, "sme_goal")
if "enterprise" in view.selection.types.shown:
    st.write(sme[f"text_{lang}"])
    caption_sources([sme["source"]], view)
    series_chart(view, "firms_matchmaking")
else:
    nothing_here(view, ("firms_matchmaking",))
