"""What the Overview shows, computed from the curated tables: targets with their latest figures, the
announcement's headline growth, the plans' timeline. Plain DataFrames and values; no Streamlit."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from dashboard.curation.catalogue import Tables
from dashboard.formatting import format_date, format_period, format_value
from dashboard.i18n import t
from dashboard.periods import parse_period
from dashboard.programme.progress import milestone_state
from dashboard.programme.provenance import assumption_text, free_text
from dashboard.programme.selection import Selection, TypeFilter
from dashboard.programme.verdicts import latest

# The seed announcement (Xinhua, 2024-02-28, on CNIPA's press conference of 2024-02-27).
ANNOUNCEMENT_SOURCE = "2024-02-28-xinhua-cnipa-february-presser"
HEADLINE_INDICATORS = ("univ_transfer_contracts", "univ_transfer_amount")
COMPARATOR_SIGNS = {">=": "≥ ", ">": "> ", "<=": "≤ ", "<": "< "}


def present(value: object) -> bool:
    """A cell that holds something (not None, NaN or empty text)."""
    return (
        value is not None
        and not (isinstance(value, float) and pd.isna(value))
        and value is not pd.NA
        and (not isinstance(value, str) or value != "")
    )


def _with_period_order(obs: pd.DataFrame) -> pd.DataFrame:
    parsed = obs["period"].map(parse_period)
    return obs.assign(_end=parsed.map(lambda p: p.end), _precision=parsed.map(lambda p: p.precision))


def latest_observation(
    observations: pd.DataFrame, indicator: str, institution_type: str, full_year_only: bool = False
) -> pd.Series | None:
    """The most recent figure of an indicator for one institution type, chosen as a verdict chooses it
    (verdicts.latest: the latest period end; at equal ends a full year before a part of it, an exact figure
    before an approximation before a lower bound, then the better grade); None when none is published. (Picked
    by the order of the rows instead, a slide gave "more than 3,100" for 2024 beside a verdict resting on the
    same year's exact 3,197.)"""
    rows = observations[
        (observations["indicator"] == indicator) & (observations["institution_type"] == institution_type)
    ]
    if full_year_only:
        rows = rows[rows["period"].map(lambda p: parse_period(p).is_full_year)]
    return latest(rows)


@dataclass(frozen=True)
class Growth:
    start_value: float
    start_period: str
    end_value: float
    end_period: str
    years: float
    multiple: float
    annual_growth: float

    def formulas(self, lang: str, scale: float = 1.0) -> tuple[str, str]:
        """The multiple's and the annual growth's formulas, with the numbers filled in; `scale` puts the two
        figures in the unit the page writes them in (0.1: 亿元 as CNY billions), which changes neither result."""
        end, start = f"{self.end_value * scale:.6g}", f"{self.start_value * scale:.6g}"
        multiple = f"{end} ÷ {start} = {self.multiple:.2f}"
        growth = f"({end} ÷ {start})^(1/{self.years:g}) − 1 = {self.annual_growth * 100:.1f}%"
        return multiple, growth


def growth_between(start_value: float, start_period: str, end_value: float, end_period: str) -> Growth:
    """Multiple and compound annual growth between two full-year figures.

    Raise ValueError where the arithmetic means nothing: a non-positive start, periods that are not full
    years (a part of a year is not comparable with a year), or an end not after the start."""
    start, end = parse_period(start_period), parse_period(end_period)
    if not (start.is_full_year and end.is_full_year):
        raise ValueError("annual growth needs two full-year figures")
    years = end.year - start.year
    if years <= 0:
        raise ValueError("the end must be after the start")
    if start_value <= 0:
        raise ValueError("annual growth needs a positive starting value")
    multiple = end_value / start_value
    return Growth(
        start_value, start_period, end_value, end_period, years, multiple, multiple ** (1 / years) - 1
    )


def headline_growth(tables: Tables) -> dict[str, tuple[Growth, pd.DataFrame]]:
    """The announcement's five-year comparison for each headline indicator: its growth and the two figures."""
    obs = tables.observations
    out = {}
    for indicator in HEADLINE_INDICATORS:
        rows = obs[(obs["source"] == ANNOUNCEMENT_SOURCE) & (obs["indicator"] == indicator)]
        rows = _with_period_order(rows).sort_values("_end").drop(columns=["_end", "_precision"])
        if len(rows) != 2:
            continue
        first, last = rows.iloc[0], rows.iloc[1]
        out[indicator] = (
            growth_between(first["value"], first["period"], last["value"], last["period"]),
            rows,
        )
    return out


def _type_name(types: pd.DataFrame, type_id: str, lang: str) -> str:
    return types.set_index("id").loc[type_id, f"name_{lang}"]


def describe_observation(row: pd.Series, indicator: pd.Series, lang: str) -> tuple[str, str]:
    """(value text, period text) of one observation, e.g. ('2.1万项以上', '2022年')."""
    value = format_value(row["value"], indicator["unit"], row["qualifier"], lang, indicator["unit_en"])
    return value, format_period(row["period"], lang, indicator["measure"])


def target_cards(tables: Tables, sel: Selection) -> list[dict]:
    """One card per target the filter shows: wording, deadline, baseline, latest figure(s), provenance."""
    types, indicators = tables.institution_types, tables.indicators.set_index("id")
    lang = sel.lang
    targets = sel.types.apply(tables.targets)
    obs = tables.observations
    programmes = tables.programmes.set_index("id")
    cards = []
    for _, target in targets.iterrows():
        indicator = indicators.loc[target["indicator"]]
        numeric = present(target["target_value"])
        card = {
            "id": target["id"],
            "indicator": target["indicator"],
            "indicator_name": indicator[f"name_{lang}"],
            "institution_type": _type_name(types, target["institution_type"], lang),
            "programme": programmes.loc[target["programme"], f"short_{lang}"],
            "wording": target[f"wording_{lang}"],
            "numeric": numeric,
            "target_value": COMPARATOR_SIGNS[target["comparator"]]
            + format_value(target["target_value"], indicator["unit"], "exact", lang, indicator["unit_en"])
            if numeric
            else t("qualitative", lang),
            "deadline": format_period(target["deadline"], lang, "stock").replace("月末", "月"),
            "baseline": None,
            "latest": [],
            "sources": [target["source"]],
            "assumptions": [],
        }
        if present(target["baseline_value"]):
            value = format_value(
                target["baseline_value"], indicator["unit"], "exact", lang, indicator["unit_en"]
            )
            card["baseline"] = t(
                "value_at_period", lang, value=value, period=format_period(target["baseline_period"], lang)
            )
        text = assumption_text(target["assumption"], tables.assumptions, lang)
        if text:
            card["assumptions"].append(text)
        # The target's own type first: the latest full year (what the status rests on), then any newer part of a
        # year; a combined target published only by part falls back to the parts.
        own = latest_observation(obs, target["indicator"], target["institution_type"], full_year_only=True)
        newest = latest_observation(obs, target["indicator"], target["institution_type"])
        candidates = [(target["institution_type"], row) for row in (own, newest) if row is not None]
        if own is not None and newest is not None and newest["period"] == own["period"]:
            candidates = candidates[:1]
        own = own if own is not None else newest
        if own is None:
            covers = types.set_index("id").loc[target["institution_type"], "covers"]
            parts = str(covers).split(";") if present(covers) else []
            for part in [p for p in parts if sel.types.shows(p)]:
                row = latest_observation(obs, target["indicator"], part)
                if row is not None:
                    candidates.append((part, row))
        for type_id, row in candidates:
            value, period = describe_observation(row, indicator, lang)
            partial = indicator["measure"] == "flow" and not parse_period(row["period"]).is_full_year
            card["latest"].append(
                {
                    "observation": row,  # the figure as stored, for the table's download
                    "institution_type": _type_name(types, type_id, lang),
                    "value": value,
                    "period": period,
                    "partial_year": partial,
                    "grade": row["grade"],
                    "formula": free_text(row, "formula", lang) or None,
                }
            )
            card["sources"].append(row["source"])
            text = assumption_text(row["assumption"], tables.assumptions, lang)
            if text and text not in card["assumptions"]:
                card["assumptions"].append(text)
        card["split_by_part"] = own is None and bool(candidates)
        # A combined figure shown under one of its parts cannot be split: the card says so.
        card["combined"] = any(sel.types.combined_only(type_id) for type_id, _ in candidates)
        cards.append(card)
    return cards


def milestone_frame(tables: Tables, types: TypeFilter, today: dt.date) -> pd.DataFrame:
    """The milestones the filter shows, each with its state today."""
    frame = types.apply(tables.milestones).copy()
    frame["state"] = [
        milestone_state(bool(c), d, e if isinstance(e, str) else None, today)
        for c, d, e in zip(frame["evidence_complete"], frame["due"], frame["evidence_date"], strict=True)
    ]
    return frame.reset_index(drop=True)


def timeline_frames(tables: Tables, sel: Selection, today: dt.date) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The plans as spans from issue (or announcement) to deadline, and the milestones the filter shows, each
    with its state today."""
    lang = sel.lang
    rows = []
    for _, prog in tables.programmes.sort_values("sort_order").iterrows():
        start_text = prog["issued"] if present(prog["issued"]) else prog["announced"]
        start = parse_period(start_text)
        # A period names its last day; a plan issued "in 2024-01" starts at the month's first day.
        start_date = (
            start.end.replace(day=1)
            if start.precision == 2
            else (start.end.replace(month=1, day=1) if start.precision == 1 else start.end)
        )
        end_date = parse_period(prog["deadline"]).end if present(prog["deadline"]) else None
        rows.append(
            {
                "programme": prog["id"],
                "label": prog[f"short_{lang}"],
                "name": prog[f"name_{lang}"],
                "start": pd.Timestamp(start_date),
                "end": pd.Timestamp(end_date) if end_date else None,
                "open_ended": end_date is None,
                "document_number": prog["document_number"],
            }
        )
    spans = pd.DataFrame(rows)
    milestones = milestone_frame(tables, sel.types, today)
    labels = dict(zip(spans["programme"], spans["label"], strict=True))
    milestones["label"] = milestones["programme"].map(labels)
    milestones["due_date"] = milestones["due"].map(lambda p: pd.Timestamp(parse_period(p).end))
    milestones["what"] = milestones[f"what_{lang}"]
    milestones["evidence"] = milestones[f"evidence_{lang}"]
    return spans, milestones.reset_index(drop=True)


def targets_table(cards: list[dict], lang: str) -> pd.DataFrame:
    """The target cards as one table with readable column names."""
    rows = []
    for card in cards:
        latest = card["latest"]
        rows.append(
            {
                t("col_indicator", lang): card["indicator_name"],
                t("col_institution_type", lang): card["institution_type"],
                t("col_programme", lang): card["programme"],
                t("col_target", lang): card["target_value"],
                t("col_deadline", lang): card["deadline"],
                t("col_baseline", lang): card["baseline"] or "—",
                t("col_latest", lang): "；".join(
                    (f"{x['institution_type']} " if card["split_by_part"] else "") + x["value"]
                    for x in latest
                )
                if latest
                else t("no_figure", lang),
                t("col_latest_period", lang): "；".join(x["period"] for x in latest) if latest else "—",
            }
        )
    return pd.DataFrame(rows)


def pilots_table(tables: Tables, lang: str) -> pd.DataFrame:
    pilots = tables.pilots
    return pd.DataFrame(
        {
            t("col_pilot", lang): pilots[f"name_{lang}"],
            t("col_province", lang): pilots[f"province_{lang}"],
            t("col_approved", lang): pilots["approved_since"].map(lambda p: format_period(p, lang)),
        }
    )


def milestones_table(milestones: pd.DataFrame, lang: str) -> pd.DataFrame:
    states = (
        {t("col_state", lang): milestones["state"].map(lambda s: t(f"milestone_{s}", lang))}
        if "state" in milestones
        else {}
    )
    return pd.DataFrame(
        {
            **states,
            t("col_programme", lang): milestones["label"],
            t("col_milestone", lang): milestones["what"],
            t("col_due", lang): milestones["due_date"]
            .dt.strftime("%Y-%m-%d")
            .map(lambda d: format_period(d, lang)),
            t("col_evidence", lang): milestones["evidence"].map(
                lambda e: e if present(e) else t("no_evidence", lang)
            ),
        }
    )


def next_steps(tables: Tables, types: TypeFilter) -> pd.DataFrame:
    """What comes next, as sourced statements: those for the types the filter shows, and the national ones
    (they concern everyone)."""
    rows = tables.statements[tables.statements["topic"] == "next_steps"]
    return rows[rows["institution_type"].isin(types.shown | {"all"})].reset_index(drop=True)


def statement(tables: Tables, topic: str) -> pd.Series | None:
    """The first statement on a topic, or None."""
    rows = tables.statements[tables.statements["topic"] == topic]
    return rows.iloc[0] if not rows.empty else None


def source_summaries(tables: Tables, types: TypeFilter) -> pd.DataFrame:
    """Each source with how many figures, targets and statements the filter shows from it; under a single
    type, sources with nothing for it are left out."""
    counts = {
        name: types.apply(getattr(tables, name)).groupby("source").size()
        for name in ("observations", "targets", "statements")
    }
    sources = tables.sources.copy()
    for name, series in counts.items():
        sources[f"n_{name}"] = sources["id"].map(series).fillna(0).astype(int)
    if not types.everything:
        sources = sources[sources[["n_observations", "n_targets", "n_statements"]].sum(axis=1) > 0]
    return sources.sort_values(
        ["grade", "published"], ascending=[True, False], na_position="last", kind="stable"
    )


def sources_table(summaries: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The source list with readable columns."""
    return pd.DataFrame(
        {
            t("col_grade", lang): summaries["grade"],
            t("col_outlet", lang): summaries[f"outlet_{lang}"],
            t("col_title", lang): summaries[f"title_{lang}"],
            t("col_date", lang): summaries["published"].map(  # as the citations under it write dates
                lambda p: format_date(p, lang) if present(p) else t("date_unknown", lang)
            ),
            t("col_kind", lang): summaries["kind"].map(lambda k: t(f"kind_{k}", lang)),
            t("col_figures", lang): summaries["n_observations"],
        }
    )


def figures_of_source(tables: Tables, source_id: str, sel: Selection) -> pd.DataFrame:
    """The figures drawn from one source that the filter shows, readable: value with unit and qualifier,
    period as people say it, grade, formula and assumption where there is one."""
    lang = sel.lang
    obs = source_figures(tables, source_id, sel.types)
    indicators = tables.indicators.set_index("id")
    types = tables.institution_types.set_index("id")
    rows = []
    for _, row in obs.iterrows():
        meta = indicators.loc[row["indicator"]]
        value, period = describe_observation(row, meta, lang)
        rows.append(
            {
                t("col_indicator", lang): meta[f"name_{lang}"],
                t("col_institution_type", lang): types.loc[row["institution_type"], f"name_{lang}"],
                t("col_period", lang): period,
                t("col_value", lang): value,
                t("col_grade", lang): row["grade"],
                t("col_where", lang): free_text(row, "where", lang),
                t("col_note", lang): figure_note(row, tables, lang),
            }
        )
    return pd.DataFrame(rows)


def source_figures(tables: Tables, source_id: str, types: TypeFilter) -> pd.DataFrame:
    """The figures drawn from one source that the filter shows, as stored."""
    obs = types.apply(tables.observations)
    return obs[obs["source"] == source_id]


def figure_note(row: pd.Series, tables: Tables, lang: str) -> str:
    """What to know about one figure: its formula (a derived figure), the assumption it rests on, its note."""
    notes = [
        free_text(row, "formula", lang),
        assumption_text(row["assumption"], tables.assumptions, lang),
        free_text(row, "note", lang),
    ]
    return " / ".join(x for x in notes if present(x))
