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
from dashboard.i18n import LocalizedError
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


class CellError(LocalizedError, ValueError):
    """A cell that cannot be read; the message (a catalogue key) says what was found and what was expected."""


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
                raise CellError("cell_units_disagree", in_cell=unit_in_cell, given=given)
        except UnitError:
            pass  # reported below when the unit itself is unknown
    return unit_in_cell


def parse_value(
    cell: object, canonical_unit: str, unit_column: str | None = None, change: bool = False
) -> ParsedValue:
    """A figure in the indicator's canonical unit. Raise CellError when it cannot be read or converted.
    `change`: the indicator is a rise or fall against an earlier period (a percentage may then be negative or
    above 100)."""
    if is_blank(cell):
        raise CellError("cell_no_value")
    if isinstance(cell, bool):
        raise CellError("cell_not_number", cell=cell)
    if isinstance(cell, int | float | Decimal):
        number, unit_in_cell, qualifier = float(cell), "", None
        if not math.isfinite(number):
            raise CellError("cell_not_finite", cell=cell)
    else:
        text = normalise_text(cell)
        rest, qualifier = _strip_affixes(text)
        cny = _CNY_BN.match(rest.lower())
        if cny:  # the English dashboard's own format: CNY 110 bn (1 bn yuan = 10 亿元)
            inner = parse_value(cny["num"], "亿元", "亿元")
            if inner.qualifier and qualifier and inner.qualifier != qualifier:
                raise CellError("cell_bound_and_approx", cell=text)
            return _finish(
                inner.value * 10, "亿元", canonical_unit, qualifier or inner.qualifier, text, change
            )
        match = _NUMBER.match(rest)
        if not match:
            raise CellError("cell_not_number", cell=text)
        number = float(match.group().replace(",", ""))
        unit_in_cell, suffix_qualifier = _unit_text(rest[match.end() :].lower().replace("％", PERCENT))
        if suffix_qualifier and qualifier and suffix_qualifier != qualifier:
            raise CellError("cell_bound_and_approx", cell=text)
        qualifier = qualifier or suffix_qualifier
        if not math.isfinite(number):
            raise CellError("cell_not_finite", cell=text)
    try:
        unit = _combine_units(unit_in_cell, unit_column, canonical_unit)
    except UnitError as exc:
        raise CellError(exc.message.key, **exc.message.params) from None
    return _finish(number, unit, canonical_unit, qualifier, str(cell), change)


def _finish(
    number: float, unit: str, canonical_unit: str, qualifier: str | None, shown: str, change: bool = False
) -> ParsedValue:
    try:
        src, dst = parse_unit(unit), parse_unit(canonical_unit)
    except UnitError:
        raise CellError("cell_unit_unknown", unit=unit) from None
    if src.base != dst.base:
        raise CellError("cell_unit_not_convertible", cell=shown, unit=unit, canonical=canonical_unit)
    value = round(number * src.factor / dst.factor, 10)
    if not math.isfinite(value):
        raise CellError("cell_too_large", cell=shown)
    if value < 0 and not change:
        kind = "percentage" if dst.base == PERCENT else ("amount" if dst.base == CURRENCY else "count")
        raise CellError(f"cell_negative_{kind}", cell=shown)
    if dst.base == PERCENT and value > 100 and not change:
        raise CellError("cell_percentage_above_100", cell=shown)
    return ParsedValue(value=value, qualifier=qualifier, unit_given=unit)


def parse_qualifier(cell: object) -> str | None:
    """exact / more_than / approx from the qualifier column (ids or 以上/约/…); None when blank."""
    if is_blank(cell):
        return None
    text = normalise_text(cell).lower()
    if text in QUALIFIER_WORDS:
        return QUALIFIER_WORDS[text]
    raise CellError("cell_not_qualifier", cell=str(cell))


_YEAR = re.compile(r"^(\d{4})(?:年|年度|年末|年底|\.0)?$")
_YEAR_MONTH = re.compile(r"^(\d{4})(?:-|/|\.|年)(\d{1,2})月?(?:末|底)?$")
_JAN_TO_MONTH = re.compile(r"^(\d{4})年?1\s*(?:-|—|–|~|至|到)\s*(\d{1,2})月$")
_DAY = re.compile(r"^(\d{4})(?:-|/|\.|年)(\d{1,2})(?:-|/|\.|月)(\d{1,2})日?$")


def parse_period_cell(cell: object) -> str:
    """A period as the store keeps it: YYYY, YYYY-MM or YYYY-MM-DD. Date cells are days."""
    if is_blank(cell):
        raise CellError("cell_no_period")
    if isinstance(cell, dt.datetime):
        cell = cell.date()
    if isinstance(cell, dt.date):
        return cell.isoformat()
    if isinstance(cell, bool):
        raise CellError("cell_not_period", cell=cell)
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
        raise CellError("cell_not_period", cell=text)
    try:
        return parse_period(candidate).text
    except PeriodError:
        raise CellError("cell_not_real_date", cell=text) from None


def name_key(text: object) -> str:
    """How names are compared: full-width folded, spaces collapsed, case ignored."""
    return normalise_text(text).casefold()


def lookup(cell: object, names: dict[str, str], what: str) -> str:
    """The id that `cell` names in `names` (keyed by name_key); CellError when it names none. `what` is
    "indicator" or "institution_type"."""
    if is_blank(cell):
        raise CellError(f"cell_no_{what}")
    found = names.get(name_key(cell))
    if found is None:
        raise CellError(f"cell_unknown_{what}", cell=normalise_text(cell))
    return found


def restore_neutralised(cell: object) -> object:
    """Read back text an export protected from spreadsheets ('=x → =x); leave everything else alone."""
    if isinstance(cell, str) and len(cell) > 1 and cell[0] == "'" and cell[1:].startswith(FORMULA_PREFIXES):
        return cell[1:]
    return cell
