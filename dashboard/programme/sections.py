"""What the programme pages (universities, enterprises, finance, milestones) show, as plain frames."""

from __future__ import annotations

import pandas as pd

from dashboard.curation.catalogue import Tables
from dashboard.formatting import format_period, format_value
from dashboard.i18n import t
from dashboard.periods import parse_period
from dashboard.programme.overview import latest_observation, present
from dashboard.programme.selection import COMBINED, Selection

# The stock-patent work, from holdings to industrial use, as the plan and its reports count it.
STOCK_STAGES = (
    "valid_invention_patents_held",
    "stock_patents_inventoried",
    "stock_patents_conversion_pool",
    "stock_inventions_conversion_pool",
    "stock_inventions_industrialised",
)


def stock_stages(tables: Tables, sel: Selection) -> pd.DataFrame:
    """The latest figure of each stage the filter shows (the combined figure where there is one)."""
    lang, choice, shown = sel.lang, sel.choice, sel.types.shown
    # A single part's own figure first; otherwise the combined figure, which covers both parts.
    order = (
        [choice, COMBINED]
        if choice in ("university", "research_institute")
        else [COMBINED, "university", "research_institute"]
    )
    type_names = tables.institution_types.set_index("id")[f"name_{lang}"]
    indicators = tables.indicators.set_index("id")
    rows = []
    for indicator in STOCK_STAGES:
        meta = indicators.loc[indicator]
        for type_id in [x for x in order if x in shown]:
            row = latest_observation(tables.observations, indicator, type_id)
            if row is None:
                continue
            value = format_value(row["value"], meta["unit"], row["qualifier"], lang, meta["unit_en"])
            if sel.types.combined_only(type_id):
                value = t("value_of_type", lang, value=value, type=type_names[type_id])
            rows.append(
                {
                    "indicator": indicator,
                    "institution_type": type_id,
                    "label": meta[f"name_{lang}"],
                    "value": row["value"],
                    # the value over its date: one long line ran past the chart beside the longest bar
                    "text": f"{value}<br>{format_period(row['period'], lang, meta['measure'])}",
                    "source": row["source"],
                }
            )
            break
    return pd.DataFrame(rows, columns=["indicator", "institution_type", "label", "value", "text", "source"])


def inventory_scope(tables: Tables, stages: pd.DataFrame, lang: str) -> tuple[str, str] | None:
    """Why the inventory can count more than the invention patents held: one report's inventory split into
    inventions and the rest (the latest report that gives both, for universities and institutes together).
    The sentence and its source id, or None where the chart does not show both stages or no report splits it."""
    if not {"valid_invention_patents_held", "stock_patents_inventoried"} <= set(stages["indicator"]):
        return None
    obs = tables.observations[tables.observations["institution_type"] == COMBINED]
    key = ["period", "source"]
    every = obs[obs["indicator"] == "stock_patents_inventoried"].set_index(key)["value"]
    inventions = obs[obs["indicator"] == "stock_inventions_inventoried"].set_index(key)["value"]
    both = pd.concat({"every": every, "inventions": inventions}, axis=1, join="inner").dropna()
    if both.empty:
        return None
    (period, source), row = max(both.iterrows(), key=lambda pair: parse_period(pair[0][0]).end)
    unit, unit_en = tables.indicator("stock_patents_inventoried")[["unit", "unit_en"]]
    text = t(
        "univ_stock_scope",
        lang,
        date=format_period(period, lang),
        every=format_value(row["every"], unit, "exact", lang, unit_en),
        inventions=format_value(row["inventions"], unit, "exact", lang, unit_en),
        share=f"{row['inventions'] / row['every']:.0%}",
    )
    return text, source


def milestone_table(frame: pd.DataFrame, programmes: pd.DataFrame, lang: str) -> pd.DataFrame:
    short = programmes.set_index("id")[f"short_{lang}"]
    return pd.DataFrame(
        {
            t("col_state", lang): frame["state"].map(lambda s: t(f"milestone_{s}", lang)),
            t("col_programme", lang): frame["programme"].map(short),
            t("col_milestone", lang): frame[f"what_{lang}"],
            t("col_due", lang): frame["due"].map(lambda d: format_period(d, lang)),  # as the evidence's date
            t("col_evidence", lang): frame[f"evidence_{lang}"].map(
                lambda e: e if present(e) else t("no_evidence", lang)
            ),
            t("col_evidence_dated", lang): frame["evidence_date"].map(
                lambda d: format_period(d, lang) if present(d) else "—"
            ),
        }
    )
