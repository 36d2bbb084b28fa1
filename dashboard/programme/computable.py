"""The computable twins of the tables that show figures: what their CSV and XLSX downloads hold. Each figure
is a number in its indicator's unit, with its unit, period, qualifier, institution type, grade and source
beside it in words, and the sources the rows cite for the workbook's sources sheet. The shown tables stay
as they are on screen."""

from __future__ import annotations

import pandas as pd

from dashboard.curation.catalogue import Tables
from dashboard.downloads import Download
from dashboard.formatting import format_period
from dashboard.i18n import t, unit_label
from dashboard.periods import parse_period
from dashboard.programme.overview import COMPARATOR_SIGNS, figure_note, present, source_figures
from dashboard.programme.provenance import cited_sources_table, free_text, grade_words, source_words
from dashboard.programme.selection import TypeFilter
from dashboard.programme.targets import AssessedTarget, basis_short, status_frame, status_label


def _number(value: object) -> float | None:
    """A stored figure as a float; None where there is none (a qualitative target, no figure yet)."""
    return float(value) if present(value) else None


def _derived(value: float | None) -> float | None:
    """A number we computed (a difference, a share), without the binary noise of its arithmetic
    (88.9 − 33.9 is 55, not 55.00000000000001); a stored figure passes unchanged."""
    return None if value is None else float(f"{float(value):.12g}")


def _period_words(period: object, indicator: pd.Series, lang: str) -> str:
    return format_period(str(period), lang, indicator["measure"]) if present(period) else ""


def _qualifier_words(qualifier: object, lang: str) -> str:
    return t(f"qualifier_{qualifier}", lang) if present(qualifier) else ""


def _source(source_id: object, tables: Tables, lang: str) -> str:
    return source_words(str(source_id), tables.sources, lang) if present(source_id) else ""


def _comparator(comparator: str, lang: str) -> str:
    """'≥' for a numeric target; the direction in words for a goal with no number."""
    sign = COMPARATOR_SIGNS.get(comparator)
    return sign.strip() if sign else t(f"target_{comparator}_short", lang)


def _cited(rows: pd.DataFrame, source_ids: list[object], tables: Tables, lang: str) -> Download:
    """The rows with the sheet of the sources they cite."""
    ids = [str(s) for s in source_ids if present(s)]
    return Download(rows, cited_sources_table(ids, tables.sources, lang))


def target_status_download(items: list[AssessedTarget], tables: Tables, lang: str) -> Download:
    """The Targets page's status table to compute with, in the same order: each target's status in words,
    the figure it rests on as a number (with unit, period, qualifier, grade, source), its target value and
    comparator, deadline, basis, whether the verdict is final, and its progress in per cent."""
    frame = status_frame(items, lang)
    by_id = {item.target["id"]: item for item in items}
    type_names = tables.type_names(lang)
    rows, cited = [], []
    for _, line in frame.iterrows():
        item = by_id[line["target"]]
        target, indicator, evidence = item.target, item.indicator, item.evidence
        figure_source = evidence["source"] if evidence is not None else None
        cited += [figure_source, target["source"]]
        rows.append(
            {
                t("col_status", lang): status_label(item, lang),
                t("col_indicator", lang): indicator[f"name_{lang}"],
                t("col_institution_type", lang): type_names[target["institution_type"]],
                t("col_latest", lang): _number(line["latest_value"]),
                t("col_unit", lang): unit_label(indicator, lang),
                t("col_latest_period", lang): _period_words(line["latest_period"], indicator, lang),
                t("col_qualifier", lang): _qualifier_words(line["latest_qualifier"], lang),
                t("col_evidence_grade", lang): grade_words(line["evidence_grade"], lang)
                if present(line["evidence_grade"])
                else "",
                t("col_source", lang): _source(figure_source, tables, lang),
                t("col_target_value", lang): _number(target["target_value"]),
                t("col_comparator", lang): _comparator(target["comparator"], lang),
                t("col_target_wording", lang): target[f"wording_{lang}"],
                t("col_target_source", lang): _source(target["source"], tables, lang),
                t("col_deadline", lang): target["deadline"],
                t("col_basis", lang): basis_short(target, lang),
                t("col_final", lang): t("word_yes" if line["final"] else "word_no", lang),
                t("col_progress_pct", lang): _number(line["progress_pct"]),
            }
        )
    return _cited(pd.DataFrame(rows), cited, tables, lang)


def target_cards_download(cards: list[dict], tables: Tables, lang: str) -> Download:
    """The Overview's targets table to compute with: one row per figure a card shows (a target with none
    gets one row with the figure left empty), the target value and baseline as numbers."""
    targets = tables.targets.set_index("id")
    indicators = tables.indicators.set_index("id")
    type_names = tables.type_names(lang)
    rows, cited = [], []
    for card in cards:
        target = targets.loc[card["id"]]
        indicator = indicators.loc[target["indicator"]]
        for latest in card["latest"] or [None]:
            figure = latest["observation"] if latest is not None else None
            figure_source = figure["source"] if figure is not None else None
            cited += [figure_source, target["source"]]
            rows.append(
                {
                    t("col_indicator", lang): indicator[f"name_{lang}"],
                    t("col_institution_type", lang): type_names[target["institution_type"]],
                    t("col_programme", lang): card["programme"],
                    t("col_target_value", lang): _number(target["target_value"]),
                    t("col_comparator", lang): _comparator(target["comparator"], lang),
                    t("col_unit", lang): unit_label(indicator, lang),
                    t("col_deadline", lang): target["deadline"],
                    t("col_target_source", lang): _source(target["source"], tables, lang),
                    t("col_baseline", lang): _number(target["baseline_value"]),
                    t("col_baseline_period", lang): format_period(str(target["baseline_period"]), lang)
                    if present(target["baseline_period"])
                    else "",
                    t("col_latest", lang): _number(figure["value"]) if figure is not None else None,
                    t("col_latest_period", lang): _period_words(
                        figure["period"] if figure is not None else None, indicator, lang
                    ),
                    t("col_qualifier", lang): _qualifier_words(
                        figure["qualifier"] if figure is not None else None, lang
                    ),
                    t("col_figure_type", lang): type_names[figure["institution_type"]]
                    if figure is not None
                    else "",
                    t("col_grade", lang): grade_words(figure["grade"], lang) if figure is not None else "",
                    t("col_source", lang): _source(figure_source, tables, lang),
                }
            )
    return _cited(pd.DataFrame(rows), cited, tables, lang)


def _figure_row(figure: pd.Series, tables: Tables, lang: str) -> dict[str, object]:
    """One stored figure as a download's row: indicator and type by name, period in words, the value as a
    number in the indicator's unit, its unit, qualifier, grade and source."""
    indicator = tables.indicator(figure["indicator"])
    return {
        t("col_indicator", lang): indicator[f"name_{lang}"],
        t("col_institution_type", lang): tables.type_names(lang)[figure["institution_type"]],
        t("col_period", lang): _period_words(figure["period"], indicator, lang),
        t("col_value", lang): _number(figure["value"]),
        t("col_unit", lang): unit_label(indicator, lang),
        t("col_qualifier", lang): _qualifier_words(figure["qualifier"], lang),
        t("col_grade", lang): grade_words(figure["grade"], lang),
        t("col_source", lang): _source(figure["source"], tables, lang),
    }


def series_download(observations: pd.DataFrame, indicator_id: str, tables: Tables, lang: str) -> Download:
    """One indicator's published figures (those a chart draws) to compute with: one row per figure, by
    institution type, then period."""
    figures = observations[observations["indicator"] == indicator_id]
    ends = figures["period"].map(lambda p: parse_period(str(p)).end)
    figures = figures.assign(_end=ends).sort_values(["institution_type", "_end"], kind="stable")
    rows = [_figure_row(figure, tables, lang) for _, figure in figures.iterrows()]
    return _cited(pd.DataFrame(rows), list(figures["source"]), tables, lang)


def source_figures_download(tables: Tables, source_id: str, types: TypeFilter, lang: str) -> Download:
    """The Sources page's figures of one source to compute with, in the table's order, with where in the
    source each stands and its note."""
    figures = source_figures(tables, source_id, types)
    rows = [
        {
            **_figure_row(figure, tables, lang),
            t("col_where", lang): free_text(figure, "where", lang),
            t("col_note", lang): figure_note(figure, tables, lang),
        }
        for _, figure in figures.iterrows()
    ]
    return _cited(pd.DataFrame(rows), list(figures["source"]), tables, lang)


def drivers_download(item: AssessedTarget, tables: Tables, lang: str) -> Download | None:
    """Who drove it, to compute with: each type's figures at the baseline and at the end, its change and its
    share of the total's change in per cent, as numbers in the indicator's unit (the rest of the nation is
    derived: total minus the published parts, with no figure or source of its own)."""
    d = item.drivers
    if d is None:
        return None
    indicator = tables.indicator(d.indicator)
    names = tables.type_names(lang)
    sep = t("list_sep", lang)
    rows, cited = [], []
    for share in [*d.shares, d.total]:
        cited += list(share.sources)
        rows.append(
            {
                t("col_institution_type", lang): names[share.institution_type]
                if share.institution_type is not None
                else t("drivers_rest", lang, total=names[d.total_type]),
                t("col_unit", lang): unit_label(indicator, lang),
                t("col_base_year", lang): d.base_year,
                t("col_baseline", lang): _derived(share.base),
                t("col_base_qualifier", lang): _qualifier_words(share.qualifiers[0], lang)
                if share.base is not None
                else "",
                t("col_end_year", lang): d.end_year,
                t("col_end_value", lang): _derived(share.end),
                t("col_end_qualifier", lang): _qualifier_words(share.qualifiers[1], lang)
                if share.end is not None
                else "",
                t("col_change", lang): _derived(share.change),
                t("col_share_pct", lang): _derived(share.share * 100),
                t("col_grade", lang): sep.join(grade_words(g, lang) for g in share.grades),
                t("col_source", lang): sep.join(_source(s, tables, lang) for s in share.sources),
            }
        )
    return _cited(pd.DataFrame(rows), cited, tables, lang)
