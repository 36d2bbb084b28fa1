"""CSV and XLSX downloads: numbers stay numbers shown to their own precision, text a spreadsheet would run is
neutralised, the header row stays in view, columns fit their text, and the sources sheet is there only when
the table cites sources."""

import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from dashboard.downloads import number_format, table_csv, table_xlsx, text_width
from dashboard.i18n import t


@pytest.mark.parametrize(
    ("value", "fmt"),
    [
        (21000.0, "#,##0"),
        (3987.1, "#,##0.0"),
        (13.38, "#,##0.00"),
        (0.512, "#,##0.000"),
        (-2.5, "#,##0.0"),
        (0.1 + 0.2, "#,##0.0"),  # float noise beyond six decimals is not precision
    ],
)
def test_a_number_is_formatted_to_its_own_precision(value, fmt):
    assert number_format(value) == fmt


@pytest.mark.parametrize(("text", "width"), [("abc", 3), ("高校", 4), ("CNY 亿元", 8), ("", 0)])
def test_a_chinese_character_takes_two_columns(text, width):
    assert text_width(text) == width


FRAME = pd.DataFrame(
    {
        "指标": ['=HYPERLINK("x")', "高校专利转让及许可合同金额"],
        "数值": [-3.25, 110.1],
        "件数": [12, 21000],
    }
)


def test_the_csv_keeps_numbers_and_neutralises_formulas():
    parsed = pd.read_csv(io.BytesIO(table_csv(FRAME)), encoding="utf-8-sig")
    assert parsed["数值"].tolist() == FRAME["数值"].tolist()  # a negative number is not a formula
    assert parsed["指标"].iloc[0] == "'" + FRAME["指标"].iloc[0]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_workbook_stores_numbers_as_numbers_under_a_frozen_header(lang):
    book = load_workbook(io.BytesIO(table_xlsx(FRAME, lang)))
    assert book.sheetnames == [t("sheet_table", lang)]  # no sources given, no sources sheet
    sheet = book.active
    assert sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]] == list(FRAME.columns)
    fractions = [sheet.cell(r, 2) for r in (2, 3)]
    assert [c.value for c in fractions] == FRAME["数值"].tolist()
    assert all(c.data_type == "n" for c in fractions)
    assert [c.number_format for c in fractions] == [number_format(v) for v in FRAME["数值"]]
    assert [sheet.cell(r, 3).value for r in (2, 3)] == [12, 21000]
    assert sheet.cell(2, 1).value == "'" + FRAME["指标"].iloc[0]
    widths = {c.column_letter: sheet.column_dimensions[c.column_letter].width for c in sheet[1]}
    assert widths["A"] >= text_width(FRAME["指标"].iloc[1]) > widths["B"]


def test_the_sources_sheet_follows_the_table_named_in_the_pages_language():
    sources = pd.DataFrame({"Outlet": ["=cmd", "CNIPA"], "URL": ["", "https://example.org/a"]})
    book = load_workbook(io.BytesIO(table_xlsx(FRAME, "en", sources)))
    assert book.sheetnames == ["Table", "Sources"]
    sheet = book["Sources"]
    assert sheet.freeze_panes == "A2"
    assert [c.value for c in sheet["A"]] == ["Outlet", "'=cmd", "CNIPA"]


def test_times_with_a_zone_download_as_the_same_instant():
    # Beijing 2026-11-30 06:05:31 is 2026-11-29 22:05:31 UTC; a workbook cell holds no zone, so it is in UTC.
    when = pd.Series(pd.to_datetime(["2026-11-30T06:05:31"])).dt.tz_localize("Asia/Shanghai")
    frame = pd.DataFrame({"when": when, "editor": ["王编辑"]})
    sheet = load_workbook(io.BytesIO(table_xlsx(frame, "en"))).active
    assert [c.value for c in sheet[1]] == ["when (UTC)", "editor"]
    assert sheet["A2"].value == pd.Timestamp("2026-11-29 22:05:31").to_pydatetime()
    assert b"2026-11-30 06:05:31+08:00" in table_csv(frame)  # a CSV keeps the offset in the text
