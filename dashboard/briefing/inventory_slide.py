"""The inventory's slide in briefings (presentation, pptx deck, PDF handout). Pure: no Streamlit.

Callers that have an inventory pass it as an `InventoryDeck`; the briefing then offers the slide
`page:inventory`. A synthetic inventory says so in the slide's title, its key numbers' labels, its
chart (the note under the chart's title), its source line and its speaker notes.
"""

from __future__ import annotations

from dashboard.briefing.slides import INVENTORY, InventoryDeck, SlideContent
from dashboard.curation.catalogue import Tables
from dashboard.formatting import count_text, money_text
from dashboard.i18n import t
from dashboard.inventory import demo
from dashboard.inventory.charts import funnel_figure
from dashboard.inventory.engine import Filters, summary_data
from dashboard.inventory.tables import dataset_note, inventory_types, rules_text, synthetic_notice
from dashboard.programme.provenance import short_source_line, source_line
from dashboard.programme.selection import Selection, TypeFilter


def available(inventory: InventoryDeck | None, types: TypeFilter) -> bool:
    """Whether the view has an inventory slide: an inventory with records, and the filter shows a type it covers."""
    return inventory is not None and inventory.state.records > 0 and bool(inventory_types(types))


def build(inventory: InventoryDeck, tables: Tables, sel: Selection) -> SlideContent:
    """The slide: the funnel from inventory to deal, with patents, deals and their value as key numbers."""
    lang, deck = sel.lang, inventory
    data = summary_data(deck.summary, Filters(inventory_types(sel.types), deck.years))
    note = dataset_note(deck.state, lang)
    funnel = dict(zip(data.funnel["level"], data.funnel["patents"], strict=True))
    value = float(data.deals["value"].fill_null(0).sum()) if data.deals.height else 0.0
    mark = f" · {note}" if deck.state.synthetic else ""
    numbers = [
        (t("inv_m_patents", lang) + mark, t("inv_m_count", lang, n=count_text(data.shown, lang))),
        (t("inv_m_deals", lang) + mark, t("inv_m_count", lang, n=count_text(funnel["deal"], lang))),
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
        # In the slide's language: the bilingual label is for files, which travel (a Chinese slide read
        # "合成演示数据 / synthetic demo data"). Under the chart, the sources short, as on every slide (their
        # full titles ran to four lines at 1280 px and pushed the downloads off a 720-px screen); in full in
        # the notes.
        label = t("inv_synthetic", lang)
        heading = t("inv_proportions_from", lang)
        cited = short_source_line(anchors.sources, tables.sources, lang, heading=heading) if anchors else ""
        full = source_line(anchors.sources, tables.sources, lang, heading) if anchors else ""
        line = f"{label} · {cited}" if cited else label
        cited_in_full = f"{label} · {full}" if full else label
        shaped = synthetic_notice(anchors, deck.state.records, lang) if anchors else []
        notes = [
            t("inv_synthetic_banner", lang).replace("**", ""),
            *([t("inv_synthetic_follows", lang), *shaped] if shaped else []),
            t("inv_shaped_rest", lang),
            *notes,
        ]
    else:
        line = cited_in_full = note
    return SlideContent(
        id=INVENTORY,
        title=f"{t('page_inventory', lang)}{mark}",
        key_numbers=numbers,
        figure=funnel_figure(data.funnel, lang, note) if data.shown else None,
        source_line=line,
        notes="\n\n".join([cited_in_full, *notes]),
    )
