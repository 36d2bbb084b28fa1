"""Verdicts after the deadline, as a table of cases: each outcome final and provisional, annual, cumulative and
level bases, an open basis read both ways, bounds that settle and bounds that do not, figures awaited."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from dashboard.programme.verdicts import (
    ACHIEVED,
    AWAITING,
    NOT_ACHIEVED,
    NOT_SETTLED,
    expected_release,
    verdict,
)

INDICATOR = pd.Series(
    {"higher_is_better": True, "measure": "flow", "release_month": 1, "release_lag": 1}, name="contracts"
)
LEVEL = pd.Series(
    {"higher_is_better": True, "measure": "stock", "release_month": 12, "release_lag": 1}, name="x"
)


def target(value=100.0, comparator=">=", basis="annual", alternative=None, deadline="2025-12-31", **more):
    return pd.Series(
        {
            "comparator": comparator,
            "target_value": value,
            "deadline": deadline,
            "basis": basis,
            "basis_alternative": alternative,
            "baseline_period": None,
            "baseline_value": None,
            **more,
        }
    )


def figures(*rows) -> pd.DataFrame:
    """(period, value, qualifier, grade[, basis]) tuples as observations."""
    records = []
    for period, value, qualifier, grade, *basis in rows:
        records.append(
            {
                "period": period,
                "value": value,
                "qualifier": qualifier,
                "grade": grade,
                "basis": basis[0] if basis else None,
                "source": "s",
                "assumption": None,
            }
        )
    return pd.DataFrame(
        records, columns=["period", "value", "qualifier", "grade", "basis", "source", "assumption"]
    )


CASES = [
    # (name, target, indicator, figures, outcome, final, reasons that must be among the verdict's)
    (
        "full year, grade B, meets: final",
        target(),
        INDICATOR,
        figures(("2025", 120, "exact", "B")),
        ACHIEVED,
        True,
        [],
    ),
    (
        "full year, grade A, falls short: final",
        target(),
        INDICATOR,
        figures(("2025", 80, "exact", "A")),
        NOT_ACHIEVED,
        True,
        [],
    ),
    (
        "full year, grade C, meets: provisional",
        target(),
        INDICATOR,
        figures(("2025", 120, "exact", "C")),
        ACHIEVED,
        False,
        ["grade_c"],
    ),
    (
        "full year, grade C, falls short: provisional",
        target(),
        INDICATOR,
        figures(("2025", 80, "exact", "C")),
        NOT_ACHIEVED,
        False,
        ["grade_c"],
    ),
    (
        "Jan–Nov already above: achieved, provisional",
        target(),
        INDICATOR,
        figures(("2024", 90, "exact", "B"), ("2025-11", 105, "exact", "B")),
        ACHIEVED,
        False,
        ["part_year"],
    ),
    (
        "Jan–Nov below: not settled",
        target(),
        INDICATOR,
        figures(("2025-11", 95, "exact", "B")),
        NOT_SETTLED,
        False,
        ["part_year", "bound_below"],
    ),
    (
        "lower bound above the target settles it",
        target(),
        INDICATOR,
        figures(("2025", 100, "more_than", "B")),
        ACHIEVED,
        True,
        ["lower_bound"],
    ),
    (
        "lower bound below the target settles nothing",
        target(),
        INDICATOR,
        figures(("2025", 90, "more_than", "B")),
        NOT_SETTLED,
        False,
        ["bound_below"],
    ),
    (
        "approximate figure: provisional",
        target(),
        INDICATOR,
        figures(("2025", 130, "approx", "B")),
        ACHIEVED,
        False,
        ["approximate"],
    ),
    (
        "nothing for the deadline year: awaiting",
        target(),
        INDICATOR,
        figures(("2024", 130, "exact", "B")),
        AWAITING,
        False,
        [],
    ),
    (
        "cumulative total to the deadline: final",
        target(basis="cumulative"),
        INDICATOR,
        figures(("2025", 300, "exact", "B", "cumulative")),
        ACHIEVED,
        True,
        [],
    ),
    (
        "cumulative target, the last year alone meets it",
        target(basis="cumulative"),
        INDICATOR,
        figures(("2025", 120, "exact", "B")),
        ACHIEVED,
        False,
        ["other_basis"],
    ),
    (
        "cumulative target, the last year alone falls short: not settled",
        target(basis="cumulative"),
        INDICATOR,
        figures(("2025", 80, "exact", "B")),
        NOT_SETTLED,
        False,
        ["other_basis"],
    ),
    (
        "open basis, unstated figure above: one reading achieved, one not settled",
        target(alternative="cumulative"),
        INDICATOR,
        figures(("2025", 150, "more_than", "C", "unstated")),
        NOT_SETTLED,
        False,
        ["open_basis", "basis_unstated", "grade_c"],
    ),
    (
        "open basis, both readings achieved: still provisional",
        target(alternative="cumulative"),
        INDICATOR,
        figures(("2025", 150, "exact", "B")),
        ACHIEVED,
        False,
        ["open_basis"],
    ),
    (
        "level at the deadline: final",
        target(12, basis="level"),
        LEVEL,
        figures(("2025", 16, "exact", "B")),
        ACHIEVED,
        True,
        [],
    ),
    (
        "level, only mid-year: awaiting",
        target(12, basis="level"),
        LEVEL,
        figures(("2024", 14, "exact", "B"), ("2025-06", 15.3, "exact", "B")),
        AWAITING,
        False,
        [],
    ),
    (
        "level, lower is better, falls short: final",
        target(5, "<=", basis="level"),
        pd.Series({"higher_is_better": False, "measure": "rate"}, name="r"),
        figures(("2025", 7, "exact", "B")),
        NOT_ACHIEVED,
        True,
        [],
    ),
    (
        "a proxy for the scope is never final",
        target(scope_open=True),
        INDICATOR,
        figures(("2025", 120, "exact", "B")),
        ACHIEVED,
        False,
        ["scope_open"],
    ),
]


@pytest.mark.parametrize(
    ("name", "goal", "indicator", "rows", "outcome", "final", "reasons"), CASES, ids=[c[0] for c in CASES]
)
def test_verdicts(name, goal, indicator, rows, outcome, final, reasons):
    result = verdict(goal, indicator, rows)
    assert (result.outcome, result.final) == (outcome, final)
    assert set(reasons) <= set(result.reasons), result.reasons


def test_an_open_basis_is_read_both_ways():
    result = verdict(
        target(alternative="cumulative"), INDICATOR, figures(("2025", 150, "more_than", "C", "unstated"))
    )
    assert [(r.basis, r.outcome) for r in result.readings] == [
        ("annual", NOT_SETTLED),
        ("cumulative", ACHIEVED),
    ]
    assert result.evidence_grade == "C"


def test_awaiting_figures_shows_the_latest_signal_and_when_the_figure_is_usually_out():
    result = verdict(
        target(12, basis="level"), LEVEL, figures(("2024", 14, "exact", "B"), ("2025-06", 15.3, "exact", "B"))
    )
    assert result.signal["period"] == "2025-06" and result.figure is None and result.evidence_grade is None
    assert result.expected == dt.date(2026, 12, 1)
    assert expected_release(pd.Series({"release_month": None}), 2025) is None


@pytest.mark.parametrize(
    ("values", "outcome"),
    [((50.0, 51.3, 54.0), ACHIEVED), ((50.0, 50.2, 50.4), NOT_ACHIEVED)],
)
def test_a_qualitative_goal_is_met_at_the_marked_pace_and_always_provisional(values, outcome):
    goal = target(None, "rises", basis="level")
    rows = figures(*[(str(y), v, "exact", "B") for y, v in zip((2022, 2023, 2025), values, strict=True)])
    result = verdict(goal, pd.Series({"higher_is_better": True, "measure": "rate"}, name="rate"), rows, 2024)
    assert (result.outcome, result.final) == (outcome, False)
    assert "qualitative" in result.reasons


def test_a_qualitative_goal_without_its_deadline_year_awaits():
    goal = target(None, "rises", basis="level")
    result = verdict(
        goal,
        pd.Series({"higher_is_better": True, "measure": "rate"}, name="rate"),
        figures(("2020", 3.8, "exact", "B")),
        2023,
    )
    assert result.outcome == AWAITING and result.signal["period"] == "2020"
