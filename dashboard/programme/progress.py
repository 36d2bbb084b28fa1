"""Is a goal on track for its deadline? The progress method, after the UN Statistics Division's SDG progress
assessment and Statistics Canada's open variant (sdg-build's ProgressMeasure). Pure functions, no Streamlit.

Notation: base period t0 with value x0, latest period t with value xt, target x* due at T.
    actual annual growth    g_a = (xt / x0) ** (1 / (t - t0)) - 1
    required annual growth  g_r = (x* / x0) ** (1 / (T - t0)) - 1
    ratio                   R   = d * g_a / |g_r|   (d = +1 when higher is better, -1 when lower is better)
    projection              x_T = xt * (1 + g_a) ** (T - t)
    progress                P   = (xt - x0) / (x* - x0)
Where x0 or x* is not positive the growth is taken as linear (absolute change a year) instead.
A target met by the latest value is "achieved" whatever the ratio. A goal with no number ("rises markedly")
gets a trend grade from the actual growth alone, labelled as a trend grade.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

import pandas as pd

from dashboard.periods import parse_period


@dataclass(frozen=True)
class Thresholds:
    """Every threshold of the method, in one place (Statistics Canada's values for the ratio)."""

    on_track: float = 0.95  # R ≥ 0.95: on track
    acceleration: float = 0.60  # 0.60 ≤ R < 0.95: acceleration needed
    limited: float = 0.0  # 0 ≤ R < 0.60: limited progress; R < 0: deterioration
    min_span_years: int = 1  # a growth rate needs at least one full year between base and latest
    trend_marked: float = 0.02  # qualitative goals: ≥ 2 % a year in the right direction rises markedly
    trend_moderate: float = 0.005  # 0.5–2 % a year: moderately; within ±0.5 %: flat; worse: falling


THRESHOLDS = Thresholds()

ACHIEVED, ON_TRACK, ACCELERATION, LIMITED, DETERIORATION, NOT_ENOUGH_DATA = (
    "achieved",
    "on_track",
    "acceleration_needed",
    "limited_progress",
    "deterioration",
    "not_enough_data",
)
TREND_MARKED, TREND_MODERATE, TREND_FLAT, TREND_WORSE = (
    "trend_marked",
    "trend_moderate",
    "trend_flat",
    "trend_worse",
)
# From best to worst, for sorting; a trend grade sorts beside the numeric status it resembles.
STATUS_ORDER = [
    ACHIEVED,
    ON_TRACK,
    TREND_MARKED,
    ACCELERATION,
    TREND_MODERATE,
    LIMITED,
    TREND_FLAT,
    DETERIORATION,
    TREND_WORSE,
    NOT_ENOUGH_DATA,
]
MILESTONE_DONE, MILESTONE_DONE_LATE, MILESTONE_DUE, MILESTONE_OVERDUE = "done", "done_late", "due", "overdue"
MILESTONE_STATES = (MILESTONE_DONE, MILESTONE_DONE_LATE, MILESTONE_DUE, MILESTONE_OVERDUE)


@dataclass
class Assessment:
    """The status of one target and every number behind it (None where it does not apply)."""

    status: str
    kind: str  # "numeric" or "trend"
    at_least: bool = False  # the status rests on a lower bound ("more than"): at least this status
    approximate: bool = False  # the status rests on an approximate figure
    latest_value: float | None = None
    latest_period: str | None = None
    latest_qualifier: str | None = None
    base_value: float | None = None
    base_period: str | None = None
    base_from: str | None = None  # "target" (the target's own baseline) or "observations"
    target_value: float | None = None
    deadline_year: int | None = None
    years_elapsed: float | None = None
    years_to_deadline: float | None = None
    growth_model: str | None = None  # "compound" or "linear"
    actual_growth: float | None = None  # g_a (a rate for compound, units a year for linear)
    required_growth: float | None = None  # g_r
    ratio: float | None = None  # R
    projection: float | None = None  # x_T
    progress: float | None = None  # P, as a fraction
    met_before: str | None = None  # the period in which an earlier figure met the target, if since lost
    reasons: list[str] = field(default_factory=list)  # codes explaining the status (catalogue: reason_<code>)


def meets(value: float, comparator: str, target: float) -> bool:
    return {">=": value >= target, ">": value > target, "<=": value <= target, "<": value < target}[
        comparator
    ]


def _full_years(observations: pd.DataFrame) -> tuple[pd.DataFrame, bool]:
    """Full-year figures only, oldest first (a part of a year is never compared with a year), and whether
    any part-year figure was left out."""
    parsed = observations["period"].map(parse_period)
    full = observations[parsed.map(lambda p: p.is_full_year)].copy()
    full["year"] = full["period"].astype(int)
    full = full.sort_values("year", kind="stable").drop_duplicates("year", keep="last")
    return full, len(full) < len(observations)


def _ratio_status(ratio: float, th: Thresholds) -> str:
    if ratio >= th.on_track:
        return ON_TRACK
    if ratio >= th.acceleration:
        return ACCELERATION
    if ratio >= th.limited:
        return LIMITED
    return DETERIORATION


def _trend_status(growth: float, higher_is_better: bool, th: Thresholds) -> str:
    directed = growth if higher_is_better else -growth
    if directed >= th.trend_marked:
        return TREND_MARKED
    if directed >= th.trend_moderate:
        return TREND_MODERATE
    if directed > -th.trend_moderate:
        return TREND_FLAT
    return TREND_WORSE


def _choose_base(full: pd.DataFrame, latest_year: int, start_year: int | None) -> pd.Series | None:
    """Without a stated baseline: the last figure before the plan began, else the earliest figure."""
    earlier = full[full["year"] < latest_year]
    if earlier.empty:
        return None
    if start_year is not None and not earlier[earlier["year"] < start_year].empty:
        return earlier[earlier["year"] < start_year].iloc[-1]
    return earlier.iloc[0]


def assess(
    target: dict | pd.Series,
    observations: pd.DataFrame,
    higher_is_better: bool,
    today: dt.date,
    programme_start_year: int | None = None,
    th: Thresholds = THRESHOLDS,
) -> Assessment:
    """Assess one target against the observations of its indicator and institution type."""
    comparator = target["comparator"]
    numeric = comparator not in ("rises", "falls")
    kind = "numeric" if numeric else "trend"
    deadline = parse_period(target["deadline"])
    result = Assessment(
        status=NOT_ENOUGH_DATA,
        kind=kind,
        deadline_year=deadline.year,
        target_value=float(target["target_value"]) if numeric else None,
    )
    if not numeric:
        result.reasons.append("no_numeric_target")
        higher_is_better = comparator == "rises"
    if today > deadline.end:
        result.reasons.append("deadline_passed")
    if observations.empty:
        result.reasons.append("no_figures")
        return result
    full, left_out = _full_years(observations)
    if left_out:
        result.reasons.append("partial_years_left_out")
    if full.empty:
        result.reasons.append("no_figures")
        return result
    latest = full.iloc[-1]
    result.latest_value, result.latest_period = float(latest["value"]), str(latest["period"])
    result.latest_qualifier = latest["qualifier"]
    if latest["qualifier"] == "more_than":
        # A lower bound can only be better than it says when higher is better; otherwise it is just uncertain.
        result.at_least = higher_is_better
        result.approximate = not higher_is_better
        result.reasons.append("lower_bound")
    elif latest["qualifier"] == "approx":
        result.approximate = True
        result.reasons.append("approximate")

    if numeric:
        x_star = result.target_value
        if meets(result.latest_value, comparator, x_star):
            result.status = ACHIEVED
        else:
            earlier_met = full[full["value"].map(lambda v: meets(float(v), comparator, x_star))]
            if not earlier_met.empty:
                result.met_before = str(earlier_met.iloc[-1]["period"])
                result.reasons.append("met_then_lost")

    # The base: the target's own baseline when it names one, else chosen among the observations.
    baseline_period = target.get("baseline_period")
    if isinstance(baseline_period, str) and baseline_period and not pd.isna(target.get("baseline_value")):
        base_value, base_year, result.base_from = (
            float(target["baseline_value"]),
            int(baseline_period[:4]),
            "target",
        )
        result.base_period = baseline_period
    else:
        base = _choose_base(full, int(latest["year"]), programme_start_year)
        if base is None:
            result.reasons.append("single_figure")
            return result
        base_value, base_year, result.base_from = float(base["value"]), int(base["year"]), "observations"
        result.base_period = str(base["period"])
        result.reasons.append("baseline_from_observations")
        if base["qualifier"] == "approx" or base["qualifier"] == "more_than":
            result.approximate = True
    result.base_value = base_value
    span = int(latest["year"]) - base_year
    result.years_elapsed = span
    result.years_to_deadline = deadline.year - int(latest["year"])
    if span < th.min_span_years:
        result.reasons.append("span_too_short")
        if result.status != ACHIEVED:
            result.status = NOT_ENOUGH_DATA
        return result

    xt = result.latest_value
    if numeric:
        x_star = result.target_value
        result.progress = (xt - base_value) / (x_star - base_value) if x_star != base_value else None
        to_go = deadline.year - base_year
    compound = base_value > 0 and xt > 0 and (not numeric or result.target_value > 0)
    if (base_value < 0 < xt) or (xt < 0 < base_value):
        result.reasons.append("sign_change")
    if compound:
        result.growth_model = "compound"
        result.actual_growth = (xt / base_value) ** (1 / span) - 1
        if numeric:
            result.required_growth = (
                (result.target_value / base_value) ** (1 / to_go) - 1 if to_go > 0 else None
            )
            result.projection = xt * (1 + result.actual_growth) ** max(deadline.year - int(latest["year"]), 0)
    else:
        result.growth_model = "linear"
        result.reasons.append("linear_growth")
        result.actual_growth = (xt - base_value) / span
        if numeric:
            result.required_growth = (result.target_value - base_value) / to_go if to_go > 0 else None
            result.projection = xt + result.actual_growth * max(deadline.year - int(latest["year"]), 0)

    if not numeric:
        result.status = _trend_status(
            result.actual_growth
            if compound
            else (
                result.actual_growth / abs(base_value)
                if base_value
                else math.copysign(1, result.actual_growth)
            ),
            higher_is_better,
            th,
        )
        return result
    direction = 1 if higher_is_better else -1
    if result.required_growth:
        result.ratio = direction * result.actual_growth / abs(result.required_growth)
    if result.status == ACHIEVED:
        return result
    if result.ratio is None:
        # The target equals the base (or falls due at the base): any move away from it is deterioration.
        result.status = DETERIORATION if direction * result.actual_growth < 0 else LIMITED
        return result
    result.status = _ratio_status(result.ratio, th)
    return result


def milestone_state(evidence_complete: bool, due: str, evidence_date: str | None, today: dt.date) -> str:
    """From the evidence on record: done when it shows the milestone met by its due date (the period the
    evidence refers to ends by then, or no date is given); done late when that period ends after it;
    otherwise due until the due date and overdue after — no evidence of completion by then. Evidence
    dated after `today` does not count yet."""
    due_end = parse_period(due).end
    dated = parse_period(evidence_date).end if isinstance(evidence_date, str) and evidence_date else None
    if evidence_complete and (dated is None or dated <= today):
        return MILESTONE_DONE_LATE if dated is not None and dated > due_end else MILESTONE_DONE
    return MILESTONE_DUE if today <= due_end else MILESTONE_OVERDUE
