"""Milestones: every plan's milestones on a timeline, each done, due or overdue."""

import datetime as dt

import streamlit as st

from dashboard.charts import programme as charts
from dashboard.i18n import t
from dashboard.programme import overview, sections
from dashboard.ui import edge as ui

view = ui.current_view()
lang, tables = view.lang, view.tables
today = dt.date.today()

st.title(t("milestones_title", lang))
st.caption(t("milestones_intro", lang))
spans, milestones = overview.timeline_frames(tables, view.choice, lang)
states = sections.milestone_frame(tables, view.choice, today)
milestones = milestones.merge(states[["id", "state"]], on="id", validate="one_to_one")
ui.show_chart(charts.timeline_figure(spans, milestones, lang, today), "milestones-timeline")
if states.empty:
    st.info(t("nothing_for_filter", lang))
else:
    ui.show_table(
        sections.milestone_table(states, tables["programmes"], lang), wrap_text=True, name="milestones"
    )
ui.caption_sources([*tables["programmes"]["source"], *states["evidence_source"].dropna()], view)
