"""The briefing as a PDF handout (reportlab): a title page, one landscape 16:9 page per slide with its short
source line, then "Notes and sources" pages with each slide's notes: the full citations, the method and the
assumptions. Its fonts are embedded (see fonts.py)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.colors import HexColor
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Table, TableStyle

from dashboard.briefing import fonts
from dashboard.briefing.layout import TableBox, TextBox, cover_texts, layout_slide, write_atomically
from dashboard.briefing.slides import DeckInfo, SlideContent
from dashboard.briefing.text import (
    BAND_FILL,
    BOTTOM,
    CELL_PAD_X,
    CELL_PAD_Y,
    CONTENT_W,
    GAP,
    GREY,
    HEADER_FILL,
    INK,
    LATIN_BOLD,
    LATIN_FONT,
    LEADING,
    MARGIN,
    NOTES_HEADING_SIZE,
    NOTES_SIZE,
    NOTES_TITLE_SIZE,
    PAGE_H,
    PAGE_W,
    PDF_FONT,
    PLACEHOLDER,
    RULE,
    TOP,
    pdf_runs,
    pdf_width,
)
from dashboard.i18n import t

# --- PDF ----------------------------------------------------------------------------------------------


def _draw_lines(
    canvas: Canvas, lines: list[str], x: float, top: float, size: float, color: str, bold: bool = False
) -> None:
    """Lines from `top` (points from the page's top) down, Latin runs in the Latin font, the rest in the
    Chinese one; bold Chinese is drawn as filled and stroked glyphs, since that font has no bold face."""
    canvas.saveState()  # the stroke and render mode of bold text must not leak into what follows
    canvas.setFillColor(HexColor(color))
    canvas.setStrokeColor(HexColor(color))
    canvas.setLineWidth(size * 0.02)
    for i, line in enumerate(lines):
        text = canvas.beginText(x, PAGE_H - top - size * 0.95 - i * size * LEADING)
        for latin, run in pdf_runs(line):
            text.setFont((LATIN_BOLD if bold else LATIN_FONT) if latin else PDF_FONT, size)
            text.setTextRenderMode(2 if bold and not latin else 0)
            text.textOut(run)
        canvas.drawText(text)
    canvas.restoreState()


def _draw(canvas: Canvas, text: TextBox) -> None:
    _draw_lines(canvas, text.lines, text.x, text.y, text.size, text.color, text.bold)


class _CellText(Flowable):
    """A table cell's already wrapped lines."""

    def __init__(self, lines: list[str], size: float, bold: bool) -> None:
        super().__init__()
        self.lines, self.size, self.bold = lines, size, bold

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.height = len(self.lines) * self.size * LEADING
        return self.width, self.height

    def draw(self) -> None:
        _draw_lines(self.canv, self.lines, 0, PAGE_H - self.height, self.size, INK, self.bold)


def _pdf_table(canvas: Canvas, table: TableBox, x: float, top: float) -> None:
    data = [[_CellText(cell, table.size, bold=r == 0) for cell in row] for r, row in enumerate(table.cells)]
    grid = Table(data, colWidths=table.col_widths, rowHeights=table.row_heights)
    grid.setStyle(
        TableStyle(
            [
                (
                    "FONTNAME",
                    (0, 0),
                    (-1, -1),
                    LATIN_FONT,
                ),  # not reportlab's default Helvetica (not embedded)
                ("GRID", (0, 0), (-1, -1), 0.5, HexColor(RULE)),
                ("BACKGROUND", (0, 0), (-1, 0), HexColor(HEADER_FILL)),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [HexColor("#ffffff"), HexColor(BAND_FILL)]),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD_X),
                ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD_X),
                ("TOPPADDING", (0, 0), (-1, -1), CELL_PAD_Y),
                ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PAD_Y),
            ]
        )
    )
    _, height = grid.wrapOn(canvas, sum(table.col_widths), table.h)
    grid.drawOn(canvas, x, PAGE_H - top - height)


def _pdf_page(canvas: Canvas, slide: SlideContent, images: dict[str, bytes]) -> None:
    layout = layout_slide(slide, images, pdf=True)
    _draw(canvas, layout.title)
    if layout.badge:
        words, colour, (x, y, w, h) = layout.badge
        canvas.setFillColor(HexColor(colour))
        canvas.roundRect(x, PAGE_H - y - h, w, h, radius=min(8, h / 2), stroke=0, fill=1)
        for i, line in enumerate(words.lines):
            line_w = pdf_width(line, words.size, bold=True)
            _draw_lines(
                canvas,
                [line],
                x + (w - line_w) / 2,
                words.y + i * words.size * LEADING,
                words.size,
                words.color,
                bold=True,
            )
    for value, label in layout.numbers:
        _draw(canvas, value)
        _draw(canvas, label)
    if layout.picture:
        png, (x, y, w, h) = layout.picture
        canvas.drawImage(ImageReader(io.BytesIO(png)), x, PAGE_H - y - h, w, h)
    elif layout.table:
        _pdf_table(canvas, layout.table, layout.body[0], layout.body[1])
    else:
        x, y, w, _ = layout.body
        _draw(canvas, TextBox(PLACEHOLDER, x, y, w, 28, color=GREY, pdf=True))
    if slide.source_line:
        _draw(canvas, layout.source)


def _notes_pages(canvas: Canvas, slides: list[SlideContent], lang: str) -> None:
    """Every slide's notes under its title, flowing over as many pages as they need."""
    bottom = PAGE_H - BOTTOM
    y = PAGE_H  # start with a new page

    def new_page() -> float:
        if y < PAGE_H:
            canvas.showPage()
        heading = TextBox(
            t("pdf_notes_title", lang), MARGIN, TOP, CONTENT_W, NOTES_TITLE_SIZE, bold=True, pdf=True
        )
        _draw(canvas, heading)
        return TOP + heading.h + GAP

    for slide in slides:
        if not slide.notes:
            continue
        blocks = [(slide.title, NOTES_HEADING_SIZE, INK, True)]
        blocks += [(para, NOTES_SIZE, GREY, False) for para in slide.notes.split("\n\n") if para.strip()]
        for i, (words, size, colour, bold) in enumerate(blocks):
            lines = TextBox(words, MARGIN, 0, CONTENT_W, size, color=colour, bold=bold, pdf=True).lines
            step = size * LEADING
            if y + step * (2 if i == 0 else 1) > bottom:  # a heading never ends a page
                y = new_page()
            for line in lines:
                if y + step > bottom:
                    y = new_page()
                _draw_lines(canvas, [line], MARGIN, y, size, colour, bold)
                y += step
            y += size * 0.6 if i else 2
        y += GAP
    if y < PAGE_H:
        canvas.showPage()


def write_pdf(info: DeckInfo, slides: list[SlideContent], images: dict[str, bytes], path: Path) -> None:
    """The same deck as a PDF handout: a title page, one landscape 16:9 page per slide, then the notes and
    full citations of every slide on pages of their own."""
    fonts.require()

    def write(out: BinaryIO) -> None:
        canvas = Canvas(out, pagesize=(PAGE_W, PAGE_H), pageCompression=1, initialFontName=LATIN_FONT)
        canvas.setTitle(info.title)
        canvas.setSubject(info.filters)
        for text in cover_texts(info, pdf=True):
            _draw(canvas, text)
        canvas.showPage()
        for slide in slides:
            _pdf_page(canvas, slide, images)
            canvas.showPage()
        _notes_pages(canvas, slides, info.lang)
        canvas.save()

    write_atomically(path, write)
