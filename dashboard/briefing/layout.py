"""Where everything goes on a slide, in points from the top left, for the deck and the PDF alike; and
writing a file whole or not at all."""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import pandas as pd
from PIL import Image

from dashboard.briefing.slides import DeckInfo, SlideContent
from dashboard.briefing.text import (
    BADGE_SIZE,
    BOTTOM,
    CELL_PAD_X,
    CELL_PAD_Y,
    CONTENT_W,
    COVER_TITLE_SIZE,
    GAP,
    GREY,
    INK,
    LABEL_SIZE,
    LEADING,
    MARGIN,
    PAGE_H,
    PLACEHOLDER,
    SOURCE_SIZE,
    TABLE_SIZES,
    TITLE_SIZE,
    TOP,
    VALUE_MAX_H,
    VALUE_SIZES,
    text_width,
    wrap,
)
from dashboard.charts.style import status_style
from dashboard.formatting import period_on_label
from dashboard.i18n import LANGUAGE_NAMES

# --- layout -------------------------------------------------------------------------------------------


@dataclass
class TextBox:
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
        self.lines = wrap(self.text, self.w, self.size, self.pdf, self.bold)

    @property
    def h(self) -> float:
        return len(self.lines) * self.size * LEADING


@dataclass
class TableBox:
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
class SlideLayout:
    title: TextBox
    badge: tuple[TextBox, str, tuple[float, float, float, float]] | None  # words, colour, box
    numbers: list[tuple[TextBox, TextBox]]  # (value, label)
    body: tuple[float, float, float, float]  # x, y, w, h
    picture: tuple[bytes, tuple[float, float, float, float]] | None
    table: TableBox | None
    source: TextBox


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


def fit_table(frame: pd.DataFrame, width: float, height: float, pdf: bool) -> TableBox:
    """The table at the largest font size that fits the space; if even the smallest does not, the last
    rows give way to a line saying how many were left out."""
    header = [_cell(c) for c in frame.columns]
    rows = [[_cell(v) for v in row] for row in frame.itertuples(index=False, name=None)]

    def build(size: float, body_rows: list[list[str]]) -> TableBox:
        texts = [header, *body_rows]
        pad = 2 * CELL_PAD_X + 1
        natural = [
            max(text_width(r[c], size, pdf, bold=i == 0) for i, r in enumerate(texts)) + pad
            for c in range(len(header))
        ]
        widths = _column_widths(natural, width)
        cells = [
            [wrap(r[c], widths[c] - pad, size, pdf, bold=i == 0) for c in range(len(header))]
            for i, r in enumerate(texts)
        ]
        return TableBox(size, widths, cells, texts)

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


def layout_slide(slide: SlideContent, images: dict[str, bytes], pdf: bool) -> SlideLayout:
    """Where everything goes on one slide (the PDF prints the notes on pages of their own at the end)."""

    def text(words: str, x: float, y: float, w: float, size: float, **style) -> TextBox:
        return TextBox(words, x, y, w, size, pdf=pdf, **style)

    title = text(slide.title, MARGIN, TOP, CONTENT_W, TITLE_SIZE, bold=True)
    y = TOP + title.h + GAP
    badge = None
    if slide.status_label:
        colour = status_style(slide.status).colour
        words = text(slide.status_label, 0, 0, CONTENT_W - 24, BADGE_SIZE, bold=True, color="#ffffff")
        box_w = min(CONTENT_W, max(text_width(line, BADGE_SIZE, pdf, bold=True) for line in words.lines) + 24)
        box = (MARGIN, y, box_w, words.h + 10)
        words.x, words.y, words.w = MARGIN + 12, y + 5, box_w - 24
        badge = (words, colour, box)
        y += box[3] + GAP
    numbers = []
    col_w = (CONTENT_W - 2 * 24) / 3
    for i, (label, value) in enumerate(slide.key_numbers[:3]):
        x = MARGIN + i * (col_w + 24)
        label, figure = period_on_label(label, value)  # as on the page
        for size in VALUE_SIZES:
            shown = text(figure, x, y, col_w, size, bold=True)
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
    table = fit_table(slide.table, body[2], body[3], pdf) if slide.table is not None and png is None else None
    picture = None
    if png is not None:
        scale = min(body[2] / pixels[0], body[3] / pixels[1])
        w, h = pixels[0] * scale, pixels[1] * scale
        picture = (png, (body[0] + (body[2] - w) / 2, body[1], w, h))
    return SlideLayout(title, badge, numbers, body, picture, table, source)


def chart_area(slide: SlideContent) -> tuple[float, float]:
    """The room (width, height in points) the deck's slide leaves its chart: render the chart's PNG at this
    aspect (at 2x or so) and it fills the width with its text at its own size; the PDF's page is the same."""
    _, _, width, height = layout_slide(slide, {}, pdf=False).body
    return width, height


def cover_texts(info: DeckInfo, pdf: bool) -> list[TextBox]:
    """The title slide: the title, then the date, the filters and the language."""
    x, w = MARGIN + 24, CONTENT_W - 48
    title = TextBox(info.title, x, 0, w, COVER_TITLE_SIZE, bold=True, pdf=pdf)
    lines = [
        TextBox(info.date.isoformat(), x, 0, w, 20, pdf=pdf),
        TextBox(info.filters, x, 0, w, 16, color=GREY, pdf=pdf),
        TextBox(LANGUAGE_NAMES.get(info.lang, info.lang), x, 0, w, 16, color=GREY, pdf=pdf),
    ]
    y = PAGE_H * 0.32
    title.y = y
    y += title.h + 24
    for line in lines:
        line.y = y
        y += line.h + 8
    return [title, *lines]


# --- writing safely -----------------------------------------------------------------------------------


def write_atomically(path: Path, write: Callable[[BinaryIO], None]) -> None:
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
