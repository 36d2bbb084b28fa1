"""Presentation mode: one view per screen in large type, the app's chrome hidden, arrow keys to move."""

import datetime as dt
import tempfile
from pathlib import Path

import streamlit as st

from dashboard.briefing import builders as briefing
from dashboard.charts import programme as charts
from dashboard.charts.images import ExportUnavailable, chromium_path
from dashboard.formatting import literal
from dashboard.i18n import t
from dashboard.ui import edge as ui

view = ui.current_view()
lang, tables = view.lang, ui.with_inventory(view.tables, view.years)
today = dt.date.today()
ui.presentation_style()

available = briefing.default_slide_ids(tables, view.choice, today)
names = {i: briefing.slide_name(i, tables, lang) for i in available}
if "slides" not in st.session_state:
    st.session_state["slides"] = ui.saved_slide_list() or available
slides = []
for slide_id in st.session_state["slides"]:
    if slide_id in available:
        slides.append(slide_id)
    elif slide_id not in st.session_state.setdefault("_dropped_slides", set()):
        st.session_state["_dropped_slides"].add(slide_id)
        ui.notice(t("slide_dropped", lang, slide=slide_id))
if not slides:
    st.info(t("no_slides", lang))
    st.stop()
numbers = [str(n) for n in range(1, len(slides) + 1)]
if "slide" not in st.session_state or st.session_state["slide"] not in numbers:
    st.session_state["slide"] = ui.link_value("slide", numbers, "1", lang, "slide_word")
ui.show_notices()


def _move(step: int) -> None:
    st.session_state["slide"] = str(min(max(int(st.session_state["slide"]) + step, 1), len(slides)))


current = int(st.session_state["slide"])
st.query_params["slide"] = str(current)
slide = briefing.build_slide(slides[current - 1], tables, view.choice, lang, today)

with st.container(horizontal=True, vertical_alignment="center"):
    st.button(
        t("previous", lang),
        icon=":material/arrow_back:",
        on_click=_move,
        args=(-1,),
        shortcut="Left",
        disabled=current == 1,
        key="previous_slide",
    )
    st.button(
        t("next", lang),
        icon=":material/arrow_forward:",
        on_click=_move,
        args=(1,),
        shortcut="Right",
        disabled=current == len(slides),
        key="next_slide",
    )
    st.caption(t("slide_of", lang, n=current, total=len(slides)))
    st.page_link(
        "ui/pages/overview.py",
        label=t("exit_presentation", lang),
        icon=":material/close:",
        query_params=view.link_params(),
    )

st.title(slide.title)
if slide.status_label:
    _, colour, icon = charts.STATUS_STYLE[slide.status]
    st.badge(slide.status_label, color=colour, icon=icon)
if slide.key_numbers:
    for column, (label, value) in zip(st.columns(len(slide.key_numbers)), slide.key_numbers, strict=True):
        column.metric(label, value)
if slide.figure is not None:
    ui.show_chart(slide.figure, slide.id.replace(":", "-"))
if slide.table is not None:
    ui.show_table(slide.table, name="target-status")
st.caption(literal(slide.source_line))

with st.expander(t("choose_slides", lang)):
    chosen = st.multiselect(
        t("choose_slides", lang),
        available,
        default=slides,
        format_func=names.get,
        help=t("choose_slides_help", lang),
        key="slide_picker",
    )
    if chosen != slides:
        st.session_state["slides"] = chosen
        st.session_state["slide"] = "1"
        st.rerun()
    left, right = st.columns(2)
    if left.button(t("save_slides", lang), icon=":material/save:"):
        ui.save_slide_list(chosen)
        st.success(t("slides_saved", lang))
    if right.button(t("reset_slides", lang), icon=":material/restart_alt:"):
        st.session_state["slides"] = available
        st.session_state["slide"] = "1"
        st.rerun()

with st.expander(t("export_deck", lang)):
    if chromium_path() is None:
        st.warning(t("images_unavailable", lang))
    else:
        for fmt, label, mime in (
            ("pptx", "prepare_pptx", briefing.PPTX_MIME),
            ("pdf", "prepare_pdf", "application/pdf"),
        ):
            if st.button(t(label, lang), key=f"make_{fmt}"):
                bar = st.progress(0.0)
                target = Path(tempfile.mkdtemp()) / f"briefing.{fmt}"
                try:
                    briefing.make_deck(
                        tables,
                        view.choice,
                        view.years,
                        lang,
                        slides,
                        fmt,
                        target,
                        today,
                        lambda done, total, bar=bar: bar.progress(
                            done / total, t("exporting", lang, n=done, total=total)
                        ),
                    )
                except ExportUnavailable as exc:
                    st.warning(str(exc))
                else:
                    st.session_state[f"deck_{fmt}"] = target.read_bytes()
            if st.session_state.get(f"deck_{fmt}"):
                name = f"briefing-{today.isoformat()}-{lang}.{fmt}"
                st.download_button(
                    t("download_file", lang, name=name),
                    st.session_state[f"deck_{fmt}"],
                    name,
                    mime,
                    key=f"download_{fmt}",
                    on_click="ignore",
                    icon=":material/download:",
                )
