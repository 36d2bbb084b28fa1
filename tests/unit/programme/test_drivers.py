"""Who drove it: each type's share of a change since the baseline, and where it cannot be split."""

import pandas as pd
import pytest

from dashboard.programme.drivers import drivers

TYPES = pd.DataFrame(
    {
        "id": ["all", "university", "research_institute", "university_and_institute", "enterprise"],
        "covers": [None, None, None, "university;research_institute", None],
    }
)
FLOW = pd.Series({"measure": "flow"}, name="recordals")


def rows(*records) -> pd.DataFrame:
    """(institution type, period, value[, qualifier]) tuples as observations."""
    return pd.DataFrame(
        [
            {
                "institution_type": kind,
                "period": period,
                "value": value,
                "qualifier": more[0] if more else "exact",
                "grade": "B",
                "source": f"s{period}",
            }
            for kind, period, value, *more in records
        ]
    )


def test_a_part_of_the_nation_gets_its_share_and_everyone_else_the_rest():
    found = drivers(
        FLOW,
        rows(
            ("all", "2021", 400),
            ("all", "2025", 700),
            ("university_and_institute", "2021", 30),
            ("university_and_institute", "2025", 90),
        ),
        "all",
        TYPES,
        base_year=2022,
        end_year=2025,
    )
    assert (found.base_year, found.end_year, found.total_change) == (2021, 2025, 300)
    part, rest = found.shares
    assert part.institution_type == "university_and_institute" and part.share == pytest.approx(0.2)
    assert rest.institution_type is None and rest.change == 240 and rest.share == pytest.approx(0.8)


def test_a_combined_part_is_not_counted_twice_with_its_own_parts():
    found = drivers(
        FLOW,
        rows(
            ("all", "2020", 100),
            ("all", "2024", 200),
            ("university_and_institute", "2020", 10),
            ("university_and_institute", "2024", 30),
            ("university", "2020", 6),
            ("university", "2024", 20),
        ),
        "all",
        TYPES,
        base_year=None,
        end_year=2025,
    )
    assert [s.institution_type for s in found.shares] == ["university_and_institute", None]


def test_a_combined_type_splits_into_its_parts_without_a_rest():
    found = drivers(
        FLOW,
        rows(
            ("university_and_institute", "2020", 10),
            ("university_and_institute", "2024", 30),
            ("university", "2020", 6),
            ("university", "2024", 20),
            ("research_institute", "2020", 4),
            ("research_institute", "2024", 10),
        ),
        "university_and_institute",
        TYPES,
        base_year=None,
        end_year=2025,
    )
    assert [(s.institution_type, s.share) for s in found.shares] == [
        ("university", pytest.approx(0.7)),
        ("research_institute", pytest.approx(0.3)),
    ]


@pytest.mark.parametrize(
    ("measure", "records", "why"),
    [
        (
            "rate",
            [
                ("all", "2021", 30),
                ("all", "2025", 40),
                ("enterprise", "2021", 40),
                ("enterprise", "2025", 50),
            ],
            "rates do not add up",
        ),
        ("flow", [("all", "2021", 30), ("all", "2025", 40)], "no part is published"),
        (
            "flow",
            [("all", "2021", 30), ("all", "2025", 40), ("enterprise", "2024", 5), ("enterprise", "2025", 6)],
            "no common base year",
        ),
        (
            "flow",
            [("all", "2021", 30), ("all", "2025", 30), ("enterprise", "2021", 5), ("enterprise", "2025", 6)],
            "the total did not change",
        ),
        (
            "flow",
            [
                ("all", "2021", 30),
                ("all", "2025-06", 40),
                ("enterprise", "2021", 5),
                ("enterprise", "2025-06", 6),
            ],
            "part-year figures are not compared with years",
        ),
    ],
)
def test_no_split_where_it_would_mislead(measure, records, why):
    indicator = pd.Series({"measure": measure}, name="x")
    assert drivers(indicator, rows(*records), "all", TYPES, base_year=2022, end_year=2025) is None, why
