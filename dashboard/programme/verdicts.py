"""Was a goal met? The verdict on a target once its deadline has passed. Pure functions, no Streamlit.

Before the deadline a target is assessed by the progress method (dashboard.programme.progress). After it, the
question is no longer the pace but the result, on the figure for the deadline period:

- The target states its **basis**: `annual` (the flow in the deadline year), `cumulative` (the total over the
  plan, from its start to the deadline) or `level` (the value at the deadline). Where the source leaves the
  basis open, the target names the other reading too (`basis_alternative`, with the assumption behind it)
  and the verdict is worked out under each; it is never final.
- The **deciding figure** is the figure of the target's indicator and institution type (its scope) for the
  deadline period on that basis: a full year for `annual`, the total to the deadline for `cumulative`, the
  value at the deadline's end for `level`. Without one, a figure that bounds it still decides when it
  settles the question: a Jan–Nov flow that already meets a "reach at least" target (the full year can only
  be higher), the deadline year's flow for a cumulative target, a figure "of more than" a value that meets
  it. Such a figure makes the verdict provisional.
- **Outcome**: `achieved` or `not_achieved` when the figure settles it; `not_settled` when figures for the
  deadline period are published but do not settle it (a lower bound below the target, a total whose basis
  the source leaves unstated); `awaiting_figures` when nothing for the deadline period is published yet —
  then the latest figure is shown beside it as a signal, with when the deadline period's figure is usually
  published (each indicator's release, held as data).
- **Final** when the deciding figure is the full-period figure on the target's basis and scope, graded A or
  B, exact or a lower bound that settles it, for a numeric target with one reading. Anything else —
  a grade-C figure, a part-year, a bound, another basis, an approximation, an open basis, a proxy for the
  target's scope, a qualitative goal read through our own threshold — is **provisional**, and says why.
- A qualitative goal ("clearly higher") is achieved when the deadline year's figure rose at least at the
  rate the progress method calls marked since the base; it is always provisional (the threshold is ours).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from dashboard.periods import Period, parse_period
from dashboard.programme.progress import THRESHOLDS, TREND_MARKED, Thresholds, meets

ACHIEVED, NOT_ACHIEVED, NOT_SETTLED, AWAITING = "achieved", "not_achieved", "not_settled", "awaiting_figures"
OUTCOMES = (ACHIEVED, NOT_ACHIEVED, NOT_SETTLED, AWAITING)
BASES = ("annual", "cumulative", "level")
FINAL_GRADES = ("A", "B")
# An observation's own basis: empty means "as its indicator's measure says"; `unstated` means the source
# does not say whether it is the deadline year's flow or a total over the plan.
UNSTATED = "unstated"


@dataclass
class Reading:
    """The outcome under one reading of the target's basis, and the figure it rests on."""

    basis: str
    outcome: str
    figure: pd.Series | None = None
    reasons: list[str] = field(default_factory=list)  # catalogue codes: verdict_reason_<code>

    @property
    def settled(self) -> bool:
        return self.outcome in (ACHIEVED, NOT_ACHIEVED)


@dataclass
class Verdict:
    outcome: str
    final: bool
    basis: str
    readings: list[Reading]
    figure: pd.Series | None  # the figure the verdict rests on (None while awaiting)
    signal: (
        pd.Series | None
    )  # the latest figure of the target's scope, shown beside a verdict awaiting figures
    reasons: list[str]  # why it is provisional (or why it is not settled), catalogue codes
    expected: dt.date | None = None  # when the deadline period's figure is usually published (awaiting only)

    @property
    def evidence_grade(self) -> str | None:
        return None if self.figure is None else str(self.figure["grade"])

    @property
    def open_basis(self) -> bool:
        return len(self.readings) > 1


def deadline_passed(target: pd.Series | dict, today: dt.date) -> bool:
    return today > parse_period(target["deadline"]).end


def _basis_of(row: pd.Series, measure: str) -> str:
    """What a figure is on: its own stated basis, else what its indicator's measure makes it."""
    own = row.get("basis")
    if isinstance(own, str) and own:
        return own
    return {"flow": "annual", "cumulative": "cumulative"}.get(measure, "level")


def _periods(frame: pd.DataFrame) -> pd.Series:
    return frame["period"].map(parse_period)


def _in_year(frame: pd.DataFrame, year: int) -> pd.DataFrame:
    return frame[_periods(frame).map(lambda p: p.year == year)] if not frame.empty else frame


def latest(frame: pd.DataFrame) -> pd.Series | None:
    """The newest figure (latest period end; at equal ends the most precise period, then an exact figure
    before an approximation before a lower bound, then the better grade)."""
    if frame.empty:
        return None
    quality = {"exact": 2, "approx": 1, "more_than": 0}
    order = [
        (p.end, -p.precision, quality.get(q, 0), -"ABCDU".find(str(g)))
        for p, q, g in zip(_periods(frame), frame["qualifier"], frame["grade"], strict=True)
    ]
    best = max(range(len(order)), key=lambda i: (order[i], i))
    return frame.iloc[best]


def _full_year(p: Period, year: int) -> bool:
    """A period that covers the whole year: the year, its December, or its last day."""
    return p.year == year and (p.is_full_year or (p.end.month == 12 and p.end.day == 31))


def _decide(
    reading: Reading, row: pd.Series, comparator: str, target: float, higher_is_better: bool, bound: bool
) -> Reading:
    """Settle a reading on one figure. `bound`: the figure bounds the deadline period's value from below
    (a part-year flow, a single year of a total) rather than being it."""
    value, qualifier = float(row["value"]), row["qualifier"]
    lower = bound or qualifier == "more_than"
    reading.figure = row
    if meets(value, comparator, target):
        # A value that meets a "reach at least" target settles it even as a lower bound; for a "stay below"
        # target a lower bound that meets it settles nothing.
        if not lower or comparator in (">=", ">"):
            reading.outcome = ACHIEVED
        else:
            reading.outcome = NOT_SETTLED
    elif lower and comparator in (">=", ">"):
        reading.outcome = NOT_SETTLED
        reading.reasons.append("bound_below")
    else:
        reading.outcome = NOT_ACHIEVED
    if qualifier == "approx":
        reading.reasons.append("approximate")
    if qualifier == "more_than" and reading.settled:
        reading.reasons.append("lower_bound")
    return reading


def read_basis(
    basis: str,
    target: pd.Series,
    figures: pd.DataFrame,
    measure: str,
    higher_is_better: bool,
) -> Reading:
    """The outcome of a numeric target under one basis, on the figures of its scope."""
    reading = Reading(basis, AWAITING)
    year = parse_period(target["deadline"]).year
    comparator, goal = target["comparator"], float(target["target_value"])
    if figures.empty:
        return reading
    rows = _in_year(figures, year)
    if rows.empty:
        return reading
    rows = rows.assign(_basis=[_basis_of(r, measure) for _, r in rows.iterrows()], _p=_periods(rows))
    whole_year = rows["_p"].map(lambda p: _full_year(p, year))
    full = rows[whole_year]

    def decide(candidates: pd.DataFrame, bound: bool) -> Reading:
        figure = latest(candidates.drop(columns=["_basis", "_p"]))
        return _decide(reading, figure, comparator, goal, higher_is_better, bound=bound)

    on_basis = full[full["_basis"] == basis]
    if not on_basis.empty:
        return decide(on_basis, bound=False)
    if basis == "annual":
        part = rows[(rows["_basis"] == "annual") & ~whole_year]
        if not part.empty and higher_is_better:
            reading.reasons.append("part_year")
            return decide(part, bound=True)
    if basis == "cumulative":
        # The deadline year's flow, or a figure whose basis is unstated, is at most the plan's total.
        under = full[full["_basis"].isin(["annual", UNSTATED])]
        if not under.empty:
            reading.reasons.append("other_basis")
            return decide(under, bound=True)
    unstated = full[full["_basis"] == UNSTATED]
    if not unstated.empty:
        # Under an annual or level reading a figure of unstated basis settles nothing: it may be a total.
        reading.outcome = NOT_SETTLED
        reading.figure = latest(unstated.drop(columns=["_basis", "_p"]))
        reading.reasons.append("basis_unstated")
    return reading


def read_trend(
    target: pd.Series, figures: pd.DataFrame, higher_is_better: bool, start_year: int | None, th: Thresholds
) -> Reading:
    """A qualitative goal ("clearly higher"): achieved when the deadline year's figure rose at the marked
    pace since the base (the last full year before the plan, else the earliest)."""
    from dashboard.programme.progress import assess

    reading = Reading("level", AWAITING)
    year = parse_period(target["deadline"]).year
    full = figures[_periods(figures).map(lambda p: p.is_full_year)] if not figures.empty else figures
    at_deadline = full[full["period"].astype(str) == str(year)] if not full.empty else full
    if at_deadline.empty:
        return reading
    upto = full[full["period"].astype(int) <= year]
    assessment = assess(target, upto, higher_is_better, dt.date(year, 12, 31), start_year, th)
    reading.figure = latest(at_deadline)
    reading.reasons.append("qualitative")
    if assessment.actual_growth is None:
        reading.outcome = NOT_SETTLED
        reading.reasons.append("no_base")
        return reading
    reading.outcome = ACHIEVED if assessment.status == TREND_MARKED else NOT_ACHIEVED
    if reading.figure["qualifier"] == "approx":
        reading.reasons.append("approximate")
    return reading


def expected_release(indicator: pd.Series, deadline_year: int) -> dt.date | None:
    """When the deadline year's figure is usually published: the indicator's release month, `release_lag`
    years after the period (None where the release is not recorded)."""
    month, lag = indicator.get("release_month"), indicator.get("release_lag")
    if month is None or pd.isna(month):
        return None
    lag = 0 if lag is None or pd.isna(lag) else int(lag)
    return dt.date(deadline_year + lag, int(month), 1)


def verdict(
    target: pd.Series,
    indicator: pd.Series,
    figures: pd.DataFrame,
    start_year: int | None = None,
    th: Thresholds = THRESHOLDS,
) -> Verdict:
    """The verdict on a target whose deadline has passed, on `figures` (its indicator and institution type)."""
    higher = bool(indicator["higher_is_better"])
    measure = indicator["measure"]
    qualitative = target["comparator"] in ("rises", "falls")
    basis = target.get("basis") if isinstance(target.get("basis"), str) and target.get("basis") else "level"
    if qualitative:
        readings = [read_trend(target, figures, target["comparator"] == "rises", start_year, th)]
    else:
        alternative = target.get("basis_alternative")
        bases = [basis, *([alternative] if isinstance(alternative, str) and alternative else [])]
        readings = [read_basis(b, target, figures, measure, higher) for b in bases]
    outcomes = {r.outcome for r in readings}
    outcome = outcomes.pop() if len(outcomes) == 1 else NOT_SETTLED
    primary = readings[0]
    figure = next((r.figure for r in readings if r.figure is not None), None)
    reasons = list(dict.fromkeys(code for r in readings for code in r.reasons))
    if len(readings) > 1:
        reasons.insert(0, "open_basis")
    if figure is not None and str(figure["grade"]) not in FINAL_GRADES:
        reasons.append(f"grade_{str(figure['grade']).lower()}")
    proxy = target.get("scope_open")
    if isinstance(proxy, bool | int) and bool(proxy) and not pd.isna(proxy):
        reasons.append("scope_open")
    decisive = {
        "part_year",
        "other_basis",
        "bound_below",
        "basis_unstated",
        "approximate",
        "qualitative",
        "open_basis",
        "scope_open",
        "no_base",
    }
    final = (
        outcome in (ACHIEVED, NOT_ACHIEVED)
        and primary.figure is not None
        and str(primary.figure["grade"]) in FINAL_GRADES
        and not decisive & set(reasons)
    )
    signal = latest(figures) if outcome == AWAITING else None
    year = parse_period(target["deadline"]).year
    expected = expected_release(indicator, year) if outcome == AWAITING else None
    return Verdict(outcome, final, basis, readings, figure, signal, reasons, expected)
