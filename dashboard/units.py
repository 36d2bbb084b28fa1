"""Units of the programme's figures: 万/亿 multipliers, counting words and yuan, converted to a canonical unit."""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.i18n import LocalizedError

# Multiplier prefixes as Chinese statistics write them. Longest first so 万亿 wins over 万.
MULTIPLIERS: dict[str, float] = {
    "万亿": 1e12,
    "亿": 1e8,
    "千万": 1e7,
    "百万": 1e6,
    "万": 1e4,
    "千": 1e3,
    "": 1.0,
}

# Base units a figure can be counted in. Counting words (量词) do not convert into one another:
# 件 (patents) is not 项 (contracts) is not 次 (recordals).
COUNT_WORDS = ("项", "件", "次", "家", "个", "场", "分")
CURRENCY = "元"
PERCENT = "%"
BASES = (*COUNT_WORDS, CURRENCY, PERCENT)


class UnitError(LocalizedError, ValueError):
    """A unit we do not know, or one that cannot be converted to the indicator's canonical unit."""


@dataclass(frozen=True)
class Unit:
    factor: float
    base: str

    def __str__(self) -> str:
        return f"{self.factor:g}×{self.base}"


def parse_unit(text: str) -> Unit:
    """'亿元' → Unit(1e8, '元'); '万件' → Unit(1e4, '件'); '%' → Unit(1, '%'). Raise UnitError otherwise."""
    s = (text or "").strip().replace("％", "%")
    if s in ("%", "百分比"):
        return Unit(1.0, PERCENT)
    for prefix, factor in sorted(MULTIPLIERS.items(), key=lambda kv: -len(kv[0])):
        if s.startswith(prefix):
            base = s[len(prefix) :]
            if base in BASES and base != PERCENT:
                return Unit(factor, base)
    raise UnitError("unit_unknown", unit=text)


def conversion_factor(from_unit: str, to_unit: str) -> float:
    """The number to multiply a value in `from_unit` by to express it in `to_unit`."""
    src, dst = parse_unit(from_unit), parse_unit(to_unit)
    if src.base != dst.base:
        raise UnitError("unit_not_convertible", source=from_unit, target=to_unit)
    return src.factor / dst.factor


def convert(value: float, from_unit: str, to_unit: str) -> float:
    """Convert and round away binary noise (2.1 万 → 21000, not 21000.000000000004)."""
    return round(value * conversion_factor(from_unit, to_unit), 10)
