"""Targets: every goal's status with the numbers behind it, sortable, and one goal in detail."""

import datetime as dt

import streamlit as st

from dashboard.charts import programme as charts
from dashboard.formatting import literal
from dashboard.i18n import t
from dashboard.programme import computable, outcomes, targets
from dashboard.programme.progress import THRESHOLDS
from dashboard.programme.provenance import assumption_text
from dashboard.ui.components import (
    caption_sources,
    chart_footer,
    series_chart,
    show_chart,
    show_table,
    status_badge,
)
from dashboard.ui.view import current_view, link_value, show_notices

view = current_view()
lang, tables = view.lang, view.tables
th = THRESHOLDS

today = dt.date.today()
items = targets.assess_targets(tables, view.selection.types, today)
verdicts_given = any(item.verdict is not None for item in items)
st.title(t("targets_title_verdicts" if verdicts_given else "targets_title", lang))
if verdicts_given:
    st.caption(t("targets_verdict_intro", lang))
st.caption(t("targets_method_intro", lang, on_track=th.on_track, acceleration=th.acceleration))
if not items:
    st.info(t("no_targets", lang))
    st.stop()
type_names = tables.type_names(lang)

st.header(t("all_targets", lang))
# What a target is (the indicator with its institution type, in one column) and whether it was met, its target
# beside the figure it rests on (with its period), the grade and source, and the progress: a static table
# whose cells wrap, every word on the page. As a grid of eleven columns, a 1280-px screen showed three and cut
# those; the basis and the deadline are in each target's panel below, and everything is in the download.
status_table = targets.merge_type_and_period(
    targets.readable_status_table(items, type_names, lang, tables.sources), lang
)
shown_columns = (
    "col_status",
    "col_indicator",
    "col_target",
    "col_latest",
    "col_evidence_grade",
    "col_source",
)
status_table = status_table[[t(c, lang) for c in (*shown_columns, "col_progress")]]
show_table(
    status_table,
    lang,
    wrap_text=True,
    name="target-status",
    download=computable.target_status_download(items, tables, lang),
)
caption_sources({s for item in items for s in outcomes.cited_sources(item)}, view)

ids = [item.target["id"] for item in items]
if "target" not in st.session_state:
    st.session_state["target"] = link_value("target", ids, ids[0], lang, "choose_target")
    show_notices()
elif st.session_state["target"] not in ids:  # the filter no longer shows the chosen target
    st.session_state["target"] = ids[0]
by_id = {item.target["id"]: item for item in items}
chosen = st.selectbox(
    t("choose_target", lang),
    ids,
    key="target",
    format_func=lambda i: (
        f"{by_id[i].indicator[f'name_{lang}']} · {type_names[by_id[i].target['institution_type']]}"
    ),
)
st.query_params["target"] = chosen
item = by_id[chosen]
a = item.assessment

status_badge(item.status, targets.status_label(item, lang))
st.markdown(f"**{literal(item.target[f'wording_{lang}'])}**")
left, right = st.columns([3, 2])
with left:
    if not item.observations.empty:
        cited = [item.target["source"], *item.observations["source"]]
        show_chart(
            charts.trajectory_figure(item, lang),
            f"trajectory-{chosen}",
            lang,
            footer=chart_footer(cited, view),
        )
        caption_sources(cited, view)
    elif item.parts_only:  # the goal is for the two together; show each part the filter shows
        st.caption(t("reason_published_by_part_only", lang))
        series_chart(view, item.target["indicator"])
    else:
        st.info(t("reason_no_figures", lang))
        caption_sources([item.target["source"]], view)
    if item.drivers is not None:
        st.markdown(f"**{t('drivers_heading', lang)}**")
        show_table(
            outcomes.driver_table(item, tables, lang),
            lang,
            name=f"drivers-{chosen}",
            download=computable.drivers_download(item, tables, lang),
        )
        st.caption(literal(outcomes.driver_caption(item, tables, lang)))
        caption_sources(outcomes.driver_sources(item), view)
with right:
    if item.verdict is not None:
        with st.container(border=True):
            st.markdown(f"**{t('verdict_panel', lang)}**")
            show_table(
                outcomes.verdict_table(item, tables.sources, lang),
                lang,
                wrap_text=True,
                name=f"verdict-{chosen}",
            )
            for text in outcomes.verdict_reason_texts(item, today, lang):
                st.caption(f"• {literal(text)}")
            caption_sources([row["source"] for _, row in item.signals], view)  # the panel cites its own
    method = st.container(border=True)
with method:
    heading = "progress_method_after_deadline" if item.verdict is not None else "method_panel"
    st.markdown(f"**{t(heading, lang)}**")
    show_table(targets.method_table(item, lang), lang, wrap_text=True, name=f"method-{chosen}")
    for text in targets.reason_texts(item, lang) + outcomes.break_texts(item, lang):
        st.caption(f"• {literal(text)}")
    for assumption in outcomes.assumption_ids(item):
        text = assumption_text(assumption, tables.assumptions, lang)
        if text:
            st.caption(f"{t('assumption', lang)}: {literal(text)}")
    st.caption(outcomes.thresholds_text(lang))
