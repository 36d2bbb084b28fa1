"""Targets assessed on the shipped data, the status table the CLI prints, and the programme pages' frames."""

import datetime as dt

import pandas as pd
import pytest
import sqlalchemy as sa

from dashboard.formatting import format_period
from dashboard.i18n import t
from dashboard.programme.overview import milestone_frame
from dashboard.programme.sections import stock_stages
from dashboard.programme.selection import ALL_TYPES
from dashboard.programme.targets import (
    ORDER,
    assess_targets,
    method_numbers,
    progress_text,
    readable_status_table,
    status_frame,
)
from dashboard.store.database import Store
from dashboard.store.migrations import LATEST
from tests.fixtures import selection, type_filter

TODAY = dt.date(2026, 11, 24)


@pytest.fixture(scope="module")
def assessed(tables):
    return {item.target["id"]: item for item in assess_targets(tables, type_filter(tables), TODAY)}


@pytest.mark.parametrize(
    ("target", "status", "latest_period"),
    [
        ("high_value_patents_per_10k_2025", "achieved", "2025"),  # 16 against 12; mid-2025 15.3 left out
        ("patent_intensive_industry_gdp_share_2025", "achieved", "2024"),
        ("ip_royalty_trade_2025", "achieved", "2024"),  # Jan–Nov 2025 is not a full year
        ("patent_tech_contract_turnover_2025", "achieved", "2025"),  # a lower bound of unstated basis
        ("patent_intensive_product_output_2025", "not_enough_data", "2024"),
        ("univ_inst_industrialisation_2025", "not_enough_data", None),
        ("sme_patent_industrialisation_2025", "trend_marked", "2025"),
    ],
)
def test_shipped_targets_get_these_statuses(assessed, target, status, latest_period):
    a = assessed[target].assessment
    assert (a.status, a.latest_period) == (status, latest_period)


def test_a_combined_target_with_figures_only_by_part_says_so(assessed):
    item = assessed["univ_inst_industrialisation_2025"]
    assert item.parts_only and "published_by_part_only" in item.assessment.reasons


def test_the_sme_trend_starts_from_the_last_figure_before_the_plan(assessed):
    a = assessed["sme_patent_industrialisation_2025"].assessment
    assert (a.base_period, a.base_value, a.kind) == ("2023", 51.3, "trend")
    assert a.actual_growth == pytest.approx((54 / 51.3) ** 0.5 - 1)


def test_the_year_range_changes_the_assessment(tables):
    narrowed = tables.within_years((2012, 2022))
    item = next(
        i
        for i in assess_targets(narrowed, type_filter(tables), TODAY)
        if i.target["id"] == "high_value_patents_per_10k_2025"
    )
    assert item.assessment.latest_period == "2022"
    assert item.assessment.status == "on_track"  # 9.4 in 2022 from 6.3 in 2020, needing 12 by 2025


def test_status_frame_is_sorted_best_first_and_matches_the_method_numbers(assessed):
    items = list(assessed.values())
    frame = status_frame(items, "en")
    assert list(frame["status"]) == sorted(frame["status"], key=ORDER.index)
    assert set(frame.columns) >= {
        "indicator",
        "name",
        "latest_value",
        "latest_period",
        "target_value",
        "deadline",
        "progress_pct",
        "status",
    }
    for item in items:
        row = frame[frame["target"] == item.target["id"]].iloc[0]
        numbers = dict(method_numbers(item, "en"))
        if pd.notna(row["progress_pct"]):
            assert f"{row['progress_pct']:,.1f}%" in numbers["Progress (xₜ−x₀)/(x*−x₀)"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_progress_past_the_target_reads_over_100_percent_with_the_formulas_number_beside_it(assessed, lang):
    """Pledge financing's base (3,098) sat just under its target (3,200): the formula gives thousands of per
    cent, which the table and slides show as beyond the target, and the method panel beside its formula."""
    beyond = [i for i in assessed.values() if i.assessment.progress is not None and i.assessment.progress > 1]
    assert beyond, "the seed holds a target whose latest value passed it"
    frame = status_frame(beyond, lang)
    assert (frame["progress_pct"] > 100).all()
    shown = readable_status_table(beyond, {}, lang)[t("col_progress", lang)]
    assert list(shown) == [t("progress_beyond_target", lang)] * len(beyond)
    for item in beyond:
        percent = item.assessment.progress * 100
        panel = dict(method_numbers(item, lang))[t("m_progress", lang)]
        assert panel.startswith(t("progress_beyond_target", lang)) and f"{percent:,.1f}%" in panel
    assert progress_text(99.94, lang) == "99.9%" and progress_text(None, lang) == "—"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_projection_names_its_year_as_the_base_and_latest_rows_do(assessed, lang):
    numeric = [item for item in assessed.values() if item.assessment.projection is not None]
    assert numeric
    for item in numeric:
        rows = method_numbers(item, lang)
        projection, base = rows[-2][1], rows[0][1]
        year = format_period(str(item.assessment.deadline_year), lang)
        bracketed = f"（{year}）" if lang == "zh" else f" ({year})"
        assert projection.endswith(bracketed) and base.endswith(bracketed[-1])
        assert "_" not in rows[-2][0]  # the label is words and symbols, no raw underscore


def test_stock_stages_follow_the_filter(tables):
    everything = stock_stages(tables, selection(tables, ALL_TYPES, "zh"))
    assert list(everything["institution_type"].unique()) == ["university_and_institute"]
    assert everything.set_index("indicator").loc["stock_patents_inventoried", "value"] == 1349000
    university = stock_stages(tables, selection(tables, "university", "en")).set_index("indicator")
    held = university.loc["valid_invention_patents_held"]
    assert (held["institution_type"], held["value"]) == ("university", 794000)  # its own figure first
    inventoried = university.loc["stock_patents_inventoried"]  # published only for the two together: marked
    assert inventoried["institution_type"] == "university_and_institute"
    figure, date = inventoried["text"].split("<br>")  # on two lines, beside a bar
    assert "(Universities and institutes)" in figure and "2024" in date
    assert stock_stages(tables, selection(tables, "enterprise", "en")).empty


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_stage_chart_breaks_long_stage_names_into_short_lines(tables, lang):
    from dashboard.charts.programme import STAGE_LABEL_WIDTH, stage_figure

    stages = stock_stages(tables, selection(tables, ALL_TYPES, lang))
    drawn = list(stage_figure(stages, lang, "title").data[0].y)
    assert [label.replace("<br>", "" if lang == "zh" else " ") for label in drawn] == list(stages["label"])
    assert all(len(line) <= STAGE_LABEL_WIDTH for label in drawn for line in label.split("<br>"))
    if lang == "en":  # the longest English name is 72 characters; the Chinese ones fit a line
        assert any("<br>" in label for label in drawn)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_inventory_beside_the_holdings_says_why_it_can_be_larger(tables, lang):
    from dashboard.formatting import count_text
    from dashboard.programme.sections import inventory_scope

    stages = stock_stages(tables, selection(tables, ALL_TYPES, lang))
    text, source = inventory_scope(tables, stages, lang)
    obs = tables.observations.set_index(["indicator", "institution_type", "source"])["value"]
    every = obs[("stock_patents_inventoried", "university_and_institute", source)]
    inventions = obs[("stock_inventions_inventoried", "university_and_institute", source)]
    assert inventions < every
    assert count_text(every, lang) in text and count_text(inventions, lang) in text
    assert f"{inventions / every:.0%}" in text and "÷" in text  # the derived share shows its formula
    assert (
        inventory_scope(tables, stages[stages["indicator"] != "valid_invention_patents_held"], lang) is None
    )


def test_milestone_states_use_todays_date(tables):
    frame = milestone_frame(tables, type_filter(tables), dt.date(2025, 6, 1)).set_index("id")
    assert frame.loc["stock_inventory_full_coverage", "state"] == "overdue"  # its evidence came later
    assert frame.loc["stock_batch_converted", "state"] == "due"
    later = milestone_frame(tables, type_filter(tables), TODAY).set_index("id")
    assert later.loc["stock_inventory_full_coverage", "state"] == "done_late"  # reported 2025-07-17
    assert later.loc["stock_batch_converted", "state"] == "done"


def test_a_store_made_before_migration_3_gains_the_milestone_column(sqlite_url):
    engine = sa.create_engine(sqlite_url)
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL,"
            " applied_at TIMESTAMP NOT NULL)"
        )
        conn.exec_driver_sql(
            "INSERT INTO schema_migrations VALUES (1, 'v1', '2026-01-01'), (2, 'v2', '2026-01-01')"
        )
        conn.exec_driver_sql(
            "CREATE TABLE milestones (id VARCHAR(80) PRIMARY KEY, programme VARCHAR(60) NOT NULL,"
            " what_zh TEXT NOT NULL, what_en TEXT NOT NULL, institution_type VARCHAR(40) NOT NULL,"
            " due VARCHAR(10) NOT NULL, evidence_zh TEXT, evidence_en TEXT,"
            " evidence_source VARCHAR(120), evidence_date VARCHAR(10))"
        )
        conn.exec_driver_sql(
            "INSERT INTO milestones (id, programme, what_zh, what_en, institution_type, due) "
            "VALUES ('m', 'p', '甲', 'a', 'all', '2025')"
        )
    engine.dispose()
    store = Store.open(sqlite_url)
    try:
        assert store.migrate() == list(range(3, LATEST + 1))
        assert store.schema_version() == LATEST
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT evidence_complete FROM milestones").scalar() in (0, False)
    finally:
        store.dispose()


@pytest.mark.parametrize(
    ("target", "outcome", "final", "grade"),
    [
        ("high_value_patents_per_10k_2025", "achieved", True, "B"),  # 16 in 2025, a full year, grade B
        ("ip_royalty_trade_2025", "achieved", False, "B"),  # Jan–Nov 2025 already above: part of a year
        ("ip_protection_satisfaction_2025", "achieved", False, "C"),  # 82.81, read only on reposts
        ("sme_patent_industrialisation_2025", "achieved", False, "B"),  # a goal without a number
        ("patent_tech_contract_turnover_2025", "not_settled", False, "C"),  # basis left open by the source
        ("patent_intensive_industry_gdp_share_2025", "awaiting_figures", False, None),
        ("patent_intensive_product_output_2025", "awaiting_figures", False, None),
        ("ip_pledge_financing_2025", "awaiting_figures", False, None),
        ("univ_inst_industrialisation_2025", "awaiting_figures", False, None),
    ],
)
def test_shipped_targets_get_these_verdicts(assessed, target, outcome, final, grade):
    v = assessed[target].verdict
    assert (v.outcome, v.final, v.evidence_grade) == (outcome, final, grade)


def test_a_verdict_ignores_the_years_the_view_narrowed_to(tables):
    narrowed = tables.within_years((2012, 2022))
    item = next(
        i
        for i in assess_targets(narrowed, type_filter(tables), TODAY)
        if i.target["id"] == "high_value_patents_per_10k_2025"
    )
    assert item.assessment.latest_period == "2022" and item.verdict.figure["period"] == "2025"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_method_panel_and_the_trajectorys_hovers_write_periods_and_estimates_as_the_page_does(
    tables, lang
):
    from dashboard.charts.programme import trajectory_figure
    from dashboard.formatting import format_period

    # before the deadline, when its trajectory draws the projection from 2023 to the deadline
    (item,) = [
        i
        for i in assess_targets(tables, type_filter(tables), dt.date(2025, 6, 30))
        if i.target["id"] == "ip_pledge_financing_2025"
    ]
    a = item.assessment
    numbers = dict(method_numbers(item, lang))
    base = numbers[t("m_base", lang)]
    # Chinese full-width brackets in Chinese text ("3098亿元（2021年）"), not " (2021年)"
    assert base.endswith(
        f"（{format_period(a.base_period, lang)}）" if lang == "zh" else f" ({a.base_period})"
    )
    hovers = " ".join(tr.hovertemplate or "" for tr in trajectory_figure(item, lang).data)
    assert f"{t('series_projection', lang)} {format_period(str(a.deadline_year), lang)}: " in hovers
    projection = numbers[t("m_projection", lang)].split("（")[0].split(" (")[0]
    assert projection in hovers  # the estimate to the same figures as the panel


def test_past_the_deadline_the_trajectory_draws_no_projection_but_the_method_panel_keeps_it(assessed):
    from dashboard.charts.programme import trajectory_figure

    item = assessed["ip_pledge_financing_2025"]
    assert item.verdict is not None and item.assessment.projection is not None
    names = [trace.name for trace in trajectory_figure(item, "zh").data]
    assert t("series_projection", "zh") not in names and t("series_target", "zh") in names
    assert t("m_projection", "zh") in dict(method_numbers(item, "zh"))
