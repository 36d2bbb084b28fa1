"""Figures as people read them, in Chinese (万/亿) or English (thousands separators, billions)."""

from __future__ import annotations

import math
import re

from dashboard.periods import parse_period

COUNT_UNITS_EN = {
    "项": "contracts",
    "件": "patents",
    "次": "recordals",
    "家": "institutions",
    "个": "items",
    "场": "events",
}


def _trim(number: float, digits: int = 6) -> str:
    """Up to `digits` significant digits, no trailing zeros: 3828.7 → '3828.7', 21000 → '21000'."""
    if number == 0:
        return "0"
    magnitude = int(math.floor(math.log10(abs(number))))
    decimals = max(0, digits - 1 - magnitude)
    return f"{number:.{decimals}f}".rstrip("0").rstrip(".") if decimals else f"{number:.0f}"


def format_number(value: float, unit: str, lang: str, unit_en: str | None = None) -> str:
    """A value in its canonical unit, without a qualifier: 21000 项 → '2.1万项' / '21,000 contracts'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if unit == "%":
        return f"{_trim(value)}%"
    if unit == "亿元":
        if lang == "zh":
            return f"{_trim(value / 1e4)}万亿元" if abs(value) >= 1e4 else f"{_trim(value)}亿元"
        billions = value / 10
        return f"CNY {billions:,.0f} bn" if abs(billions) >= 1000 else f"CNY {_trim(billions)} bn"
    if lang == "zh":
        if abs(value) >= 1e8:
            return f"{_trim(value / 1e8)}亿{unit}"
        if abs(value) >= 1e4:
            return f"{_trim(value / 1e4)}万{unit}"
        return f"{_trim(value)}{unit}"
    words = unit_en or COUNT_UNITS_EN.get(unit, unit)
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{text} {words}"


def format_value(value: float, unit: str, qualifier: str, lang: str, unit_en: str | None = None) -> str:
    """A value with its qualifier: more_than → '2.1万项以上' / 'more than 21,000 contracts'."""
    text = format_number(value, unit, lang, unit_en)
    if qualifier == "more_than":
        return f"{text}以上" if lang == "zh" else f"more than {text}"
    if qualifier == "approx":
        return f"约{text}" if lang == "zh" else f"about {text}"
    return text


def format_period(text: str, lang: str, measure: str = "stock") -> str:
    """A period as people read it. A month period of a flow covers January to that month (2024-09 →
    '2024年1—9月' / 'Jan–Sep 2024'); of a stock it is the month's end ('2025年6月末' / 'end of Jun 2025')."""
    p = parse_period(text)
    month = p.end.month
    if lang == "zh":
        if p.precision == 1:
            return f"{p.year}年"
        if p.precision == 2:
            if measure == "flow":
                return f"{p.year}年1—{month}月" if month > 1 else f"{p.year}年1月"
            return f"{p.year}年{month}月末"
        return f"{p.year}年{month}月{p.end.day}日"
    if p.precision == 1:
        return str(p.year)
    if p.precision == 2:
        if measure == "flow":
            return f"Jan–{p.end:%b} {p.year}" if month > 1 else f"Jan {p.year}"
        return f"end of {p.end:%b} {p.year}"
    return f"{p.end.day} {p.end:%b} {p.year}"


def format_percent(fraction: float, lang: str) -> str:
    """0.368 → '36.8%'."""
    return f"{fraction * 100:.1f}%"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:=^])")


def literal(text: object) -> str:
    """Text from data or a sheet, escaped so that a Markdown renderer shows it as written: no links, emphasis,
    HTML, LaTeX or Streamlit colour directives. Newlines are kept as line breaks."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))
    return escaped.replace("\n", "  \n")
