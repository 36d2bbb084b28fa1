"""The curated tables in data/: read each CSV as its metadata sidecar describes it, and check every cell.

Every problem names the file, the row as numbered in the file (header = row 1) and the column, so that a
malformed file fails `init` and the tests with a message a curator can act on.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from dashboard.curation.catalogue import TABLES, Tables
from dashboard.curation.problems import DataFileError, DataProblem
from dashboard.i18n import Message, message
from dashboard.periods import PeriodError, parse_period

DATA_DIR = Path(__file__).resolve().parents[2] / "data"

COLUMN_TYPES = ("string", "text", "number", "integer", "boolean", "period", "enum", "ref", "url")
SIDECAR_KEYS = {"table", "title", "description", "generated_from_seeds", "unique", "columns"}
COLUMN_KEYS = {"name", "type", "required", "label", "description", "unit", "values", "references", "many"}


@dataclass
class Sidecar:
    table: str
    title: dict
    description: dict
    columns: list[dict]
    unique: list[list[str]] = field(default_factory=list)
    generated_from_seeds: bool = False

    @property
    def column_names(self) -> list[str]:
        return [c["name"] for c in self.columns]


def _problem(file: str, what: Message, row: int | None = None, column: str | None = None) -> DataProblem:
    return DataProblem(file, row, column, what)


def validate_sidecar(raw: object, file: str) -> list[DataProblem]:
    """Check a sidecar against the metadata schema: keys, column types, bilingual labels."""
    problems: list[DataProblem] = []
    if not isinstance(raw, dict):
        return [_problem(file, message("data_sidecar_not_mapping"))]
    for key in ("table", "title", "description", "columns"):
        if key not in raw:
            problems.append(_problem(file, message("data_missing_key", key=key)))
    for key in set(raw) - SIDECAR_KEYS:
        problems.append(_problem(file, message("data_unknown_key", key=key)))
    for key in ("title", "description"):
        if key in raw and not (isinstance(raw[key], dict) and raw[key].get("zh") and raw[key].get("en")):
            problems.append(_problem(file, message("data_needs_both_languages", key=key)))
    columns = raw.get("columns") or []
    if not isinstance(columns, list) or not columns:
        problems.append(_problem(file, message("data_columns_list")))
        return problems
    names = set()
    for i, col in enumerate(columns, start=1):
        ctx = f"columns[{i}]"
        if not isinstance(col, dict) or "name" not in col:
            problems.append(_problem(file, message("data_column_needs_name", ctx=ctx)))
            continue
        name = col["name"]
        if name in names:
            problems.append(_problem(file, message("data_column_twice", ctx=ctx, name=name)))
        names.add(name)
        for key in set(col) - COLUMN_KEYS:
            problems.append(_problem(file, message("data_column_unknown_key", ctx=ctx, name=name, key=key)))
        if col.get("type") not in COLUMN_TYPES:
            problems.append(
                _problem(file, message("data_column_type", ctx=ctx, name=name, types=", ".join(COLUMN_TYPES)))
            )
        for key in ("label", "description"):
            val = col.get(key)
            if not (isinstance(val, dict) and val.get("zh") and val.get("en")):
                problems.append(
                    _problem(file, message("data_column_both_languages", ctx=ctx, name=name, key=key))
                )
        if col.get("type") == "enum" and not col.get("values"):
            problems.append(_problem(file, message("data_enum_values", ctx=ctx, name=name)))
        if col.get("type") == "ref" and "." not in str(col.get("references", "")):
            problems.append(_problem(file, message("data_ref_target", ctx=ctx, name=name)))
    for key in raw.get("unique") or []:
        for name in key:
            if name not in names:
                problems.append(_problem(file, message("data_unique_unknown", name=name)))
    return problems


def load_sidecar(table: str, data_dir: Path = DATA_DIR) -> Sidecar:
    path = data_dir / f"{table}.meta.yaml"
    file = _display(path)
    if not path.exists():
        raise DataFileError([_problem(file, message("data_sidecar_missing"))])
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise DataFileError([_problem(file, message("data_not_yaml", reason=str(exc)))]) from None
    problems = validate_sidecar(raw, file)
    if problems:
        raise DataFileError(problems)
    if raw["table"] != table:
        raise DataFileError(
            [_problem(file, message("data_sidecar_table", found=raw["table"], expected=table))]
        )
    return Sidecar(
        table=raw["table"],
        title=raw["title"],
        description=raw["description"],
        columns=raw["columns"],
        unique=raw.get("unique") or [],
        generated_from_seeds=bool(raw.get("generated_from_seeds")),
    )


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(DATA_DIR.parent))
    except ValueError:
        return str(path)


def _coerce(value: str, col: dict, file: str, row: int) -> tuple[object, DataProblem | None]:
    """Turn one CSV cell into its typed value, or say why it cannot be."""
    name, kind = col["name"], col["type"]
    if value == "":
        if col.get("required"):
            return None, _problem(file, message("data_required"), row, name)
        return (math.nan if kind == "number" else None), None
    if kind == "number":
        try:
            number = float(value)
        except ValueError:
            return None, _problem(file, message("data_not_number", value=value), row, name)
        if not math.isfinite(number):
            return None, _problem(file, message("data_not_finite", value=value), row, name)
        return number, None
    if kind == "integer":
        try:
            return int(value), None
        except ValueError:
            return None, _problem(file, message("data_not_whole", value=value), row, name)
    if kind == "boolean":
        if value.lower() in ("true", "false"):
            return value.lower() == "true", None
        return None, _problem(file, message("data_not_boolean", value=value), row, name)
    if kind == "period":
        try:
            parse_period(value)
        except PeriodError as exc:
            return None, _problem(file, exc.message, row, name)
        return value, None
    if kind == "enum":
        items = value.split(";") if col.get("many") else [value]
        bad = [v for v in items if v not in col["values"]]
        if bad:
            allowed = ", ".join(map(str, col["values"]))
            return None, _problem(file, message("data_not_one_of", value=bad[0], allowed=allowed), row, name)
        return value, None
    if kind == "url" and not value.startswith(("https://", "http://")):
        return None, _problem(file, message("data_not_url", value=value), row, name)
    return value, None


def read_table(table: str, data_dir: Path = DATA_DIR) -> tuple[pd.DataFrame, list[DataProblem]]:
    """Read one CSV through its sidecar. Returns the typed frame (with a `_row` column giving the file row)
    and the problems found; references to other tables are checked by `load_all`."""
    sidecar = load_sidecar(table, data_dir)
    path = data_dir / f"{table}.csv"
    file = _display(path)
    if not path.exists():
        return pd.DataFrame(), [_problem(file, message("data_file_missing"))]
    problems: list[DataProblem] = []
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        return pd.DataFrame(), [_problem(file, message("data_not_utf8", reason=exc.reason, byte=exc.start))]
    reader = csv.reader(text.splitlines(keepends=True))
    header = next(reader, None)
    if not header:
        return pd.DataFrame(), [_problem(file, message("data_empty"), 1)]
    header = [h.strip() for h in header]
    expected = sidecar.column_names
    if header != expected:
        missing = [c for c in expected if c not in header]
        extra = [c for c in header if c not in expected]
        detail = []
        if missing:
            detail.append(message("data_header_missing", columns=", ".join(missing)))
        if extra:
            detail.append(message("data_header_extra", columns=", ".join(extra)))
        if not detail:
            detail.append(message("data_header_order"))
        return pd.DataFrame(), [_problem(file, message("data_header_mismatch", detail=tuple(detail)), 1)]
    records = []
    row_numbers = []
    for cells in reader:
        row = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            problems.append(
                _problem(file, message("data_cells_count", cells=len(cells), header=len(header)), row)
            )
            continue
        record = {}
        for col, cell in zip(sidecar.columns, cells, strict=True):
            value, problem = _coerce(cell.strip(), col, file, row)
            if problem:
                problems.append(problem)
            record[col["name"]] = value
        records.append(record)
        row_numbers.append(row)
    frame = pd.DataFrame.from_records(records, columns=expected)
    frame["_row"] = row_numbers
    for key in sidecar.unique:
        seen: dict[tuple, int] = {}
        for values, row in zip(frame[key].itertuples(index=False, name=None), row_numbers, strict=True):
            if values in seen:
                problems.append(
                    _problem(
                        file,
                        message("data_duplicate_row", first=seen[values], key=", ".join(key), values=values),
                        row,
                        key[0],
                    )
                )
            else:
                seen[values] = row
    return frame, problems


def check_references(tables: dict[str, pd.DataFrame], data_dir: Path = DATA_DIR) -> list[DataProblem]:
    """Every `ref` cell must name an existing row of the table it references."""
    problems = []
    for table, frame in tables.items():
        if frame.empty:
            continue
        sidecar = load_sidecar(table, data_dir)
        file = _display(data_dir / f"{table}.csv")
        for col in sidecar.columns:
            if col["type"] != "ref":
                continue
            ref_table, ref_col = col["references"].split(".")
            target = tables.get(ref_table)
            known = set(target[ref_col]) if target is not None and not target.empty else set()
            for cell, row in zip(frame[col["name"]], frame["_row"], strict=True):
                if cell is None or pd.isna(cell):
                    continue
                for item in str(cell).split(";") if col.get("many") else [cell]:
                    if item not in known:
                        problems.append(
                            _problem(
                                file,
                                message("data_unknown_ref", value=item, table=ref_table),
                                row,
                                col["name"],
                            )
                        )
    return problems


def check_consistency(tables: dict[str, pd.DataFrame], data_dir: Path = DATA_DIR) -> list[DataProblem]:
    """Rules across tables: a figure is in its indicator's canonical unit and for a type the indicator covers."""
    problems = []
    indicators = tables["indicators"].set_index("id")
    for table in ("observations", "targets"):
        frame = tables[table]
        file = _display(data_dir / f"{table}.csv")
        for _, rec in frame.iterrows():
            if rec["indicator"] not in indicators.index:
                continue  # reported by check_references
            ind = indicators.loc[rec["indicator"]]
            if rec["unit"] != ind["unit"]:
                problems.append(
                    _problem(
                        file,
                        message(
                            "data_not_canonical_unit",
                            unit=rec["unit"],
                            indicator=rec["indicator"],
                            canonical=ind["unit"],
                        ),
                        rec["_row"],
                        "unit",
                    )
                )
            if rec["institution_type"] not in str(ind["institution_types"]).split(";"):
                problems.append(
                    _problem(
                        file,
                        message(
                            "data_type_not_published",
                            indicator=rec["indicator"],
                            institution_type=rec["institution_type"],
                            types=ind["institution_types"],
                        ),
                        rec["_row"],
                        "institution_type",
                    )
                )
    return problems


def load_all(data_dir: Path = DATA_DIR) -> Tables:
    """Read and check every curated table; raise DataFileError listing every problem found."""
    tables: dict[str, pd.DataFrame] = {}
    problems: list[DataProblem] = []
    for table in TABLES:
        frame, found = read_table(table, data_dir)
        tables[table] = frame
        problems.extend(found)
    if not problems:
        problems.extend(check_references(tables, data_dir))
    if not problems:
        problems.extend(check_consistency(tables, data_dir))
    if problems:
        raise DataFileError(problems)
    return Tables.from_mapping({name: frame.drop(columns="_row") for name, frame in tables.items()})


def write_table(table: str, frame: pd.DataFrame, data_dir: Path = DATA_DIR) -> Path:
    """Write a generated table in the sidecar's column order, numbers without float noise."""
    sidecar = load_sidecar(table, data_dir)
    out = frame[sidecar.column_names].copy()
    for col in sidecar.columns:
        if col["type"] == "number":
            out[col["name"]] = out[col["name"]].map(lambda v: "" if v is None or pd.isna(v) else f"{v:.10g}")
        elif col["type"] == "boolean":
            out[col["name"]] = out[col["name"]].map(lambda v: "" if v is None else str(bool(v)).lower())
    path = data_dir / f"{table}.csv"
    out.to_csv(path, index=False, lineterminator="\n", na_rep="")
    return path
