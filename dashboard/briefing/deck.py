"""A briefing written to a file: the slides of a view, their chart images drawn by one export browser, and
the deck (pptx) or the handout (pdf). The Present page's export and `python -m dashboard brief` both call
`make_deck`, so the two give the same file for the same view."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from dashboard.briefing import fonts, pdf, pptx
from dashboard.briefing.builders import build_slide, filters_text
from dashboard.briefing.layout import chart_area
from dashboard.briefing.slides import DeckInfo, InventoryDeck
from dashboard.charts.images import ImageExporter
from dashboard.curation.catalogue import Tables
from dashboard.i18n import t
from dashboard.programme.selection import Selection

FORMATS = ("pptx", "pdf")


def make_deck(
    tables: Tables,
    sel: Selection,
    slide_ids: list[str],
    fmt: str,
    path: Path,
    today: dt.date,
    inventory: InventoryDeck | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Write the deck (pptx) or the handout (pdf) for these slides; returns how many chart images were drawn.

    All chart images come from one export browser kept alive for the whole deck. `progress(done, total)` is
    called after each image. Raises images.ExportUnavailable without Chromium (or, for a PDF, its fonts), UnknownSlide for a bad id."""
    if fmt == "pdf":
        fonts.require()  # before any image is drawn: a missing font package fails at once
    slides = [build_slide(i, tables, sel, today, inventory) for i in slide_ids]
    info = DeckInfo(t("deck_title", sel.lang), today, filters_text(tables, sel), sel.lang)
    with_figures = [s for s in slides if s.figure is not None]
    images: dict[str, bytes] = {}
    if with_figures:
        with ImageExporter() as exporter:
            for done, slide in enumerate(with_figures, start=1):
                # Drawn at the shape the slide leaves for it, twice as sharp: it fills the width, and its type
                # keeps its own size instead of shrinking with a picture squeezed into the space.
                width, height = chart_area(slide)
                images[slide.id] = exporter.png(slide.figure, width=int(width), height=int(height), scale=2)
                if progress:
                    progress(done, len(with_figures))
    writer = {"pptx": pptx.write_pptx, "pdf": pdf.write_pdf}[fmt]
    writer(info, slides, images, path)
    return len(images)
