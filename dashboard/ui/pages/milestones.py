"""Milestones: every plan's milestones on a timeline, each done, done late, due or overdue from its evidence."""

import datetime as dt

import streamlit as st

from dashboard.charts import programme as charts
from dashboard.i18n import t
from dashboard.programme import overview, sections
from dashboard.ui.components import caption_sources, chart_footer, show_chart, show_table
from dashboard.ui.view import current_view

view = current_view()
lang, tables = view.lang, view.tables
today = dt.date.today()

st.title(t("milestones_title", lang))
st.caption(t("milestones_intro", lang))
spans, milestones = overview.timeline_frames(tables, view.selection, today)
timeline_sources = [*tables.programmes["source"], *milestones["evidence_source"].dropna()]
show_chart(
    charts.timeline_figure(spans, milestones, lang, today),
    "milestones-timeline",
    lang,
    footer=chart_footer(timeline_sources, view),
)
if milestones.empty:
    st.info(t("nothing_for_filter", lang))
else:
    show_table(
        sections.milestone_table(milestones, tables.programmes, lang), lang, wrap_text=True, name="milestones"
    )
caption_sources(timeline_sources, view)
