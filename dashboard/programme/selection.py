"""What a view shows: the language, the institution-type filter and the year range, resolved once per run.

The filter knows which institution types' figures it shows and which of them are combined figures: a
combined type (universities and institutes together) shows under either of its parts, marked as combined,
since it cannot be split; national (全国) figures show only under "all types".
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

ALL_TYPES = "all"  # the filter's "all": every figure, national (全国) ones included; not a type to narrow to
COMBINED = "university_and_institute"


def filter_choices(institution_types: pd.DataFrame) -> list[str]:
    """The filter's options: every figure, then each institution type but the national one (全国 figures are
    not a kind of institution: they show under "all types")."""
    ordered = institution_types.sort_values("sort_order")
    return [ALL_TYPES, *[t for t in ordered["id"] if t != "all"]]


def _types_shown(choice: str, institution_types: pd.DataFrame) -> frozenset[str]:
    """A combined type shows its parts; a part shows the combined figures too (they cannot be split)."""
    if choice == ALL_TYPES:
        return frozenset(institution_types["id"])
    shown = {choice}
    for row in institution_types.itertuples(index=False):
        covers = set(str(row.covers).split(";")) if isinstance(row.covers, str) and row.covers else set()
        if row.id == choice:
            shown |= covers
        elif choice in covers:
            shown.add(row.id)
    return frozenset(shown)


@dataclass(frozen=True)
class TypeFilter:
    """The institution-type filter: the choice ("all" or a type id) and the types whose figures it shows."""

    choice: str
    shown: frozenset[str]

    @classmethod
    def of(cls, choice: str, institution_types: pd.DataFrame) -> TypeFilter:
        return cls(choice, _types_shown(choice, institution_types))

    @property
    def everything(self) -> bool:
        """Whether the filter shows every figure (the choice "all")."""
        return self.choice == ALL_TYPES

    def shows(self, institution_type: str) -> bool:
        return institution_type in self.shown

    def combined_only(self, institution_type: str) -> bool:
        """Whether a figure shows only because it is a combined figure under one of its parts."""
        return institution_type == COMBINED and self.choice not in (ALL_TYPES, COMBINED)

    def apply(self, frame: pd.DataFrame, column: str = "institution_type") -> pd.DataFrame:
        """Rows of `frame` whose institution type the filter shows."""
        return frame[frame[column].isin(self.shown)]


@dataclass(frozen=True)
class Selection:
    """The view every page, command and slide is built for."""

    lang: str
    types: TypeFilter
    years: tuple[int, int] | None = None

    @classmethod
    def of(
        cls, lang: str, choice: str, institution_types: pd.DataFrame, years: tuple[int, int] | None = None
    ) -> Selection:
        return cls(lang, TypeFilter.of(choice, institution_types), years)

    @property
    def choice(self) -> str:
        return self.types.choice

    def link_params(self, **extra: str) -> dict[str, str]:
        """The query string that reopens this view (plus page-specific parameters)."""
        params = {"lang": self.lang, "type": self.types.choice}
        if self.years is not None:
            params |= {"from": str(self.years[0]), "to": str(self.years[1])}
        return {**params, **extra}


def within_years(observations: pd.DataFrame, years: tuple[int, int] | None) -> pd.DataFrame:
    """Observations whose period falls in the year range (inclusive); all of them when no range is set."""
    if years is None:
        return observations
    first, last = years
    year = observations["period"].str.slice(0, 4).astype(int)
    return observations[(year >= first) & (year <= last)]
