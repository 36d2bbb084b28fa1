"""The shipped data: valid, consistent with seeds/, and every figure of the announcement present.
And broken copies of it: each problem is reported with file, row and column."""

import pandas as pd
import pytest
import yaml

from dashboard.curation.catalogue import TABLES
from dashboard.curation.datafiles import DATA_DIR, load_all, load_sidecar, validate_sidecar
from dashboard.curation.dataset import load_dataset, stale_tables
from dashboard.curation.problems import DataFileError
from dashboard.periods import parse_period
from dashboard.store.schema import CURATED, EDITABLE_KEYS
from tests.fixtures import copy_dataset, replace_in_file

ANNOUNCEMENT = "2024-02-28-xinhua-cnipa-february-presser"


def test_data_is_up_to_date_with_seeds(tables):
    assert stale_tables(tables) == []


@pytest.mark.parametrize("table", TABLES)
def test_every_table_has_a_valid_sidecar_matching_its_csv_and_the_store(table):
    sidecar_path = DATA_DIR / f"{table}.meta.yaml"
    assert validate_sidecar(yaml.safe_load(sidecar_path.read_text(encoding="utf-8")), str(sidecar_path)) == []
    sidecar = load_sidecar(table)
    header = (DATA_DIR / f"{table}.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header == sidecar.column_names
    # The store adds its own bookkeeping: the observations' surrogate id and the revision editors' changes count.
    store_only = {"id"} if table == "observations" else set()
    store_only |= {"revision"} if table in EDITABLE_KEYS else set()
    store_columns = [c.name for c in CURATED[table].columns if c.name not in store_only]
    assert store_columns == sidecar.column_names


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (
            {"table": "x", "title": {"zh": "甲"}, "description": {"zh": "甲", "en": "a"}, "columns": []},
            "'title'",
        ),
        (
            {
                "table": "x",
                "title": {"zh": "甲", "en": "a"},
                "description": {"zh": "甲", "en": "a"},
                "columns": [
                    {
                        "name": "a",
                        "type": "float",
                        "label": {"zh": "甲", "en": "a"},
                        "description": {"zh": "甲", "en": "a"},
                    }
                ],
            },
            "type must be one of",
        ),
        (
            {
                "table": "x",
                "title": {"zh": "甲", "en": "a"},
                "description": {"zh": "甲", "en": "a"},
                "columns": [
                    {
                        "name": "a",
                        "type": "ref",
                        "label": {"zh": "甲", "en": "a"},
                        "description": {"zh": "甲", "en": "a"},
                    }
                ],
            },
            "references",
        ),
        (
            {
                "table": "x",
                "title": {"zh": "甲", "en": "a"},
                "description": {"zh": "甲", "en": "a"},
                "columns": [
                    {
                        "name": "a",
                        "type": "text",
                        "label": {"en": "a"},
                        "description": {"zh": "甲", "en": "a"},
                    }
                ],
            },
            "'label' needs both",
        ),
        (
            {
                "table": "x",
                "title": {"zh": "甲", "en": "a"},
                "description": {"zh": "甲", "en": "a"},
                "units": 1,
                "columns": [
                    {
                        "name": "a",
                        "type": "text",
                        "label": {"zh": "甲", "en": "a"},
                        "description": {"zh": "甲", "en": "a"},
                    }
                ],
            },
            "unknown key 'units'",
        ),
    ],
)
def test_sidecar_schema_catches_mistakes(raw, message):
    problems = validate_sidecar(raw, "x.meta.yaml")
    assert any(message in str(p.message) for p in problems), problems


def test_every_observation_has_an_existing_source_and_a_known_grade(tables):
    obs = tables.observations
    assert set(obs["source"]) <= set(tables.sources["id"])
    assert set(obs["grade"]) <= {"A", "B", "C", "D"}
    derived = obs[obs["grade"] == "D"]
    assert not derived.empty and derived["formula"].notna().all()


def test_no_partial_year_figure_is_stored_as_a_full_year(tables):
    """Notes that say a figure covers part of a year must sit on a month or day period."""
    obs = tables.observations
    partial = obs[obs["note"].fillna("").str.contains("非全年")]
    assert not partial.empty
    assert all(not parse_period(p).is_full_year for p in partial["period"])


def _one(obs, **match):
    rows = obs
    for key, value in match.items():
        rows = rows[rows[key] == value]
    assert len(rows) == 1, match
    return rows.iloc[0]


@pytest.mark.parametrize(
    ("indicator", "period", "value", "qualifier"),
    [
        ("univ_transfer_contracts", "2018", 6000, "more_than"),
        ("univ_transfer_contracts", "2022", 21000, "more_than"),
        ("univ_transfer_amount", "2018", 33.9, "exact"),
        ("univ_transfer_amount", "2022", 110.1, "exact"),
        ("warrant_pilot_markets", "2024-02-27", 3, "exact"),
    ],
)
def test_the_announcements_figures_are_present(tables, indicator, period, value, qualifier):
    row = _one(tables.observations, source=ANNOUNCEMENT, indicator=indicator, period=period)
    assert row["value"] == pytest.approx(value)
    assert row["qualifier"] == qualifier


def test_the_five_year_span_is_an_assumption_shown_with_its_figures(tables):
    rows = tables.observations[
        (tables.observations["source"] == ANNOUNCEMENT)
        & tables.observations["indicator"].str.startswith("univ_transfer")
    ]
    assert set(rows["assumption"]) == {"five_years_2018_2022"}
    assert "five_years_2018_2022" in set(tables.assumptions["id"])


def test_the_announcements_qualitative_facts_are_present(tables):
    statements = tables.statements.set_index("id")
    cas = statements.loc["cas_stock_patent_review"]
    assert cas["source"] == ANNOUNCEMENT
    for word in ("技术", "市场", "法律", "保护", "转化运用", "开放许可", "终止维持"):
        assert word in cas["text_zh"]
    assert set(tables.pilots["province_zh"]) == {"北京", "上海", "重庆"}
    assert statements.loc["sme_plan_goal", "source"] == ANNOUNCEMENT


def test_targets_of_the_action_plan_are_present(tables):
    targets = tables.targets.set_index("id")
    assert targets.loc["patent_tech_contract_turnover_2025", "target_value"] == 8000
    assert targets.loc["patent_intensive_product_output_2025", "target_value"] == 10000
    assert targets.loc["patent_intensive_product_output_2025", "comparator"] == ">"
    assert pd.isna(targets.loc["univ_inst_industrialisation_2025", "target_value"])


# --- broken copies ---------------------------------------------------------------------------------------
BREAKAGES = [
    # (file, old text, new text, expected row, expected column, words in the message)
    # (a row of None: the row where the old text is)
    ("observations.csv", "2024-04-24,30.4,", "2024-04-31,30.4,", None, "period", "not a real date"),
    ("observations.csv", "2024-04-24,30.4,", "2024-04-24,thirty,", None, "value", "not a number"),
    (
        "observations.csv",
        ",exact,university_and_institute,2024-04-24-scio",
        ",roughly,university_and_institute,2024-04-24-scio",
        None,
        "qualifier",
        "not one of",
    ),
    (
        "observations.csv",
        "university_and_institute,2024-04-24-scio-stock-patent-inventory,B,,,,“自评",
        "university_and_institute,no-such-source,B,,,,“自评",
        None,
        "source",
        "not an id in sources.csv",
    ),
    (
        "indicators.csv",
        "univ_transfer_contracts,高校专利转让及许可合同数量,University patent transfer and licence contracts,项",
        "univ_transfer_contracts,高校专利转让及许可合同数量,University patent transfer and licence contracts,台",
        2,
        "unit",
        "not one of",
    ),
    ("programmes.csv", "国办发〔2023〕37号,2023-10-17,", "国办发〔2023〕37号,,", 2, "issued", None),
    (
        "pilots.csv",
        "北京,Beijing,csrc_warrant_pilots,2022,116.40",
        "北京,Beijing,csrc_warrant_pilots,2022,east",
        2,
        "longitude",
        "not a number",
    ),
    (
        "milestones.csv",
        "stock_batch_converted,stock_patent_plan",
        "stock_inventory_full_coverage,stock_patent_plan",
        3,
        "id",
        "duplicates row 2",
    ),
]


@pytest.mark.parametrize(("file", "old", "new", "row", "column", "words"), BREAKAGES)
def test_a_broken_cell_is_reported_with_file_row_and_column(tmp_path, file, old, new, row, column, words):
    data_dir, _ = copy_dataset(tmp_path)
    if row is None:
        lines = (data_dir / file).read_text(encoding="utf-8").splitlines()
        row = next(i for i, line in enumerate(lines, start=1) if old in line)
    replace_in_file(data_dir / file, old, new)
    if words is None:  # an optional cell emptied: still valid
        load_all(data_dir)
        return
    with pytest.raises(DataFileError) as caught:
        load_all(data_dir)
    problem = caught.value.problems[0]
    assert (problem.file.endswith(file), problem.row, problem.column) == (True, row, column)
    assert words in str(problem.message)
    assert f"{file}, row {row}, column '{column}'" in str(caught.value)


def test_a_wrong_header_is_reported_on_row_one(tmp_path):
    data_dir, _ = copy_dataset(tmp_path)
    replace_in_file(data_dir / "pilots.csv", "id,name_zh", "ident,name_zh")
    with pytest.raises(DataFileError) as caught:
        load_all(data_dir)
    assert caught.value.problems[0].row == 1
    assert "missing id" in str(caught.value.problems[0].message)


def test_a_short_row_and_a_non_utf8_file_are_reported(tmp_path):
    data_dir, _ = copy_dataset(tmp_path)
    lines = (data_dir / "assumptions.csv").read_text(encoding="utf-8").splitlines()
    rows, columns = len(lines), len(lines[0].split(","))
    with open(data_dir / "assumptions.csv", "a", encoding="utf-8") as f:
        f.write("lonely_id,只有两格\n")
    (data_dir / "pilots.csv").write_bytes("id,name_zh\n北京".encode("gbk"))
    with pytest.raises(DataFileError) as caught:
        load_all(data_dir)
    text = str(caught.value)
    assert f"assumptions.csv, row {rows + 1}: has 2 cells, the header has {columns}" in text
    assert "pilots.csv: is not UTF-8 text" in text


def test_an_observation_in_the_wrong_unit_is_reported(tmp_path):
    data_dir, _ = copy_dataset(tmp_path)
    replace_in_file(data_dir / "observations.csv", "2024-04-24,30.4,%,", "2024-04-24,30.4,件,")
    with pytest.raises(DataFileError) as caught:
        load_all(data_dir)
    assert "canonical unit '%'" in str(caught.value)


def test_data_lagging_behind_seeds_is_reported(tmp_path):
    data_dir, seeds_dir = copy_dataset(tmp_path)
    replace_in_file(seeds_dir / "2024-01-04-cctv-ip-use-2023.yaml", "value: 8539.9", "value: 8540")
    with pytest.raises(DataFileError) as caught:
        load_dataset(data_dir, seeds_dir)
    assert "data/observations.csv" in str(caught.value) and "python -m dashboard curate" in str(caught.value)
