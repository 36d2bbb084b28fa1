"""A verdict in words and tables: the verdict panel, a slide's key numbers, why it is provisional, the series
breaks it spans, who drove the change, and the scorecard of the plans' result. Pure: no Streamlit."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from dashboard.curation.catalogue import Tables
from dashboard.formatting import format_date, format_period, format_value
from dashboard.i18n import t
from dashboard.periods import parse_period
from dashboard.programme import verdicts
from dashboard.programme.progress import THRESHOLDS
from dashboard.programme.provenance import cite
from dashboard.programme.targets import (
    AssessedTarget,
    basis_words,
    figure_text,
    percent_text,
    target_text,
    verdict_label,
)


def verdict_numbers(item: AssessedTarget, sources: pd.DataFrame, lang: str) -> list[tuple[str, str]]:
    """The verdict's panel as (label, value) pairs: basis, scope, each reading, the figure it rests on with its
    grade and source, and — awaiting figures — the latest signal and when the figure is usually published."""
    v, target, ind = item.verdict, item.target, item.indicator
    if v is None:
        return []
    by_id = sources.set_index("id")
    rows = [
        (t("v_outcome", lang), verdict_label(v, lang)),
        (t("v_basis", lang), basis_words(target, lang)),
    ]
    scope = target.get(f"scope_{lang}")
    if isinstance(scope, str) and scope:
        rows.append((t("v_scope", lang), scope))
    if v.open_basis:
        for reading in v.readings:
            rows.append(
                (
                    t(
                        "v_reading",
                        lang,
                        basis=t(f"basis_{reading.basis}", lang, year=parse_period(target["deadline"]).year),
                    ),
                    t(f"verdict_{reading.outcome}", lang),
                )
            )
    if v.figure is not None:
        source = by_id.loc[v.figure["source"]]
        rows.append((t("v_figure", lang), figure_text(v.figure, ind, lang)))
        rows.append((t("v_figure_source", lang), cite(source, lang)))
    if v.outcome == verdicts.AWAITING:
        if v.signal is not None:
            rows.append((t("v_signal", lang), figure_text(v.signal, ind, lang)))
            rows.append((t("v_figure_source", lang), cite(by_id.loc[v.signal["source"]], lang)))
        else:
            rows.append((t("v_signal", lang), t("no_figure", lang)))
        release = ind.get(f"release_{lang}")
        if isinstance(release, str) and release:
            rows.append((t("v_release", lang), release))
        if v.expected is not None:
            rows.append((t("v_expected", lang), format_date(v.expected.strftime("%Y-%m"), lang)))
    for signal_indicator, row in item.signals:
        rows.append((signal_indicator[f"name_{lang}"], figure_text(row, signal_indicator, lang)))
    return rows


def verdict_key_numbers(item: AssessedTarget, tables: Tables, lang: str) -> list[tuple[str, str]]:
    """A verdict's three key numbers for a slide: the figure it rests on (awaiting figures: the latest figure
    of its own series, else of the first related indicator), the target, and who drove it (the first part's
    share of the change) or the figure's grade."""
    v = item.verdict
    shown, indicator, label = v.figure, item.indicator, t("v_figure", lang)
    if shown is None:
        shown, label = v.signal, t("v_signal", lang)
    if shown is None and item.signals:
        indicator, shown = item.signals[0]
        label = indicator[f"name_{lang}"]
    numbers = [
        (label, figure_text(shown, indicator, lang) if shown is not None else t("no_figure", lang)),
        (t("key_target", lang), target_text(item, lang, short=True)),
    ]
    d = item.drivers
    if d is not None and d.shares and d.shares[0].institution_type:
        first = d.shares[0]
        type_name = tables.type_names(lang)[first.institution_type]
        label = t("drivers_key", lang, type=type_name, end=d.end_year, base=d.base_year)
        if d.indicator != item.indicator.name:  # split on a related indicator: the label names it
            on = tables.indicator(d.indicator)[f"name_{lang}"]
            label = t("drivers_key_on", lang, share=label, indicator=on)
        numbers.append((label, percent_text(first.share, lang, signed=False)))
    elif shown is not None:
        numbers.append((t("col_evidence_grade", lang), t("grade_word", lang, grade=shown["grade"])))
    return numbers


def verdict_table(item: AssessedTarget, sources: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The verdict panel as a two-column table."""
    rows = verdict_numbers(item, sources, lang)
    return pd.DataFrame({t("v_item", lang): [r[0] for r in rows], t("col_value", lang): [r[1] for r in rows]})


def verdict_sources(item: AssessedTarget) -> list[str]:
    """The sources of the verdict's figure, its signal and the related indicators' figures."""
    v = item.verdict
    if v is None:
        return []
    rows = [r for r in (v.figure, v.signal) if r is not None] + [row for _, row in item.signals]
    return [str(r["source"]) for r in rows]


def cited_sources(item: AssessedTarget) -> list[str]:
    """Every source the target's row rests on: the target's, its figures', the verdict's."""
    return [item.target["source"], *item.observations["source"], *verdict_sources(item)]


def assumption_ids(item: AssessedTarget) -> list[str]:
    """The assumptions behind the target and its figures, once each: the target's own, the one behind an
    open basis, its figures' and the verdict's figure's."""
    ids = [
        item.target.get("assumption"),
        item.target.get("basis_assumption"),
        *item.observations["assumption"],
    ]
    if item.verdict is not None and item.verdict.figure is not None:
        ids.append(item.verdict.figure.get("assumption"))
    return [i for i in dict.fromkeys(ids) if isinstance(i, str) and i]


def thresholds_text(lang: str) -> str:
    """The progress method's thresholds in words, as the method panel and the deck's notes state them."""
    th = THRESHOLDS
    return t(
        "m_thresholds",
        lang,
        on_track=th.on_track,
        acceleration=th.acceleration,
        marked=f"{th.trend_marked:.1%}",
        moderate=f"{th.trend_moderate:.1%}",
    )


def verdict_reason_texts(item: AssessedTarget, today: dt.date, lang: str) -> list[str]:
    """Why a verdict is provisional or not settled, and whether its figure is late, in words."""
    v = item.verdict
    if v is None:
        return []
    marked = f"{THRESHOLDS.trend_marked:.1%}"
    texts = [t(f"verdict_reason_{code}", lang, marked=marked) for code in v.reasons]
    return texts + _late_release(v, today, lang)


def _late_release(v: verdicts.Verdict, today: dt.date, lang: str) -> list[str]:
    """That a verdict awaiting figures waits past when its figure is usually published, if it does."""
    if v.outcome != verdicts.AWAITING or v.expected is None or v.expected >= today:
        return []
    return [t("verdict_overdue_release", lang, expected=format_date(v.expected.strftime("%Y-%m"), lang))]


def awaiting_texts(item: AssessedTarget, today: dt.date, lang: str) -> list[str]:
    """Why a verdict awaits figures, for its card: the deadline year's figure is not out (the latest figure shown
    beside it, 13.38 % against 13 %, read as met), and when it usually is, once that has passed."""
    v = item.verdict
    if v is None or v.outcome != verdicts.AWAITING:
        return []
    year = parse_period(item.target["deadline"]).year
    return [t("verdict_awaiting_why", lang, year=year), *_late_release(v, today, lang)]


def break_texts(item: AssessedTarget, lang: str) -> list[str]:
    """Each series break on the target's figures, and — where the base lies before it — that the growth
    from the base spans it."""
    if item.breaks is None or item.breaks.empty:
        return []
    texts = []
    base = item.assessment.base_period
    for _, row in item.breaks.iterrows():
        texts.append(
            t("series_break_note", lang, period=format_period(row["period"], lang), note=row[f"note_{lang}"])
        )
        if base and parse_period(base).year < parse_period(row["period"]).year:
            texts.append(
                t(
                    "series_break_spans",
                    lang,
                    base=format_period(base, lang),
                    period=format_period(row["period"], lang),
                )
            )
    return texts


def driver_table(item: AssessedTarget, tables: Tables, lang: str) -> pd.DataFrame | None:
    """Who drove it, as a table: each type's change since the baseline and its share of the total's change
    (the rest of the nation's change is derived: total minus the published parts)."""
    d = item.drivers
    if d is None:
        return None
    ind = tables.indicator(d.indicator)
    names = tables.type_names(lang)

    def amount(v: float | None, qualifier: str = "exact") -> str:
        return "—" if v is None else format_value(v, ind["unit"], qualifier, lang, ind["unit_en"])

    def change(v: float, qualifiers: tuple[str, str]) -> str:
        shown = amount(v, "approx" if set(qualifiers) - {"exact"} else "exact")
        return ("+" if v > 0 else "") + shown

    rows = []
    for s in [*d.shares, d.total]:
        if s.institution_type is None:
            name = t("drivers_rest", lang, total=names[d.total_type])
        else:
            name = names[s.institution_type]
        rows.append(
            {
                t("col_institution_type", lang): name,
                str(d.base_year): amount(s.base, s.qualifiers[0]),
                str(d.end_year): amount(s.end, s.qualifiers[1]),
                t("col_change", lang): change(s.change, s.qualifiers),
                t("col_share_of_change", lang): percent_text(s.share, lang, signed=False),
            }
        )
    return pd.DataFrame(rows)


def driver_caption(item: AssessedTarget, tables: Tables, lang: str) -> str:
    """What the driver table shows, its formula, and the grades it rests on."""
    d = item.drivers
    if d is None:
        return ""
    ind = tables.indicator(d.indicator)
    grades = sorted({g for s in [*d.shares, d.total] for g in s.grades})
    return t(
        "drivers_caption",
        lang,
        indicator=ind[f"name_{lang}"],
        base=d.base_year,
        end=d.end_year,
        grades="/".join(grades),
    )


def driver_sources(item: AssessedTarget) -> list[str]:
    d = item.drivers
    return [] if d is None else [s for share in [*d.shares, d.total] for s in share.sources]


SCORECARD = ("achieved_final", "achieved_provisional", "not_achieved", "not_settled", "awaiting_figures")


def scorecard_group(item: AssessedTarget) -> str | None:
    """Where a target counts on the scorecard (None before its deadline)."""
    v = item.verdict
    if v is None:
        return None
    if v.outcome == verdicts.ACHIEVED:
        return "achieved_final" if v.final else "achieved_provisional"
    return v.outcome


def scorecard(items: list[AssessedTarget]) -> dict[str, list[AssessedTarget]]:
    """The plans' result: the targets past their deadline in each scorecard group, in the status order."""
    groups: dict[str, list[AssessedTarget]] = {g: [] for g in SCORECARD}
    for item in items:
        group = scorecard_group(item)
        if group is not None:
            groups[group].append(item)
    return groups
