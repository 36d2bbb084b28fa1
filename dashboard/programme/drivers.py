"""Who drove it: each institution type's share of a change since the baseline. Pure functions, no Streamlit.

Where an indicator is published for a total (national, or a combined type) and for a part of it (e.g.
transfers and licences recorded: all vs universities and institutes), the part's share of the change is

    share = (part_end − part_base) / (total_end − total_base)

over the same two full years, and the rest of the change belongs to everyone else the total counts:
    rest = (total_end − total_base) − Σ (part_end − part_base).
Only additive measures (flows, stocks, running totals) are split this way: rates do not add up.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.periods import parse_period

ADDITIVE = ("flow", "stock", "cumulative")


@dataclass(frozen=True)
class Share:
    institution_type: str | None  # None: everyone else the total counts (derived)
    base: float | None
    end: float | None
    qualifiers: tuple[str, str]  # of the base and end figures ("exact" for the derived rest)
    change: float
    share: float  # of the total's change, as a fraction
    grades: tuple[str, ...]  # of the figures it rests on (empty for the derived rest)
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Drivers:
    indicator: str
    total_type: str
    base_year: int
    end_year: int
    total_change: float
    total: Share  # the total's own figures (its share is 1)
    shares: list[Share]  # the published parts, then (for the nation) everyone else


def _full_years(frame: pd.DataFrame) -> pd.DataFrame:
    periods = frame["period"].map(parse_period)
    full = frame[periods.map(lambda p: p.is_full_year)].copy()
    full["year"] = full["period"].astype(int)
    # One figure a year: the most precise source first (a lower bound or an approximation after an exact one).
    full["_q"] = full["qualifier"].map({"exact": 0, "approx": 1, "more_than": 2})
    return full.sort_values(["year", "_q"], kind="stable").drop_duplicates("year").set_index("year")


def _parts(total: str, types: pd.DataFrame, available: set[str]) -> list[str]:
    """The types that are parts of `total`: for `all`, every other published type that no other published
    type covers (so that nothing is counted twice); for a combined type, the types it covers."""
    covers = {
        row["id"]: str(row["covers"]).split(";") if isinstance(row["covers"], str) and row["covers"] else []
        for _, row in types.iterrows()
    }
    if total != "all":
        return [p for p in covers.get(total, []) if p in available]
    inside = {p for t in available if t != "all" for p in covers.get(t, [])}
    return [t for t in available if t != "all" and t not in inside]


def drivers(
    indicator: pd.Series,
    figures: pd.DataFrame,
    total_type: str,
    institution_types: pd.DataFrame,
    base_year: int | None,
    end_year: int,
) -> Drivers | None:
    """Each part's share of the total's change from `base_year` (else the earliest year all have) to the
    latest full year up to `end_year` that the total and every part have; None where it cannot be split."""
    if indicator["measure"] not in ADDITIVE:
        return None
    by_type = {kind: _full_years(rows) for kind, rows in figures.groupby("institution_type")}
    if total_type not in by_type:
        return None
    order = list(institution_types["id"])
    parts = sorted(_parts(total_type, institution_types, set(by_type)), key=order.index)
    if not parts:
        return None
    common = set(by_type[total_type].index)
    for part in parts:
        common &= set(by_type[part].index)
    common = {y for y in common if y <= end_year}
    ends = sorted(y for y in common if base_year is None or y > base_year)
    starts = sorted(y for y in common if base_year is None or y <= base_year)
    if not ends or not starts:
        return None
    start = starts[-1] if base_year is not None else starts[0]
    end = ends[-1]
    if end <= start:
        return None
    total = by_type[total_type]
    total_change = float(total.loc[end, "value"]) - float(total.loc[start, "value"])
    if total_change == 0:
        return None

    def share(kind: str) -> Share:
        rows = by_type[kind]
        change = float(rows.loc[end, "value"]) - float(rows.loc[start, "value"])
        return Share(
            kind,
            float(rows.loc[start, "value"]),
            float(rows.loc[end, "value"]),
            (str(rows.loc[start, "qualifier"]), str(rows.loc[end, "qualifier"])),
            change,
            change / total_change,
            (str(rows.loc[start, "grade"]), str(rows.loc[end, "grade"])),
            (str(rows.loc[start, "source"]), str(rows.loc[end, "source"])),
        )

    shares = [share(part) for part in parts]
    if total_type == "all":  # the parts of a combined type are all of it; of the nation, not
        rest = total_change - sum(s.change for s in shares)
        shares.append(Share(None, None, None, ("exact", "exact"), rest, rest / total_change, (), ()))
    return Drivers(str(indicator.name), total_type, start, end, total_change, share(total_type), shares)
