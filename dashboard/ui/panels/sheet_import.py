"""The Data page's sheet import: the template to download, and the preview of an uploaded sheet (rows to add,
corrections old → new, unchanged rows, every problem by row and column) with the button that writes it.
Text from the sheet is shown in tables or escaped, never rendered as markup."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.editing import changes
from dashboard.editing.plans import ImportError_, ImportPlan, plan_import
from dashboard.editing.sheets import SheetError, read_sheet
from dashboard.editing.templates import template_csv, template_xlsx, upload_problem
from dashboard.formatting import NO_VALUE, format_value, literal
from dashboard.i18n import t
from dashboard.store.database import StoreError
from dashboard.store.editors import Editor, NotAnEditor
from dashboard.ui.cache import open_store
from dashboard.ui.components import XLSX_MIME, done
from dashboard.ui.view import View


def template_downloads(view: View) -> None:
    lang = view.lang
    a, b = st.columns(2)
    a.download_button(
        t("template_csv", lang),
        template_csv(),
        "observations-template.csv",
        "text/csv",
        key="template_csv",
        icon=":material/download:",
    )
    b.download_button(
        t("template_xlsx", lang),
        template_xlsx(view.tables.indicators, view.tables.institution_types, lang),
        "observations-template.xlsx",
        XLSX_MIME,
        key="template_xlsx",
        icon=":material/download:",
    )


def _plan(view: View, name: str, content: bytes, worksheet: str | None, digest: str) -> ImportPlan | str:
    """The checked sheet, or why it cannot be checked; kept for the session until the file or the store changes."""
    store = open_store()
    key = (digest, worksheet, store.data_version(), view.lang)
    cached = st.session_state.get("_import_plan")
    if cached and cached[0] == key:
        return cached[1]
    lang = view.lang
    problem = upload_problem(len(content))
    if problem is None:
        try:
            sheet = read_sheet(content, name, worksheet)
            problem = upload_problem(len(content), len(sheet.rows))
        except SheetError as exc:
            problem = exc.message  # names the file itself
    if problem is not None:
        text = problem.text(lang)
        result: ImportPlan | str = (
            text if text.startswith(name) else t("upload_problem", lang, name=name, problem=text)
        )
    else:
        bar = st.progress(0.0, text=t("checking_rows", lang, done=0, total=len(sheet.rows)))
        try:
            result = plan_import(
                sheet,
                changes.reference(store),
                lambda done, total: bar.progress(
                    done / total, text=t("checking_rows", lang, done=done, total=total)
                ),
            )
        except ImportError_ as exc:
            result = t("import_sheet_problem", lang, file=name, message=exc.message)
        bar.empty()
    st.session_state["_import_plan"] = (key, result)
    return result


def import_preview(
    view: View, editor: Editor, name: str, content: bytes, worksheet: str | None, digest: str
) -> None:
    lang = view.lang
    plan = _plan(view, name, content, worksheet, digest)
    if isinstance(plan, str):
        st.error(literal(plan), icon="⚠️")
        return
    counts = plan.counts()
    cols = st.columns(4)
    cols[0].metric(t("rows_to_add", lang), counts["add"])
    cols[1].metric(t("rows_to_correct", lang), counts["correct"])
    cols[2].metric(t("rows_unchanged", lang), counts["unchanged"])
    cols[3].metric(t("rows_with_problems", lang), len({p.row for p in plan.problems}))
    if plan.ignored_columns:
        st.caption(t("ignored_columns", lang, columns=literal(", ".join(plan.ignored_columns))))
    if plan.new_sources:
        st.caption(t("new_sources", lang, n=len(plan.new_sources)))
    if plan.source_corrections:
        st.caption(t("sources_to_correct", lang, n=len(plan.source_corrections)))
    if plan.problems:
        st.error(t("import_blocked", lang, n=len(plan.problems)), icon="⚠️")
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        t("col_row", lang): p.row,
                        t("col_column", lang): p.column,
                        t("col_problem", lang): p.text(lang),
                    }
                    for p in plan.problems
                ]
            ),
            hide_index=True,
            width="stretch",
        )
    for action, label in (
        ("add", "rows_to_add"),
        ("correct", "rows_to_correct"),
        ("unchanged", "rows_unchanged"),
    ):
        rows = plan.of(action)
        if rows:
            with st.expander(f"{t(label, lang)} ({len(rows)})", expanded=action == "correct"):
                st.dataframe(
                    _rows_frame(rows, view.tables, lang, with_old=action == "correct"),
                    hide_index=True,
                    width="stretch",
                    placeholder=NO_VALUE,
                )
    changing = counts["add"] + counts["correct"]
    if st.button(
        t("import_button", lang, n=changing),
        type="primary",
        disabled=not plan.ok or not changing,
        key="import_commit",
    ):
        bar = st.progress(0.0, text=t("writing_rows", lang, done=0, total=changing))
        try:
            outcome = changes.apply_import(
                open_store(),
                plan,
                editor,
                summary=f"{changes.IMPORT_PREFIX}{plan.file}",
                progress=lambda done, total: bar.progress(
                    done / total, text=t("writing_rows", lang, done=done, total=total)
                ),
            )
        except (changes.ConflictError, changes.ChangeError, StoreError, NotAnEditor) as exc:
            bar.empty()
            st.session_state.pop("_import_plan", None)
            st.error(literal(exc.text(lang)), icon="⚠️")
            return
        st.session_state.pop("_import_plan", None)
        done(
            t("imported", lang, added=outcome.added, corrected=outcome.corrected, unchanged=outcome.unchanged)
        )


def _rows_frame(rows, tables: dict, lang: str, with_old: bool) -> pd.DataFrame:
    indicators = tables.indicators.set_index("id")
    types = tables.institution_types.set_index("id")[f"name_{lang}"]

    def shown(record: dict) -> str:
        meta = indicators.loc[record["indicator"]]
        return format_value(record["value"], meta["unit"], record["qualifier"], lang, meta["unit_en"])

    out = []
    for r in rows:
        rec = r.record
        line = {
            t("col_row", lang): r.row,
            t("col_indicator", lang): indicators.loc[rec["indicator"], f"name_{lang}"],
            t("col_period", lang): rec["period"],
            t("institution_type", lang): types.get(rec["institution_type"], rec["institution_type"]),
            t("col_source", lang): rec["source"],
        }
        if with_old:
            line[t("old_value", lang)] = shown(r.before)
        line[t("new_value", lang) if with_old else t("col_value", lang)] = shown(rec)
        line[t("col_note", lang)] = rec["note"] or ""
        out.append(line)
    return pd.DataFrame(out)
