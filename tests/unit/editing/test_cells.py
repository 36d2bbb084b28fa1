"""Reading single cells of an import sheet: values (万/亿, qualifier words, full-width digits, units), periods
and qualifiers, with property-based checks that the value reader fails only with its own error and reads
back every figure the dashboard prints."""

import datetime as dt
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.editing.cells import (
    CellError,
    parse_period_cell,
    parse_qualifier,
    parse_value,
    restore_neutralised,
)
from dashboard.formatting import format_value
from dashboard.i18n.numbers import trim as _trim
from dashboard.periods import parse_period


@pytest.mark.parametrize(
    ("cell", "unit", "unit_column", "value", "qualifier"),
    [
        ("2.1万余", "项", None, 21000, "more_than"),
        ("110.1亿元", "亿元", None, 110.1, None),
        ("1,101,000万元", "亿元", None, 110.1, None),
        ("１３.３８%", "%", None, 13.38, None),
        ("１３.３８％", "%", None, 13.38, None),
        ("约3828.7亿元", "亿元", None, 3828.7, "approx"),
        ("近4000亿元", "亿元", None, 4000, "approx"),
        ("3000亿元左右", "亿元", None, 3000, "approx"),
        ("超过1.35万件", "件", None, 13500, "more_than"),
        ("4.5万家以上", "家", None, 45000, "more_than"),
        ("3000多项", "项", None, 3000, "more_than"),
        ("21000", "项", None, 21000, None),
        (21000, "项", None, 21000, None),
        (0.5, "亿元", "万亿元", 5000, None),
        ("2.1", "项", "万项", 21000, None),
        ("2.1万", "项", "项", 21000, None),
        ("1101000", "亿元", "万元", 110.1, None),
        ("0", "件", None, 0, None),
        ("more than 21,000 contracts", "项", None, 21000, "more_than"),
        ("CNY 382.87 bn", "亿元", None, 3828.7, None),
    ],
)
def test_values_are_read_into_the_canonical_unit(cell, unit, unit_column, value, qualifier):
    parsed = parse_value(cell, unit, unit_column)
    assert math.isclose(parsed.value, value, rel_tol=1e-12)
    assert parsed.qualifier == qualifier


@pytest.mark.parametrize(
    ("cell", "unit", "unit_column", "message"),
    [
        ("", "项", None, "no value"),
        (None, "项", None, "no value"),
        ("many", "项", None, "not a number"),
        ("2.1万件", "项", None, "cannot be converted"),
        ("110亿元", "件", None, "cannot be converted"),
        ("12", "亿元", "件", "cannot be converted"),
        ("12亿元", "亿元", "件", "unit column says"),
        ("12 widgets", "件", None, "unknown unit"),
        ("-5", "件", None, "negative"),
        (-3.0, "亿元", None, "negative"),
        ("101%", "%", None, "above 100"),
        ("约3000余项", "项", None, "both"),
        (True, "项", None, "not a number"),
        (float("nan"), "项", None, "no value"),
        (float("inf"), "项", None, "finite"),
    ],
)
def test_unreadable_values_say_why(cell, unit, unit_column, message):
    with pytest.raises(CellError, match=message):
        parse_value(cell, unit, unit_column)


@pytest.mark.parametrize(
    ("cell", "period"),
    [
        ("2023", "2023"),
        ("2023年", "2023"),
        (2023, "2023"),
        (2023.0, "2023"),
        ("２０２３年", "2023"),
        ("2023-06", "2023-06"),
        ("2023年6月", "2023-06"),
        ("2023/6", "2023-06"),
        ("2024年1—9月", "2024-09"),
        ("2024-04-24", "2024-04-24"),
        ("2024年4月24日", "2024-04-24"),
        ("2024/4/24", "2024-04-24"),
        (dt.date(2024, 4, 24), "2024-04-24"),
        (dt.datetime(2024, 4, 24, 0, 0), "2024-04-24"),
    ],
)
def test_periods_in_the_forms_people_write_them(cell, period):
    assert parse_period_cell(cell) == period


@pytest.mark.parametrize(
    "cell", ["", None, "last year", "2023-13", "2024年2月30日", "2024年3—9月", "23", True]
)
def test_unreadable_periods_say_why(cell):
    with pytest.raises(CellError):
        parse_period_cell(cell)


@pytest.mark.parametrize(
    ("cell", "qualifier"),
    [
        ("exact", "exact"),
        ("more_than", "more_than"),
        ("以上", "more_than"),
        ("余", "more_than"),
        ("约", "approx"),
        ("APPROX", "approx"),
        ("", None),
        (None, None),
    ],
)
def test_qualifier_column(cell, qualifier):
    assert parse_qualifier(cell) == qualifier


def test_a_qualifier_column_rejects_other_words():
    with pytest.raises(CellError, match="not a qualifier"):
        parse_qualifier("roughly-ish")


@pytest.mark.parametrize(
    ("cell", "text"),
    [
        ("'=SUM(A1:A3)", "=SUM(A1:A3)"),
        ("'+86 10", "+86 10"),
        ("'-x", "-x"),
        ("'@cmd", "@cmd"),
        ("'quoted'", "'quoted'"),
        ("plain", "plain"),
        (12, 12),
    ],
)
def test_neutralised_cells_read_back_to_the_original_text(cell, text):
    assert restore_neutralised(cell) == text


@settings(max_examples=400, deadline=None)
@given(
    text=st.text(max_size=30),
    unit=st.sampled_from(["项", "件", "亿元", "%", "家"]),
    unit_column=st.one_of(st.none(), st.text(max_size=6)),
)
def test_the_value_reader_raises_nothing_but_its_own_error(text, unit, unit_column):
    try:
        parsed = parse_value(text, unit, unit_column)
    except CellError:
        return
    assert math.isfinite(parsed.value) and parsed.value >= 0


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=20))
def test_the_period_reader_raises_nothing_but_its_own_error(text):
    try:
        period = parse_period_cell(text)
    except CellError:
        return
    assert parse_period(period).text == period  # whatever it accepts is a period the store keeps


def _shown_value(value: float) -> float:
    """What the dashboard keeps of a value when it prints it: six significant digits."""
    return float(_trim(value))


@settings(max_examples=400, deadline=None)
@given(
    value=st.floats(min_value=0, max_value=1e13, allow_nan=False).filter(lambda v: v == 0 or v >= 1e-3),
    unit=st.sampled_from(["项", "件", "次", "家", "亿元"]),
    qualifier=st.sampled_from(["exact", "more_than", "approx"]),
    lang=st.sampled_from(["zh", "en"]),
)
def test_every_figure_the_dashboard_prints_reads_back(value, unit, qualifier, lang):
    unit_en = {"项": "contracts", "件": "patents", "次": "recordals", "家": "institutions"}.get(unit)
    shown = format_value(value, unit, qualifier, lang, unit_en)
    parsed = parse_value(shown, unit)
    assert parsed.qualifier == (None if qualifier == "exact" else qualifier)
    if lang == "en" and unit != "亿元":
        # English counts print whole numbers with separators, or two decimals.
        expected = round(value) if float(value).is_integer() else float(f"{value:.2f}")
    elif lang == "zh" and unit != "亿元":
        expected = _zh_count(value)
    else:
        expected = _money(value, lang)
    assert math.isclose(parsed.value, expected, rel_tol=1e-9, abs_tol=1e-9), (shown, parsed)


def _zh_count(value: float) -> float:
    if value >= 1e8:
        return _shown_value(value / 1e8) * 1e8
    if value >= 1e4:
        return _shown_value(value / 1e4) * 1e4
    return _shown_value(value)


def _money(value: float, lang: str) -> float:
    if lang == "zh":
        return _shown_value(value / 1e4) * 1e4 if value >= 1e4 else _shown_value(value)
    billions = value / 10
    return round(billions) * 10 if billions >= 1000 else _shown_value(billions) * 10


@settings(max_examples=300, deadline=None)
@given(value=st.floats(min_value=0, max_value=100, allow_nan=False))
def test_every_percentage_the_dashboard_prints_reads_back(value):
    shown = format_value(value, "%", "exact", "zh")
    assert math.isclose(parse_value(shown, "%").value, _shown_value(value), rel_tol=1e-9, abs_tol=1e-9)
