"""Every target with its assessment: the one source of the numbers the Targets page, the Overview and
`python -m dashboard status` show, so that they always agree."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from dashboard.curation.catalogue import Tables
from dashboard.formatting import format_period, format_value, significant
from dashboard.i18n import t
from dashboard.i18n.numbers import system
from dashboard.periods import parse_period
from dashboard.programme import verdicts
from dashboard.programme.drivers import Drivers, drivers
from dashboard.programme.progress import STATUS_ORDER, Assessment, assess
from dashboard.programme.provenance import source_words
from dashboard.programme.selection import TypeFilter
from dashboard.programme.verdicts import Verdict

# Verdicts first (a result), then the progress method's statuses (a pace), each from best to worst.
ORDER = [
    verdicts.ACHIEVED,
    verdicts.NOT_ACHIEVED,
    verdicts.NOT_SETTLED,
    verdicts.AWAITING,
    *(s for s in STATUS_ORDER if s != verdicts.ACHIEVED),
]


@dataclass
class AssessedTarget:
    target: pd.Series
    indicator: pd.Series
    observations: pd.DataFrame  # the figures the assessment used: the target's indicator and type
    assessment: Assessment
    parts_only: bool  # the target is for a combined type whose figures are published only by part
    verdict: Verdict | None = None  # once the deadline has passed: was it met (on every figure, any year)
    breaks: pd.DataFrame | None = None  # series breaks on the target's indicator and type
    signals: list[tuple[pd.Series, pd.Series]] = field(default_factory=list)  # (indicator, latest figure)
    drivers: Drivers | None = None  # each type's share of the change since the baseline

    @property
    def status(self) -> str:
        """The verdict's outcome once the deadline has passed, else the progress method's status."""
        return self.verdict.outcome if self.verdict is not None else self.assessment.status

    @property
    def evidence(self) -> pd.Series | None:
        """The figure the status rests on: the verdict's deciding figure (or, awaiting, the latest signal
        of the target's own series), else the progress method's latest figure."""
        if self.verdict is not None:
            return self.verdict.figure if self.verdict.figure is not None else self.verdict.signal
        a = self.assessment
        if a.latest_period is None:
            return None
        rows = self.observations[self.observations["period"].astype(str) == a.latest_period]
        return rows.iloc[-1] if not rows.empty else None


def assess_targets(tables: Tables, types: TypeFilter, today: dt.date) -> list[AssessedTarget]:
    """Assess every target the filter shows, on the figures in `tables` (narrowed to the view's years by the
    caller)."""
    covered = tables.institution_types.set_index("id")["covers"]
    indicators = tables.indicators.set_index("id")
    programmes = tables.programmes.set_index("id")
    obs, every = tables.observations, tables.every_observation
    out = []
    for _, target in types.apply(tables.targets).iterrows():
        indicator = indicators.loc[target["indicator"]]
        figures = obs[
            (obs["indicator"] == target["indicator"])
            & (obs["institution_type"] == target["institution_type"])
        ]
        covers = covered[target["institution_type"]]
        parts = str(covers).split(";") if isinstance(covers, str) and covers else []
        parts_only = figures.empty and any(
            ((obs["indicator"] == target["indicator"]) & (obs["institution_type"] == part)).any()
            for part in parts
        )
        programme = programmes.loc[target["programme"]]
        start = programme["issued"] if isinstance(programme["issued"], str) else programme["announced"]
        assessment = assess(
            target,
            figures,
            bool(indicator["higher_is_better"]),
            today,
            parse_period(start).year if isinstance(start, str) else None,
        )
        if parts_only:
            assessment.reasons.append("published_by_part_only")
        start_year = parse_period(start).year if isinstance(start, str) else None
        item = AssessedTarget(target, indicator, figures, assessment, parts_only)
        if verdicts.deadline_passed(target, today):
            all_figures = every[
                (every["indicator"] == target["indicator"])
                & (every["institution_type"] == target["institution_type"])
            ]
            item.verdict = verdicts.verdict(target, indicator, all_figures, start_year)
        breaks = tables.series_breaks
        item.breaks = breaks[
            (breaks["indicator"] == target["indicator"])
            & (breaks["institution_type"] == target["institution_type"])
        ]
        item.signals = _signals(target, indicators, every, covered)
        item.drivers = _drivers(target, item, indicators, every, tables.institution_types, start_year)
        out.append(item)
    return out


def _signal_ids(target: pd.Series) -> list[str]:
    raw = target.get("signals")
    return [s for s in str(raw).split(";") if s] if isinstance(raw, str) else []


def _signals(
    target: pd.Series, indicators: pd.DataFrame, every: pd.DataFrame, covered: pd.Series
) -> list[tuple[pd.Series, pd.Series]]:
    """The latest figure of each related indicator the target names, for its type (else for each part)."""
    kind = target["institution_type"]
    parts = str(covered[kind]).split(";") if isinstance(covered[kind], str) and covered[kind] else []
    out = []
    for indicator_id in _signal_ids(target):
        for scope in [kind, *parts]:
            rows = every[(every["indicator"] == indicator_id) & (every["institution_type"] == scope)]
            latest = verdicts.latest(rows)
            if latest is not None:
                out.append((indicators.loc[indicator_id], latest))
                break
    return out


def _drivers(
    target: pd.Series,
    item: AssessedTarget,
    indicators: pd.DataFrame,
    every: pd.DataFrame,
    types: pd.DataFrame,
    start_year: int | None,
) -> Drivers | None:
    """Who drove the change: on the target's own indicator where it is published by type, else on the first
    related indicator that is. The baseline is the target's own, else the year before its plan began."""
    baseline = target.get("baseline_period")
    base_year = (
        int(str(baseline)[:4])
        if isinstance(baseline, str) and baseline
        else (start_year - 1 if start_year else None)
    )
    end_year = parse_period(target["deadline"]).year
    kind = target["institution_type"]
    for indicator_id in [target["indicator"], *_signal_ids(target)]:
        figures = every[every["indicator"] == indicator_id]
        # The target's own type as the total when its parts are published; else the nation, which the
        # target's type is then one part of.
        for total in dict.fromkeys([kind, "all"]):
            found = drivers(indicators.loc[indicator_id], figures, total, types, base_year, end_year)
            if found is not None and (total == kind or any(s.institution_type == kind for s in found.shares)):
                return found
    return None


def status_label(item: AssessedTarget, lang: str) -> str:
    """The status in words: a verdict with final or provisional ("Achieved (provisional)"); before the
    deadline the progress status, with "at least" / "≈" where it rests on a lower bound or an approximation."""
    if item.verdict is not None:
        return verdict_label(item.verdict, lang)
    assessment = item.assessment
    text = t(f"status_{assessment.status}", lang)
    if assessment.kind == "trend" and assessment.status != "not_enough_data":
        text = f"{text}{t('trend_grade_suffix', lang)}"
    if assessment.at_least and assessment.status not in ("achieved", "not_enough_data"):
        text = t("at_least", lang, status=text)
    elif assessment.approximate and assessment.status != "not_enough_data":
        text = f"≈ {text}"
    return text


def verdict_label(v: Verdict, lang: str) -> str:
    text = t(f"verdict_{v.outcome}", lang)
    if v.outcome in (verdicts.ACHIEVED, verdicts.NOT_ACHIEVED):
        certainty = t("verdict_final" if v.final else "verdict_provisional", lang)
        return t("verdict_with_certainty", lang, outcome=text, certainty=certainty)
    return text


def target_text(item: AssessedTarget, lang: str, short: bool = False) -> str:
    """'≥ 8000亿元' for a numeric target, the wording for a qualitative one (`short`: its direction only)."""
    target, indicator = item.target, item.indicator
    if item.assessment.kind == "trend":
        return t(f"target_{target['comparator']}_short", lang) if short else target[f"wording_{lang}"]
    sign = {">=": "≥ ", ">": "> ", "<=": "≤ ", "<": "< "}[target["comparator"]]
    return sign + format_value(target["target_value"], indicator["unit"], "exact", lang, indicator["unit_en"])


STATUS_COLUMNS = [
    "target",
    "indicator",
    "institution_type",
    "name",
    "latest_value",
    "latest_period",
    "latest_qualifier",
    "unit",
    "target_value",
    "target_text",
    "deadline",
    "basis",
    "progress_pct",
    "status",
    "final",
    "evidence_grade",
    "evidence_source",
    "status_label",
    "reasons",
    "expected_release",
]


def _reason_codes(item: AssessedTarget) -> list[str]:
    return item.verdict.reasons if item.verdict is not None else item.assessment.reasons


def status_frame(items: list[AssessedTarget], lang: str) -> pd.DataFrame:
    """One row per target, machine-readable: what `status` prints and the Targets page's table sorts.
    `latest_*` is the figure the status rests on; `final` is true only for a verdict that no later figure of
    the same grade could change; `evidence_grade` is that figure's grade; `basis` the target's basis."""
    rows = []
    for item in items:
        a, indicator, v = item.assessment, item.indicator, item.verdict
        evidence = item.evidence
        rows.append(
            {
                "target": item.target["id"],
                "indicator": item.target["indicator"],
                "institution_type": item.target["institution_type"],
                "name": indicator[f"name_{lang}"],
                "latest_value": float(evidence["value"]) if evidence is not None else None,
                "latest_period": str(evidence["period"]) if evidence is not None else None,
                "latest_qualifier": evidence["qualifier"] if evidence is not None else None,
                "unit": indicator["unit"],
                "target_value": a.target_value,
                "target_text": target_text(item, lang),
                "deadline": item.target["deadline"],
                "basis": target_basis(item.target),
                "progress_pct": round(a.progress * 100, 1) if a.progress is not None else None,
                "status": item.status,
                "final": bool(v is not None and v.final),
                "evidence_grade": str(evidence["grade"]) if evidence is not None else None,
                "evidence_source": str(evidence["source"]) if evidence is not None else None,
                "status_label": status_label(item, lang),
                "reasons": ";".join(_reason_codes(item)),
                "expected_release": v.expected.isoformat() if v is not None and v.expected else None,
            }
        )
    frame = pd.DataFrame(rows, columns=STATUS_COLUMNS)
    if not frame.empty:
        frame["_order"] = frame["status"].map(ORDER.index)
        frame = frame.sort_values(
            ["_order", "final", "indicator"], ascending=[True, False, True], kind="stable"
        )
        frame = frame.drop(columns="_order")
    return frame.reset_index(drop=True)


def target_basis(target: pd.Series) -> str:
    """The target's basis: annual, cumulative or level (with the other reading after a slash where the
    source leaves it open, e.g. "annual/cumulative")."""
    basis = target.get("basis") if isinstance(target.get("basis"), str) and target.get("basis") else "level"
    alternative = target.get("basis_alternative")
    return f"{basis}/{alternative}" if isinstance(alternative, str) and alternative else basis


def basis_short(target: pd.Series, lang: str) -> str:
    """The basis in a word or two, for tables: '当年' / 'cumulative', '当年或累计（未说明）'."""
    words = [t(f"basis_short_{b}", lang) for b in target_basis(target).split("/")]
    return words[0] if len(words) == 1 else t("basis_short_open", lang, basis=words[0], alternative=words[1])


def basis_words(target: pd.Series, lang: str) -> str:
    """The basis as people read it: '2025年当年' / 'the 2025 flow', with the other reading where open."""
    year = parse_period(target["deadline"]).year
    words = [t(f"basis_{b}", lang, year=year) for b in target_basis(target).split("/")]
    if len(words) == 1:
        return words[0]
    return t("basis_open", lang, basis=words[0], alternative=words[1])


def readable_status_table(
    items: list[AssessedTarget], type_names: dict[str, str], lang: str, sources: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The status table with readable column names and values, for people; given the sources table, each row
    also names the source of its figure by outlet and date, so that every figure maps to its source."""
    frame = status_frame(items, lang)
    by_id = {item.target["id"]: item for item in items}
    units = {tid: item.indicator for tid, item in by_id.items()}
    table = pd.DataFrame(
        {
            t("col_status", lang): frame["status_label"],
            t("col_indicator", lang): frame["name"],
            t("col_institution_type", lang): frame["institution_type"].map(type_names),
            t("col_latest", lang): [
                format_value(v, units[tid]["unit"], q, lang, units[tid]["unit_en"])
                if pd.notna(v)
                else t("no_figure", lang)
                for tid, v, q in zip(
                    frame["target"], frame["latest_value"], frame["latest_qualifier"], strict=True
                )
            ],
            t("col_latest_period", lang): [
                format_period(p, lang, units[tid]["measure"]) if isinstance(p, str) else "—"
                for tid, p in zip(frame["target"], frame["latest_period"], strict=True)
            ],
            t("col_evidence_grade", lang): frame["evidence_grade"].map(
                lambda g: t("grade_word", lang, grade=g) if isinstance(g, str) else "—"
            ),
            t("col_target", lang): [target_text(by_id[tid], lang, short=True) for tid in frame["target"]],
            t("col_basis", lang): [basis_short(by_id[tid].target, lang) for tid in frame["target"]],
            t("col_deadline", lang): frame["deadline"],
            t("col_progress", lang): frame["progress_pct"].map(lambda p: progress_text(p, lang)),
        }
    )
    if sources is not None:
        table.insert(
            table.columns.get_loc(t("col_evidence_grade", lang)) + 1,
            t("col_source", lang),
            [source_words(s, sources, lang) if isinstance(s, str) else "—" for s in frame["evidence_source"]],
        )
    return table


def merge_type_and_period(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """readable_status_table read across a page or a room: the indicator with its institution type ("… ·
    National") and the latest figure with its period ("16 patents (2025)"), each in one column."""
    indicator, kind = t("col_indicator", lang), t("col_institution_type", lang)
    latest, period = t("col_latest", lang), t("col_latest_period", lang)
    return table.assign(
        **{
            indicator: table[indicator] + " · " + table[kind],
            latest: [
                value if when == "—" else t("figure_at", lang, value=value, period=when)
                for value, when in zip(table[latest], table[period], strict=True)
            ],
        }
    )


def percent_text(fraction: float, lang: str, signed: bool = True) -> str:
    """A rate at three significant figures: +13.8%, +0.512%."""
    text = f"{significant(fraction * 100, 3):g}%"
    return f"+{text}" if signed and fraction > 0 else text


def _growth_text(value: float | None, model: str | None, indicator: pd.Series, lang: str) -> str:
    if value is None:
        return "—"
    if model == "linear":  # in the unit the page writes the figures in (CNY bn in English, like the chart)
        factor, unit = system(lang).chart_unit(indicator["unit"], indicator["unit_en"])
        return f"{significant(value * factor, 3):+g} " + t("m_linear_unit", lang, unit=unit)
    return percent_text(value, lang)


def progress_text(percent: float | None, lang: str, exact: bool = False) -> str:
    """How far from the base to the target the latest value has come, as a reader takes it in: beyond the
    target it reads "over 100%", not 5335.2% (a base that sat just under the target makes any rise a huge share
    of the distance). `exact` (the method panel, beside the formula) adds the method's own number."""
    if percent is None or pd.isna(percent):
        return "—"
    if percent <= 100:
        return f"{percent:.1f}%"
    beyond = t("progress_beyond_target", lang)
    return t("progress_beyond_exact", lang, beyond=beyond, percent=f"{percent:,.1f}%") if exact else beyond


def method_numbers(item: AssessedTarget, lang: str) -> list[tuple[str, str]]:
    """The numbers behind the progress method, as (label, value) pairs, in the method panel's order."""
    a, ind = item.assessment, item.indicator

    def value(v: float | None, qualifier: str = "exact", period: str | None = None) -> str:
        """'16件（2025年）', as the verdict panel writes a figure at its period (figure_text)."""
        text = "—" if v is None else format_value(v, ind["unit"], qualifier, lang, ind["unit_en"])
        return t("figure_at", lang, value=text, period=format_period(period, lang)) if period else text

    rows = [
        (t("m_base", lang), value(a.base_value, period=a.base_period)),
        (t("m_latest", lang), value(a.latest_value, a.latest_qualifier or "exact", a.latest_period)),
        (t("m_target", lang), target_text(item, lang)),
        (t("m_deadline", lang), str(a.deadline_year)),
        (t("m_actual", lang), _growth_text(a.actual_growth, a.growth_model, ind, lang)),
    ]
    if a.kind == "numeric":
        projection = None if a.projection is None else significant(a.projection, 3)
        rows += [
            (t("m_required", lang), _growth_text(a.required_growth, a.growth_model, ind, lang)),
            (t("m_ratio", lang), "—" if a.ratio is None else f"{significant(a.ratio, 3):g}"),
            (
                t("m_projection", lang),
                value(projection, period=None if projection is None else str(a.deadline_year)),
            ),
            (
                t("m_progress", lang),
                progress_text(None if a.progress is None else a.progress * 100, lang, exact=True),
            ),
        ]
    return rows


def figure_text(row: pd.Series, indicator: pd.Series, lang: str) -> str:
    """One figure with its period: '超1万亿元（2025年）'."""
    value = format_value(float(row["value"]), indicator["unit"], row["qualifier"], lang, indicator["unit_en"])
    return t(
        "figure_at", lang, value=value, period=format_period(str(row["period"]), lang, indicator["measure"])
    )


def reason_texts(item: AssessedTarget, lang: str) -> list[str]:
    """The reasons behind a progress status, in words (once a verdict is given, without the note that the
    deadline has passed: the verdict says what follows from it)."""
    codes = [c for c in item.assessment.reasons if item.verdict is None or c != "deadline_passed"]
    texts = [t(f"reason_{code}", lang) for code in codes]
    if item.assessment.met_before:
        texts.append(t("met_before", lang, period=item.assessment.met_before))
    return texts


def method_table(item: AssessedTarget, lang: str) -> pd.DataFrame:
    """The method panel as a two-column table."""
    rows = method_numbers(item, lang)
    return pd.DataFrame(
        {t("method_panel", lang): [r[0] for r in rows], t("col_value", lang): [r[1] for r in rows]}
    )
