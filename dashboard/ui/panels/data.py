"""The Data page's pieces (Streamlit edge): the import preview, the editing forms and the history.

Every text that comes from a sheet or an editor is shown in tables or escaped, never rendered as markup."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from dashboard.editing import changes
from dashboard.editing.cells import CellError, parse_period_cell
from dashboard.editing.plans import GRADES as IMPORT_GRADES
from dashboard.editing.plans import (
    ImportError_,
    ImportPlan,
    one_row_sheet,
    plan_import,
)
from dashboard.editing.sheets import SheetError, read_sheet
from dashboard.editing.templates import template_csv, template_xlsx, upload_problem
from dashboard.formatting import format_value, literal
from dashboard.i18n import t
from dashboard.programme.provenance import UNRATED
from dashboard.store.database import StoreError
from dashboard.ui.cache import open_store
from dashboard.ui.components import XLSX_MIME, show_table
from dashboard.ui.view import View

NEW = "__new__"
GRADES = (*IMPORT_GRADES, UNRATED)
KINDS = (
    "policy_text",
    "press_conference",
    "statistical_bulletin",
    "press_report",
    "official_explainer",
    "unclassified",
)


def say_done() -> None:
    """A success message carried over the rerun that follows a change."""
    if message := st.session_state.pop("_data_done", None):
        st.success(message, icon="✅")


def _done(message: str) -> None:
    st.session_state["_data_done"] = message
    st.rerun()


# --- import ---------------------------------------------------------------------------------------------------


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
    view: View, editor: str, name: str, content: bytes, worksheet: str | None, digest: str
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
                summary=f"import {plan.file}",
                progress=lambda done, total: bar.progress(
                    done / total, text=t("writing_rows", lang, done=done, total=total)
                ),
            )
        except (changes.ConflictError, changes.ChangeError, StoreError) as exc:
            bar.empty()
            st.session_state.pop("_import_plan", None)
            st.error(literal(exc.text(lang)), icon="⚠️")
            return
        st.session_state.pop("_import_plan", None)
        _done(
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


# --- single edits ---------------------------------------------------------------------------------------------


def _seen(kind: str, record_id: str, current: dict | None) -> tuple[dict | None, int | None]:
    """The record as the editor first saw it, and its revision. The form starts from it and a save is based on
    it, so a change someone else made meanwhile is caught, not overwritten, and what the editor typed stays in
    the form (a form whose defaults changed under it would be reset)."""
    seen = st.session_state.setdefault(f"_seen_{kind}_{record_id}", current)
    return seen, None if seen is None else int(seen["revision"])


def _forget_seen(kind: str, record_id: str) -> None:
    st.session_state.pop(f"_seen_{kind}_{record_id}", None)


def _conflict(kind: str, record_id: str, exc: changes.ConflictError, lang: str) -> None:
    st.error(literal(exc.text(lang)), icon="⚠️")
    st.caption(t("conflict_kept", lang))
    if st.button(t("conflict_reload", lang), key=f"reload_{kind}_{record_id}"):
        _forget_seen(kind, record_id)
        st.rerun()


def figure_form(view: View, editor: str) -> None:
    lang, tables = view.lang, view.tables
    store = open_store()
    stored = store.read_with_revisions("observations")
    indicators = tables.indicators.set_index("id")
    types = tables.institution_types.set_index("id")
    sources = tables.sources.set_index("id")
    stored["label"] = [
        f"{indicators.loc[r.indicator, f'name_{lang}']} · {types.loc[r.institution_type, f'name_{lang}']}"
        f" · {r.period} · {r.source}"
        for r in stored.itertuples()
    ]
    options = [NEW, *stored.sort_values("label")["label"]]
    choice = st.selectbox(
        t("figure_pick", lang),
        options,
        key="figure_pick",
        format_func=lambda o: t("figure_new", lang) if o == NEW else o,
    )
    current = None if choice == NEW else stored[stored["label"] == choice].iloc[0].to_dict()
    record_id = "new" if current is None else str(current["id"])
    current, seen = _seen("figure", record_id, current)
    with st.form(f"figure_form_{record_id}"):
        if current is None:
            indicator = st.selectbox(
                t("col_indicator", lang),
                list(indicators.index),
                format_func=lambda i: f"{indicators.loc[i, f'name_{lang}']} ({i})",
            )
            institution_type = st.selectbox(
                t("institution_type", lang),
                list(types.index),
                format_func=lambda i: types.loc[i, f"name_{lang}"],
            )
            period = st.text_input(t("col_period", lang), placeholder="2025, 2025年6月, 2025-06-30")
            source = st.selectbox(
                t("col_source", lang),
                [NEW, *sources.index],
                format_func=lambda s: t("source_cite_new", lang) if s == NEW else s,
            )
            citation = st.text_input(t("source_citation", lang), help=t("source_citation_help", lang))
        else:
            st.caption(literal(choice))
            indicator, institution_type, period, source = (
                current["indicator"],
                current["institution_type"],
                current["period"],
                current["source"],
            )
            citation = ""
        value = st.text_input(
            t("col_value", lang),
            value="" if current is None else f"{current['value']:.12g}",
            help=t("value_help", lang),
        )
        qualifiers = ["", "exact", "more_than", "approx"]
        qualifier = st.selectbox(
            t("col_qualifier", lang),
            qualifiers,
            index=0 if current is None else qualifiers.index(current["qualifier"]),
            format_func=lambda q: t("q_from_value", lang) if not q else t(f"q_{q}", lang),
        )
        note = st.text_area(t("col_note", lang), value="" if current is None else (current["note"] or ""))
        submitted = st.form_submit_button(t("save", lang), type="primary")
    if not submitted:
        return
    source_cell = citation.strip() if source == NEW else source
    sheet = one_row_sheet(
        t("edit_figure", lang),
        {
            "indicator": indicator,
            "period": period,
            "value": value,
            "institution_type": institution_type,
            "source": source_cell,
            "qualifier": qualifier,
            "note": note,
        },
    )
    plan = plan_import(sheet, changes.reference(store))
    if plan.problems:
        for problem in plan.problems:
            st.error(literal(f"{problem.column}: {problem.text(lang)}"), icon="⚠️")
        return
    planned = plan.rows[0]
    if planned.action == "unchanged":
        st.info(t("nothing_changed", lang))
        return
    try:
        changes.apply_import(
            store,
            plan,
            editor,
            summary=f"edit {planned.record['indicator']} {planned.record['period']}",
            expected={planned.key: seen},
        )
    except changes.ConflictError as exc:
        _conflict("figure", record_id, exc, lang)
        return
    except (changes.ChangeError, StoreError) as exc:
        st.error(literal(exc.text(lang)), icon="⚠️")
        return
    _forget_seen("figure", record_id)
    _done(t("saved", lang))


def _optional_number(text: str, what: str) -> float | None:
    text = text.strip()
    if not text:
        return None
    try:
        return float(text.replace(",", ""))
    except ValueError:
        raise CellError("form_not_number", field=what, value=text) from None


def target_form(view: View, editor: str) -> None:
    lang, tables = view.lang, view.tables
    store = open_store()
    stored = store.read_with_revisions("targets").set_index("id")
    choice = st.selectbox(
        t("target_pick", lang),
        [NEW, *stored.index],
        key="target_pick",
        format_func=lambda o: (
            t("target_new", lang) if o == NEW else f"{stored.loc[o, f'wording_{lang}']} ({o})"
        ),
    )
    current, seen = _seen(
        "target", choice, None if choice == NEW else stored.loc[choice].to_dict() | {"id": choice}
    )
    indicators = tables.indicators.set_index("id")
    sources = list(tables.sources["id"])
    get = lambda k, d="": d if current is None or pd.isna(current.get(k)) else current[k]  # noqa: E731
    with st.form(f"target_form_{choice}"):
        if current is None:
            target_id = st.text_input(t("field_id", lang), help=t("id_help", lang))
            indicator = st.selectbox(
                t("col_indicator", lang),
                list(indicators.index),
                format_func=lambda i: f"{indicators.loc[i, f'name_{lang}']} ({i})",
            )
            institution_type = st.selectbox(t("institution_type", lang), list(tables.institution_types["id"]))
            programme = st.selectbox(t("col_programme", lang), list(tables.programmes["id"]))
            comparator = st.selectbox(t("col_comparator", lang), [">=", ">", "<=", "<", "rises", "falls"])
        else:
            st.caption(literal(f"{choice} · {current['indicator']} · {current['institution_type']}"))
            target_id, indicator, institution_type, programme, comparator = (
                choice,
                current["indicator"],
                current["institution_type"],
                current["programme"],
                current["comparator"],
            )
        target_value = st.text_input(
            t("target", lang),
            value=_number_text(get("target_value", None)),
            help=t("target_value_help", lang),
        )
        wording_zh = st.text_input(t("wording_zh", lang), value=get("wording_zh"))
        wording_en = st.text_input(t("wording_en", lang), value=get("wording_en"))
        deadline = st.text_input(t("deadline", lang), value=get("deadline"), placeholder="2025")
        baseline_period = st.text_input(t("baseline_period", lang), value=get("baseline_period"))
        baseline_value = st.text_input(
            t("baseline_value", lang), value=_number_text(get("baseline_value", None))
        )
        source = st.selectbox(
            t("col_source", lang) + " *",
            sources,
            index=sources.index(current["source"]) if current is not None else None,
            help=t("source_required", lang),
        )
        note = st.text_area(t("col_note", lang), value=get("note"))
        submitted = st.form_submit_button(t("save", lang), type="primary")
    if not submitted:
        return
    try:
        if not source:
            raise CellError("source_required")
        if not target_id.strip():
            raise CellError("id_required")
        record = {
            **(current or {}),
            "id": target_id.strip(),
            "indicator": indicator,
            "institution_type": institution_type,
            "programme": programme,
            "comparator": comparator,
            "unit": indicators.loc[indicator, "unit"],
            "target_value": _optional_number(target_value, t("target", lang)),
            "wording_zh": wording_zh.strip(),
            "wording_en": wording_en.strip(),
            "deadline": parse_period_cell(deadline),
            "baseline_period": parse_period_cell(baseline_period) if baseline_period.strip() else None,
            "baseline_value": _optional_number(baseline_value, t("baseline_value", lang)),
            "source": source,
            "note": note.strip() or None,
        }
        if not record["wording_zh"] or not record["wording_en"]:
            raise CellError("wording_required")
    except CellError as exc:
        st.error(literal(exc.text(lang)), icon="⚠️")
        return
    _save(store, "targets", record, editor, seen, choice, lang)


def _number_text(value) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else f"{value:.12g}"


def _save(store, table: str, record: dict, editor: str, seen: int | None, record_id: str, lang: str) -> None:
    kind = table[:-1]
    try:
        changes.save_record(store, table, record, editor, seen, summary=f"edit {kind} {record['id']}")
    except changes.ConflictError as exc:
        _conflict(kind, record_id, exc, lang)
        return
    except (changes.ChangeError, StoreError) as exc:
        st.error(literal(exc.text(lang)), icon="⚠️")
        return
    _forget_seen(kind, record_id)
    _done(t("saved", lang))


def source_form(view: View, editor: str) -> None:
    lang = view.lang
    store = open_store()
    stored = store.read_with_revisions("sources").set_index("id")
    choice = st.selectbox(
        t("source_pick", lang),
        [NEW, *stored.index],
        key="source_pick",
        format_func=lambda o: t("source_new", lang) if o == NEW else o,
    )
    current, seen = _seen(
        "source", choice, None if choice == NEW else stored.loc[choice].to_dict() | {"id": choice}
    )
    get = lambda k: "" if current is None or pd.isna(current.get(k)) else str(current[k])  # noqa: E731
    with st.form(f"source_form_{choice}"):
        source_id = st.text_input(t("field_id", lang), help=t("id_help", lang)) if current is None else choice
        title = st.text_input(t("col_title", lang) + " *", value=get("title_zh"))
        title_en = st.text_input(t("col_title_en", lang), value=get("title_en"))
        outlet = st.text_input(t("col_outlet", lang) + " *", value=get("outlet_zh"))
        outlet_en = st.text_input(t("col_outlet_en", lang), value=get("outlet_en"))
        published = st.text_input(
            t("col_date", lang) + " *", value=get("published"), placeholder="2025-06-10"
        )
        kind = st.selectbox(
            t("col_kind", lang),
            KINDS,
            index=KINDS.index(current["kind"]) if current else 0,
            format_func=lambda k: t(f"kind_{k}", lang),
        )
        language = st.selectbox(
            t("col_language", lang),
            ["zh", "en"],
            index=["zh", "en"].index(current["language"]) if current else 0,
        )
        url = st.text_input(t("field_url", lang), value=get("url"))
        grade = st.selectbox(
            t("col_grade", lang),
            GRADES,
            index=GRADES.index(current["grade"]) if current else 4,
            help=t("grade_help", lang),
        )
        note = st.text_area(t("col_note", lang), value=get("note"))
        submitted = st.form_submit_button(t("save", lang), type="primary")
    if not submitted:
        return
    try:
        if not source_id.strip() or not title.strip() or not outlet.strip():
            raise CellError("source_fields_required")
        record = {
            **(current or {}),
            "id": source_id.strip(),
            "title_zh": title.strip(),
            "title_en": title_en.strip() or title.strip(),
            "outlet_zh": outlet.strip(),
            "outlet_en": outlet_en.strip() or outlet.strip(),
            "published": parse_period_cell(published),
            "kind": kind,
            "language": language,
            "url": url.strip() or None,
            "grade": grade,
            "note": note.strip() or None,
        }
    except CellError as exc:
        st.error(literal(exc.text(lang)), icon="⚠️")
        return
    _save(store, "sources", record, editor, seen, choice, lang)


# --- history --------------------------------------------------------------------------------------------------


def show_changes_since(store, since: dt.date, lang: str) -> None:
    frame = changes.changes_since(store, since)
    if frame.empty:
        st.caption(t("nothing_changed_since", lang, date=since.isoformat()))
        return
    shown = frame.drop(columns="record_key").rename(
        columns={
            "table_name": t("col_table", lang),
            "record": t("col_record", lang),
            "change": t("col_change", lang),
            "before": t("col_before", lang),
            "after": t("col_after", lang),
            "last_at": t("col_when", lang),
            "editors": t("col_editor", lang),
        }
    )
    show_table(shown, lang, name=f"changes-since-{since.isoformat()}")


def show_history(store, editor: str | None, lang: str) -> None:
    entries = changes.audit_frame(store)
    log = changes.batches(store, entries)
    if log.empty:
        st.caption(t("no_changes_yet", lang))
        return
    shown = log.assign(at=log["at"].dt.strftime("%Y-%m-%d %H:%M UTC"), batch=log["batch"].str[:12])
    shown = shown[["batch", "at", "editor", "summary", "changes", "undone"]].rename(
        columns={
            "batch": t("col_change_id", lang),
            "at": t("col_when", lang),
            "editor": t("col_editor", lang),
            "summary": t("col_what", lang),
            "changes": t("col_records", lang),
            "undone": t("col_undone", lang),
        }
    )
    show_table(shown, lang, name="audit-log")
    with st.expander(t("audit_details", lang)):
        st.dataframe(
            entries.drop(columns=["id"]).assign(batch=entries["batch"].str[:12]),
            hide_index=True,
            width="stretch",
        )
    if not editor:
        return
    undoable = log[~log["undone"] & log["reverts"].isna()]
    if undoable.empty:
        return
    batch_of = {
        f"{r.batch[:12]} · {r.at:%Y-%m-%d %H:%M} · {r.editor} · {r.summary}": r.batch
        for r in undoable.itertuples()
    }
    pick = st.selectbox(t("undo_pick", lang), list(batch_of), key="undo_pick")
    if st.button(t("undo_button", lang), key="undo_button"):
        try:
            changes.undo(store, batch_of[pick], editor)
        except (changes.ConflictError, changes.ChangeError, StoreError) as exc:
            st.error(literal(exc.text(lang)), icon="⚠️")
            return
        _done(t("undone", lang))
