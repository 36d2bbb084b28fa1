"""Importing observation sheets: the files people have (CSV in UTF-8, BOM, GBK/GB18030, comma or tab; XLSX with
real or text cells), the columns in any order and in Chinese, names for ids, the plan's add / correct /
unchanged rows, and every problem named by row and column. Pure: checked against the shipped dataset."""

import datetime as dt

import pandas as pd
import pytest

from dashboard.editing.plans import ImportError_, Reference, citation_source_id, plan_import
from dashboard.editing.sheets import SheetError, read_sheet
from tests.fixtures import write_csv, write_xlsx

SOURCE = "2024-04-24-scio-stock-patent-inventory"
HEADER = ["indicator", "period", "value", "unit", "institution_type", "source", "qualifier", "note"]
ZH_HEADER = ["备注", "来源", "机构类型", "数值", "年份", "指标"]  # Chinese, and in another order


@pytest.fixture
def reference(tables):
    observations = tables.observations.assign(revision=1)
    return Reference(
        indicators=tables.indicators,
        institution_types=tables.institution_types,
        sources=tables.sources,
        observations=observations,
        assumptions=tables.assumptions,
    )


def stored_row(tables, **where):
    frame = tables.observations
    for k, v in where.items():
        frame = frame[frame[k] == v]
    return frame.iloc[0]


def plan(path, reference, sheet=None):
    return plan_import(read_sheet(path, sheet=sheet), reference)


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("utf-8", ","), ("utf-8-sig", ","), ("gbk", ","), ("gb18030", "\t"), ("utf-8", "\t")],
)
def test_csv_in_each_encoding_and_separator_with_chinese_headers(tmp_path, reference, encoding, delimiter):
    path = write_csv(
        tmp_path / "sheet.csv",
        ZH_HEADER,
        [
            ["新数据", SOURCE, "高校", "2.1万余", "2026年", "高校专利转让及许可合同数量"],
            [
                "",
                SOURCE,
                "中小企业",
                "１３.３８%",
                "2026年6月",
                "industrialisation RATE of valid invention patents",
            ],
        ],
        encoding=encoding,
        delimiter=delimiter,
    )
    result = plan(path, reference)
    assert result.ok, result.problem_lines()
    first, second = result.of("add")
    assert (
        first.record["indicator"],
        first.record["period"],
        first.record["value"],
        first.record["qualifier"],
        first.record["institution_type"],
        first.record["note"],
    ) == ("univ_transfer_contracts", "2026", 21000, "more_than", "university", "新数据")
    assert (
        second.record["indicator"],
        second.record["period"],
        second.record["value"],
        second.record["institution_type"],
    ) == ("invention_industrialisation_rate", "2026-06", 13.38, "enterprise")


def test_xlsx_with_real_number_date_and_percentage_cells(tmp_path, reference):
    path = write_xlsx(
        tmp_path / "sheet.xlsx",
        HEADER,
        [
            ["patent_tech_contract_turnover", 2026, 4000.5, "亿元", "all", SOURCE, None, None],
            [
                "invention_industrialisation_rate",
                dt.datetime(2026, 6, 30),
                0.1338,
                None,
                "enterprise",
                SOURCE,
                None,
                None,
            ],
        ],
        number_formats={2: "General"},
    )
    # The rate's cell shows a percentage: people mean 13.38, not 0.1338.
    from openpyxl import load_workbook

    book = load_workbook(path)
    book.active["C3"].number_format = "0.00%"
    book.save(path)
    result = plan(path, reference)
    assert result.ok, result.problem_lines()
    turnover, rate = result.of("add")
    assert (turnover.record["period"], turnover.record["value"]) == ("2026", 4000.5)
    assert (rate.record["period"], rate.record["value"]) == ("2026-06-30", pytest.approx(13.38))


def test_xlsx_reads_the_first_sheet_or_the_named_one(tmp_path, reference):
    path = write_xlsx(
        tmp_path / "book.xlsx",
        HEADER,
        [["univ_transfer_amount", "2026", "110.1亿元", None, "高校", SOURCE, None, None]],
        sheet="figures",
        first_sheet="cover",
    )
    with pytest.raises(SheetError, match="worksheet 'cover' is empty"):
        plan(path, reference)  # the first sheet is the empty cover
    assert plan(path, reference, sheet="figures").of("add")[0].record["value"] == pytest.approx(110.1)
    with pytest.raises(SheetError, match="no worksheet 'nope'"):
        read_sheet(path, sheet="nope")


def test_rows_matching_the_store_are_unchanged_or_corrections(tmp_path, tables, reference):
    row = stored_row(tables, indicator="univ_transfer_contracts", institution_type="university")
    path = write_csv(
        tmp_path / "sheet.csv",
        HEADER,
        [
            [
                row["indicator"],
                row["period"],
                f"{row['value']:g}",
                row["unit"],
                row["institution_type"],
                row["source"],
                row["qualifier"],
                "",
            ],
            [
                row["indicator"],
                row["period"],
                f"{row['value']:g}",
                row["unit"],
                row["institution_type"],
                row["source"],
                row["qualifier"],
                "",
            ],  # the same row twice is fine
        ],
    )
    assert plan(path, reference).counts() == {"add": 0, "correct": 0, "unchanged": 2}
    path = write_csv(
        tmp_path / "fix.csv",
        HEADER,
        [
            [
                row["indicator"],
                row["period"],
                f"{row['value'] + 1:g}",
                row["unit"],
                row["institution_type"],
                row["source"],
                row["qualifier"],
                "",
            ]
        ],
    )
    result = plan(path, reference)
    (correction,) = result.of("correct")
    assert correction.before["value"] == row["value"] and correction.record["value"] == row["value"] + 1
    assert correction.record["note"] == (
        row["note"] if pd.notna(row["note"]) else None
    )  # a blank note keeps it


def test_two_rows_with_one_key_and_different_values_name_both_rows(tmp_path, reference):
    path = write_csv(
        tmp_path / "sheet.csv",
        HEADER,
        [
            ["univ_transfer_contracts", "2026", "100", "", "university", SOURCE, "", ""],
            ["univ_transfer_contracts", "2027", "100", "", "university", SOURCE, "", ""],
            ["univ_transfer_contracts", "2026", "200", "", "university", SOURCE, "", ""],
        ],
    )
    result = plan(path, reference)
    assert result.problem_lines() == [
        f"sheet.csv: row 4, column value: rows 2 and 4 give univ_transfer_contracts, "
        f"2026, university, {SOURCE} different values"
    ]


def test_each_bad_cell_is_named_by_row_and_column(tmp_path, reference):
    path = write_csv(
        tmp_path / "bad.csv",
        HEADER,
        [
            ["no_such_indicator", "2026", "1", "", "university", SOURCE, "", ""],  # row 2
            ["univ_transfer_contracts", "2026", "1", "", "martians", SOURCE, "", ""],  # row 3
            ["univ_transfer_contracts", "sometime", "1", "", "university", SOURCE, "", ""],  # row 4
            ["univ_transfer_contracts", "2026", "lots", "", "university", SOURCE, "", ""],  # row 5
            ["univ_transfer_contracts", "2026", "-4", "", "university", SOURCE, "", ""],  # row 6
            ["invention_industrialisation_rate", "2026", "130%", "", "enterprise", SOURCE, "", ""],  # row 7
            ["univ_transfer_contracts", "2026", "1", "", "university", "", "", ""],  # row 8
            ["univ_transfer_amount", "2026", "3万件", "", "university", SOURCE, "", ""],  # row 9
            ["univ_transfer_contracts", "2026", "1", "", "university", "no-such-source", "", ""],  # row 10
            ["univ_transfer_contracts", "2026", "1", "", "university", SOURCE, "maybe", ""],  # row 11
        ],
    )
    lines = plan(path, reference).problem_lines()
    expected = [
        (2, "indicator", "unknown indicator"),
        (3, "institution_type", "unknown institution type"),
        (4, "period", "not a period"),
        (5, "value", "not a number"),
        (6, "value", "negative"),
        (7, "value", "above 100"),
        (8, "source", "no source"),
        (9, "value", "cannot be converted"),
        (10, "source", "unknown source id"),
        (11, "qualifier", "not a qualifier"),
    ]
    assert len(lines) == len(expected)
    for line, (row, column, words) in zip(lines, expected, strict=True):
        assert line.startswith(f"bad.csv: row {row}, column {column}: ") and words in line, line


def test_a_citation_creates_one_source_for_all_its_rows(tmp_path, reference):
    citation = "国家知识产权局，2026年知识产权统计快报，2026-07-15"
    path = write_csv(
        tmp_path / "sheet.csv",
        HEADER,
        [
            ["univ_transfer_contracts", "2026", "100", "", "university", citation, "", ""],
            ["univ_transfer_amount", "2026", "10", "", "university", citation, "", ""],
        ],
    )
    result = plan(path, reference)
    (source,) = result.new_sources
    assert source["id"] == citation_source_id(citation) and {r.record["source"] for r in result.rows} == {
        source["id"]
    }
    assert (source["outlet_zh"], source["title_zh"], source["published"], source["grade"]) == (
        "国家知识产权局",
        "2026年知识产权统计快报",
        "2026-07-15",
        "U",
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"\x00\x01\x02binary\x00", "binary"),
        ("指标,年份\n".encode("utf-16"), "binary"),
        (b"\xff\xfe\xfa\xfb\xfc", "neither UTF-8 nor GBK"),
    ],
)
def test_files_that_are_not_sheets(tmp_path, content, message):
    path = tmp_path / "file.csv"
    path.write_bytes(content)
    with pytest.raises(SheetError, match=message):
        read_sheet(path)


def test_a_damaged_workbook(tmp_path):
    path = tmp_path / "book.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(SheetError, match="not a readable XLSX"):
        read_sheet(path)


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (["2026", "21000", "高校"], "none of the columns"),
        (["indicator", "period", "value", "institution_type"], "missing required column source"),
        (["indicator", "指标", "period", "value", "institution_type", "source"], "both name indicator"),
    ],
)
def test_headers_that_make_an_import_impossible(tmp_path, reference, header, message):
    path = write_csv(tmp_path / "sheet.csv", header, [["x"] * len(header)])
    with pytest.raises(ImportError_, match=message):
        plan(path, reference)


def test_a_header_without_rows_is_a_problem(tmp_path, reference):
    path = write_csv(tmp_path / "sheet.csv", HEADER, [])
    assert "no rows" in plan(path, reference).problem_lines()[0]


def test_unknown_columns_are_ignored_and_reported(tmp_path, reference):
    path = write_csv(
        tmp_path / "sheet.csv",
        [*HEADER, "comment"],
        [["univ_transfer_contracts", "2026", "1", "", "university", SOURCE, "", "", "x"]],
    )
    assert plan(path, reference).ignored_columns == ["comment"]


def test_neutralised_text_reads_back_and_markup_stays_text(tmp_path, reference):
    path = write_csv(
        tmp_path / "sheet.csv",
        HEADER,
        [
            ["univ_transfer_contracts", "2026", "1", "", "university", SOURCE, "", '\'=HYPERLINK("x")'],
            ["univ_transfer_amount", "2026", "1", "", "university", SOURCE, "", "<b>bold</b> [x](http://e)"],
        ],
    )
    notes = [r.record["note"] for r in plan(path, reference).of("add")]
    assert notes == ['=HYPERLINK("x")', "<b>bold</b> [x](http://e)"]


def test_uploads_over_the_limits_are_refused_with_the_limit_named():
    from dashboard.editing.templates import UPLOAD_LIMIT_MB, UPLOAD_ROW_LIMIT, upload_problem

    assert upload_problem(1024, 10) is None
    assert f"limit is {UPLOAD_LIMIT_MB} MB" in str(upload_problem(UPLOAD_LIMIT_MB * 1024 * 1024 + 1))
    assert f"limit is {UPLOAD_ROW_LIMIT}" in str(upload_problem(1024, UPLOAD_ROW_LIMIT + 1))
    assert f"上限 {UPLOAD_ROW_LIMIT} 行" in upload_problem(1024, UPLOAD_ROW_LIMIT + 1).text("zh")


def test_the_templates_read_back_as_empty_sheets_with_every_column(tables, reference, tmp_path):
    from dashboard.editing.plans import TEMPLATE_COLUMNS, map_columns
    from dashboard.editing.templates import template_csv, template_xlsx

    for name, content in (
        ("t.csv", template_csv()),
        ("t.xlsx", template_xlsx(tables.indicators, tables.institution_types, "zh")),
    ):
        sheet = read_sheet(content, name)
        assert sheet.header == list(TEMPLATE_COLUMNS) and sheet.rows == []
        assert set(map_columns(sheet.header)[0]) == set(TEMPLATE_COLUMNS)
    import io

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(template_xlsx(tables.indicators, tables.institution_types, "zh")))
    assert book.sheetnames == ["observations", "说明", "指标", "机构类型"]
    assert book["指标"].max_row == len(tables.indicators) + 1
