"""The inventory's slide in briefings (presentation, pptx deck, PDF handout). Pure: no Streamlit.

Callers that have an inventory put an `InventoryDeck` under `tables["inventory"]`; the briefing then offers
the slide `page:inventory`. A synthetic inventory says so in the slide's title, its key numbers' labels, its
chart (the note under the chart's title), its source line and its speaker notes.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import polars as pl

from dashboard.i18n import t
from dashboard.inventory import demo
from dashboard.inventory.charts import count_text, funnel_figure, money_text
from dashboard.inventory.engine import Filters, page_data
from dashboard.inventory.store import InventoryState
from dashboard.inventory.tables import dataset_note, inventory_types, rules_text, synthetic_notice
from dashboard.programme.provenance import source_line

SLIDE_ID = "page:inventory"


@dataclass(frozen=True)
class InventoryDeck:
    state: InventoryState
    frame: pl.DataFrame  # the engine's frame
    years: tuple[int, int]  # grant years shown
    rules: object  # the rule set in force (dashboard.grading.RuleSet)


def available(tables: dict[str, pd.DataFrame], choice: str) -> bool:
    deck = tables.get("inventory")
    return (
        isinstance(deck, InventoryDeck)
        and deck.state.records > 0
        and bool(inventory_types(choice, tables["institution_types"]))
    )


def build(tables: dict, choice: str, lang: str):
    """The slide: the funnel from inventory to deal, with patents, deals and their value as key numbers."""
    from dashboard.briefing.builders import SlideContent

    deck: InventoryDeck = tables["inventory"]
    data = page_data(deck.frame, Filters(inventory_types(choice, tables["institution_types"]), deck.years))
    note = dataset_note(deck.state, lang)
    funnel = dict(zip(data.funnel["level"], data.funnel["patents"], strict=True))
    value = float(data.deals["value"].fill_null(0).sum()) if data.deals.height else 0.0
    mark = f" · {note}" if deck.state.synthetic else ""
    numbers = [
        (t("inv_m_patents", lang) + mark, count_text(data.shown, lang)),
        (t("inv_m_deals", lang) + mark, count_text(funnel["deal"], lang)),
        (t("inv_m_value", lang) + mark, money_text(value, lang)),
    ]
    notes = [
        t("inv_funnel_note", lang),
        t("inv_years_note", lang),
        f"{t('inv_rules_in_force', lang)}: {rules_text(deck.rules, lang)}",
    ]
    if deck.state.synthetic:
        anchors = demo.anchors_of(deck.state.detail)
        if anchors is None:
            try:
                anchors = demo.published_anchors(tables)
            except LookupError:
                anchors = None
        cited = source_line(anchors.sources, tables["sources"], lang) if anchors else ""
        line = f"{demo.NOTE} · {cited}" if cited else demo.NOTE
        shaped = synthetic_notice(anchors, deck.state.records, lang) if anchors else []
        notes = [
            t("inv_synthetic_banner", lang).replace("**", ""),
            *shaped,
            t("inv_shaped_rest", lang),
            *notes,
        ]
    else:
        line = note
    return SlideContent(
        id=SLIDE_ID,
        title=f"{t('page_inventory', lang)}{mark}",
        key_numbers=numbers,
        figure=funnel_figure(data.funnel, lang, note) if data.shown else None,
        source_line=line,
        notes="\n\n".join([line, *notes]),
    )
