"""Streamlit pieces of the inventory that more than one page can use: the import panel, the demo panel, the
empty state, the synthetic-data notice and the rule-trial panel. Edits (import, demo, saving rules) are for
a signed-in editor only (`current_editor()`); a viewer sees why the controls are not there."""

from __future__ import annotations

import tempfile
from pathlib import Path

import streamlit as st

from dashboard.curation.catalogue import Tables
from dashboard.formatting import literal
from dashboard.i18n import t
from dashboard.inventory import demo, grading
from dashboard.inventory import store as inventory_store
from dashboard.inventory.demo import AnchorMissing
from dashboard.inventory.records import COLUMN_NAMES, InventoryFileError
from dashboard.inventory.service import ImportedInventoryInTheWay, import_file, load_demo
from dashboard.inventory.tables import rules_text, synthetic_notice
from dashboard.programme.provenance import source_line
from dashboard.store.database import StoreError
from dashboard.store.editors import NotAnEditor
from dashboard.ui.auth import current_editor
from dashboard.ui.cache import open_store
from dashboard.ui.components import XLSX_MIME

UPLOAD_LIMIT_MB = (
    1024  # the inventory's own limit, and the app's server.maxUploadSize (the largest of any uploader)
)
DEMO_DEFAULT_ROWS = 100_000
DEMO_MAX_ROWS = 20_000_000


def _writer(bar, lang: str):
    def progress(done: int, total: int) -> None:
        bar.progress(
            min(1.0, done / max(total, 1)),
            t("inv_progress_write", lang, done=f"{done:,}", total=f"{total:,}"),
        )

    return progress


def editor_note(lang: str, quiet: bool = False) -> bool:
    """True for a signed-in editor; otherwise says who may edit (unless `quiet`) and returns False."""
    if current_editor():
        return True
    if not quiet:
        st.info(t("inv_editor_only", lang), icon=":material/lock:")
    return False


def import_panel(lang: str, key: str = "inv_import", quiet: bool = False) -> None:
    """Upload a CSV, XLSX or Parquet file and replace the inventory with it, all or nothing."""
    st.header(t("inv_import_heading", lang))
    st.caption(t("inv_import_help", lang))
    st.code(",".join(COLUMN_NAMES), language=None, wrap_lines=True)
    if not editor_note(lang, quiet):
        return
    store = open_store()
    current = inventory_store.state(store)
    upload = st.file_uploader(
        t("inv_import_file", lang),
        type=["csv", "xlsx", "parquet"],
        key=f"{key}_file",
        max_upload_size=UPLOAD_LIMIT_MB,
        help=t("inv_upload_limit", lang, mb=f"{UPLOAD_LIMIT_MB:,}"),
    )
    if current.records:
        st.caption(t("inv_import_replaces", lang, n=f"{current.records:,}"))
    if not st.button(
        t("inv_import_button", lang),
        key=f"{key}_go",
        disabled=upload is None,
        type="primary",
        icon=":material/upload:",
    ):
        return
    bar = st.progress(0.0, t("inv_progress_read", lang))  # reading and checking; then writing, chunk by chunk
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / Path(upload.name).name
        path.write_bytes(upload.getvalue())
        try:
            done = import_file(
                store,
                path,
                current_editor(),
                name=upload.name,
                progress=_writer(bar, lang),
                checked=lambda n: bar.progress(0.0, t("inv_progress_check", lang, n=f"{n:,}")),
            )
        except InventoryFileError as exc:
            bar.empty()
            st.error(t("inv_import_failed", lang, file=upload.name, n=exc.total), icon=":material/error:")
            st.code(exc.text(lang), language=None, wrap_lines=True)
            return
        except (StoreError, NotAnEditor) as exc:
            bar.empty()
            st.error(exc.text(lang), icon=":material/error:")
            return
    st.session_state["_inv_message"] = t("inv_import_done", lang, n=f"{done.records:,}", file=upload.name)
    st.rerun()


def demo_panel(lang: str, tables: Tables, key: str = "inv_demo", quiet: bool = False) -> None:
    """Generate the synthetic demo inventory (replacing what is stored) from a record count and a seed."""
    st.header(t("inv_demo_heading", lang))
    st.caption(t("inv_demo_help", lang))
    if not editor_note(lang, quiet):
        return
    left, right = st.columns(2)
    rows = left.number_input(
        t("inv_demo_rows", lang), 1, DEMO_MAX_ROWS, DEMO_DEFAULT_ROWS, step=10_000, key=f"{key}_rows"
    )
    seed = right.number_input(t("inv_demo_seed", lang), 0, 2**31 - 1, 1, key=f"{key}_seed")
    if not st.button(t("inv_demo_button", lang), key=f"{key}_go", type="primary", icon=":material/science:"):
        return
    bar = st.progress(0.0, t("inv_progress_generate", lang))
    try:
        load_demo(open_store(), tables, int(rows), int(seed), current_editor(), progress=_writer(bar, lang))
    except (StoreError, NotAnEditor, AnchorMissing, ImportedInventoryInTheWay) as exc:
        bar.empty()
        st.error(exc.text(lang), icon=":material/error:")
        return
    st.session_state["_inv_message"] = t("inv_demo_done", lang, n=f"{int(rows):,}")
    st.rerun()


def downloads(
    key: str,
    csv_data,
    xlsx_data,
    name: str,
    lang: str,
    csv_help: str | None = None,
    xlsx_help: str | None = None,
    xlsx_refused: str | None = None,
) -> None:
    """CSV and XLSX buttons whose files are made only when clicked; `xlsx_refused` disables XLSX, saying why."""
    with st.container(horizontal=True):
        st.download_button(
            "CSV",
            csv_data,
            f"{name}.csv",
            "text/csv",
            key=f"{key}_csv",
            icon=":material/download:",
            on_click="ignore",
            help=csv_help or t("download_csv", lang),
        )
        st.download_button(
            "XLSX",
            xlsx_data,
            f"{name}.xlsx",
            XLSX_MIME,
            key=f"{key}_xlsx",
            icon=":material/download:",
            on_click="ignore",
            disabled=xlsx_refused is not None,
            help=xlsx_refused or xlsx_help or t("download_xlsx", lang),
        )
    if xlsx_refused:  # said beside the greyed button, not only in its tooltip
        st.caption(xlsx_refused)


VIEWS = ("provinces", "years", "institutions", "patents")  # the tabs' ids, as the address names them


def _view_of(label) -> str | None:
    """The view a tab label names, in either language (the label stays in the session when the language
    changes)."""
    for view in VIEWS:
        if label in (t(f"inv_view_{view}", "zh"), t(f"inv_view_{view}", "en")):
            return view
    return None


def view_tab(lang: str):
    """The page's lower half as tabs of which only the open one runs: the others' charts and tables are
    neither computed, nor sent, nor drawn, so a filter change redraws what is in view and no more. The open
    tab is in the address (?view=<id>; none for the first), so a link opens it. Returns (id, its container)."""
    labels = {view: t(f"inv_view_{view}", lang) for view in VIEWS}
    shown = st.session_state.get("inv_view")
    if shown not in labels.values():  # the page's first run in this session, or the language changed
        linked = st.query_params.get("view")
        if shown is None and linked and linked not in VIEWS:
            st.info(literal(t("link_value_unknown", lang, what=t("inv_view", lang), value=linked)), icon="ℹ️")
        view = _view_of(shown) or (linked if linked in VIEWS else VIEWS[0])
        st.session_state["inv_view"] = labels[view]
    tabs = st.tabs(list(labels.values()), key="inv_view", on_change="rerun")
    view = next((v for v, tab in zip(VIEWS, tabs, strict=True) if tab.open), VIEWS[0])
    if view == VIEWS[0]:
        st.query_params.pop("view", None)
    else:
        st.query_params["view"] = view
    return view, tabs[VIEWS.index(view)]


def show_message() -> None:
    message = st.session_state.pop("_inv_message", None)
    if message:
        st.success(message, icon=":material/check_circle:")


def empty_state(lang: str, tables: Tables) -> None:
    """No inventory yet: say so, and offer the demo beside the import."""
    with st.container(border=True):
        st.header(t("inv_empty_title", lang))
        st.write(t("inv_empty_body", lang))
        editor_note(lang)
        left, right = st.columns(2)
        with left:
            demo_panel(lang, tables, quiet=True)
        with right:
            import_panel(lang, quiet=True)


def synthetic_banner(state: inventory_store.InventoryState, tables: Tables, lang: str) -> None:
    """The notice above everything drawn from synthetic demo data: what it is, in one line that leaves the first
    screen to the figures (at 1280×720 the whole notice filled it); what it is shaped on, one click away."""
    anchors = demo.anchors_of(state.detail)
    if anchors is None:
        try:
            anchors = demo.published_anchors(tables)
        except LookupError:  # the curated data no longer has them: say only what the data is
            anchors = None
    lines = synthetic_notice(anchors, state.records, lang) if anchors else []
    st.warning(t("inv_synthetic_banner", lang), icon=":material/science:")
    with st.expander(t("inv_synthetic_details", lang)):
        shaped = [t("inv_synthetic_follows", lang), *(f"- {line}" for line in lines)] if lines else []
        st.markdown("\n".join([*shaped, "", t("inv_shaped_rest", lang)]))
        if anchors:
            st.caption(source_line(anchors.sources, tables.sources, lang, t("inv_proportions_from", lang)))


def rules_panel(lang: str, rules: grading.RuleSet, shift_of) -> None:
    """The rule set in force, and a trial of other rules: how dispositions would shift (`shift_of(rules)`
    gives the shift under the filters); an editor may save the tried rules, which regrades every patent."""
    st.caption(t("inv_rules_intro", lang))
    if not st.toggle(t("inv_try_rules", lang), key="inv_try_rules"):
        st.caption(f"{t('inv_rules_in_force', lang)}: {rules_text(rules, lang)}")
        return
    cols = st.columns(3)
    weights = {
        dim: cols[i].slider(
            t("inv_weight", lang, dimension=t(f"inv_dim_{dim}", lang)),
            0,
            100,
            int(round(rules.weights[dim] * 100)),
            5,
            key=f"inv_w_{dim}",
        )
        for i, dim in enumerate(grading.DIMENSIONS)
    }
    cols = st.columns(3)
    thresholds = {
        g: cols[i].number_input(
            t("inv_threshold", lang, grade=g), 0.0, 100.0, float(rules.thresholds[g]), 1.0, key=f"inv_th_{g}"
        )
        for i, g in enumerate(grading.GRADES[:-1])
    }
    cols = st.columns(4)
    mapping = {
        g: cols[i].selectbox(
            t("inv_grade_to", lang, grade=g),
            grading.DISPOSITIONS,
            index=grading.DISPOSITIONS.index(rules.disposition[g]),
            key=f"inv_map_{g}",
            format_func=lambda d: t(f"inv_disposition_{d}", lang),
        )
        for i, g in enumerate(grading.GRADES)
    }
    tried = grading.RuleSet({k: v / 100 for k, v in weights.items()}, thresholds, mapping)
    problems = tried.problems()
    if problems:
        st.error(t("inv_rules_invalid", lang, why=tuple(problems)))
        return
    from dashboard.inventory.tables import shift_table

    grid, moved, total = shift_table(shift_of(tried), lang)
    st.markdown(f"**{t('inv_shift', lang)}**")
    st.dataframe(grid, hide_index=True)
    st.caption(t("inv_shift_moved", lang, n=f"{moved:,}", share=f"{moved / total:.1%}" if total else "–"))
    if not current_editor():
        st.caption(t("inv_rules_viewer", lang))
        return
    if st.button(t("inv_save_rules", lang), key="inv_save_rules", icon=":material/save:"):
        store = open_store()
        bar = st.progress(0.0)
        try:
            inventory_store.save_rules(store, tried, current_editor(), _writer(bar, lang))
        except (StoreError, NotAnEditor) as exc:
            st.error(exc.text(lang))
            return
        st.session_state["_inv_message"] = t(
            "inv_rules_saved", lang, n=f"{inventory_store.state(store).records:,}"
        )
        st.rerun()
