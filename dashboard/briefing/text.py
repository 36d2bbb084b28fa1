"""Text as the deck and the PDF set it: fonts, sizes, and measuring and wrapping lines so that nothing
overflows the space the layout gives it (PowerPoint wraps the deck's text itself; the PDF's is drawn here)."""

from __future__ import annotations

import functools
import unicodedata

from reportlab.pdfbase import pdfmetrics

from dashboard.briefing import fonts
from dashboard.charts.style import FONT_NAME

# One layout, in points from the top left, serves both files: 960 × 540 pt is 13.333 in × 7.5 in (16:9).
PAGE_W, PAGE_H = 960.0, 540.0
MARGIN, TOP, BOTTOM = 36.0, 26.0, 20.0
CONTENT_W = PAGE_W - 2 * MARGIN
FONT = FONT_NAME  # the deck's font (the charts' font): it has the Chinese glyphs
# The PDF embeds its fonts (see fonts.py): Chinese runs in WenQuanYi Zen Hei, Latin runs in Liberation Sans,
# which has a real bold (the Chinese font has none: bold Chinese is drawn filled and stroked).
PDF_FONT = fonts.CHINESE
LATIN_FONT, LATIN_BOLD = fonts.LATIN, fonts.LATIN_BOLD
INK, GREY, RULE, HEADER_FILL, BAND_FILL = "#1f2328", "#59636e", "#c8ccd1", "#e8ebef", "#f6f8fa"
LEADING = 1.2  # line height as a multiple of the font size
TITLE_SIZE, COVER_TITLE_SIZE = 28, 36
VALUE_SIZES = (28, 24, 20, 18, 16, 14)  # a key number at 28 pt; long words (targets without a number) smaller
VALUE_MAX_H = 2 * 28 * LEADING
LABEL_SIZE, BADGE_SIZE, SOURCE_SIZE = 12, 14, 10
NOTES_TITLE_SIZE, NOTES_HEADING_SIZE, NOTES_SIZE = 20, 12, 9  # the PDF's notes pages
TABLE_SIZES = (12, 11, 10, 9, 8)  # the largest that fits
CELL_PAD_X, CELL_PAD_Y = 4.0, 3.0
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
# Characters the PDF writes otherwise (subscripts become x_t, superscripts plain digits: see _pdf_text), so
# that every glyph comes from one of the two embedded fonts.
_PDF_REPLACE = str.maketrans({"\u2212": "-", "\u2011": "-"})
_CLOSING = set("，。、；：？！）》」』〕】”’,.;:?!)]}%")
_OPENING = set("（《「『〔【“‘([{")


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
        return pdf_width(text, 1, bold)
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
    """Whether the character is set in the Latin font (the Windows-1252 repertoire, all in Liberation Sans)."""
    try:
        ch.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def pdf_runs(text: str) -> list[tuple[bool, str]]:
    """The PDF's version of `text` cut into runs of (set in the Latin font, text)."""
    runs: list[tuple[bool, str]] = []
    for ch in _pdf_text(text):
        latin = _is_latin(ch)
        if runs and runs[-1][0] == latin:
            runs[-1] = (latin, runs[-1][1] + ch)
        else:
            runs.append((latin, ch))
    return runs


def pdf_width(text: str, size: float, bold: bool) -> float:
    fonts.require()
    latin_font = LATIN_BOLD if bold else LATIN_FONT
    return sum(
        pdfmetrics.stringWidth(run, latin_font if latin else PDF_FONT, size) for latin, run in pdf_runs(text)
    )


def text_width(text: str, size: float, pdf: bool, bold: bool = False) -> float:
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


def wrap(text: str, width: float, size: float, pdf: bool, bold: bool = False) -> list[str]:
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
