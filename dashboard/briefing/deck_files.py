"""Briefing deck files: the slides as a 16:9 PowerPoint deck (python-pptx) and as a PDF handout (reportlab)."""

from __future__ import annotations

import contextlib
import functools
import io
import os
import tempfile
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import pandas as pd
from lxml import etree
from PIL import Image
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt
from reportlab.lib.colors import HexColor
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Table, TableStyle

from dashboard.briefing.builders import DeckInfo, SlideContent
from dashboard.charts.programme import STATUS_STYLE
from dashboard.i18n import LANGUAGE_NAMES

# One layout, in points from the top left, serves both files: 960 × 540 pt is 13.333 in × 7.5 in (16:9).
PAGE_W, PAGE_H = 960.0, 540.0
MARGIN, TOP, BOTTOM = 36.0, 26.0, 20.0
CONTENT_W = PAGE_W - 2 * MARGIN
FONT = "Noto Sans CJK SC"  # the deck's font: it has the Chinese glyphs
PDF_FONT = "STSong-Light"  # reportlab's built-in Chinese CID font: no font file needed
# Latin runs of the PDF are set in Helvetica: viewers without Adobe's Song font draw STSong-Light's Latin
# with a substitute whose letters do not match its widths (cramped, gappy English); every viewer has
# Helvetica's metrics, and it has a real bold.
LATIN_FONT, LATIN_BOLD = "Helvetica", "Helvetica-Bold"
INK, GREY, RULE, HEADER_FILL, BAND_FILL = "#1f2328", "#59636e", "#c8ccd1", "#e8ebef", "#f6f8fa"
LEADING = 1.2  # line height as a multiple of the font size
TITLE_SIZE, COVER_TITLE_SIZE = 28, 36
VALUE_SIZES = (28, 24, 20, 18, 16, 14)  # a key number at 28 pt; long words (targets without a number) smaller
VALUE_MAX_H = 2 * 28 * LEADING
LABEL_SIZE, BADGE_SIZE, SOURCE_SIZE, NOTES_SIZE = 12, 14, 10, 8
TABLE_SIZES = (12, 11, 10, 9, 8)  # the largest that fits
CELL_PAD_X, CELL_PAD_Y = 4.0, 3.0
MIN_CHART_H = 220.0  # the PDF prints the notes only when the chart keeps at least this height
GAP = 10.0
PLACEHOLDER = "—"

# Widths (per mille of the size) of ASCII 32–126 in Noto Sans CJK SC Bold, so that text measured here is
# never narrower than the deck draws it; other characters count 1 em if East Asian wide, else 0.6 em.
_NOTO_ASCII = (
    227,
    370,
    574,
    590,
    590,
    963,
    740,
    325,
    378,
    378,
    507,
    590,
    325,
    370,
    325,
    387,
    590,
    590,
    590,
    590,
    590,
    590,
    590,
    590,
    590,
    590,
    325,
    325,
    590,
    590,
    590,
    514,
    1007,
    641,
    681,
    656,
    714,
    615,
    585,
    717,
    757,
    330,
    568,
    686,
    578,
    853,
    749,
    770,
    667,
    770,
    682,
    624,
    625,
    748,
    619,
    915,
    627,
    580,
    613,
    378,
    387,
    378,
    590,
    567,
    626,
    591,
    644,
    527,
    644,
    581,
    372,
    597,
    640,
    304,
    306,
    604,
    315,
    964,
    641,
    626,
    644,
    644,
    436,
    495,
    421,
    637,
    576,
    863,
    562,
    574,
    511,
    378,
    296,
    378,
    590,
)
# Characters neither Helvetica (WinAnsi) nor STSong-Light's Unicode map (UniGB-UCS2-H) has, as the PDF
# writes them instead (subscripts become x_t, superscripts plain digits: see _pdf_text).
_PDF_REPLACE = str.maketrans({"\u2212": "-", "\u2011": "-"})
_CLOSING = set("，。、；：？！）》」』〕】”’,.;:?!)]}%")
_OPENING = set("（《「『〔【“‘([{")

pdfmetrics.registerFont(UnicodeCIDFont(PDF_FONT))


# --- text ---------------------------------------------------------------------------------------------


def _pdf_text(text: str) -> str:
    """Text as the PDF font can show it: a few symbols swapped, subscripts written x_t, superscripts plain."""
    out = []
    for ch in text.translate(_PDF_REPLACE):
        name = unicodedata.name(ch, "")
        if "SUBSCRIPT" in name:
            out.append("_" + unicodedata.normalize("NFKC", ch))
        elif "SUPERSCRIPT" in name:
            out.append(unicodedata.normalize("NFKC", ch))
        else:
            out.append(ch)
    return "".join(out)


@functools.lru_cache(maxsize=65536)
def _em(text: str, pdf: bool, bold: bool) -> float:
    """The width of `text` at 1 pt: exactly as the PDF draws it, or, for the deck, as wide as Noto Sans CJK SC
    Bold would be (PowerPoint wraps the deck's text itself, so that a line never overflows the space
    reserved for it)."""
    if pdf:
        return _pdf_width(text, 1, bold)
    noto = 0
    for ch in text:
        code = ord(ch)
        if 32 <= code < 127:
            noto += _NOTO_ASCII[code - 32]
        else:
            noto += 1000 if unicodedata.east_asian_width(ch) in "WFA" else 600
    return noto / 1000


@functools.lru_cache(maxsize=4096)
def _is_latin(ch: str) -> bool:
    """Whether Helvetica (WinAnsi encoding) has the character."""
    try:
        ch.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def _runs(text: str) -> list[tuple[bool, str]]:
    """The PDF's version of `text` cut into runs of (set in Helvetica, text)."""
    runs: list[tuple[bool, str]] = []
    for ch in _pdf_text(text):
        latin = _is_latin(ch)
        if runs and runs[-1][0] == latin:
            runs[-1] = (latin, runs[-1][1] + ch)
        else:
            runs.append((latin, ch))
    return runs


def _pdf_width(text: str, size: float, bold: bool) -> float:
    latin_font = LATIN_BOLD if bold else LATIN_FONT
    return sum(
        pdfmetrics.stringWidth(run, latin_font if latin else PDF_FONT, size) for latin, run in _runs(text)
    )


def _width(text: str, size: float, pdf: bool, bold: bool = False) -> float:
    return _em(text, pdf, bold) * size


def _tokens(text: str) -> list[str]:
    """Pieces a line may break between: a word with its trailing spaces, or one Chinese character; closing
    punctuation stays with what precedes it, opening punctuation with what follows."""
    pieces: list[str] = []
    for ch in text:
        wide = unicodedata.east_asian_width(ch) in "WF"
        if ch == " " and pieces:
            pieces[-1] += ch
        elif wide or not pieces or pieces[-1].endswith(" ") or _is_wide(pieces[-1][-1]):
            pieces.append(ch)
        else:
            pieces[-1] += ch
    merged: list[str] = []
    carry = ""
    for piece in pieces:
        if merged and piece[0] in _CLOSING and not carry:
            merged[-1] += piece
        elif piece.strip() and all(c in _OPENING for c in piece.strip()):
            carry += piece
        else:
            merged.append(carry + piece)
            carry = ""
    if carry:
        merged.append(carry)
    return merged


def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def _wrap(text: str, width: float, size: float, pdf: bool, bold: bool = False) -> list[str]:
    """Lines of `text` no wider than `width` at `size`; a newline starts a new line."""
    limit = width / size
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, used = "", 0.0
        for token in _tokens(paragraph):
            if used + _em(token.rstrip(), pdf, bold) <= limit:
                line, used = line + token, used + _em(token, pdf, bold)
                continue
            if line.strip():
                lines.append(line.rstrip())
            line, used = "", 0.0
            for ch in token:  # the token alone: cut it where it overflows, character by character
                w = _em(ch, pdf, bold)
                if line and used + w > limit and ch != " ":
                    lines.append(line.rstrip())
                    line, used = "", 0.0
                line, used = line + ch, used + w
        lines.append(line.rstrip())
    return lines


# --- layout -------------------------------------------------------------------------------------------


@dataclass
class _Text:
    text: str
    x: float
    y: float
    w: float
    size: float
    bold: bool = False
    color: str = INK
    pdf: bool = False  # measured for the PDF (exact) or for the deck
    lines: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.lines = _wrap(self.text, self.w, self.size, self.pdf, self.bold)

    @property
    def h(self) -> float:
        return len(self.lines) * self.size * LEADING


@dataclass
class _Table:
    size: float
    col_widths: list[float]
    cells: list[list[list[str]]]  # [row][column] -> wrapped lines; row 0 is the header
    texts: list[list[str]]

    @property
    def row_heights(self) -> list[float]:
        return [max(len(c) for c in row) * self.size * LEADING + 2 * CELL_PAD_Y for row in self.cells]

    @property
    def h(self) -> float:
        return sum(self.row_heights)


@dataclass
class _Layout:
    title: _Text
    badge: tuple[_Text, str, tuple[float, float, float, float]] | None  # words, colour, box
    numbers: list[tuple[_Text, _Text]]  # (value, label)
    body: tuple[float, float, float, float]  # x, y, w, h
    picture: tuple[bytes, tuple[float, float, float, float]] | None
    table: _Table | None
    source: _Text
    notes: _Text | None = None


def _cell(value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return PLACEHOLDER
    return str(value)


def _column_widths(natural: list[float], total: float) -> list[float]:
    """Widths that fill `total`: every column gets its natural width if all fit (then all grow alike),
    otherwise narrow columns keep theirs and the wide ones share the rest equally."""
    if sum(natural) <= total:
        return [w * total / sum(natural) for w in natural]
    widths = [0.0] * len(natural)
    rest, left = sorted(range(len(natural)), key=lambda i: natural[i]), total
    while rest:
        share = left / len(rest)
        if natural[rest[0]] > share:
            for i in rest:
                widths[i] = share
            break
        i = rest.pop(0)
        widths[i] = natural[i]
        left -= natural[i]
    return widths


def _fit_table(frame: pd.DataFrame, width: float, height: float, pdf: bool) -> _Table:
    """The table at the largest font size that fits the space; if even the smallest does not, the last
    rows give way to a line saying how many were left out."""
    header = [_cell(c) for c in frame.columns]
    rows = [[_cell(v) for v in row] for row in frame.itertuples(index=False, name=None)]

    def build(size: float, body_rows: list[list[str]]) -> _Table:
        texts = [header, *body_rows]
        pad = 2 * CELL_PAD_X + 1
        natural = [
            max(_width(r[c], size, pdf, bold=i == 0) for i, r in enumerate(texts)) + pad
            for c in range(len(header))
        ]
        widths = _column_widths(natural, width)
        cells = [
            [_wrap(r[c], widths[c] - pad, size, pdf, bold=i == 0) for c in range(len(header))]
            for i, r in enumerate(texts)
        ]
        return _Table(size, widths, cells, texts)

    for size in TABLE_SIZES:
        table = build(size, rows)
        if table.h <= height:
            return table
    size = TABLE_SIZES[-1]
    for keep in range(len(rows) - 1, -1, -1):
        more = [f"… +{len(rows) - keep}"] + [""] * (len(header) - 1)
        table = build(size, [*rows[:keep], more])
        if table.h <= height or keep == 0:
            return table
    return table  # pragma: no cover - the loop always returns


def _picture_size(slide_id: str, png: bytes) -> tuple[int, int]:
    """The picture's pixel size; ValueError when the bytes are no readable image."""
    try:
        with Image.open(io.BytesIO(png)) as image:
            image.load()
            return image.size
    except Exception as error:
        raise ValueError(f"the chart image of slide {slide_id!r} is not a readable PNG: {error}") from error


def _layout(slide: SlideContent, images: dict[str, bytes], pdf: bool) -> _Layout:
    """Where everything goes on one slide; the PDF's page also prints the notes when they fit."""

    def text(words: str, x: float, y: float, w: float, size: float, **style) -> _Text:
        return _Text(words, x, y, w, size, pdf=pdf, **style)

    title = text(slide.title, MARGIN, TOP, CONTENT_W, TITLE_SIZE, bold=True)
    y = TOP + title.h + GAP
    badge = None
    if slide.status_label:
        colour = STATUS_STYLE.get(slide.status or "", ("#59636e",))[0]
        words = text(slide.status_label, 0, 0, CONTENT_W - 24, BADGE_SIZE, bold=True, color="#ffffff")
        box_w = min(CONTENT_W, max(_width(line, BADGE_SIZE, pdf, bold=True) for line in words.lines) + 24)
        box = (MARGIN, y, box_w, words.h + 10)
        words.x, words.y, words.w = MARGIN + 12, y + 5, box_w - 24
        badge = (words, colour, box)
        y += box[3] + GAP
    numbers = []
    col_w = (CONTENT_W - 2 * 24) / 3
    for i, (label, value) in enumerate(slide.key_numbers[:3]):
        x = MARGIN + i * (col_w + 24)
        for size in VALUE_SIZES:
            shown = text(value, x, y, col_w, size, bold=True)
            if shown.h <= VALUE_MAX_H:
                break
        numbers.append((shown, text(label, x, 0, col_w, LABEL_SIZE, color=GREY)))
    if numbers:
        value_h = max(v.h for v, _ in numbers)
        for _, label in numbers:
            label.y = y + value_h + 2
        y += value_h + 2 + max(label.h for _, label in numbers) + GAP
    source = text(slide.source_line, MARGIN, 0, CONTENT_W, SOURCE_SIZE, color=GREY)
    source.y = PAGE_H - BOTTOM - source.h
    body = (MARGIN, y, CONTENT_W, source.y - GAP - y)
    png = images.get(slide.id)
    pixels = _picture_size(slide.id, png) if png is not None else (1, 1)
    table = (
        _fit_table(slide.table, body[2], body[3], pdf) if slide.table is not None and png is None else None
    )
    notes = None
    # The notes open with the source line: printed under it, they skip that part.
    notes_text = slide.notes.removeprefix(slide.source_line).strip() if slide.source_line else slide.notes
    if pdf and notes_text:
        notes = text(notes_text, MARGIN, 0, CONTENT_W, NOTES_SIZE, color=GREY)
        need = MIN_CHART_H if png is not None else table.h if table is not None else 40.0
        if body[3] - notes.h - 6 >= need:
            source.y -= notes.h + 6
            notes.y = source.y + source.h + 6
            body = (body[0], body[1], body[2], body[3] - notes.h - 6)
        else:
            notes = None
    picture = None
    if png is not None:
        scale = min(body[2] / pixels[0], body[3] / pixels[1])
        w, h = pixels[0] * scale, pixels[1] * scale
        picture = (png, (body[0] + (body[2] - w) / 2, body[1], w, h))
    return _Layout(title, badge, numbers, body, picture, table, source, notes)


def chart_area(slide: SlideContent) -> tuple[float, float]:
    """The room (width, height in points) the deck's slide leaves its chart: render the chart's PNG at this
    aspect (at 2x or so) and it fills the width with its text at its own size. The PDF page may be a
    little shorter when it prints the notes; the picture then shrinks to fit, keeping its aspect."""
    _, _, width, height = _layout(slide, {}, pdf=False).body
    return width, height


def _cover(info: DeckInfo, pdf: bool) -> list[_Text]:
    """The title slide: the title, then the date, the filters and the language."""
    x, w = MARGIN + 24, CONTENT_W - 48
    title = _Text(info.title, x, 0, w, COVER_TITLE_SIZE, bold=True, pdf=pdf)
    lines = [
        _Text(info.date.isoformat(), x, 0, w, 20, pdf=pdf),
        _Text(info.filters, x, 0, w, 16, color=GREY, pdf=pdf),
        _Text(LANGUAGE_NAMES.get(info.lang, info.lang), x, 0, w, 16, color=GREY, pdf=pdf),
    ]
    y = PAGE_H * 0.32
    title.y = y
    y += title.h + 24
    for line in lines:
        line.y = y
        y += line.h + 8
    return [title, *lines]


# --- writing safely -----------------------------------------------------------------------------------


def _write_atomically(path: Path, write: Callable[[BinaryIO], None]) -> None:
    """Write to a temporary file beside `path`, then put it in place: `path` is either the old file or
    the whole new one, never half of it."""
    path = Path(path)
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            write(out)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


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
    run._r.get_or_add_rPr().set("lang", "zh-CN" if lang == "zh" else "en-GB")


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


def _pptx_text(slide, text: _Text, lang: str, name: str) -> None:
    shape = slide.shapes.add_textbox(*_box((text.x, text.y, text.w, text.h + 1)))
    shape.name = name
    _fill_frame(shape.text_frame, text.text, text.size, lang, text.bold, text.color)


def _place_title(placeholder, text: _Text, lang: str) -> None:
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


def _pptx_table(slide, table: _Table, body: tuple[float, float, float, float], lang: str) -> None:
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
    layout = _layout(slide, images, pdf=False)
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
        _pptx_text(page, _Text(PLACEHOLDER, x, y, w, 28, color=GREY), lang, "No chart")
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
    deck.core_properties.language = "zh-CN" if info.lang == "zh" else "en-GB"
    cover = deck.slides.add_slide(deck.slide_layouts[0])
    title, *lines = _cover(info, pdf=False)
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
    _write_atomically(path, deck.save)


# --- PDF ----------------------------------------------------------------------------------------------


def _draw_lines(
    canvas: Canvas, lines: list[str], x: float, top: float, size: float, color: str, bold: bool = False
) -> None:
    """Lines from `top` (points from the page's top) down, Latin runs in Helvetica, the rest in STSong-Light;
    bold Chinese is drawn as filled and stroked glyphs, since the CID font has no bold face."""
    canvas.saveState()  # the stroke and render mode of bold text must not leak into what follows
    canvas.setFillColor(HexColor(color))
    canvas.setStrokeColor(HexColor(color))
    canvas.setLineWidth(size * 0.02)
    for i, line in enumerate(lines):
        text = canvas.beginText(x, PAGE_H - top - size * 0.95 - i * size * LEADING)
        for latin, run in _runs(line):
            text.setFont((LATIN_BOLD if bold else LATIN_FONT) if latin else PDF_FONT, size)
            text.setTextRenderMode(2 if bold and not latin else 0)
            text.textOut(run)
        canvas.drawText(text)
    canvas.restoreState()


def _draw(canvas: Canvas, text: _Text) -> None:
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


def _pdf_table(canvas: Canvas, table: _Table, x: float, top: float) -> None:
    data = [[_CellText(cell, table.size, bold=r == 0) for cell in row] for r, row in enumerate(table.cells)]
    grid = Table(data, colWidths=table.col_widths, rowHeights=table.row_heights)
    grid.setStyle(
        TableStyle(
            [
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
    layout = _layout(slide, images, pdf=True)
    _draw(canvas, layout.title)
    if layout.badge:
        words, colour, (x, y, w, h) = layout.badge
        canvas.setFillColor(HexColor(colour))
        canvas.roundRect(x, PAGE_H - y - h, w, h, radius=min(8, h / 2), stroke=0, fill=1)
        for i, line in enumerate(words.lines):
            line_w = _pdf_width(line, words.size, bold=True)
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
        _draw(canvas, _Text(PLACEHOLDER, x, y, w, 28, color=GREY, pdf=True))
    if slide.source_line:
        _draw(canvas, layout.source)
    if layout.notes:
        _draw(canvas, layout.notes)


def write_pdf(info: DeckInfo, slides: list[SlideContent], images: dict[str, bytes], path: Path) -> None:
    """The same deck as a PDF handout: a title page, then one landscape 16:9 page per slide; the speaker
    notes are printed small under the source line when they fit."""

    def write(out: BinaryIO) -> None:
        canvas = Canvas(out, pagesize=(PAGE_W, PAGE_H), pageCompression=1)
        canvas.setTitle(info.title)
        canvas.setSubject(info.filters)
        for text in _cover(info, pdf=True):
            _draw(canvas, text)
        canvas.showPage()
        for slide in slides:
            _pdf_page(canvas, slide, images)
            canvas.showPage()
        canvas.save()

    _write_atomically(path, write)
