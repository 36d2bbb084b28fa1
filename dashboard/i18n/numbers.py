"""How each language writes numbers: Chinese groups by 万 and 亿 (2.1万项, 110.1亿元), English by thousands
(21,000 contracts, CNY 11 bn). One number system per language; callers ask `system(lang)`."""

from __future__ import annotations

import math

COUNT_UNITS_EN = {
    "项": "contracts",
    "件": "patents",
    "次": "recordals",
    "家": "institutions",
    "个": "items",
    "场": "events",
    "分": "points",
}


def trim(number: float, digits: int = 6) -> str:
    """Up to `digits` significant digits, no trailing zeros: 3828.7 → '3828.7', 21000 → '21000'."""
    if number == 0:
        return "0"
    magnitude = int(math.floor(math.log10(abs(number))))
    decimals = max(0, digits - 1 - magnitude)
    return f"{number:.{decimals}f}".rstrip("0").rstrip(".") if decimals else f"{number:.0f}"


class Chinese:
    """万 and 亿, units written after the number without a space."""

    def amount(self, value: float, unit: str, unit_en: str | None = None) -> str:
        """A value in its canonical unit (亿元 stays in 亿元 or 万亿元; counts in 万 or 亿)."""
        if unit == "亿元":
            return f"{trim(value / 1e4)}万亿元" if abs(value) >= 1e4 else f"{trim(value)}亿元"
        if abs(value) >= 1e8:
            return f"{trim(value / 1e8)}亿{unit}"
        if abs(value) >= 1e4:
            return f"{trim(value / 1e4)}万{unit}"
        return f"{trim(value)}{unit}"

    def count(self, n: float) -> str:
        """A count as read, to three figures from 1万: 3,400, 1.04万, 1.40万, 96.2万, 120万 (with one place
        after the point, 10,400 and 10,200 were both "1万", side by side on the inventory's map)."""
        if abs(n) >= 1e4:
            places = 2 if abs(n) < 1e5 else 1 if abs(n) < 1e6 else 0
            return f"{n / 1e4:.{places}f}万"
        return f"{n:,.0f}"

    def chart_unit(self, unit: str, unit_en: str) -> tuple[float, str]:
        """What a chart's value axis counts in (a factor from the canonical unit, and its name): the unit."""
        return 1.0, unit

    def wan_per_table_unit(self) -> float:
        """What a table's column of 万元 amounts is divided by to read in the language's unit: 1 (万元)."""
        return 1.0

    def money_wan(self, value: float) -> str:
        """An amount in 万元: 1.2亿元, 3,400万元."""
        return f"{value / 1e4:,.2f}亿元" if abs(value) >= 1e4 else f"{value:,.0f}万元"


class English:
    """Thousands separators; 亿元 as CNY billions; counting words after the number."""

    def amount(self, value: float, unit: str, unit_en: str | None = None) -> str:
        if unit == "亿元":
            billions = value / 10
            return f"CNY {billions:,.0f} bn" if abs(billions) >= 1000 else f"CNY {trim(billions)} bn"
        words = unit_en or COUNT_UNITS_EN.get(unit, unit)
        text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")
        return f"{text} {words}"

    def count(self, n: float) -> str:
        return f"{n:,.0f}"

    def chart_unit(self, unit: str, unit_en: str) -> tuple[float, str]:
        """What a chart's value axis counts in: 亿元 in CNY billions (a tenth), as the figures beside it are
        written; any other unit as it is, in its English words."""
        return (0.1, "CNY bn") if unit == "亿元" else (1.0, unit_en)

    def wan_per_table_unit(self) -> float:
        """What a table's column of 万元 amounts is divided by to read in CNY millions, as the page's figures
        are written: 100."""
        return 100.0

    def money_wan(self, value: float) -> str:
        """An amount in 万元 (CNY 10,000): CNY 8.30 bn from a billion up (where Chinese says 亿元, and as the
        programme's pages write billions), CNY 120.0 m, or CNY 5,000 below a tenth of a million."""
        millions = value / self.wan_per_table_unit()
        if abs(millions) >= 1000:
            return f"CNY {millions / 1000:,.2f} bn"
        return f"CNY {millions:,.1f} m" if abs(millions) >= 0.1 else f"CNY {value * 1e4:,.0f}"


SYSTEMS = {"zh": Chinese(), "en": English()}


def system(lang: str) -> Chinese | English:
    return SYSTEMS[lang]
