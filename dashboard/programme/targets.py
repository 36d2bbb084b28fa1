"""Every target with its assessment: the one source of the numbers the Targets page, the Overview and
`python -m dashboard status` show, so that they always agree."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from dashboard.curation.catalogue import Tables
from dashboard.formatting import format_period, format_value
from dashboard.i18n import t, unit_label
from dashboard.periods import parse_period
from dashboard.programme.progress import STATUS_ORDER, Assessment, assess
from dashboard.programme.selection import TypeFilter


@dataclass
class AssessedTarget:
    target: pd.Series
    indicator: pd.Series
    observations: pd.DataFrame  # the figures the assessment used: the target's indicator and type
    assessment: Assessment
    parts_only: bool  # the target is for a combined type whose figures are published only by part


def assess_targets(tables: Tables, types: TypeFilter, today: dt.date) -> list[AssessedTarget]:
    """Assess every target the filter shows, on the figures in `tables` (narrowed to the view's years by the
    caller)."""
    covered = tables.institution_types.set_index("id")["covers"]
    indicators = tables.indicators.set_index("id")
    programmes = tables.programmes.set_index("id")
    obs = tables.observations
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
        out.append(AssessedTarget(target, indicator, figures, assessment, parts_only))
    return out


def status_label(assessment: Assessment, lang: str) -> str:
    """The status in words, with "at least" / "≈" where it rests on a lower bound or an approximate figure."""
    text = t(f"status_{assessment.status}", lang)
    if assessment.kind == "trend" and assessment.status != "not_enough_data":
        text = f"{text}{t('trend_grade_suffix', lang)}"
    if assessment.at_least and assessment.status not in ("achieved", "not_enough_data"):
        text = t("at_least", lang, status=text)
    elif assessment.approximate and assessment.status != "not_enough_data":
        text = f"≈ {text}"
    return text


def target_text(item: AssessedTarget, lang: str) -> str:
    """'≥ 8000亿元' for a numeric target, the wording for a qualitative one."""
    target, indicator = item.target, item.indicator
    if item.assessment.kind == "trend":
        return target[f"wording_{lang}"]
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
    "progress_pct",
    "status",
    "status_label",
]


def status_frame(items: list[AssessedTarget], lang: str) -> pd.DataFrame:
    """One row per target, machine-readable: what `status` prints and the Targets page's table sorts."""
    rows = []
    for item in items:
        a, indicator = item.assessment, item.indicator
        rows.append(
            {
                "target": item.target["id"],
                "indicator": item.target["indicator"],
                "institution_type": item.target["institution_type"],
                "name": indicator[f"name_{lang}"],
                "latest_value": a.latest_value,
                "latest_period": a.latest_period,
                "latest_qualifier": a.latest_qualifier,
                "unit": indicator["unit"],
                "target_value": a.target_value,
                "target_text": target_text(item, lang),
                "deadline": item.target["deadline"],
                "progress_pct": round(a.progress * 100, 1) if a.progress is not None else None,
                "status": a.status,
                "status_label": status_label(a, lang),
            }
        )
    frame = pd.DataFrame(rows, columns=STATUS_COLUMNS)
    if not frame.empty:
        frame["_order"] = frame["status"].map(STATUS_ORDER.index)
        frame = frame.sort_values(["_order", "indicator"], kind="stable").drop(columns="_order")
    return frame.reset_index(drop=True)


def readable_status_table(items: list[AssessedTarget], type_names: dict[str, str], lang: str) -> pd.DataFrame:
    """The status table with readable column names and values, for people."""
    frame = status_frame(items, lang)
    units = {item.target["id"]: item.indicator for item in items}
    return pd.DataFrame(
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
            t("col_latest_period", lang): frame["latest_period"].map(
                lambda p: format_period(p, lang) if isinstance(p, str) else "—"
            ),
            t("col_target", lang): frame["target_text"],
            t("col_deadline", lang): frame["deadline"],
            t("col_progress", lang): frame["progress_pct"].map(lambda p: f"{p:.1f}%" if pd.notna(p) else "—"),
        }
    )


def _growth_text(value: float | None, model: str | None, indicator: pd.Series, lang: str) -> str:
    if value is None:
        return "—"
    if model == "linear":
        return f"{value:+.4g} " + t("m_linear_unit", lang, unit=unit_label(indicator, lang))
    return f"{value * 100:+.1f}%"


def method_numbers(item: AssessedTarget, lang: str) -> list[tuple[str, str]]:
    """The numbers behind a status, as (label, value) pairs, in the method panel's order."""
    a, ind = item.assessment, item.indicator

    def value(v: float | None, qualifier: str = "exact") -> str:
        return "—" if v is None else format_value(v, ind["unit"], qualifier, lang, ind["unit_en"])

    def at(period: str | None) -> str:
        return f" ({format_period(period, lang)})" if period else ""

    rows = [
        (t("m_base", lang), value(a.base_value) + at(a.base_period)),
        (t("m_latest", lang), value(a.latest_value, a.latest_qualifier or "exact") + at(a.latest_period)),
        (t("m_target", lang), target_text(item, lang)),
        (t("m_deadline", lang), str(a.deadline_year)),
        (t("m_actual", lang), _growth_text(a.actual_growth, a.growth_model, ind, lang)),
    ]
    if a.kind == "numeric":
        rows += [
            (t("m_required", lang), _growth_text(a.required_growth, a.growth_model, ind, lang)),
            (t("m_ratio", lang), "—" if a.ratio is None else f"{a.ratio:.2f}"),
            (
                t("m_projection", lang),
                value(a.projection) + (f" ({a.deadline_year})" if a.projection else ""),
            ),
            (t("m_progress", lang), "—" if a.progress is None else f"{a.progress * 100:.1f}%"),
        ]
    return rows


def reason_texts(item: AssessedTarget, lang: str) -> list[str]:
    """The reasons behind a status, in words."""
    texts = [t(f"reason_{code}", lang) for code in item.assessment.reasons]
    if item.assessment.met_before:
        texts.append(t("met_before", lang, period=item.assessment.met_before))
    return texts


def method_table(item: AssessedTarget, lang: str) -> pd.DataFrame:
    """The method panel as a two-column table."""
    rows = method_numbers(item, lang)
    return pd.DataFrame(
        {t("method_panel", lang): [r[0] for r in rows], t("col_value", lang): [r[1] for r in rows]}
    )
