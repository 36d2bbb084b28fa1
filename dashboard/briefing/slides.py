"""The slide model: what one screen of the presentation, one slide of the deck and one PDF page show.

Each slide has a title, up to three key numbers, a status where there is one, a chart (or the status table),
the source line, and speaker notes naming the sources, the method and the assumptions. Pure: no Streamlit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from dashboard.inventory.engine import Summary
from dashboard.inventory.grading import RuleSet
from dashboard.inventory.store import InventoryState

SUMMARY = "summary"
INVENTORY = "page:inventory"
PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


@dataclass
class DeckInfo:
    """What the title slide says: the deck's title, its date, the filters and the language."""

    title: str
    date: dt.date
    filters: str
    lang: str


@dataclass
class SlideContent:
    id: str  # "summary", "target:<target id>" or "page:<page>"
    title: str
    key_numbers: list[tuple[str, str]] = field(default_factory=list)  # at most three (label, value)
    status: str | None = None  # a status id of dashboard.programme.progress, for its colour
    status_label: str | None = None  # the status in words
    figure: go.Figure | None = None  # the chart, when the slide has one
    table: pd.DataFrame | None = None  # the table, when the slide has one (the status summary)
    source_line: str = ""
    notes: str = ""  # speaker notes: sources, method, assumptions


@dataclass(frozen=True)
class InventoryDeck:
    """The stored inventory as a briefing shows it: its state, the engine's summary of it (engine.Summary),
    the grant years shown and the rule set in force. Callers that have an inventory pass one; without it there
    is no inventory slide."""

    state: InventoryState
    summary: Summary
    years: tuple[int, int]
    rules: RuleSet


class UnknownSlide(ValueError):
    """A slide id that names no slide of the current view."""
