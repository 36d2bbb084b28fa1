"""Planning an import of observation sheets: every row checked, matched against the store, and sorted into
rows to add, corrections (old → new) and unchanged rows, with every problem named by row and column.

A plan is pure data; dashboard.changes writes it in one transaction, all or nothing."""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from dashboard.curation.seeds import FIGURE_BASES
from dashboard.editing.cells import (
    CellError,
    is_blank,
    lookup,
    name_key,
    normalise_text,
    parse_period_cell,
    parse_qualifier,
    parse_value,
)
from dashboard.editing.export import SOURCE_FIELDS
from dashboard.editing.sheets import Sheet
from dashboard.i18n import PLAIN_LANGUAGE, LocalizedError, Message, message, t
from dashboard.store.schema import EDITABLE_KEYS

# Column id → the headers that name it (English as exported, Chinese as people write them).
COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "indicator": ("indicator", "指标", "指标名称"),
    "period": ("period", "年份", "期间", "时期", "日期"),
    "value": ("value", "数值", "值"),
    "unit": ("unit", "单位"),
    "institution_type": ("institution_type", "institution type", "机构类型"),
    "source": ("source", "来源"),
    "qualifier": ("qualifier", "限定", "限定词"),
    "note": ("note", "备注", "说明"),
    "note_en": ("note_en", "note (English)", "备注（英文）", "英文备注"),
    "formula": ("formula", "公式"),
    "formula_en": ("formula_en", "formula (English)", "公式（英文）"),
    "assumption": ("assumption", "假设"),
    "where": ("where", "出处", "位置"),
    "where_en": ("where_en", "where (English)", "出处（英文）"),
    "grade": ("grade", "等级", "可靠性等级"),
    "basis": ("basis", "口径基础", "当年或累计"),
    # A source's own fields, as an export carries them beside each figure (dashboard.editing.export).
    **{f"source_{f}": (f"source_{f}",) for f in SOURCE_FIELDS},
}
GRADES = ("A", "B", "C", "D")
UNGRADED = "U"  # a source made from a citation, until an editor grades it
# The cells a blank leaves as stored: the assumption and the free text, Chinese and English.
FREE_TEXT = ("formula", "formula_en", "assumption", "where", "where_en", "note", "note_en")
REQUIRED = ("indicator", "period", "value", "institution_type", "source")
TEMPLATE_COLUMNS = ("indicator", "period", "value", "unit", "institution_type", "source", "qualifier", "note")
EXTRA_TYPE_NAMES = {"中小企业": "enterprise", "全部": "all", "sme": "enterprise", "smes": "enterprise"}
SOURCE_ID = re.compile(r"^[0-9a-z][0-9a-z._-]*$")
KEY = EDITABLE_KEYS["observations"]  # one stored row per indicator, period, institution type and source


class ImportError_(LocalizedError, ValueError):  # noqa: N801 - not the builtin ImportError
    """The sheet's columns make an import impossible (missing or repeated columns)."""


@dataclass(frozen=True)
class Problem:
    row: int  # as numbered in the file, header = 1
    column: str  # the column's header as written in the file
    message: Message

    def line(self, file: str, lang: str = PLAIN_LANGUAGE) -> str:
        return t(
            "import_problem_line", lang, file=file, row=self.row, column=self.column, message=self.message
        )

    def text(self, lang: str) -> str:
        return self.message.text(lang)


@dataclass
class PlannedRow:
    row: int
    action: str  # add | correct | unchanged
    record: dict  # the observation as it will be stored
    before: dict | None = None  # the stored observation a correction replaces (with its revision)

    @property
    def key(self) -> tuple:
        return tuple(self.record[k] for k in KEY)


@dataclass
class ImportPlan:
    file: str
    rows: list[PlannedRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    new_sources: list[dict] = field(default_factory=list)
    # Sources the sheet gives other fields for than the store holds: (stored with revision, as given).
    source_corrections: list[tuple[dict, dict]] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    total_rows: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def of(self, action: str) -> list[PlannedRow]:
        return [r for r in self.rows if r.action == action]

    def counts(self) -> dict[str, int]:
        return {a: len(self.of(a)) for a in ("add", "correct", "unchanged")}

    def problem_lines(self) -> list[str]:
        return [p.line(self.file) for p in sorted(self.problems, key=lambda p: (p.row, p.column))]


@dataclass(frozen=True)
class Reference:
    """What a sheet is checked against: the store's indicators, types, sources and observations."""

    indicators: pd.DataFrame
    institution_types: pd.DataFrame
    sources: pd.DataFrame
    observations: pd.DataFrame  # with revision
    assumptions: pd.DataFrame

    def indicator_names(self) -> dict[str, str]:
        names = {}
        for row in self.indicators.itertuples():
            for name in (row.id, row.name_zh, row.name_en):
                names[name_key(name)] = row.id
        return names

    def type_names(self) -> dict[str, str]:
        names = {name_key(k): v for k, v in EXTRA_TYPE_NAMES.items()}
        for row in self.institution_types.itertuples():
            for name in (row.id, row.name_zh, row.name_en):
                names[name_key(name)] = row.id
        return names


def map_columns(header: list[str]) -> tuple[dict[str, int], list[str]]:
    """Column id → index in the sheet, and the headers the import ignores. ImportError_ on a missing
    required column, a column named twice, or a sheet with no recognisable header."""
    by_name = {name_key(n): col for col, names in COLUMN_NAMES.items() for n in names}
    mapping: dict[str, int] = {}
    ignored = []
    for index, title in enumerate(header):
        col = by_name.get(name_key(title)) if title else None
        if col is None:
            if title:
                ignored.append(title)
            continue
        if col in mapping:
            raise ImportError_("import_columns_twice", first=header[mapping[col]], second=title, column=col)
        mapping[col] = index
    if not mapping:
        raise ImportError_("import_no_header")
    missing = [c for c in REQUIRED if c not in mapping]
    if missing:
        raise ImportError_(
            "import_missing_columns",
            columns=", ".join(f"{c} ({COLUMN_NAMES[c][1]})" for c in missing),
            columns_zh="、".join(COLUMN_NAMES[c][1] for c in missing),
        )
    return mapping, ignored


def citation_source_id(text: str) -> str:
    """A stable id for a source named by its citation, so importing the same sheet twice finds it again."""
    return "cited-" + hashlib.sha1(normalise_text(text).encode("utf-8")).hexdigest()[:12]


_DATE_AT_END = re.compile(r"[,，、;；\s]*(\d{4}(?:[-/.年]\d{1,2}(?:[-/.月]\d{1,2}日?)?)?)\s*$")


def source_from_citation(text: str) -> dict:
    """A source record from a citation like '国家知识产权局，2024年知识产权统计年报，2025-06-10'.
    It is marked unrated (grade U) and unclassified until an editor grades it."""
    clean = clean_text = re.sub(r"\s+", " ", str(text)).strip()
    published = None
    if m := _DATE_AT_END.search(clean):
        try:
            published = parse_period_cell(m[1])
            clean = clean[: m.start()].strip()
        except CellError:
            published = None
    parts = [p.strip() for p in re.split(r"[,，]", clean, maxsplit=1) if p.strip()]
    outlet, title = (parts[0], parts[1]) if len(parts) == 2 else ("", clean)
    return {
        "id": citation_source_id(text),
        "title_zh": title,
        "title_en": title,
        "outlet_zh": outlet,
        "outlet_en": outlet,
        "published": published,
        "date_note": None,
        "kind": "unclassified",
        "language": "zh",
        "url": None,
        "grade": "U",
        "reported_by": None,
        "note": t("imported_citation", "zh", text=clean_text),
        "note_en": t("imported_citation", "en", text=clean_text),
        "seed_file": None,
    }


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def _text_cell(cell: object) -> str | None:
    return None if is_blank(cell) else str(cell).strip()


def _read(where: tuple[list[Problem], int, dict[str, str]], column: str, reader, *args):
    """`reader(*args)`, or None with a problem noted against the row and column when it raises CellError."""
    problems, number, header = where
    try:
        return reader(*args)
    except CellError as exc:
        problems.append(Problem(number, header[column], exc.message))
        return None


def plan_import(
    sheet: Sheet, reference: Reference, progress: Callable[[int, int], None] | None = None
) -> ImportPlan:
    """Check every row of `sheet` and match it against `reference`. Never raises for bad cells: they are
    problems in the plan. Raises ImportError_ when the columns themselves make an import impossible."""
    mapping, ignored = map_columns(sheet.header)
    plan = ImportPlan(file=sheet.name, ignored_columns=ignored, total_rows=len(sheet.rows))
    if not sheet.rows:
        plan.problems.append(Problem(1, "-", message("import_no_rows")))
        return plan
    header = {col: sheet.header[i] for col, i in mapping.items()}
    indicator_names, type_names = reference.indicator_names(), reference.type_names()
    units = reference.indicators.set_index("id")["unit"].to_dict()
    changes = set(reference.indicators.loc[reference.indicators["measure"] == "change", "id"])
    known_sources = dict(zip(reference.sources["id"], reference.sources["grade"], strict=True))
    stored_sources = {r["id"]: r for r in reference.sources.to_dict(orient="records")}
    source_kinds = {*reference.sources["kind"], "unclassified"}
    given_sources: dict[str, tuple[int, dict]] = {}  # id → (first row, fields) as the sheet gives them
    known_assumptions = set(reference.assumptions["id"])
    stored = {
        tuple(r[k] for k in KEY): {k: (None if _missing(v) else v) for k, v in r.items()}
        for r in reference.observations.to_dict(orient="records")
    }
    seen: dict[tuple, PlannedRow] = {}
    cited: dict[str, dict] = {}

    for done, (number, cells) in enumerate(sheet.rows, start=1):
        if progress and (done % 500 == 0 or done == len(sheet.rows)):
            progress(done, len(sheet.rows))

        def cell(col: str, cells=cells) -> object:
            i = mapping.get(col)
            return cells[i] if i is not None and i < len(cells) else None

        row_problems: list[Problem] = []
        where = (row_problems, number, header)
        indicator = _read(where, "indicator", lookup, cell("indicator"), indicator_names, "indicator")
        institution_type = _read(
            where, "institution_type", lookup, cell("institution_type"), type_names, "institution_type"
        )
        period = _read(where, "period", parse_period_cell, cell("period"))
        qualifier_given = (
            _read(where, "qualifier", parse_qualifier, cell("qualifier")) if "qualifier" in mapping else None
        )
        parsed = None
        if indicator is not None:
            parsed = _read(
                where,
                "value",
                parse_value,
                cell("value"),
                units[indicator],
                _text_cell(cell("unit")),
                indicator in changes,
            )
        elif is_blank(cell("value")):
            row_problems.append(Problem(number, header["value"], message("cell_no_value")))

        source_cell = cell("source")
        source = grade = None
        if is_blank(source_cell):
            row_problems.append(Problem(number, header["source"], message("import_no_source")))
        else:
            text = normalise_text(source_cell)
            carried = _carried_source(text, cell, header, number, source_kinds, row_problems)
            if carried is not None and text not in given_sources:
                given_sources[text] = (number, carried)
            if text in known_sources:
                source, grade = text, known_sources[text]
            elif carried is not None:
                source, grade = text, carried["grade"]
                cited[text] = carried
            elif SOURCE_ID.match(text) and " " not in text:
                row_problems.append(
                    Problem(number, header["source"], message("import_unknown_source", source=text))
                )
            else:
                new = cited.get(citation_source_id(text)) or source_from_citation(text)
                source, grade = new["id"], known_sources.get(new["id"], new["grade"])
                if new["id"] not in known_sources:
                    cited[new["id"]] = new

        assumption = _text_cell(cell("assumption"))
        if assumption is not None and assumption not in known_assumptions:
            row_problems.append(
                Problem(
                    number, header["assumption"], message("import_unknown_assumption", assumption=assumption)
                )
            )

        given_grade = _text_cell(cell("grade"))
        if given_grade is not None and given_grade.upper() == UNGRADED and grade == UNGRADED:
            given_grade = None  # a figure from a source not yet graded is ungraded too: as the source says
        if given_grade is not None:
            if given_grade.upper() not in GRADES:
                row_problems.append(
                    Problem(number, header["grade"], message("import_not_grade", grade=given_grade))
                )
            elif given_grade.upper() == "D" and _text_cell(cell("formula")) is None:
                row_problems.append(Problem(number, header["grade"], message("import_grade_d_formula")))
            else:
                grade = given_grade.upper()

        basis = _text_cell(cell("basis"))
        if basis is not None and basis.lower() not in FIGURE_BASES:
            row_problems.append(
                Problem(
                    number,
                    header["basis"],
                    message("import_not_basis", basis=basis, allowed=", ".join(FIGURE_BASES)),
                )
            )

        if row_problems:
            plan.problems.extend(row_problems)
            continue

        record = {
            "indicator": indicator,
            "period": period,
            "value": parsed.value,
            "unit": units[indicator],
            "qualifier": qualifier_given or parsed.qualifier or "exact",
            "institution_type": institution_type,
            "source": source,
            "grade": grade,
            "formula": _text_cell(cell("formula")),
            "formula_en": _text_cell(cell("formula_en")),
            "assumption": assumption,
            "where": _text_cell(cell("where")),
            "where_en": _text_cell(cell("where_en")),
            "note": _text_cell(cell("note")),
            "note_en": _text_cell(cell("note_en")),
            "basis": basis.lower() if basis is not None else None,
        }
        key = tuple(record[k] for k in KEY)
        if key in seen:
            first = seen[key]
            if (
                _same(first.record["value"], record["value"])
                and first.record["qualifier"] == record["qualifier"]
            ):
                plan.rows.append(PlannedRow(number, "unchanged", record, first.before))
            else:
                plan.problems.append(
                    Problem(
                        number,
                        header["value"],
                        message(
                            "import_rows_disagree",
                            first=first.row,
                            row=number,
                            indicator=indicator,
                            period=period,
                            institution_type=institution_type,
                            source=source,
                        ),
                    )
                )
            continue
        old = stored.get(key)
        if old is None:
            planned = PlannedRow(number, "add", record)
        else:
            for col in (*FREE_TEXT, "basis"):  # a blank cell keeps what is stored
                if record[col] is None:
                    record[col] = old.get(col)
            if given_grade is None:
                record["grade"] = old["grade"]
            changed = not _same(old["value"], record["value"]) or any(
                old.get(c) != record[c] for c in ("qualifier", "grade", "basis", *FREE_TEXT)
            )
            planned = PlannedRow(number, "correct" if changed else "unchanged", record, before=old)
        seen[key] = planned
        plan.rows.append(planned)

    used = {r.record["source"] for r in plan.rows}
    plan.new_sources = [s for s in cited.values() if s["id"] in used]
    for source_id, (_, given) in given_sources.items():
        stored_source = stored_sources.get(source_id)
        if stored_source is not None and not _same_source(stored_source, given):
            fields = {f: given[f] for f in SOURCE_FIELDS}  # what the store keeps of its own (seed file) stays
            plan.source_corrections.append((stored_source, {**stored_source, **fields}))
    return plan


def _carried_source(
    text: str, cell, header: dict[str, str], number: int, kinds: set[str], problems: list[Problem]
) -> dict | None:
    """The source a row carries in its source_* columns (as an export writes them), checked; None when the
    sheet has none for this row."""
    given = {f: _text_cell(cell(f"source_{f}")) for f in SOURCE_FIELDS}
    if given["title_zh"] is None or not SOURCE_ID.match(text):
        return None
    for required in ("title_zh", "title_en", "outlet_zh", "outlet_en", "kind", "language", "grade"):
        if given[required] is None:
            problems.append(Problem(number, f"source_{required}", message("import_source_field_missing")))
    if given["grade"] is not None and given["grade"].upper() not in (*GRADES, UNGRADED):
        problems.append(
            Problem(number, header["source_grade"], message("import_not_grade", grade=given["grade"]))
        )
    if given["kind"] is not None and given["kind"] not in kinds:
        problems.append(
            Problem(number, header["source_kind"], message("import_unknown_kind", kind=given["kind"]))
        )
    if given["language"] is not None and given["language"] not in ("zh", "en"):
        problems.append(
            Problem(
                number,
                header["source_language"],
                message("import_unknown_language", language=given["language"]),
            )
        )
    if given["grade"] is not None:
        given["grade"] = given["grade"].upper()
    return {"id": text, **given, "seed_file": None}


def _same_source(stored: dict, given: dict) -> bool:
    return all(
        (None if _missing(stored.get(f)) or stored.get(f) == "" else str(stored.get(f))) == given.get(f)
        for f in SOURCE_FIELDS
    )


def one_row_sheet(name: str, values: dict[str, object]) -> Sheet:
    """A sheet of one row (numbered 2, under its header) from a form's fields, checked like any import."""
    header = list(values)
    return Sheet(name=name, header=header, rows=[(2, [values[c] for c in header])], detail="form")
