"""Milestones: every plan's milestones on a timeline, each done, done late, due or overdue from its evidence."""

import datetime as dt

import streamlit as st

from dashboard.i18n import t
from dashboard.programme import sections
from dashboard.ui.components import caption_sources, nothing_here, show_table, timeline_chart
from dashboard.ui.view import current_view

view = current_view()
lang, tables = view.lang, view.tables
today = dt.date.today()

st.title(t("milestones_title", lang))
st.caption(t("milestones_intro", lang))
milestones, timeline_sources = timeline_chart(view, "milestones-timeline", today)
if milestones.empty:
    nothing_here(view)
else:
    show_table(
        sections.milestone_table(milestones, tables.programmes, lang), lang, wrap_text=True, name="milestones"
    )
caption_sources(timeline_sources, view)
