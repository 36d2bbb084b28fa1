"""Targets: every goal's status with the numbers behind it, sortable, and one goal in detail."""

import datetime as dt

import streamlit as st

from dashboard.charts import programme as charts
from dashboard.formatting import literal
from dashboard.i18n import t
from dashboard.programme import targets
from dashboard.programme.progress import THRESHOLDS
from dashboard.programme.provenance import assumption_text
from dashboard.ui import edge as ui

view = ui.current_view()
lang, tables = view.lang, view.tables
th = THRESHOLDS

st.title(t("targets_title", lang))
st.caption(t("targets_method_intro", lang, on_track=th.on_track, acceleration=th.acceleration))
items = targets.assess_targets(tables, view.choice, dt.date.today())
if not items:
    st.info(t("no_targets", lang))
    st.stop()
type_names = dict(
    zip(tables["institution_types"]["id"], tables["institution_types"][f"name_{lang}"], strict=True)
)

st.subheader(t("all_targets", lang))
ui.show_table(targets.readable_status_table(items, type_names, lang), name="target-status")
ui.caption_sources({s for item in items for s in [item.target["source"], *item.observations["source"]]}, view)

ids = [item.target["id"] for item in items]
if "target" not in st.session_state:
    st.session_state["target"] = ui.link_value("target", ids, ids[0], lang, "choose_target")
    ui.show_notices()
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

_, badge_colour, icon = charts.STATUS_STYLE[a.status]
st.badge(targets.status_label(a, lang), color=badge_colour, icon=icon)
st.markdown(f"**{literal(item.target[f'wording_{lang}'])}**")
left, right = st.columns([3, 2])
with left:
    if not item.observations.empty:
        ui.show_chart(charts.trajectory_figure(item, lang), f"trajectory-{chosen}")
        ui.caption_sources([item.target["source"], *item.observations["source"]], view)
    elif item.parts_only:  # the goal is for the two together; show each part the filter shows
        st.caption(t("reason_published_by_part_only", lang))
        ui.series_chart(view, item.target["indicator"])
    else:
        st.info(t("reason_no_figures", lang))
        ui.caption_sources([item.target["source"]], view)
with right, st.container(border=True):
    st.markdown(f"**{t('method_panel', lang)}**")
    ui.show_table(targets.method_table(item, lang), wrap_text=True, name=f"method-{chosen}")
    for text in targets.reason_texts(item, lang):
        st.caption(f"• {text}")
    for assumption in {item.target["assumption"], *item.observations["assumption"]}:
        text = assumption_text(assumption, tables["assumptions"], lang)
        if text:
            st.caption(f"{t('assumption', lang)}: {text}")
    st.caption(
        t(
            "m_thresholds",
            lang,
            on_track=th.on_track,
            acceleration=th.acceleration,
            marked=f"{th.trend_marked:.1%}",
            moderate=f"{th.trend_moderate:.1%}",
        )
    )
