"""The Data page's forms: add or correct one figure, target or source; record a milestone's evidence. A save is based on the record as the
editor first saw it, so a change someone else made meanwhile is caught and what the editor typed is kept."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.editing import changes
from dashboard.editing.cells import CellError, parse_period_cell
from dashboard.editing.plans import GRADES as IMPORT_GRADES
from dashboard.editing.plans import one_row_sheet, plan_import
from dashboard.formatting import format_period, literal
from dashboard.i18n import t
from dashboard.programme.overview import COMPARATOR_SIGNS
from dashboard.programme.provenance import UNRATED, cite
from dashboard.store.database import StoreError
from dashboard.store.editors import Editor, NotAnEditor
from dashboard.ui.cache import open_store
from dashboard.ui.components import done
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


COMPARATORS = (">=", ">", "<=", "<", "rises", "falls")


def comparator_words(comparator: str, lang: str) -> str:
    """A target's comparator as the form offers it: the sign of a number target, the words of a direction."""
    sign = COMPARATOR_SIGNS.get(comparator)
    return sign.strip() if sign else t(f"target_{comparator}_short", lang)


def source_names(view: View) -> dict[str, str]:
    """Each source as a form lists it (outlet, title, date, grade), by its id."""
    return {row["id"]: cite(row, view.lang) for _, row in view.tables.sources.iterrows()}


def _stored_text(current: dict | None, field: str) -> str:
    value = None if current is None else current.get(field)
    return "" if value is None or pd.isna(value) else str(value)


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


def figure_form(view: View, editor: Editor) -> None:
    lang, tables = view.lang, view.tables
    store = open_store()
    stored = store.read_with_revisions("observations")
    indicators = tables.indicators.set_index("id")
    types = tables.institution_types.set_index("id")
    sources = tables.sources.set_index("id")
    cited = source_names(view)
    stored["label"] = [
        f"{indicators.loc[r.indicator, f'name_{lang}']} · {types.loc[r.institution_type, f'name_{lang}']}"
        f" · {format_period(str(r.period), lang, indicators.loc[r.indicator, 'measure'])}"
        f" · {cited.get(r.source, r.source)}"
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
                format_func=lambda i: indicators.loc[i, f"name_{lang}"],
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
                format_func=lambda s: t("source_cite_new", lang) if s == NEW else cited[s],
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
        note, note_en = (
            st.text_area(t(label, lang), value=_stored_text(current, field))
            for field, label in (("note", "col_note"), ("note_en", "col_note_en"))
        )
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
            "note_en": note_en,
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
    except (changes.ChangeError, StoreError, NotAnEditor) as exc:
        st.error(literal(exc.text(lang)), icon="⚠️")
        return
    _forget_seen("figure", record_id)
    done(t("saved", lang))


def _optional_number(text: str, what: str) -> float | None:
    text = text.strip()
    if not text:
        return None
    try:
        return float(text.replace(",", ""))
    except ValueError:
        raise CellError("form_not_number", field=what, value=text) from None


def target_form(view: View, editor: Editor) -> None:
    lang, tables = view.lang, view.tables
    store = open_store()
    stored = store.read_with_revisions("targets").set_index("id")
    types = tables.institution_types.set_index("id")[f"name_{lang}"]
    programmes = tables.programmes.set_index("id")[f"short_{lang}"]
    choice = st.selectbox(
        t("target_pick", lang),
        [NEW, *stored.index],
        key="target_pick",
        format_func=lambda o: (
            t("target_new", lang)
            if o == NEW
            else f"{stored.loc[o, f'wording_{lang}']} · {types[stored.loc[o, 'institution_type']]}"
        ),
    )
    current, seen = _seen(
        "target", choice, None if choice == NEW else stored.loc[choice].to_dict() | {"id": choice}
    )
    indicators = tables.indicators.set_index("id")
    sources, cited = list(tables.sources["id"]), source_names(view)
    get = lambda k, d="": d if current is None or pd.isna(current.get(k)) else current[k]  # noqa: E731
    with st.form(f"target_form_{choice}"):
        if current is None:
            target_id = st.text_input(t("field_id", lang), help=t("id_help", lang))
            indicator = st.selectbox(
                t("col_indicator", lang),
                list(indicators.index),
                format_func=lambda i: indicators.loc[i, f"name_{lang}"],
            )
            institution_type = st.selectbox(
                t("institution_type", lang), list(types.index), format_func=types.__getitem__
            )
            programme = st.selectbox(
                t("col_programme", lang), list(programmes.index), format_func=programmes.__getitem__
            )
            comparator = st.selectbox(
                t("col_comparator", lang), COMPARATORS, format_func=lambda c: comparator_words(c, lang)
            )
        else:
            st.caption(
                literal(
                    f"{indicators.loc[current['indicator'], f'name_{lang}']} · {types[current['institution_type']]}"
                    f" · {programmes[current['programme']]}"
                )
            )
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
            format_func=cited.__getitem__,
            help=t("source_required", lang),
        )
        note = st.text_area(t("col_note", lang), value=get("note"))
        note_en = st.text_area(t("col_note_en", lang), value=get("note_en"))
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
            "note_en": note_en.strip() or None,
        }
        if not record["wording_zh"] or not record["wording_en"]:
            raise CellError("wording_required")
    except CellError as exc:
        st.error(literal(exc.text(lang)), icon="⚠️")
        return
    _save(store, "targets", record, editor, seen, choice, lang)


def _number_text(value) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else f"{value:.12g}"


def _save(
    store, table: str, record: dict, editor: Editor, seen: int | None, record_id: str, lang: str
) -> None:
    kind = table[:-1]
    try:
        batch = changes.save_record(store, table, record, editor, seen, summary=f"edit {kind} {record['id']}")
    except changes.ConflictError as exc:
        _conflict(kind, record_id, exc, lang)
        return
    except (changes.ChangeError, StoreError, NotAnEditor) as exc:
        st.error(literal(exc.text(lang)), icon="⚠️")
        return
    if batch is None:
        st.info(t("nothing_changed", lang))
        return
    _forget_seen(kind, record_id)
    done(t("saved", lang))


def source_form(view: View, editor: Editor) -> None:
    lang = view.lang
    store = open_store()
    stored = store.read_with_revisions("sources").set_index("id")
    choice = st.selectbox(
        t("source_pick", lang),
        [NEW, *stored.index],
        key="source_pick",
        format_func=lambda o: t("source_new", lang) if o == NEW else cite(stored.loc[o], lang),
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
        note_en = st.text_area(t("col_note_en", lang), value=get("note_en"))
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
            "note_en": note_en.strip() or None,
        }
    except CellError as exc:
        st.error(literal(exc.text(lang)), icon="⚠️")
        return
    _save(store, "sources", record, editor, seen, choice, lang)


def milestone_form(view: View, editor: Editor) -> None:
    """Record the evidence on a milestone: whether it shows it met, its words, source and date. The state
    shown everywhere follows from it; the change is audited and can be undone like any other."""
    lang, tables = view.lang, view.tables
    store = open_store()
    stored = store.read_with_revisions("milestones").set_index("id")
    st.caption(t("milestone_form_intro", lang))
    choice = st.selectbox(
        t("milestone_pick", lang),
        list(stored.index),
        key="milestone_pick",
        format_func=lambda o: stored.loc[o, f"what_{lang}"],
    )
    current, seen = _seen("milestone", choice, stored.loc[choice].to_dict() | {"id": choice})
    sources, cited = list(tables.sources["id"]), source_names(view)
    get = lambda k: "" if pd.isna(current.get(k)) else str(current[k])  # noqa: E731
    with st.form(f"milestone_form_{choice}"):
        st.caption(literal(f"{t('col_due', lang)}: {current['due']}"))
        complete = st.checkbox(t("field_evidence_complete", lang), value=bool(current["evidence_complete"]))
        evidence_zh = st.text_area(t("field_evidence_zh", lang), value=get("evidence_zh"))
        evidence_en = st.text_area(t("field_evidence_en", lang), value=get("evidence_en"))
        options = ["", *sources]  # "": none, e.g. to take wrong evidence back
        source = st.selectbox(
            t("field_evidence_source", lang),
            options,
            index=options.index(get("evidence_source")) if get("evidence_source") in sources else 0,
            format_func=lambda s: cited[s] if s else t("no_evidence_source", lang),
        )
        date = st.text_input(
            t("field_evidence_date", lang), value=get("evidence_date"), placeholder="2025-07-17"
        )
        submitted = st.form_submit_button(t("save", lang), type="primary")
    if not submitted:
        return
    try:
        has_evidence = complete or evidence_zh.strip() or evidence_en.strip() or date.strip()
        if has_evidence and not source:
            raise CellError("evidence_needs_source", field=t("field_evidence_source", lang))
        if complete and not date.strip():
            raise CellError("evidence_needs_date", field=t("field_evidence_date", lang))
        record = {
            **current,
            "evidence_complete": bool(complete),
            "evidence_zh": evidence_zh.strip() or None,
            "evidence_en": evidence_en.strip() or None,
            "evidence_source": source or None,
            "evidence_date": parse_period_cell(date) if date.strip() else None,
        }
    except CellError as exc:
        st.error(literal(exc.text(lang)), icon="⚠️")
        return
    _save(store, "milestones", record, editor, seen, choice, lang)
