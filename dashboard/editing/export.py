"""Observations out to CSV or XLSX, in the columns an import sheet uses (so an export imports again), with
formula-like text neutralised."""

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
FORMATS = ("csv", "xlsx")


def export_frame(observations: pd.DataFrame) -> pd.DataFrame:
    """Every observation in the export columns, ordered by indicator, institution type and period."""
    frame = observations[EXPORT_COLUMNS].sort_values(
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
