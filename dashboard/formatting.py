"""Figures, periods and dates as people read them, in Chinese (万/亿) or English (thousands separators,
billions), and text from data escaped so that Markdown shows it as written."""

from __future__ import annotations

import math
import re
import unicodedata

from dashboard.i18n import t
from dashboard.i18n.numbers import system, trim
from dashboard.periods import parse_period

NO_VALUE = "—"  # what a table or a figure shows where there is no value (never "None" or "nan")


def format_number(value: float, unit: str, lang: str, unit_en: str | None = None) -> str:
    """A value in its canonical unit, without a qualifier: 21000 项 → '2.1万项' / '21,000 contracts'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return NO_VALUE
    if unit == "%":
        return f"{trim(value)}%"
    return system(lang).amount(value, unit, unit_en)


def format_value(value: float, unit: str, qualifier: str, lang: str, unit_en: str | None = None) -> str:
    """A value with its qualifier: more_than → '2.1万项以上' / 'more than 21,000 contracts'."""
    text = format_number(value, unit, lang, unit_en)
    if qualifier in ("more_than", "approx"):
        return t(f"value_{qualifier}", lang, value=text)
    return text


def format_period(text: str, lang: str, measure: str = "stock") -> str:
    """A period as people read it. A month period of a flow covers January to that month (2024-09 →
    '2024年1—9月' / 'Jan–Sep 2024'); of a stock it is the month's end ('2025年6月末' / 'end of Jun 2025')."""
    p = parse_period(text)
    parts = {"year": p.year, "month": p.end.month, "mon": f"{p.end:%b}", "day": p.end.day}
    if p.precision == 1:
        return t("period_year", lang, **parts)
    if p.precision == 2:
        if measure == "flow":
            return t("period_flow_months" if p.end.month > 1 else "period_january", lang, **parts)
        return t("period_month_end", lang, **parts)
    return t("period_day", lang, **parts)


def format_date(text: str, lang: str) -> str:
    """A publication date as people read it: a month is a month (not a stock's month end)."""
    p = parse_period(text)
    parts = {"year": p.year, "month": p.end.month, "mon": f"{p.end:%b}", "day": p.end.day}
    key = {1: "period_year", 2: "period_month", 3: "period_day"}[p.precision]
    return t(key, lang, **parts)


def count_text(n: float, lang: str) -> str:
    """A count as people read it: 1.2万 / 12,345."""
    return system(lang).count(n)


def money_text(value: float, lang: str) -> str:
    """万元 as read: 1.2亿元 / 3,400万元; CNY 120 m in English (1 万元 = CNY 10,000)."""
    return system(lang).money_wan(value)


def format_percent(fraction: float, lang: str) -> str:
    """0.368 → '36.8%'."""
    return f"{fraction * 100:.1f}%"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:=^])")


# Streamlit's Markdown turns a bare address (http://…, www.…, a@b.c) into a link even when its punctuation is
# escaped; an invisible word joiner after the scheme and before "@" breaks the pattern, the text reads the same.
_AUTOLINK = re.compile(r"(?i)\b(https?|ftp|mailto|www)(?=\\?[:.])|(?=@)")
WORD_JOINER = "\u2060"


def literal(text: object) -> str:
    """Text from data, a sheet or an address, escaped so that a Markdown renderer shows it as written: no links
    (bare addresses included), images, emphasis, HTML, LaTeX or Streamlit colour directives. Newlines are
    kept as line breaks."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))
    escaped = _AUTOLINK.sub(lambda m: (m.group(1) or "") + WORD_JOINER, escaped)
    return escaped.replace("\n", "  \n")


_DATE = re.compile(r"\d{4}-\d{2}(-\d{2})?")
NON_BREAKING_HYPHEN = "\u2011"


def unbroken_date(text: str) -> str:
    """A date written 2025-12-31 (or 2025-12) with hyphens a line cannot break at, and one written in words
    (31 Dec 2024, Jan–Sep 2024) with spaces it cannot break at, for a table cell that wraps (the browser broke
    it as "2025-12-" / "31"); other text as it is."""
    if _DATE.fullmatch(text):
        return text.replace("-", NON_BREAKING_HYPHEN)
    return text.replace(" ", "\u00a0") if _WORDED_DATE.fullmatch(text) else text


_WORDED_DATE = re.compile(r"(\d{1,2} )?[A-Z][a-z]{2}(–[A-Z][a-z]{2})? \d{4}")
_LAST_BRACKETS = re.compile(r"[(（][^()（）]*[)）]$")


def unbroken_brackets(text: str) -> str:
    """A figure whose period, in brackets at its end, a line breaks before, not inside: "CNY 792.23 bn" /
    "(Jan–Sep 2024)", not "(Jan–" / "Sep 2024)" (a word joiner between its characters, spaces that do not
    break). Text for the screen only: the joiners are invisible but would travel in a copied text."""
    return _LAST_BRACKETS.sub(lambda m: WORD_JOINER.join(m.group(0).replace(" ", "\u00a0")), text)


PERIOD_COLUMNS = 20  # display columns: "（2026年1月23日）" takes 17, "(Jan–Nov 2025)" 14
_YEAR = re.compile(r"\d{4}")


def unbroken_period(text: str) -> str:
    """A date or period in brackets at the end of a table's cell (a year in it, PERIOD_COLUMNS at most) broken
    before, not inside; other text, "(2 records)" among it, as it is (word joiners would also keep the
    browser's find from matching it)."""
    match = _LAST_BRACKETS.search(text)
    if match is None or not _YEAR.search(match.group(0)) or display_width(match.group(0)) > PERIOD_COLUMNS:
        return text
    return unbroken_brackets(text)


def display_width(text: str) -> int:
    """How many columns `text` takes in type: a wide (Chinese) character two, any other one; a line's length
    as the eye sees it, in either language."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


SHORT_CELL_COLUMNS = 18  # display columns: nine Chinese characters


def unbroken_short_chinese(text: str) -> str:
    """Short text with Chinese in it (SHORT_CELL_COLUMNS at most: a status, an outlet, a date) that a line
    cannot break inside: a word joiner between its characters. Longer text, and text without Chinese, as it
    is. For the screen only: the joiners are invisible but would travel in a copied text."""
    if display_width(text) > SHORT_CELL_COLUMNS or not _CJK.search(text):
        return text
    return WORD_JOINER.join(text.replace(" ", "\u00a0"))


_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def unbroken_last_part(text: str) -> str:
    """A label whose last " · " part (a period, a type: SHORT_CELL_COLUMNS at most) a line breaks before,
    not inside: "… · 2024年1—9月", not "… · 2024年1" / "—9月". For the screen only (word joiners)."""
    head, sep, tail = text.rpartition(" · ")
    if not sep or display_width(tail) > SHORT_CELL_COLUMNS:
        return text
    return head + " ·\u00a0" + WORD_JOINER.join(tail.replace(" ", "\u00a0"))


def period_apart(text: str) -> tuple[str, str]:
    """A figure and its period in brackets at its end, apart: ("CNY 382.87 bn", "(Jan–Nov 2025)"); a figure
    with no period in brackets, with "" (a slide writes the period on the label's line, in smaller type)."""
    match = _LAST_BRACKETS.search(text)
    if match is None or match.start() == 0:
        return text, ""
    return text[: match.start()].rstrip(), match.group(0)


def period_on_label(label: str, value: str) -> tuple[str, str]:
    """A key number as a slide shows it: its label with the figure's period on its line, and the figure alone
    ("The figure it rests on (Jan–Nov 2025)", "CNY 382.87 bn"): in the figure's big type, the period took a
    second line and broke inside its brackets."""
    figure, period = period_apart(value)
    return f"{label}{' ' if period.startswith('(') else ''}{period}", figure


def significant(value: float, digits: int = 3) -> float:
    """`value` rounded to `digits` significant figures: 13.7577 → 13.8, 0.051234 → 0.0512, 8123.4 → 8120."""
    if value == 0 or math.isnan(value) or math.isinf(value):
        return value
    return round(value, digits - 1 - math.floor(math.log10(abs(value))))
