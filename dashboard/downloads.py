"""Tables as files people download (CSV and XLSX), with text a spreadsheet would run as a formula neutralised;
a table that shows figures downloads its computable twin (`Download`: numbers as numbers, and the sources
its rows cite)."""

from __future__ import annotations

import io
import math
import unicodedata
from dataclasses import dataclass

import pandas as pd

from dashboard.i18n import t

# A spreadsheet runs a cell starting with one of these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# Decimals a number format shows at most (figures are published with fewer).
MAX_DECIMALS = 6
# Column widths in characters (a Chinese character counts two).
MIN_WIDTH, MAX_WIDTH = 6, 60


@dataclass(frozen=True)
class Download:
    """What a table's CSV and XLSX hold when the shown table is formatted text: the rows with each figure a
    number in its indicator's unit (and the unit, period, qualifier, grade and source beside it, in words),
    and one row per source the rows cite, for the workbook's sources sheet (None: no sources sheet)."""

    rows: pd.DataFrame
    sources: pd.DataFrame | None = None


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


def _in_utc(frame: pd.DataFrame) -> pd.DataFrame:
    """Times that carry a zone, as a workbook can hold them: in UTC, the zone named in the column's header
    (Excel cells keep no zone; a CSV keeps the offset in the text)."""
    zoned = [c for c in frame.columns if isinstance(frame[c].dtype, pd.DatetimeTZDtype)]
    if not zoned:
        return frame
    out = frame.copy()
    for column in zoned:
        out[column] = out[column].dt.tz_convert("UTC").dt.tz_localize(None)
    return out.rename(columns={c: f"{c} (UTC)" for c in zoned})


def table_xlsx(frame: pd.DataFrame, lang: str, sources: pd.DataFrame | None = None) -> bytes:
    """A table as an XLSX workbook, formulas neutralised: numbers stay numbers, shown to their own precision;
    the header row stays in view and columns are as wide as their text; times with a zone in UTC. `sources`
    (the sources the rows cite) becomes a second sheet named for them in the page's language."""
    buffer = io.BytesIO()
    sheets = [(t("sheet_table", lang), _in_utc(frame))]
    if sources is not None:
        sheets.append((t("sheet_sources", lang), sources))
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, sheet in sheets:
            safe_table(sheet).to_excel(writer, index=False, sheet_name=name)
            _lay_out(writer.sheets[name])
    return buffer.getvalue()


def number_format(value: float) -> str:
    """A cell format showing a number to its own precision with thousands separators: 21000 → '#,##0',
    3987.1 → '#,##0.0', 13.38 → '#,##0.00'."""
    decimals = 0
    if math.isfinite(value):
        text = f"{value:.{MAX_DECIMALS}f}".rstrip("0")
        decimals = len(text.partition(".")[2])
    return "#,##0" if decimals == 0 else "#,##0." + "0" * decimals


def text_width(text: str) -> int:
    """How many columns a text takes in a spreadsheet: a wide (Chinese) character two, any other one."""
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


def _lay_out(sheet) -> None:
    """Freeze the header row, give each fractional number a format by its precision, size the columns."""
    sheet.freeze_panes = "A2"
    for column in sheet.iter_cols():
        widest = MIN_WIDTH
        for cell in column:
            value = cell.value
            if isinstance(value, float) and cell.row > 1:
                cell.number_format = number_format(value)
                shown = f"{value:,.{MAX_DECIMALS}f}".rstrip("0").rstrip(".")
            else:
                shown = "" if value is None else str(value)
            widest = max(widest, *(text_width(line) for line in shown.split("\n")))
        sheet.column_dimensions[column[0].column_letter].width = min(widest + 2, MAX_WIDTH)
