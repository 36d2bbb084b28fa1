"""The progress method: every status and every edge case, as a table of cases."""

import datetime as dt

import pandas as pd
import pytest

from dashboard.programme.progress import (
    ACCELERATION,
    ACHIEVED,
    DETERIORATION,
    LIMITED,
    NOT_ENOUGH_DATA,
    ON_TRACK,
    THRESHOLDS,
    TREND_FLAT,
    TREND_MARKED,
    TREND_MODERATE,
    TREND_WORSE,
    assess,
    milestone_state,
)

TODAY = dt.date(2024, 6, 30)


def figures(*rows):
    """rows of (period, value) or (period, value, qualifier)."""
    return pd.DataFrame(
        [{"period": r[0], "value": float(r[1]), "qualifier": r[2] if len(r) > 2 else "exact"} for r in rows],
        columns=["period", "value", "qualifier"],
    )


def target(value=None, comparator=">=", deadline="2025-12-31", baseline_period=None, baseline_value=None):
    return {
        "comparator": comparator,
        "target_value": value,
        "deadline": deadline,
        "baseline_period": baseline_period,
        "baseline_value": baseline_value,
    }


# (case, target, figures, higher_is_better, expected status, extra expectations)
CASES = [
    (
        "latest meets the target",
        target(12, baseline_period="2020", baseline_value=6.3),
        figures(("2021", 7.5), ("2024", 14)),
        True,
        ACHIEVED,
        {},
    ),
    # base 100 in 2020, target 200 by 2025: g_r = 2^(1/5) - 1 = 14.9 %
    (
        "growing faster than required",
        target(200, baseline_period="2020", baseline_value=100),
        figures(("2023", 160)),
        True,
        ON_TRACK,
        {"ratio": (1.6 ** (1 / 3) - 1) / (2**0.2 - 1)},
    ),
    (
        "growing at 60–95 % of the required pace",
        target(200, baseline_period="2020", baseline_value=100),
        figures(("2023", 130)),
        True,
        ACCELERATION,
        {},
    ),
    (
        "growing slowly",
        target(200, baseline_period="2020", baseline_value=100),
        figures(("2023", 105)),
        True,
        LIMITED,
        {},
    ),
    (
        "moving away from the target",
        target(200, baseline_period="2020", baseline_value=100),
        figures(("2023", 90)),
        True,
        DETERIORATION,
        {},
    ),
    (
        "lower is better, falling fast enough",
        target(50, comparator="<=", baseline_period="2020", baseline_value=100),
        figures(("2023", 60)),
        False,
        ON_TRACK,
        {},
    ),
    (
        "lower is better, rising",
        target(50, comparator="<=", baseline_period="2020", baseline_value=100),
        figures(("2023", 110)),
        False,
        DETERIORATION,
        {},
    ),
    (
        "lower is better, already below",
        target(50, comparator="<=", baseline_period="2020", baseline_value=100),
        figures(("2023", 45)),
        False,
        ACHIEVED,
        {},
    ),
    ("no figures at all", target(200), figures(), True, NOT_ENOUGH_DATA, {"reasons": ["no_figures"]}),
    (
        "a single figure and no baseline",
        target(10000, comparator=">"),
        figures(("2024", 9400)),
        True,
        NOT_ENOUGH_DATA,
        {"reasons": ["single_figure"]},
    ),
    (
        "baseline and latest in the same year",
        target(200, baseline_period="2023", baseline_value=100),
        figures(("2023", 120)),
        True,
        NOT_ENOUGH_DATA,
        {"reasons": ["span_too_short"]},
    ),
    (
        "only part-year figures",
        target(200, baseline_period="2020", baseline_value=100),
        figures(("2023-09", 150)),
        True,
        NOT_ENOUGH_DATA,
        {"reasons": ["partial_years_left_out", "no_figures"]},
    ),
    (
        "part-year figures are left out, full years used",
        target(200, baseline_period="2020", baseline_value=100),
        figures(("2022", 150), ("2023-09", 90)),
        True,
        ON_TRACK,
        {"latest_period": "2022", "reasons": ["partial_years_left_out"]},
    ),
    (
        "zero baseline: linear growth",
        target(10, baseline_period="2020", baseline_value=0),
        figures(("2022", 5)),
        True,
        ON_TRACK,
        {"growth_model": "linear", "actual_growth": 2.5, "required_growth": 2.0},
    ),
    (
        "negative baseline: linear growth",
        target(10, baseline_period="2020", baseline_value=-10),
        figures(("2022", -8)),
        True,
        LIMITED,
        {"growth_model": "linear", "actual_growth": 1.0},
    ),
    (
        "sign change between base and latest",
        target(10, baseline_period="2020", baseline_value=-4),
        figures(("2022", 4)),
        True,
        ON_TRACK,
        {"growth_model": "linear", "reasons": ["sign_change"]},
    ),
    (
        "met earlier, lost since",
        target(100, baseline_period="2020", baseline_value=80),
        figures(("2021", 105), ("2023", 95)),
        True,
        ON_TRACK,
        {"met_before": "2021", "reasons": ["met_then_lost"]},
    ),
    (
        "latest a lower bound: at least",
        target(30000, baseline_period="2018", baseline_value=6000),
        figures(("2022", 21000, "more_than")),
        True,
        ON_TRACK,
        {"at_least": True},
    ),
    (
        "latest approximate",
        target(200, baseline_period="2020", baseline_value=100),
        figures(("2023", 160, "approx")),
        True,
        ON_TRACK,
        {"approximate": True, "at_least": False},
    ),
    (
        "baseline chosen among the figures before the plan",
        target(200),
        figures(("2019", 90), ("2021", 100), ("2024", 150)),
        True,
        ACCELERATION,
        {"base_period": "2021", "base_from": "observations"},
    ),
    (
        "projection to the deadline",
        target(1000, baseline_period="2020", baseline_value=100),
        figures(("2022", 121)),
        True,
        LIMITED,
        {"projection": 121 * 1.1**3},
    ),
    # Qualitative goals: a trend grade from the actual growth alone
    (
        "rises markedly",
        target(comparator="rises"),
        figures(("2020", 100), ("2023", 110)),
        True,
        TREND_MARKED,
        {},
    ),
    (
        "rises moderately",
        target(comparator="rises"),
        figures(("2020", 100), ("2023", 103)),
        True,
        TREND_MODERATE,
        {},
    ),
    ("flat", target(comparator="rises"), figures(("2020", 100), ("2023", 100.5)), True, TREND_FLAT, {}),
    (
        "falls against a rise goal",
        target(comparator="rises"),
        figures(("2020", 100), ("2023", 90)),
        True,
        TREND_WORSE,
        {},
    ),
    (
        "a fall goal, falling",
        target(comparator="falls"),
        figures(("2020", 100), ("2023", 80)),
        True,
        TREND_MARKED,
        {},
    ),
    (
        "a trend needs two figures",
        target(comparator="rises"),
        figures(("2020", 3.8)),
        True,
        NOT_ENOUGH_DATA,
        {"reasons": ["no_numeric_target", "single_figure"]},
    ),
]


@pytest.mark.parametrize(
    ("case", "tgt", "obs", "higher", "status", "extra"), CASES, ids=[c[0] for c in CASES]
)
def test_status(case, tgt, obs, higher, status, extra):
    result = assess(tgt, obs, higher, TODAY, programme_start_year=2023)
    assert result.status == status
    for key, value in extra.items():
        if key == "reasons":
            assert set(value) <= set(result.reasons), result.reasons
        elif isinstance(value, float):
            assert getattr(result, key) == pytest.approx(value)
        else:
            assert getattr(result, key) == value


def test_the_numbers_behind_a_status_follow_the_formulas():
    result = assess(
        target(12, baseline_period="2020", baseline_value=6.3), figures(("2023", 11.8)), True, TODAY
    )
    assert result.actual_growth == pytest.approx((11.8 / 6.3) ** (1 / 3) - 1)
    assert result.required_growth == pytest.approx((12 / 6.3) ** (1 / 5) - 1)
    assert result.ratio == pytest.approx(result.actual_growth / result.required_growth)
    assert result.progress == pytest.approx((11.8 - 6.3) / (12 - 6.3))
    assert result.projection == pytest.approx(11.8 * (1 + result.actual_growth) ** 2)
    assert (result.years_elapsed, result.years_to_deadline) == (3, 2)


@pytest.mark.parametrize(
    ("edge", "above", "below"),
    [
        (THRESHOLDS.on_track, ON_TRACK, ACCELERATION),
        (THRESHOLDS.acceleration, ACCELERATION, LIMITED),
        (THRESHOLDS.limited, LIMITED, DETERIORATION),
    ],
)
def test_each_threshold_separates_two_statuses(edge, above, below):
    required = 2 ** (1 / 5) - 1  # base 100 in 2020, target 200 by 2025

    def status_at(pace):
        latest = 100 * (1 + pace * required) ** 3  # compound growth of exactly pace × the required growth
        result = assess(
            target(200, baseline_period="2020", baseline_value=100), figures(("2023", latest)), True, TODAY
        )
        assert result.ratio == pytest.approx(pace)
        return result.status

    assert (status_at(edge + 1e-6), status_at(edge - 1e-6)) == (above, below)


def test_deadline_passed_is_noted():
    result = assess(
        target(200, baseline_period="2020", baseline_value=100),
        figures(("2023", 150)),
        True,
        dt.date(2026, 1, 1),
    )
    assert "deadline_passed" in result.reasons


@pytest.mark.parametrize(
    ("complete", "due", "evidence_date", "today", "state"),
    [
        (True, "2024-12-31", None, dt.date(2026, 1, 1), "done"),
        (True, "2024-12-31", "2024-11", dt.date(2026, 1, 1), "done"),
        (True, "2024-12-31", "2024", dt.date(2026, 1, 1), "done"),  # the year ends on the due day
        (True, "2024-12-31", "2025-07-17", dt.date(2026, 1, 1), "done_late"),
        (True, "2024-12-31", "2025-07-17", dt.date(2025, 7, 1), "overdue"),  # its evidence is not out yet
        (True, "2025-12-31", "2026-01-08", dt.date(2025, 12, 1), "due"),
        (False, "2024-12-31", "2024-11", dt.date(2024, 12, 31), "due"),
        (False, "2024-12-31", "2024-11", dt.date(2025, 1, 1), "overdue"),
        (False, "2025", None, dt.date(2025, 6, 1), "due"),
    ],
)
def test_milestone_states(complete, due, evidence_date, today, state):
    assert milestone_state(complete, due, evidence_date, today) == state
