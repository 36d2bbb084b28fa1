"""Observations out to CSV or XLSX, in the columns an import sheet uses (so an export imports again), each
row with its source's citation and grade beside it (so a figure from a source another store lacks — one made
from a citation, ungraded, or added by an editor — imports with its source), formula-like text neutralised."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.downloads import neutralise

EXPORT_COLUMNS = [
    "indicator",
    "period",
    "value",
    "unit",
    "institution_type",
    "source",
    "qualifier",
    "note",
    "note_en",
    "grade",
    "formula",
    "formula_en",
    "assumption",
    "where",
    "where_en",
    "basis",
]
# A source's fields as an export carries them beside each figure, as source_<field>.
SOURCE_FIELDS = (
    "title_zh",
    "title_en",
    "outlet_zh",
    "outlet_en",
    "published",
    "date_note",
    "date_note_en",
    "kind",
    "language",
    "url",
    "grade",
    "reported_by",
    "reported_by_en",
    "note",
    "note_en",
)
SOURCE_COLUMNS = [f"source_{f}" for f in SOURCE_FIELDS]
OBSERVATION_COLUMNS = EXPORT_COLUMNS
EXPORT_COLUMNS = [*OBSERVATION_COLUMNS, *SOURCE_COLUMNS]
FORMATS = ("csv", "xlsx")


def export_frame(observations: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Every observation in the export columns with its source's fields, ordered by indicator, institution
    type and period."""
    cited = sources[["id", *SOURCE_FIELDS]].rename(columns={f: f"source_{f}" for f in SOURCE_FIELDS})
    frame = observations[OBSERVATION_COLUMNS].merge(
        cited, left_on="source", right_on="id", how="left", validate="many_to_one"
    )
    frame = frame[EXPORT_COLUMNS].sort_values(
        ["indicator", "institution_type", "period", "source"], kind="stable"
    )
    frame = frame.astype({"period": str}).reset_index(drop=True)
    text_columns = [c for c in EXPORT_COLUMNS if c != "value"]
    frame[text_columns] = frame[text_columns].map(neutralise)
    return frame


def format_for(path: Path, requested: str | None) -> str:
    """The export format: as requested, else from the file's extension, else CSV."""
    if requested:
        return requested
    suffix = path.suffix.lower().lstrip(".")
    return suffix if suffix in FORMATS else "csv"


def write_export(frame: pd.DataFrame, path: Path, fmt: str) -> None:
    if fmt == "csv":
        # UTF-8 with BOM so that spreadsheet programs read the Chinese text correctly.
        out = frame.assign(value=frame["value"].map(lambda v: f"{v:.12g}"))
        out.to_csv(path, index=False, encoding="utf-8-sig", lineterminator="\n")
    elif fmt == "xlsx":
        with pd.ExcelWriter(path, engine="openpyxl") as writer:
            frame.to_excel(writer, index=False, sheet_name="observations")
    else:
        raise ValueError(f"unknown export format {fmt!r}")
