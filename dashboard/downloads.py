"""Tables as files people download (CSV and XLSX), with text a spreadsheet would run as a formula neutralised."""

from __future__ import annotations

import pandas as pd

# A spreadsheet runs a cell starting with one of these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """Prefix text that a spreadsheet would run as a formula with an apostrophe; leave numbers alone."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def safe_table(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of a table whose text cells a spreadsheet would not run as formulas."""
    return frame.map(neutralise)


def table_csv(frame: pd.DataFrame) -> bytes:
    """A table as CSV (UTF-8 with BOM, so spreadsheet programs read Chinese right), formulas neutralised."""
    return safe_table(frame).to_csv(index=False, lineterminator="\n").encode("utf-8-sig")


def table_xlsx(frame: pd.DataFrame) -> bytes:
    """A table as an XLSX workbook, formulas neutralised."""
    import io

    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        safe_table(frame).to_excel(writer, index=False, sheet_name="table")
    return buffer.getvalue()
