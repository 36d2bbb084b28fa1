"""Reading a sheet people already have: CSV (UTF-8, UTF-8 with BOM, GBK/GB18030; comma or tab separated)
or XLSX (the first sheet, or a named one). Rows keep the number a spreadsheet shows them under (header = 1).

Problems with the file as a whole raise SheetError; problems with single cells are left to the importer."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from dashboard.editing.cells import is_blank, restore_neutralised
from dashboard.i18n import LocalizedError

XLSX_SUFFIXES = (".xlsx", ".xlsm")
ENCODINGS = ("utf-8-sig", "gb18030")


class SheetError(LocalizedError, ValueError):
    """The file cannot be read as a sheet at all (empty, binary, unknown encoding, no such sheet …)."""

    def __init__(self, key: str, /, usage: bool = False, **params: object):
        super().__init__(key, **params)
        self.usage = usage  # the command line asked for something the file does not have (a worksheet)


@dataclass
class Sheet:
    name: str  # the file's name, for messages
    header: list[str]
    rows: list[tuple[int, list[object]]] = field(default_factory=list)  # (row number in the file, cells)
    detail: str = ""  # how it was read: encoding and separator, or the worksheet


def read_sheet(data: bytes | Path, name: str | None = None, sheet: str | None = None) -> Sheet:
    """Read a file's bytes (or a path) into a Sheet. `name` is what messages call the file."""
    if isinstance(data, Path):
        name = name or data.name
        try:
            data = data.read_bytes()
        except OSError as exc:
            raise SheetError("sheet_unreadable_file", name=name, reason=exc.strerror or str(exc)) from None
    name = name or "sheet"
    if not data.strip():
        raise SheetError("sheet_empty", name=name)
    if data[:4] == b"PK\x03\x04":
        return _read_xlsx(data, name, sheet)
    if Path(name).suffix.lower() in XLSX_SUFFIXES:
        raise SheetError("sheet_not_xlsx", name=name)
    if sheet:
        raise SheetError("sheet_worksheet_for_csv", usage=True, name=name)
    if b"\x00" in data[:8192]:
        raise SheetError("sheet_binary", name=name)
    return _read_csv(data, name)


def _decode(data: bytes, name: str) -> tuple[str, str]:
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding), ("UTF-8" if encoding == "utf-8-sig" else "GB18030/GBK")
        except UnicodeDecodeError:
            continue
    raise SheetError("sheet_encoding", name=name)


def _read_csv(data: bytes, name: str) -> Sheet:
    text, encoding = _decode(data, name)
    first_line = text.lstrip("\ufeff").split("\n", 1)[0]
    delimiter = "\t" if first_line.count("\t") > first_line.count(",") else ","
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise SheetError("sheet_bad_csv", name=name, reason=str(exc)) from None
    return _sheet(name, records, f"{encoding}, {'tab' if delimiter == chr(9) else 'comma'} separated")


def _sheet(name: str, records: list[list[object]], detail: str, worksheet: str | None = None) -> Sheet:
    numbered = [
        (i, [restore_neutralised(c) for c in cells])
        for i, cells in enumerate(records, start=1)
        if not all(is_blank(c) for c in cells)
    ]
    if not numbered:
        if worksheet:
            raise SheetError("sheet_worksheet_empty", name=name, worksheet=worksheet)
        raise SheetError("sheet_empty", name=name)
    header_number, header_cells = numbered[0]
    if header_number != 1:
        raise SheetError("sheet_blank_header", name=name)
    header = ["" if is_blank(c) else str(c).strip() for c in header_cells]
    return Sheet(name=name, header=header, rows=numbered[1:], detail=detail)


def _cell(cell) -> object:
    value = cell.value
    if isinstance(value, int | float) and not isinstance(value, bool) and "%" in (cell.number_format or ""):
        return f"{value * 100:.10g}%"  # a percentage cell holds the fraction; people mean what it shows
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date()
    return value


def _read_xlsx(data: bytes, name: str, sheet: str | None) -> Sheet:
    from openpyxl import load_workbook

    try:
        # Not read-only: a read-only sheet may skip blank rows, and rows must keep their numbers.
        workbook = load_workbook(io.BytesIO(data), data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise SheetError("sheet_bad_xlsx", name=name, reason=type(exc).__name__) from None
    try:
        if sheet is not None and sheet not in workbook.sheetnames:
            raise SheetError(
                "sheet_no_worksheet",
                usage=True,
                name=name,
                worksheet=sheet,
                worksheets=", ".join(map(repr, workbook.sheetnames)),
            )
        worksheet = workbook[sheet] if sheet is not None else workbook.worksheets[0]
        records = [[_cell(c) for c in row] for row in worksheet.iter_rows()]
        title = worksheet.title
    finally:
        workbook.close()
    return _sheet(name, records, f"worksheet {title!r}", title)
