"""Import rules of the inventory: every bad cell is named by file, row (header = row 1) and column; a file
with any problem is refused whole; CSV, XLSX and Parquet read the same; exports of real records import again
and exports of synthetic demo data do not."""

from __future__ import annotations

import datetime as dt
import io

import polars as pl
import pytest

from dashboard.inventory.grading import DEFAULT_RULES, RuleSet
from dashboard.inventory.records import COLUMN_NAMES, MAX_PROBLEMS, InventoryFileError, read_records
from dashboard.inventory.tables import export_csv, export_frame
from dashboard.provinces import load_province_tiles
from tests.fixtures import inventory_records

TODAY = dt.date.today()
NEXT_YEAR = f"{TODAY.year + 1}-01-01"
PROVINCES = load_province_tiles()


@pytest.fixture(scope="module")
def records() -> pl.DataFrame:
    return inventory_records(200, 5)


def write_csv(frame: pl.DataFrame, path) -> None:
    out = frame.with_columns(pl.col("deal_date").cast(pl.String))
    path.write_bytes(out.write_csv().encode())


def edit(frame: pl.DataFrame, row: int, column: str, value: str | None) -> pl.DataFrame:
    """`frame` as text with one cell changed; `row` is the file's row number (header = 1)."""
    text = frame.with_columns(pl.all().cast(pl.String))
    index = row - 2
    return text.with_columns(
        pl.when(pl.int_range(pl.len()) == index)
        .then(pl.lit(value, pl.String))
        .otherwise(pl.col(column))
        .alias(column)
    )


def deal_row(frame: pl.DataFrame, deal: bool) -> int:
    """The file row of the first record with (or without) a deal."""
    index = frame.with_row_index().filter(pl.col("deal_type").is_not_null() == deal)["index"][0]
    return int(index) + 2


def problems_of(tmp_path, frame: pl.DataFrame, name: str = "inventory.csv") -> list[str]:
    path = tmp_path / name
    write_csv(frame, path)
    with pytest.raises(InventoryFileError) as caught:
        read_records(path, PROVINCES, DEFAULT_RULES, TODAY)
    return [str(p) for p in caught.value.problems]


def test_a_valid_csv_reads_back_the_records_it_was_written_from(tmp_path, records):
    path = tmp_path / "inventory.csv"
    write_csv(records, path)
    got = read_records(path, PROVINCES, DEFAULT_RULES, TODAY)
    assert got.equals(records)


@pytest.mark.parametrize("suffix", ["xlsx", "parquet"])
def test_xlsx_and_parquet_read_the_same_records_as_csv(tmp_path, records, suffix):
    path = tmp_path / f"inventory.{suffix}"
    if suffix == "xlsx":
        records.with_columns(pl.col("deal_date").cast(pl.String)).write_excel(path)
    else:
        records.write_parquet(path)
    assert read_records(path, PROVINCES, DEFAULT_RULES, TODAY).equals(records)


@pytest.mark.parametrize(
    ("column", "value", "deal", "words"),
    [
        ("province", "Atlantis", False, "'Atlantis' is not a provincial-level division"),
        ("ipc_class", "G6", False, "'G6' is not an IPC class"),
        ("tech_score", "101", False, "101 is outside 0–100"),
        ("market_score", "high", False, "'high' is not a number"),
        ("grant_year", "20X1", False, "'20X1' is not a whole number"),
        ("application_year", "1970", False, "1970 is not a year from 1985"),
        (
            "institution_type",
            "enterprise",
            False,
            "'enterprise' is not one of: university, research_institute",
        ),
        ("stage", "sold", False, "'sold' is not one of"),
        ("title", None, False, "is required but empty"),
        ("deal_value", "12.5", False, "must be empty: stage"),
        ("deal_type", None, True, "is required for stage"),
        ("deal_date", "2025/03/01", True, "'2025/03/01' is not a date written YYYY-MM-DD"),
        ("deal_date", NEXT_YEAR, True, f"{NEXT_YEAR} is in the future"),
        ("deal_value", "-3", True, "-3 is below 0"),
        ("grade", "E", False, "'E' is not one of: A, B, C, D"),
    ],
)
def test_a_bad_cell_is_named_by_file_row_and_column(tmp_path, records, column, value, deal, words):
    row = deal_row(records, deal) + 1 if not deal else deal_row(records, deal)
    found = problems_of(tmp_path, edit(records, row, column, value))
    assert len(found) == 1, found
    assert found[0].startswith(f"{tmp_path / 'inventory.csv'}, row {row}, column '{column}': ")
    assert words in found[0]


def test_rules_that_tie_columns_together(tmp_path, records):
    first = records.row(0, named=True)
    section = first["ipc_section"]
    other = "A" if section != "A" else "B"
    bad = edit(records, 2, "ipc_class", f"{other}01")
    assert any(
        f"row 2, column 'ipc_class': '{other}01' is not in IPC section '{section}'" in p
        for p in problems_of(tmp_path, bad)
    )
    bad = edit(edit(records, 3, "application_year", "2020"), 3, "grant_year", "2019")
    assert any(
        "row 3, column 'grant_year': 2019 is before the application year 2020" in p
        for p in problems_of(tmp_path, bad)
    )
    row = deal_row(records, True)
    kind = records.row(row - 2, named=True)["deal_type"]
    wrong = next(k for k in ("transfer", "licence", "open_licence") if k != kind)
    assert any(
        f"row {row}, column 'deal_type': '{wrong}' does not fit stage" in p
        for p in problems_of(tmp_path, edit(records, row, "deal_type", wrong))
    )


def test_a_repeated_patent_number_names_the_row_it_first_appeared_on(tmp_path, records):
    number = records["patent_number"][0]
    found = problems_of(tmp_path, edit(records, 40, "patent_number", number))
    assert found == [
        f"{tmp_path / 'inventory.csv'}, row 40, column 'patent_number': {number!r} is already on row 2"
    ]


def test_header_problems_are_on_row_1(tmp_path, records):
    assert problems_of(tmp_path, records.drop("stage"))[0].endswith("row 1: missing column(s): stage")
    found = problems_of(tmp_path, records.with_columns(pl.lit("x").alias("colour")))
    assert "row 1, column 'colour': not an inventory column" in found[0]
    assert "no records" in problems_of(tmp_path, records.head(0))[0]


def test_many_problems_are_counted_and_the_first_listed(tmp_path, records):
    bad = records.with_columns(pl.lit(150.0).alias("tech_score"))
    path = tmp_path / "inventory.csv"
    write_csv(bad, path)
    with pytest.raises(InventoryFileError) as caught:
        read_records(path, PROVINCES, DEFAULT_RULES, TODAY)
    assert caught.value.total == records.height
    assert len(caught.value.problems) == MAX_PROBLEMS
    assert f"and {records.height - MAX_PROBLEMS} more" in str(caught.value)


@pytest.mark.parametrize(
    ("spelling", "province"),
    [
        ("北京市", "beijing"),
        ("Guangdong", "guangdong"),
        ("广西壮族自治区", "guangxi"),
        ("NEIMENGGU", "neimenggu"),
        ("新疆维吾尔自治区", "xinjiang"),
    ],
)
def test_provinces_are_accepted_by_id_name_or_full_name(tmp_path, records, spelling, province):
    path = tmp_path / "inventory.csv"
    write_csv(edit(records, 2, "province", spelling), path)
    assert read_records(path, PROVINCES, DEFAULT_RULES, TODAY)["province"][0] == province


def test_blank_grades_and_dispositions_come_from_the_rules_and_given_ones_stay(tmp_path, records):
    strict = RuleSet(thresholds={"A": 95.0, "B": 90.0, "C": 85.0})
    blank = edit(edit(records, 2, "grade", None), 2, "disposition", None)
    path = tmp_path / "inventory.csv"
    write_csv(blank, path)
    got = read_records(path, PROVINCES, strict, TODAY)
    first = records.row(0, named=True)
    score = 0.4 * first["tech_score"] + 0.4 * first["market_score"] + 0.2 * first["legal_score"]
    expected = "A" if score >= 95 else "B" if score >= 90 else "C" if score >= 85 else "D"
    assert got["grade"][0] == expected
    assert got["disposition"][0] == strict.disposition[expected]
    assert got["grade"][1:].equals(records["grade"][1:])  # given grades are kept, whatever the rules say


def test_files_that_cannot_be_read_say_so(tmp_path):
    path = tmp_path / "inventory.txt"
    path.write_text("x")
    with pytest.raises(InventoryFileError, match="unknown file type '.txt'"):
        read_records(path, PROVINCES, DEFAULT_RULES, TODAY)
    latin = tmp_path / "latin.csv"
    latin.write_bytes(",".join(COLUMN_NAMES).encode() + "\n北京".encode("gb18030") + b"\n")
    with pytest.raises(InventoryFileError, match="cannot be read as CSV"):
        read_records(latin, PROVINCES, DEFAULT_RULES, TODAY)
    with pytest.raises(InventoryFileError, match="no such file"):
        read_records(tmp_path / "missing.csv", PROVINCES, DEFAULT_RULES, TODAY)


def test_an_export_of_real_records_imports_again_and_one_of_synthetic_data_does_not(tmp_path, records):
    real = tmp_path / "real.csv"
    real.write_bytes(export_csv(records, synthetic=False))
    assert read_records(real, PROVINCES, DEFAULT_RULES, TODAY).equals(records)
    synthetic = tmp_path / "synthetic.csv"
    synthetic.write_bytes(export_csv(records, synthetic=True))
    with pytest.raises(InventoryFileError, match="export of synthetic demo data"):
        read_records(synthetic, PROVINCES, DEFAULT_RULES, TODAY)


def test_synthetic_exports_say_so_on_every_row_and_formulas_are_neutralised(records):
    risky = records.head(3).with_columns(pl.lit('=HYPERLINK("x")').alias("title"))
    out = export_frame(risky, synthetic=True)
    assert out.columns[0] == "dataset_note"
    assert set(out["dataset_note"]) == {"合成演示数据 / synthetic demo data"}
    assert out["title"].to_list() == ['\'=HYPERLINK("x")'] * 3
    text = export_csv(risky, synthetic=True).decode("utf-8-sig")
    assert (
        pl.read_csv(io.StringIO(text))["dataset_note"].to_list() == ["合成演示数据 / synthetic demo data"] * 3
    )
