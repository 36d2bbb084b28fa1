"""Presentation mode: one view per screen in large type, the app's chrome hidden, arrow keys to move."""

import datetime as dt
import tempfile
from pathlib import Path

import streamlit as st

from dashboard.briefing import builders as briefing
from dashboard.briefing import fonts
from dashboard.briefing.deck import make_deck
from dashboard.briefing.slides import PPTX_MIME
from dashboard.charts.images import ExportUnavailable, chromium_path
from dashboard.formatting import literal, period_on_label, unbroken_brackets, unbroken_last_part
from dashboard.i18n import t
from dashboard.programme import computable, targets
from dashboard.store.database import StoreError
from dashboard.ui.auth import current_editor
from dashboard.ui.cache import briefing_inventory, save_slide_list, saved_slide_list
from dashboard.ui.components import presentation_style, show_chart, show_table, start_download, status_badge
from dashboard.ui.router import page_path
from dashboard.ui.view import current_view, link_value, notice, show_notices

# What a slide shows under its chart, in pixels of the screen: the PNG/SVG buttons and two lines of sources.
SLIDE_BELOW_CHART_PX = 150

view = current_view()
sel, tables = view.selection, view.tables
lang = sel.lang
inventory = briefing_inventory(sel.years)
today = dt.date.today()
presentation_style()

available = briefing.default_slide_ids(tables, sel.types, today, inventory)
names = {i: briefing.slide_name(i, tables, lang) for i in available}
if "slides" not in st.session_state:
    st.session_state["slides"] = saved_slide_list() or available
slides = []
for slide_id in st.session_state["slides"]:
    if slide_id in available:
        slides.append(slide_id)
    elif slide_id not in st.session_state.setdefault("_dropped_slides", set()):
        st.session_state["_dropped_slides"].add(slide_id)
        notice(t("slide_dropped", lang, slide=slide_id))
if not slides:
    st.info(t("no_slides", lang))
    st.stop()
numbers = [str(n) for n in range(1, len(slides) + 1)]
if "slide" not in st.session_state or st.session_state["slide"] not in numbers:
    st.session_state["slide"] = link_value("slide", numbers, "1", lang, "slide_word")
show_notices()


def _move(step: int) -> None:
    st.session_state["slide"] = str(min(max(int(st.session_state["slide"]) + step, 1), len(slides)))


current = int(st.session_state["slide"])
st.query_params["slide"] = str(current)
slide = briefing.build_slide(slides[current - 1], tables, sel, today, inventory)

# No icons on the two buttons: Streamlit writes each one's key (← / →) beside its label, which is the arrow.
with st.container(horizontal=True, vertical_alignment="center"):
    st.button(
        t("previous", lang),
        on_click=_move,
        args=(-1,),
        shortcut="Left",
        disabled=current == 1,
        key="previous_slide",
    )
    st.button(
        t("next", lang),
        on_click=_move,
        args=(1,),
        shortcut="Right",
        disabled=current == len(slides),
        key="next_slide",
    )
    st.caption(t("slide_of", lang, n=current, total=len(slides)))
    st.page_link(
        page_path("overview"),
        label=t("exit_presentation", lang),
        icon=":material/close:",
        query_params=view.selection.link_params(),
    )

st.title(slide.title)
if slide.status_label:
    status_badge(slide.status, slide.status_label)
if slide.key_numbers:
    # Figures level along the row's foot whatever their labels' lines (a label on three lines set its figure
    # 60 px below its neighbour's).
    columns = st.columns(len(slide.key_numbers), vertical_alignment="bottom")
    for column, (label, value) in zip(columns, slide.key_numbers, strict=True):
        # The period on the label's line, in its smaller type (on a second line of the figure, it pushed the
        # chart and its sources down a 720-px screen), and not broken inside its brackets or its last part.
        label_line, figure = period_on_label(label, value)
        column.metric(unbroken_last_part(unbroken_brackets(label_line)), figure)
if slide.figure is not None:
    # The chart leaves room on the screen for the source line (two lines of it) and then its downloads: the
    # sources come first, so that on a short screen the buttons, not the sources, go below the fold.
    show_chart(
        slide.figure,
        slide.id.replace(":", "-"),
        lang,
        fit_below=SLIDE_BELOW_CHART_PX,
        caption=slide.source_line,
    )
if slide.table is not None:
    items = targets.assess_targets(tables, sel.types, today)  # the summary slide's table, to compute with
    show_table(
        slide.table,
        lang,
        wrap_text=True,  # a projected table wraps its long cells instead of cutting them at the screen's edge
        name="target-status",
        download=computable.target_status_download(items, tables, lang),
    )
if slide.figure is None:
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
    editor = current_editor()
    if editor is None:  # a viewer's choice lives in this session; saving it for everyone is an editor's
        left.caption(t("slides_save_editors", lang))
    elif left.button(t("save_slides", lang), icon=":material/save:"):
        try:
            save_slide_list(chosen, editor)
        except StoreError as exc:
            st.error(literal(exc.text(lang)), icon="⚠️")
        else:
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
            ("pptx", "prepare_pptx", PPTX_MIME),
            ("pdf", "prepare_pdf", "application/pdf"),
        ):
            if fmt == "pdf" and (missing := fonts.missing_packages()):
                st.warning(t("export_no_pdf_fonts", lang, packages=" ".join(missing)))
                continue
            built = False
            if st.button(t(label, lang), key=f"make_{fmt}"):
                bar = st.progress(0.0)
                with tempfile.TemporaryDirectory() as folder:
                    target = Path(folder) / f"briefing.{fmt}"
                    try:
                        make_deck(
                            tables,
                            sel,
                            slides,
                            fmt,
                            target,
                            today,
                            inventory,
                            lambda done, total, bar=bar: bar.progress(
                                done / total, t("exporting", lang, n=done, total=total)
                            ),
                        )
                    except ExportUnavailable as exc:
                        st.warning(exc.text(lang))
                    else:
                        st.session_state[f"deck_{fmt}"] = target.read_bytes()
                        built = True
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
                if (
                    built
                ):  # one click: the file just made downloads at once; the button stays for another copy
                    start_download(f"download_{fmt}")
