"""Reading one cell of an import sheet: values as statistics write them (2.1万余, 110.1亿元, １３.３８%),
periods (2023年6月, a date cell), and names (an id, or the Chinese or English name).

Every function here raises CellError, and nothing else, on input it cannot read."""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from dashboard.downloads import FORMULA_PREFIXES
from dashboard.periods import PeriodError, parse_period
from dashboard.units import COUNT_WORDS, CURRENCY, PERCENT, UnitError, parse_unit

QUALIFIERS = ("exact", "more_than", "approx")

# Words that turn a figure into a lower bound or an approximation, as they stand before or after the number.
MORE_THAN_PREFIXES = ("超过", "超", "逾", "more than", "over")
APPROX_PREFIXES = ("大约", "约", "近", "about", "approx.", "approximately", "around", "~")
MORE_THAN_SUFFIXES = ("以上", "余", "多")
APPROX_SUFFIXES = ("左右",)
QUALIFIER_WORDS = {
    "exact": "exact",
    "精确": "exact",
    "准确": "exact",
    "=": "exact",
    "more_than": "more_than",
    "以上": "more_than",
    "多": "more_than",
    "余": "more_than",
    "超": "more_than",
    "超过": "more_than",
    "more than": "more_than",
    ">": "more_than",
    "approx": "approx",
    "约": "approx",
    "近": "approx",
    "左右": "approx",
    "approximately": "approx",
    "about": "approx",
    "~": "approx",
}
# The English count words the dashboard prints (dashboard.formatting.COUNT_UNITS_EN), read back.
ENGLISH_COUNT_WORDS = {
    "contracts": "项",
    "patents": "件",
    "recordals": "次",
    "institutions": "家",
    "items": "个",
    "events": "场",
    "products": "个",
    "firms": "家",
    "markets": "家",
    "licences": "项",
}

_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+")
_CNY_BN = re.compile(r"^cny\s*(?P<num>[^a-z]+?)\s*bn$")


class CellError(ValueError):
    """A cell that cannot be read; the message says what was found and what was expected, in English (str)
    and in Chinese (`.zh`)."""

    def __init__(self, message: str, zh: str | None = None):
        super().__init__(message)
        self.zh = zh or message


@dataclass(frozen=True)
class ParsedValue:
    value: float  # in the indicator's canonical unit
    qualifier: str | None  # from words in the cell (多/余/超/以上, 约/近/左右); None when it has none
    unit_given: str  # the unit the cell was read in, for messages


def normalise_text(cell: object) -> str:
    """Text of a cell with full-width characters folded (１３.３８％ → 13.38%) and whitespace trimmed."""
    text = unicodedata.normalize("NFKC", str(cell))
    return re.sub(r"\s+", " ", text).strip()


def is_blank(cell: object) -> bool:
    if cell is None:
        return True
    if isinstance(cell, float) and math.isnan(cell):
        return True
    return isinstance(cell, str) and not cell.strip()


def _strip_affixes(text: str) -> tuple[str, str | None]:
    """Remove qualifier words before and after the number; return the rest and the qualifier they mean."""
    qualifier = None
    lowered = text.lower()
    for words, meaning in ((MORE_THAN_PREFIXES, "more_than"), (APPROX_PREFIXES, "approx")):
        for word in words:
            if lowered.startswith(word):
                text, lowered, qualifier = text[len(word) :].lstrip(), lowered[len(word) :].lstrip(), meaning
                break
        if qualifier:
            break
    return text, qualifier


def _unit_text(rest: str) -> tuple[str, str | None]:
    """Split what follows the number into its unit text and any qualifier word (余/多/以上/左右)."""
    qualifier = None
    for words, meaning in ((MORE_THAN_SUFFIXES, "more_than"), (APPROX_SUFFIXES, "approx")):
        for word in words:
            if word in rest:
                rest, qualifier = rest.replace(word, "", 1), meaning
    return rest.strip(), qualifier


def _combine_units(unit_in_cell: str, unit_column: str | None, canonical: str) -> str:
    """The unit a value is written in: its own, or a bare multiplier (万) on the unit column's or the
    canonical unit's base."""
    given = unit_column.strip() if unit_column and unit_column.strip() else None
    if unit_in_cell in ENGLISH_COUNT_WORDS:
        unit_in_cell = ENGLISH_COUNT_WORDS[unit_in_cell]
    if not unit_in_cell:
        return given or canonical
    if unit_in_cell in ("万亿", "亿", "千万", "百万", "万", "千"):
        base = given or parse_unit(canonical).base
        return unit_in_cell + (base if base in (*COUNT_WORDS, CURRENCY) else given or "")
    if given:
        try:
            if parse_unit(given).base != parse_unit(unit_in_cell).base:
                raise CellError(
                    f"the value is in {unit_in_cell!r} but the unit column says {given!r}",
                    f"数值的单位是“{unit_in_cell}”，但单位列写的是“{given}”",
                )
        except UnitError:
            pass  # reported below when the unit itself is unknown
    return unit_in_cell


def parse_value(cell: object, canonical_unit: str, unit_column: str | None = None) -> ParsedValue:
    """A figure in the indicator's canonical unit. Raise CellError when it cannot be read or converted."""
    if is_blank(cell):
        raise CellError("no value", "没有数值")
    if isinstance(cell, bool):
        raise CellError(f"{cell!r} is not a number", f"“{cell}”不是数字")
    if isinstance(cell, int | float | Decimal):
        number, unit_in_cell, qualifier = float(cell), "", None
        if not math.isfinite(number):
            raise CellError(f"{cell!r} is not a finite number", f"“{cell}”不是有限的数")
    else:
        text = normalise_text(cell)
        rest, qualifier = _strip_affixes(text)
        cny = _CNY_BN.match(rest.lower())
        if cny:  # the English dashboard's own format: CNY 110 bn (1 bn yuan = 10 亿元)
            inner = parse_value(cny["num"], "亿元", "亿元")
            if inner.qualifier and qualifier and inner.qualifier != qualifier:
                raise CellError(
                    f"{text!r} is both a lower bound and an approximation",
                    f"“{text}”既是下限又是约数，无法确定",
                )
            return _finish(inner.value * 10, "亿元", canonical_unit, qualifier or inner.qualifier, text)
        match = _NUMBER.match(rest)
        if not match:
            raise CellError(f"{text!r} is not a number", f"“{text}”不是数字")
        number = float(match.group().replace(",", ""))
        unit_in_cell, suffix_qualifier = _unit_text(rest[match.end() :].lower().replace("％", PERCENT))
        if suffix_qualifier and qualifier and suffix_qualifier != qualifier:
            raise CellError(
                f"{text!r} is both a lower bound and an approximation", f"“{text}”既是下限又是约数，无法确定"
            )
        qualifier = qualifier or suffix_qualifier
        if not math.isfinite(number):
            raise CellError(f"{text!r} is not a finite number", f"“{text}”不是有限的数")
    try:
        unit = _combine_units(unit_in_cell, unit_column, canonical_unit)
    except UnitError as exc:
        raise CellError(str(exc), f"无法识别的单位：{exc}") from None
    return _finish(number, unit, canonical_unit, qualifier, str(cell))


def _finish(number: float, unit: str, canonical_unit: str, qualifier: str | None, shown: str) -> ParsedValue:
    try:
        src, dst = parse_unit(unit), parse_unit(canonical_unit)
    except UnitError as exc:
        raise CellError(
            str(exc).replace("unknown unit", "unknown unit in the value or unit column"),
            f"数值或单位列中的单位无法识别（{unit}）",
        ) from None
    if src.base != dst.base:
        raise CellError(
            f"{shown!r} is in {unit}, which cannot be converted to this indicator's unit {canonical_unit}",
            f"“{shown}”的单位是{unit}，无法换算为该指标的单位{canonical_unit}",
        )
    value = round(number * src.factor / dst.factor, 10)
    if not math.isfinite(value):
        raise CellError(f"{shown!r} is too large", f"“{shown}”过大")
    if value < 0:
        kind = "a percentage" if dst.base == PERCENT else ("an amount" if dst.base == CURRENCY else "a count")
        kind_zh = {"a percentage": "百分比", "an amount": "金额", "a count": "数量"}[kind]
        raise CellError(
            f"{shown!r} is negative, which {kind} cannot be", f"“{shown}”为负数，{kind_zh}不能为负"
        )
    if dst.base == PERCENT and value > 100:
        raise CellError(f"{shown!r} is a percentage above 100", f"“{shown}”是超过100的百分比")
    return ParsedValue(value=value, qualifier=qualifier, unit_given=unit)


def parse_qualifier(cell: object) -> str | None:
    """exact / more_than / approx from the qualifier column (ids or 以上/约/…); None when blank."""
    if is_blank(cell):
        return None
    text = normalise_text(cell).lower()
    if text in QUALIFIER_WORDS:
        return QUALIFIER_WORDS[text]
    raise CellError(
        f"{str(cell)!r} is not a qualifier (exact, more_than, approx, or 以上/约)",
        f"“{cell}”不是限定词（可写 exact、more_than、approx 或 以上、约）",
    )


_YEAR = re.compile(r"^(\d{4})(?:年|年度|年末|年底|\.0)?$")
_YEAR_MONTH = re.compile(r"^(\d{4})(?:-|/|\.|年)(\d{1,2})月?(?:末|底)?$")
_JAN_TO_MONTH = re.compile(r"^(\d{4})年?1\s*(?:-|—|–|~|至|到)\s*(\d{1,2})月$")
_DAY = re.compile(r"^(\d{4})(?:-|/|\.|年)(\d{1,2})(?:-|/|\.|月)(\d{1,2})日?$")


def parse_period_cell(cell: object) -> str:
    """A period as the store keeps it: YYYY, YYYY-MM or YYYY-MM-DD. Date cells are days."""
    if is_blank(cell):
        raise CellError("no period", "没有期间")
    if isinstance(cell, dt.datetime):
        cell = cell.date()
    if isinstance(cell, dt.date):
        return cell.isoformat()
    if isinstance(cell, bool):
        raise CellError(f"{cell!r} is not a period", f"“{cell}”不是期间")
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    text = normalise_text(cell)
    if m := _YEAR.match(text):
        candidate = m[1]
    elif (m := _YEAR_MONTH.match(text)) or (m := _JAN_TO_MONTH.match(text)):
        candidate = f"{m[1]}-{int(m[2]):02d}"
    elif m := _DAY.match(text):
        candidate = f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}"
    else:
        raise CellError(
            f"{text!r} is not a period (2023, 2023年6月, 2024-04-24, …)",
            f"“{text}”不是期间（可写 2023、2023年6月、2024-04-24 等）",
        )
    try:
        return parse_period(candidate).text
    except PeriodError as exc:
        raise CellError(str(exc), f"“{text}”不是真实的日期") from None


def name_key(text: object) -> str:
    """How names are compared: full-width folded, spaces collapsed, case ignored."""
    return normalise_text(text).casefold()


WHAT_ZH = {"indicator": "指标", "institution type": "机构类型"}


def lookup(cell: object, names: dict[str, str], what: str) -> str:
    """The id that `cell` names in `names` (keyed by name_key); CellError when it names none."""
    if is_blank(cell):
        raise CellError(f"no {what}", f"没有{WHAT_ZH.get(what, what)}")
    found = names.get(name_key(cell))
    if found is None:
        raise CellError(
            f"unknown {what} {normalise_text(cell)!r}",
            f"无法识别的{WHAT_ZH.get(what, what)}“{normalise_text(cell)}”",
        )
    return found


def restore_neutralised(cell: object) -> object:
    """Read back text an export protected from spreadsheets ('=x → =x); leave everything else alone."""
    if isinstance(cell, str) and len(cell) > 1 and cell[0] == "'" and cell[1:].startswith(FORMULA_PREFIXES):
        return cell[1:]
    return cell
