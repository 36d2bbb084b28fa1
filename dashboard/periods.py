"""Periods of a figure: a year (YYYY), a month (YYYY-MM) or a day (YYYY-MM-DD), never mixed up."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dashboard.i18n import LocalizedError

_PERIOD = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class PeriodError(LocalizedError, ValueError):
    """A period string that is not YYYY, YYYY-MM or YYYY-MM-DD, or names no real date."""


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period. `end` is the last day it covers; sorting is by that day, then by precision."""

    end: dt.date
    precision: int  # 1 year, 2 month, 3 day
    text: str

    @property
    def year(self) -> int:
        return self.end.year

    @property
    def is_full_year(self) -> bool:
        return self.precision == 1

    @property
    def start(self) -> dt.date:
        """The first day it covers: 1 January of a year, the 1st of a month, the day itself."""
        if self.precision == 1:
            return self.end.replace(month=1, day=1)
        return self.end.replace(day=1) if self.precision == 2 else self.end


def parse_period(text: object) -> Period:
    """Parse 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'; raise PeriodError naming what is wrong."""
    s = str(text).strip() if text is not None else ""
    m = _PERIOD.match(s)
    if not m:
        raise PeriodError("period_not_a_period", text=s)
    year, month, day = int(m[1]), m[2], m[3]
    try:
        if month is None:
            return Period(dt.date(year, 12, 31), 1, s)
        mo = int(month)
        if day is None:
            first_next = dt.date(year + (mo == 12), 1 if mo == 12 else mo + 1, 1)
            return Period(first_next - dt.timedelta(days=1), 2, s)
        return Period(dt.date(year, mo, int(day)), 3, s)
    except ValueError as exc:
        raise PeriodError("period_not_a_date", text=s, reason=str(exc)) from None
