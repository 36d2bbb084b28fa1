"""Patent-level records of the stock-patent inventory: their columns, and reading and checking an import file.

A file (CSV, XLSX or Parquet) is read whole into polars and every rule is checked column-wise over all rows
at once. Problems name the file, the row as numbered in the file (header = row 1) and the column; a file with
any problem is refused whole (the store is written only by `inventory_store.replace_inventory`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from dashboard.curation.problems import DataProblem
from dashboard.i18n import PLAIN_LANGUAGE, Message, message, t
from dashboard.inventory.grading import (
    DISPOSITIONS,
    GRADES,
    SCORE_RANGE,
    SCORES,
    RuleSet,
    disposition_expr,
    grade_expr,
)

INSTITUTION_TYPES = ("university", "research_institute")
PATENT_TYPES = ("invention", "utility_model", "design")
LEGAL_STATUSES = ("valid", "lapsed", "expired")
IPC_SECTIONS = tuple("ABCDEFGH")
# The pipeline from the inventory to a deal; `abandoned` is off it (no longer maintained).
STAGES = (
    "inventoried",
    "conversion_pool",
    "matched",
    "transferred",
    "licensed",
    "open_licensed",
    "abandoned",
)
DEAL_STAGES = {"transferred": "transfer", "licensed": "licence", "open_licensed": "open_licence"}
DEAL_TYPES = tuple(DEAL_STAGES.values())
FIRST_YEAR = 1985  # China's patent law took effect on 1 April 1985
MAX_TEXT = {"patent_number": 40, "title": 500, "institution": 200}
SYNTHETIC_NOTE_COLUMN = "dataset_note"  # only in exports of synthetic demo data; never imported
READERS = {".csv": "csv", ".xlsx": "xlsx", ".parquet": "parquet", ".pq": "parquet"}


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # text, enum, integer, number, date
    required: bool = True
    values: tuple[str, ...] = ()


COLUMNS = (
    Column("patent_number", "text"),
    Column("title", "text"),
    Column("institution", "text"),
    Column("institution_type", "enum", values=INSTITUTION_TYPES),
    Column("province", "enum"),  # values: the province table's ids (names accepted and turned into ids)
    Column("ipc_section", "enum", values=IPC_SECTIONS),
    Column("ipc_class", "text"),
    Column("application_year", "integer"),
    Column("grant_year", "integer"),
    Column("patent_type", "enum", values=PATENT_TYPES),
    Column("legal_status", "enum", values=LEGAL_STATUSES),
    Column("tech_score", "number"),
    Column("market_score", "number"),
    Column("legal_score", "number"),
    Column("grade", "enum", required=False, values=GRADES),  # blank: from the rule set in force
    Column("disposition", "enum", required=False, values=DISPOSITIONS),  # blank: from the rule set
    Column("stage", "enum", values=STAGES),
    Column("deal_type", "enum", required=False, values=DEAL_TYPES),
    Column("deal_value", "number", required=False),  # 万元
    Column("deal_date", "date", required=False),
)
COLUMN_NAMES = tuple(c.name for c in COLUMNS)
SCHEMA = {
    "patent_number": pl.String,
    "title": pl.String,
    "institution": pl.String,
    "institution_type": pl.String,
    "province": pl.String,
    "ipc_section": pl.String,
    "ipc_class": pl.String,
    "application_year": pl.Int16,
    "grant_year": pl.Int16,
    "patent_type": pl.String,
    "legal_status": pl.String,
    "tech_score": pl.Float32,
    "market_score": pl.Float32,
    "legal_score": pl.Float32,
    "grade": pl.String,
    "disposition": pl.String,
    "stage": pl.String,
    "deal_type": pl.String,
    "deal_value": pl.Float64,
    "deal_date": pl.Date,
}
MAX_PROBLEMS = 50  # listed in full; the rest are counted
_IPC_CLASS = r"^[A-H][0-9]{2}$"
_PROVINCE_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市")


class InventoryFileError(Exception):
    """An import file that cannot be taken: its problems (at most MAX_PROBLEMS of them) and how many in all."""

    def __init__(self, problems: list[DataProblem], total: int | None = None):
        self.problems = problems
        self.total = total if total is not None else len(problems)
        super().__init__(self.text(PLAIN_LANGUAGE))

    def text(self, lang: str) -> str:
        """Every listed problem, one a line, and how many more there are."""
        more = self.total - len(self.problems)
        lines = [p.text(lang) for p in self.problems] + (
            [t("problems_more", lang, n=more)] if more > 0 else []
        )
        return "\n".join(lines)


def province_lookup(provinces) -> dict[str, str]:
    """Every accepted spelling of a province → its id: the id, the Chinese and English names (any case),
    and the Chinese name with its administrative suffix (北京市, 广西壮族自治区)."""
    lookup: dict[str, str] = {}
    for row in (
        provinces.iter_rows(named=True)
        if isinstance(provinces, pl.DataFrame)
        else provinces.to_dict("records")
    ):
        for name in (row["id"], row["name_zh"], row["name_en"]):
            lookup[str(name).lower()] = row["id"]
    return lookup


def read_file(path: Path, name: str | None = None) -> pl.DataFrame:
    """Every cell of an import file as text (None when empty), in the file's own columns and row order.
    `name` is how messages call the file (an uploaded file's own name), else its path."""
    path = Path(path)
    label = name or str(path)
    kind = READERS.get(path.suffix.lower())
    if kind is None:
        raise InventoryFileError(
            [DataProblem(label, None, None, message("inv_file_type", suffix=path.suffix or "(none)"))]
        )
    if not path.is_file():
        raise InventoryFileError([DataProblem(label, None, None, message("inv_no_such_file"))])
    try:
        if kind == "csv":
            frame = pl.read_csv(
                path, infer_schema=False, encoding="utf8", raise_if_empty=False, truncate_ragged_lines=False
            )
        elif kind == "xlsx":
            frame = pl.read_excel(path, engine="calamine", infer_schema_length=0, raise_if_empty=False)
        else:
            frame = pl.read_parquet(path)
    except (pl.exceptions.PolarsError, OSError, ValueError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InventoryFileError(
            [DataProblem(label, None, None, message("inv_unreadable", kind=kind.upper(), reason=first))]
        ) from None
    except Exception as exc:  # the Excel reader raises its own error types
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InventoryFileError(
            [DataProblem(label, None, None, message("inv_unreadable", kind=kind.upper(), reason=first))]
        ) from None
    frame = frame.rename({c: c.strip() for c in frame.columns})
    text = [pl.col(c).cast(pl.String).str.strip_chars() for c in frame.columns]
    frame = frame.select(text)
    return frame.with_columns(
        pl.when(pl.col(c) == "").then(None).otherwise(pl.col(c)).alias(c) for c in frame.columns
    )


@dataclass
class _Checks:
    file: str
    problems: list[DataProblem]
    total: int = 0

    def flag(self, frame: pl.DataFrame, bad: pl.Expr, column: str, say: Callable[[dict], Message]) -> None:
        """Report the rows where `bad` holds (counted all; listed up to MAX_PROBLEMS in all); `say(row)` is
        the problem with that row."""
        hits = frame.filter(bad.fill_null(False))
        if hits.is_empty():
            return
        self.total += hits.height
        room = MAX_PROBLEMS - len(self.problems)
        for row in hits.head(max(room, 0)).iter_rows(named=True):
            self.problems.append(DataProblem(self.file, row["_row"], column, say(row)))


def check_records(
    raw: pl.DataFrame, file: str, provinces, rules: RuleSet, today: dt.date | None = None
) -> pl.DataFrame:
    """The records of an import file, typed, with blank grades and dispositions filled in from `rules`;
    InventoryFileError listing every problem (file, row, column) if there is any."""
    today = today or dt.date.today()
    checks = _Checks(file, [])
    header_problems = []
    missing = [c.name for c in COLUMNS if c.name not in raw.columns]
    if missing:
        header_problems.append(
            DataProblem(file, 1, None, message("inv_missing_columns", columns=", ".join(missing)))
        )
    if SYNTHETIC_NOTE_COLUMN in raw.columns:
        header_problems.append(DataProblem(file, 1, SYNTHETIC_NOTE_COLUMN, message("inv_synthetic_export")))
    extra = [c for c in raw.columns if c not in COLUMN_NAMES and c != SYNTHETIC_NOTE_COLUMN]
    if extra:
        header_problems.append(
            DataProblem(
                file,
                1,
                extra[0],
                message("inv_extra_columns", extra=", ".join(extra), columns=", ".join(COLUMN_NAMES)),
            )
        )
    duplicated = [c for c in set(raw.columns) if raw.columns.count(c) > 1]
    if duplicated:
        header_problems.append(DataProblem(file, 1, duplicated[0], message("inv_column_twice")))
    if header_problems:
        raise InventoryFileError(header_problems)
    if raw.is_empty():
        raise InventoryFileError([DataProblem(file, 2, None, message("inv_no_records"))])

    frame = raw.select(COLUMN_NAMES).with_row_index("_row", offset=2)
    lookup = province_lookup(provinces)
    typed = [
        _province_expr(frame["province"], lookup),
        *(pl.col(c).cast(pl.Int32, strict=False).alias(f"{c}_v") for c in ("application_year", "grant_year")),
        *(pl.col(c).cast(pl.Float64, strict=False).alias(f"{c}_v") for c in (*SCORES, "deal_value")),
        pl.col("deal_date").str.to_date("%Y-%m-%d", strict=False).alias("deal_date_v"),
    ]
    frame = frame.with_columns(typed)

    for column in COLUMNS:
        name = column.name
        if column.required:
            checks.flag(frame, pl.col(name).is_null(), name, lambda r: message("inv_required"))
        if column.kind == "text" and name in MAX_TEXT:
            limit = MAX_TEXT[name]
            checks.flag(
                frame,
                pl.col(name).str.len_chars() > limit,
                name,
                lambda r, limit=limit: message("inv_too_long", limit=limit),
            )
        if column.kind == "enum" and name != "province":
            allowed = ", ".join(column.values)
            checks.flag(
                frame,
                pl.col(name).is_not_null() & ~pl.col(name).is_in(column.values),
                name,
                lambda r, name=name, allowed=allowed: message(
                    "inv_not_one_of", value=r[name], allowed=allowed
                ),
            )
        if column.kind == "integer":
            checks.flag(
                frame,
                pl.col(name).is_not_null() & pl.col(f"{name}_v").is_null(),
                name,
                lambda r, name=name: message("inv_not_whole", value=r[name]),
            )
            checks.flag(
                frame,
                (pl.col(f"{name}_v") < FIRST_YEAR) | (pl.col(f"{name}_v") > today.year),
                name,
                lambda r, name=name: message(
                    "inv_year_range", value=r[name], first=FIRST_YEAR, last=today.year
                ),
            )
        if column.kind == "number":
            checks.flag(
                frame,
                pl.col(name).is_not_null()
                & (
                    pl.col(f"{name}_v").is_null()
                    | pl.col(f"{name}_v").is_nan()
                    | pl.col(f"{name}_v").is_infinite()
                ),
                name,
                lambda r, name=name: message("inv_not_number", value=r[name]),
            )
        if column.kind == "date":
            checks.flag(
                frame,
                pl.col(name).is_not_null() & pl.col(f"{name}_v").is_null(),
                name,
                lambda r, name=name: message("inv_not_date", value=r[name]),
            )

    checks.flag(
        frame,
        pl.col("province").is_not_null() & pl.col("province_id").is_null(),
        "province",
        lambda r: message("inv_not_province", value=r["province"]),
    )
    checks.flag(
        frame,
        pl.col("ipc_class").is_not_null() & ~pl.col("ipc_class").str.contains(_IPC_CLASS),
        "ipc_class",
        lambda r: message("inv_not_ipc_class", value=r["ipc_class"]),
    )
    checks.flag(
        frame,
        pl.col("ipc_class").str.contains(_IPC_CLASS)
        & pl.col("ipc_section").is_in(IPC_SECTIONS)
        & (pl.col("ipc_class").str.slice(0, 1) != pl.col("ipc_section")),
        "ipc_class",
        lambda r: message("inv_class_not_in_section", value=r["ipc_class"], section=r["ipc_section"]),
    )
    low, high = SCORE_RANGE
    for score in SCORES:
        checks.flag(
            frame,
            (pl.col(f"{score}_v") < low) | (pl.col(f"{score}_v") > high),
            score,
            lambda r, score=score: message(
                "inv_score_range", value=r[score], low=f"{low:g}", high=f"{high:g}"
            ),
        )
    checks.flag(
        frame,
        pl.col("grant_year_v") < pl.col("application_year_v"),
        "grant_year",
        lambda r: message(
            "inv_granted_before_filed", value=r["grant_year"], application_year=r["application_year"]
        ),
    )
    # Deals: a deal stage has its deal type; other stages have no deal.
    deal_stage = pl.col("stage").is_in(list(DEAL_STAGES))
    expected_type = pl.col("stage").replace_strict(DEAL_STAGES, default=None)
    checks.flag(
        frame,
        deal_stage & pl.col("deal_type").is_null(),
        "deal_type",
        lambda r: message("inv_deal_type_required", stage=r["stage"], deal_type=DEAL_STAGES.get(r["stage"])),
    )
    checks.flag(
        frame,
        deal_stage
        & pl.col("deal_type").is_not_null()
        & pl.col("deal_type").is_in(DEAL_TYPES)
        & (pl.col("deal_type") != expected_type),
        "deal_type",
        lambda r: message(
            "inv_deal_type_mismatch", value=r["deal_type"], stage=r["stage"], expected=DEAL_STAGES[r["stage"]]
        ),
    )
    no_deal = pl.col("stage").is_in([s for s in STAGES if s not in DEAL_STAGES])
    for column in ("deal_type", "deal_value", "deal_date"):
        checks.flag(
            frame,
            no_deal & pl.col(column).is_not_null(),
            column,
            lambda r, column=column: message("inv_no_deal", stage=r["stage"]),
        )
    checks.flag(
        frame,
        pl.col("deal_value_v") < 0,
        "deal_value",
        lambda r: message("inv_negative_value", value=r["deal_value"]),
    )
    checks.flag(
        frame,
        pl.col("deal_date_v") > today,
        "deal_date",
        lambda r: message("inv_future_date", value=r["deal_date"]),
    )
    checks.flag(
        frame,
        pl.col("deal_date_v").dt.year() < pl.col("application_year_v"),
        "deal_date",
        lambda r: message(
            "inv_deal_before_filed", value=r["deal_date"], application_year=r["application_year"]
        ),
    )
    # One record per patent.
    first_row = pl.col("_row").min().over("patent_number")
    checks.flag(
        frame.with_columns(first_row.alias("_first")),
        pl.col("patent_number").is_not_null() & (pl.col("_row") != pl.col("_first")),
        "patent_number",
        lambda r: message("inv_duplicate_patent", value=r["patent_number"], first=r["_first"]),
    )

    if checks.problems:
        checks.problems.sort(
            key=lambda p: (p.row or 0, COLUMN_NAMES.index(p.column) if p.column in COLUMN_NAMES else 99)
        )
        raise InventoryFileError(checks.problems, checks.total)

    records = frame.select(
        "patent_number",
        "title",
        "institution",
        "institution_type",
        pl.col("province_id").alias("province"),
        "ipc_section",
        "ipc_class",
        pl.col("application_year_v").alias("application_year"),
        pl.col("grant_year_v").alias("grant_year"),
        "patent_type",
        "legal_status",
        *(pl.col(f"{s}_v").alias(s) for s in SCORES),
        "grade",
        "disposition",
        "stage",
        "deal_type",
        pl.col("deal_value_v").alias("deal_value"),
        pl.col("deal_date_v").alias("deal_date"),
    )
    records = records.with_columns(pl.coalesce("grade", grade_expr(rules)).alias("grade"))
    records = records.with_columns(
        pl.coalesce("disposition", disposition_expr(rules, pl.col("grade"))).alias("disposition")
    )
    return records.cast(SCHEMA)


def _province_id(text: str, lookup: dict[str, str]) -> str | None:
    """One spelling of a province → its id (None when unknown), a suffix such as 省 or 市 dropped."""
    bare = text.strip()
    for suffix in _PROVINCE_SUFFIXES:
        if bare.endswith(suffix) and len(bare) > len(suffix) + 1:
            bare = bare[: -len(suffix)]
            break
    return lookup.get(bare.lower())


def _province_expr(values: pl.Series, lookup: dict[str, str]) -> pl.Expr:
    """Province text → id, resolved once per distinct spelling (a file has a few dozen), not per row."""
    mapping = {v: _province_id(v, lookup) for v in values.drop_nulls().unique().to_list()}
    return (
        pl.col("province").replace_strict(mapping, default=None, return_dtype=pl.String).alias("province_id")
    )


def read_records(
    path: Path, provinces, rules: RuleSet, today: dt.date | None = None, name: str | None = None
) -> pl.DataFrame:
    """An import file's records, checked (InventoryFileError on any problem)."""
    label = name or str(path)
    return check_records(read_file(Path(path), label), label, provinces, rules, today)
