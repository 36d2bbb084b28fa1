"""The briefing as a 16:9 PowerPoint deck (python-pptx): a title slide, then one slide per SlideContent
with its speaker notes."""

from __future__ import annotations

import io
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from dashboard.briefing.layout import TableBox, TextBox, cover_texts, layout_slide, write_atomically
from dashboard.briefing.slides import DeckInfo, SlideContent
from dashboard.briefing.text import (
    BAND_FILL,
    CELL_PAD_X,
    CELL_PAD_Y,
    FONT,
    GREY,
    HEADER_FILL,
    INK,
    LEADING,
    PAGE_H,
    PAGE_W,
    PLACEHOLDER,
    RULE,
)
from dashboard.i18n import t

# --- PowerPoint ---------------------------------------------------------------------------------------


def _set_font(run, name: str) -> None:
    """Set both the Latin and the East Asian typeface of a run (python-pptx only sets the Latin one)."""
    run.font.name = name
    rpr = run._r.get_or_add_rPr()
    ea = rpr.find(qn("a:ea"))
    if ea is None:
        ea = etree.SubElement(rpr, qn("a:ea"))
        rpr.find(qn("a:latin")).addnext(ea)
    ea.set("typeface", name)


def _style_run(run, size: float, lang: str, bold: bool = False, color: str | None = INK) -> None:
    run.font.size = Pt(size)
    run.font.bold = bold
    if color:
        run.font.color.rgb = RGBColor.from_string(color.lstrip("#"))
    _set_font(run, FONT)
    run._r.get_or_add_rPr().set("lang", t("locale", lang))


def _fill_frame(
    frame,
    text: str,
    size: float,
    lang: str,
    bold: bool = False,
    color: str | None = INK,
    align=PP_ALIGN.LEFT,
    spacing: bool = True,
) -> None:
    frame.clear()
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
    for i, line in enumerate(text.split("\n")):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.alignment = align
        if spacing:
            paragraph.line_spacing = Pt(size * LEADING)
        run = paragraph.add_run()
        run.text = line
        _style_run(run, size, lang, bold, color)


def _box(box: tuple[float, float, float, float]) -> tuple[Emu, Emu, Emu, Emu]:
    x, y, w, h = box
    return Pt(x), Pt(y), Pt(w), Pt(h)


def _pptx_text(slide, text: TextBox, lang: str, name: str) -> None:
    shape = slide.shapes.add_textbox(*_box((text.x, text.y, text.w, text.h + 1)))
    shape.name = name
    _fill_frame(shape.text_frame, text.text, text.size, lang, text.bold, text.color)


def _place_title(placeholder, text: TextBox, lang: str) -> None:
    placeholder.left, placeholder.top, placeholder.width, placeholder.height = _box(
        (text.x, text.y, text.w, text.h + 1)
    )
    frame = placeholder.text_frame
    _fill_frame(frame, text.text, text.size, lang, text.bold, text.color)
    frame.vertical_anchor = MSO_ANCHOR.TOP


def _cell_borders(cell) -> None:
    """A thin light grey line round a table cell (borders go before the fill in the XML)."""
    tcpr = cell._tc.get_or_add_tcPr()
    for i, side in enumerate(("a:lnL", "a:lnR", "a:lnT", "a:lnB")):
        for old in tcpr.findall(qn(side)):
            tcpr.remove(old)
        line = etree.Element(qn(side), w=str(Pt(0.75)), cap="flat", cmpd="sng", algn="ctr")
        fill = etree.SubElement(line, qn("a:solidFill"))
        etree.SubElement(fill, qn("a:srgbClr"), val=RULE.lstrip("#"))
        tcpr.insert(i, line)


def _pptx_table(slide, table: TableBox, body: tuple[float, float, float, float], lang: str) -> None:
    rows, cols = len(table.cells), len(table.col_widths)
    frame = slide.shapes.add_table(rows, cols, *_box((body[0], body[1], sum(table.col_widths), table.h)))
    frame.name = "Table"
    grid = frame.table
    style = grid._tbl.tblPr.find(qn("a:tableStyleId"))
    if style is not None:
        style.text = "{2D5ABB26-0587-4C30-8999-92F81FD0307C}"  # "No Style, No Grid": the cells say it all
    grid.first_row, grid.horz_banding = True, False
    for c, width in enumerate(table.col_widths):
        grid.columns[c].width = Pt(width)
    for r, height in enumerate(table.row_heights):
        grid.rows[r].height = Pt(height)
        for c in range(cols):
            cell = grid.cell(r, c)
            cell.margin_left = cell.margin_right = Pt(CELL_PAD_X)
            cell.margin_top = cell.margin_bottom = Pt(CELL_PAD_Y)
            cell.vertical_anchor = MSO_ANCHOR.TOP
            _fill_frame(cell.text_frame, table.texts[r][c], table.size, lang, bold=r == 0)
            cell.fill.solid()
            cell.fill.fore_color.rgb = RGBColor.from_string(
                (HEADER_FILL if r == 0 else BAND_FILL if r % 2 == 0 else "#ffffff").lstrip("#")
            )
            _cell_borders(cell)


def _pptx_slide(deck, slide: SlideContent, images: dict[str, bytes], lang: str) -> None:
    layout = layout_slide(slide, images, pdf=False)
    page = deck.slides.add_slide(deck.slide_layouts[5])  # "Title Only": the title stays a real title
    _place_title(page.shapes.title, layout.title, lang)
    if layout.badge:
        words, colour, box = layout.badge
        badge = page.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, *_box(box))
        badge.name = "Status"
        badge.fill.solid()
        badge.fill.fore_color.rgb = RGBColor.from_string(colour.lstrip("#"))
        badge.line.fill.background()
        badge.shadow.inherit = False
        frame = badge.text_frame
        _fill_frame(frame, words.text, words.size, lang, bold=True, color="#ffffff", align=PP_ALIGN.CENTER)
        frame.margin_left = frame.margin_right = Pt(12)
        frame.margin_top = frame.margin_bottom = Pt(5)
        frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    for i, (value, label) in enumerate(layout.numbers, start=1):
        _pptx_text(page, value, lang, f"Key number {i}")
        _pptx_text(page, label, lang, f"Key number {i} label")
    if layout.picture:
        png, box = layout.picture
        picture = page.shapes.add_picture(io.BytesIO(png), *_box(box))
        picture.name = "Chart"
        picture._element.nvPicPr.cNvPr.set("descr", slide.title)
    elif layout.table:
        _pptx_table(page, layout.table, layout.body, lang)
    else:
        x, y, w, _ = layout.body
        _pptx_text(page, TextBox(PLACEHOLDER, x, y, w, 28, color=GREY), lang, "No chart")
    if slide.source_line:
        _pptx_text(page, layout.source, lang, "Sources")
    notes = page.notes_slide.notes_text_frame
    notes.text = slide.notes
    for paragraph in notes.paragraphs:
        for run in paragraph.runs:
            _set_font(run, FONT)


def write_pptx(info: DeckInfo, slides: list[SlideContent], images: dict[str, bytes], path: Path) -> None:
    """The deck as a 16:9 PowerPoint file: a title slide, then one slide per SlideContent, with the
    speaker notes; `images` holds each chart's PNG by slide id."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = Pt(PAGE_W), Pt(PAGE_H)
    deck.core_properties.title = info.title
    deck.core_properties.subject = info.filters
    deck.core_properties.language = t("locale", info.lang)
    cover = deck.slides.add_slide(deck.slide_layouts[0])
    title, *lines = cover_texts(info, pdf=False)
    _place_title(cover.shapes.title, title, info.lang)
    subtitle = cover.placeholders[1]
    subtitle.left, subtitle.top, subtitle.width, subtitle.height = _box(
        (lines[0].x, lines[0].y, lines[0].w, lines[-1].y + lines[-1].h - lines[0].y + 4)
    )
    frame = subtitle.text_frame
    frame.clear()
    frame.word_wrap, frame.auto_size, frame.vertical_anchor = True, MSO_AUTO_SIZE.NONE, MSO_ANCHOR.TOP
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
    for i, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.alignment = PP_ALIGN.LEFT
        paragraph.line_spacing = Pt(line.size * LEADING)
        paragraph.space_before = Pt(0 if i == 0 else 8)
        run = paragraph.add_run()
        run.text = line.text
        _style_run(run, line.size, info.lang, color=line.color)
    for slide in slides:
        _pptx_slide(deck, slide, images, info.lang)
    write_atomically(path, deck.save)
