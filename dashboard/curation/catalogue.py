"""The curated tables as one typed catalogue: what every page, command and slide reads."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

import pandas as pd

# Load order: a table's references point only to tables earlier in this list.
TABLES = (
    "institution_types",
    "assumptions",
    "sources",
    "programmes",
    "indicators",
    "observations",
    "series_breaks",
    "targets",
    "statements",
    "milestones",
    "pilots",
)
# Tables built from seeds/ by `python -m dashboard curate` (the rest are edited by hand).
GENERATED_FROM_SEEDS = ("sources", "observations", "targets", "statements")


@dataclass(frozen=True)
class Tables:
    """Every curated table, in load order. Frames are shared, never changed in place: a narrower view is a
    new catalogue (`within_years`, `replace`)."""

    institution_types: pd.DataFrame
    assumptions: pd.DataFrame
    sources: pd.DataFrame
    programmes: pd.DataFrame
    indicators: pd.DataFrame
    observations: pd.DataFrame
    series_breaks: pd.DataFrame
    targets: pd.DataFrame
    statements: pd.DataFrame
    milestones: pd.DataFrame
    pilots: pd.DataFrame
    # Every observation, before a view narrowed them to its years: what a verdict on a past deadline reads
    # (the plan's result does not depend on the years someone looks at). None when not narrowed.
    unnarrowed_observations: pd.DataFrame | None = dataclasses.field(default=None, repr=False, compare=False)

    @property
    def every_observation(self) -> pd.DataFrame:
        """All observations, whatever years the catalogue was narrowed to."""
        return self.observations if self.unnarrowed_observations is None else self.unnarrowed_observations

    @classmethod
    def from_mapping(cls, frames: Mapping[str, pd.DataFrame]) -> Tables:
        """The catalogue from a mapping of table name → frame (every table of TABLES must be there)."""
        return cls(**{name: frames[name] for name in TABLES})

    def items(self) -> Iterator[tuple[str, pd.DataFrame]]:
        """(name, frame) in load order."""
        for name in TABLES:
            yield name, getattr(self, name)

    def replace(self, **frames: pd.DataFrame) -> Tables:
        return dataclasses.replace(self, **frames)

    def within_years(self, years: tuple[int, int] | None) -> Tables:
        """The catalogue with only the observations whose period falls in `years` (inclusive)."""
        if years is None:
            return self
        first, last = years
        year = self.observations["period"].str.slice(0, 4).astype(int)
        return self.replace(
            observations=self.observations[(year >= first) & (year <= last)],
            unnarrowed_observations=self.every_observation,
        )

    def type_names(self, lang: str) -> dict[str, str]:
        """Institution type id → its name in `lang`."""
        types = self.institution_types
        return dict(zip(types["id"], types[f"name_{lang}"], strict=True))

    def indicator(self, indicator_id: str) -> pd.Series:
        """One indicator's row (named by its id)."""
        return self.indicators.set_index("id").loc[indicator_id]

    def year_span(self, today_year: int) -> tuple[int, int]:
        """The first year with a figure, and the later of the last such year and `today_year`."""
        years = sorted(int(p[:4]) for p in self.observations["period"])
        return years[0], max(years[-1], today_year)
