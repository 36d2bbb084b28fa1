"""The institution-type filter: which figures a choice shows, and which of them are combined figures."""

from __future__ import annotations

import pandas as pd

ALL_TYPES = "all"  # the filter's "all": every figure, national (全国) ones included; not a type to narrow to
COMBINED = "university_and_institute"


def filter_choices(institution_types: pd.DataFrame) -> list[str]:
    """The filter's options: every figure, then each institution type but the national one (全国 figures are
    not a kind of institution: they show under "all types")."""
    ordered = institution_types.sort_values("sort_order")
    return [ALL_TYPES, *[t for t in ordered["id"] if t != "all"]]


def types_shown(choice: str, institution_types: pd.DataFrame) -> set[str]:
    """The institution types whose figures a filter choice shows.

    A combined type shows its parts; a part shows the combined figures too, since they cannot be split
    (pages mark them as combined)."""
    if choice == ALL_TYPES:
        return set(institution_types["id"])
    shown = {choice}
    for row in institution_types.itertuples(index=False):
        covers = set(str(row.covers).split(";")) if isinstance(row.covers, str) and row.covers else set()
        if row.id == choice:
            shown |= covers
        elif choice in covers:
            shown.add(row.id)
    return shown


def apply_filter(
    frame: pd.DataFrame, choice: str, institution_types: pd.DataFrame, column: str = "institution_type"
) -> pd.DataFrame:
    """Rows of `frame` whose institution type the choice shows."""
    return frame[frame[column].isin(types_shown(choice, institution_types))]


def shows_combined_only(choice: str, institution_type: str) -> bool:
    """Whether a figure is shown under a single-type choice only because it is a combined figure."""
    return institution_type == COMBINED and choice not in (ALL_TYPES, COMBINED)


def within_years(observations: pd.DataFrame, years: tuple[int, int] | None) -> pd.DataFrame:
    """Observations whose period falls in the year range (inclusive); all of them when no range is set."""
    if years is None:
        return observations
    first, last = years
    year = observations["period"].str.slice(0, 4).astype(int)
    return observations[(year >= first) & (year <= last)]
