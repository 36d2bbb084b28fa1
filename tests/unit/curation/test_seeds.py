"""Seeds: one YAML per source; a malformed one is reported with file, line and key."""

import pytest

from dashboard.curation.dataset import load_dataset
from dashboard.curation.problems import DataFileError
from dashboard.curation.seeds import build_tables, load_seeds
from tests.fixtures import copy_dataset, replace_in_file

SEED = "2024-01-04-cctv-ip-use-2023.yaml"


def _line_of(path, text):
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


@pytest.mark.parametrize(
    ("old", "new", "column", "words"),
    [
        ("grade: B", "grade: E", "grade", "is not one of A, B, C, D"),
        ("kind: press_report", "kind: blog", "kind", "is not one of"),
        ('published: "2024-01-04"', 'published: "2024-13-04"', "published", "not a real date"),
        ("outlet_zh: 央视新闻\n", "", "outlet_zh", "required key is missing"),
        ("language: zh", "language: zh\nlanguge: en", "languge", "unknown key"),
        ("id: 2024-01-04-cctv-ip-use-2023", "id: another-id", "id", "must equal the file name"),
    ],
)
def test_a_malformed_source_is_reported(tmp_path, old, new, column, words):
    _, seeds_dir = copy_dataset(tmp_path)
    replace_in_file(seeds_dir / SEED, old, new)
    with pytest.raises(DataFileError) as caught:
        load_seeds(seeds_dir)
    problem = next(p for p in caught.value.problems if p.column == column)
    assert problem.file.endswith(SEED) and words in str(problem.message)


def test_a_malformed_fact_names_its_line(tmp_path):
    data_dir, seeds_dir = copy_dataset(tmp_path)
    path = seeds_dir / SEED
    replace_in_file(path, "    value: 1.7\n    unit: 万项", "    value: 1.7\n    unit: 万台")
    line = _line_of(path, "- indicator: open_licences_concluded")
    indicators = load_dataset().indicators
    with pytest.raises(DataFileError) as caught:
        build_tables(load_seeds(seeds_dir), indicators)
    problem = caught.value.problems[0]
    assert (problem.row, problem.column) == (line, "value")
    assert "unknown unit '万台'" in str(problem.message)


def test_a_derived_figure_without_its_formula_is_refused(tmp_path):
    _, seeds_dir = copy_dataset(tmp_path)
    path = seeds_dir / "2022-01-13-gmw-2021-invention-patent-results.yaml"
    replace_in_file(path, "    formula: 7.5 − 1.2 = 6.3（2021年末值减去报道的“较上年提高1.2件”）\n", "")
    with pytest.raises(DataFileError) as caught:
        build_tables(load_seeds(seeds_dir), load_dataset().indicators)
    assert "must show its formula" in str(caught.value)


def test_a_baseline_without_its_observation_is_refused(tmp_path):
    _, seeds_dir = copy_dataset(tmp_path)
    replace_in_file(
        seeds_dir / "2021-10-09-gov-fyp14-ip-plan.yaml", 'baseline_period: "2020"', 'baseline_period: "2019"'
    )
    with pytest.raises(DataFileError) as caught:
        build_tables(load_seeds(seeds_dir), load_dataset().indicators)
    assert "found 0" in str(caught.value)


def test_invalid_yaml_names_its_line(tmp_path):
    _, seeds_dir = copy_dataset(tmp_path)
    (seeds_dir / "broken.yaml").write_text("id: broken\ntitle: [unclosed\n", encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_seeds(seeds_dir)
    problem = next(p for p in caught.value.problems if p.file.endswith("broken.yaml"))
    assert "not valid YAML" in str(problem.message) and problem.row is not None


def test_values_are_stored_in_the_canonical_unit_and_baselines_filled():
    built = build_tables(load_seeds(), load_dataset().indicators)
    obs = built["observations"]
    inventoried = obs[(obs["indicator"] == "stock_patents_inventoried") & (obs["period"] == "2024-11-29")]
    assert inventoried["value"].tolist() == [1349000]
    target = built["targets"].set_index("id").loc["ip_royalty_trade_2025"]
    assert (target["baseline_period"], target["baseline_value"]) == ("2020", 3194.4)


ACTION_PLAN = "2023-10-17-gov-action-plan-2023-2025.yaml"


@pytest.mark.parametrize(
    ("old", "new", "column", "words"),
    [
        ("    basis: level\n", "", "basis", "required key is missing"),
        ("    basis: level\n", "    basis: yearly\n", "basis", "is not one of"),
        ("    basis_assumption: contracts_basis_open\n", "", "basis_assumption", "assumption"),
        (
            "    indicator: patent_tech_contract_turnover\n    institution_type: all",
            "    indicator: patent_tech_contract_turnover\n    institution_type: university",
            "institution_type",
            "no figure can ever settle",
        ),
    ],
)
def test_a_target_without_a_usable_basis_or_scope_names_its_file_and_line(tmp_path, old, new, column, words):
    data_dir, seeds_dir = copy_dataset(tmp_path)
    path = seeds_dir / ACTION_PLAN
    replace_in_file(path, old, new)
    before = {p.name: p.read_bytes() for p in data_dir.iterdir()}
    with pytest.raises(DataFileError) as caught:
        build_tables(load_seeds(seeds_dir), load_dataset().indicators)
    problem = next(p for p in caught.value.problems if p.column == column)
    assert problem.file.endswith(ACTION_PLAN) and problem.row is not None
    assert words in str(problem.message)
    assert {p.name: p.read_bytes() for p in data_dir.iterdir()} == before  # nothing written


@pytest.mark.parametrize(
    ("old", "new", "column", "words"),
    [
        (
            "    where_en: The sentence on the pledge financing amount (up 75.4% year on year)\n",
            "",
            "where_en",
            "give its English beside it",
        ),
        (
            "    where: 质押融资额一句（同比增长75.4%）",
            "    where: 同上，质押融资额",
            "where",
            "must stand alone",
        ),
    ],
)
def test_every_chinese_note_has_its_english_and_stands_alone(tmp_path, old, new, column, words):
    _, seeds_dir = copy_dataset(tmp_path)
    path = seeds_dir / SEED
    replace_in_file(path, old, new)
    line = _line_of(path, "- indicator: ip_pledge_financing")
    with pytest.raises(DataFileError) as caught:
        load_seeds(seeds_dir)
    problem = next(p for p in caught.value.problems if p.column == column)
    assert problem.file.endswith(SEED) and problem.row == line and words in str(problem.message)
