"""Periods, units and how figures are written: tables of cases."""

import datetime as dt
import re

import pytest

from dashboard.formatting import (
    WORD_JOINER,
    count_text,
    display_width,
    format_period,
    format_value,
    literal,
    period_apart,
    unbroken_brackets,
)
from dashboard.i18n import t
from dashboard.periods import PeriodError, parse_period
from dashboard.units import UnitError, convert


@pytest.mark.parametrize(
    ("text", "end", "precision"),
    [
        ("2023", dt.date(2023, 12, 31), 1),
        ("2024-02", dt.date(2024, 2, 29), 2),
        ("2023-02", dt.date(2023, 2, 28), 2),
        ("2024-12", dt.date(2024, 12, 31), 2),
        ("2024-04-24", dt.date(2024, 4, 24), 3),
    ],
)
def test_periods_parse_to_their_last_day(text, end, precision):
    period = parse_period(text)
    assert (period.end, period.precision, period.is_full_year) == (end, precision, precision == 1)


@pytest.mark.parametrize(
    "text", ["", "2023年", "23", "2023-13", "2023-02-30", "2023/06", "2023-6", None, "2023-06-1"]
)
def test_malformed_periods_are_refused(text):
    with pytest.raises(PeriodError):
        parse_period(text)


def test_a_part_of_a_year_sorts_before_the_full_year_and_after_earlier_months():
    periods = sorted(parse_period(p) for p in ["2024", "2024-09", "2023", "2024-04-24"])
    assert [p.text for p in periods] == ["2023", "2024-04-24", "2024-09", "2024"]


@pytest.mark.parametrize(
    ("value", "unit", "canonical", "expected"),
    [
        (2.1, "万项", "项", 21000),
        (1, "万亿元", "亿元", 10000),
        (1101000, "万元", "亿元", 110.1),
        (110.1, "亿元", "亿元", 110.1),
        (13.38, "％", "%", 13.38),
        (45, "万家", "家", 450000),
        (134.9, "万件", "件", 1349000),
    ],
)
def test_values_convert_to_the_canonical_unit(value, unit, canonical, expected):
    assert convert(value, unit, canonical) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("unit", "canonical"), [("件", "项"), ("万次", "件"), ("亿元", "%"), ("台", "台"), ("", "件")]
)
def test_units_that_cannot_convert_are_refused(unit, canonical):
    with pytest.raises(UnitError):
        convert(1, unit, canonical)


@pytest.mark.parametrize(
    ("value", "unit", "qualifier", "lang", "expected"),
    [
        (21000, "项", "more_than", "zh", "2.1万项以上"),
        (21000, "项", "more_than", "en", "more than 21,000 contracts"),
        (60000, "件", "approx", "zh", "约6万件"),
        (60000, "件", "approx", "en", "about 60,000 contracts"),
        (110.1, "亿元", "exact", "zh", "110.1亿元"),
        (110.1, "亿元", "exact", "en", "CNY 11.01 bn"),
        (3828.7, "亿元", "exact", "zh", "3828.7亿元"),
        (10000, "亿元", "exact", "zh", "1万亿元"),
        (10000, "亿元", "exact", "en", "CNY 1,000 bn"),
        (13.38, "%", "exact", "en", "13.38%"),
        (2357, "项", "exact", "zh", "2357项"),
        (1349000, "件", "exact", "zh", "134.9万件"),
    ],
)
def test_values_read_as_people_write_them(value, unit, qualifier, lang, expected):
    assert format_value(value, unit, qualifier, lang, "contracts") == expected


@pytest.mark.parametrize(
    ("period", "lang", "measure", "expected"),
    [
        ("2024-09", "zh", "flow", "2024年1—9月"),
        ("2024-09", "en", "flow", "Jan–Sep 2024"),
        ("2025-06", "zh", "stock", "2025年6月末"),
        ("2025-06", "en", "stock", "end of Jun 2025"),
        ("2023", "zh", "flow", "2023年"),
        ("2024-04-24", "zh", "cumulative", "2024年4月24日"),
        ("2024-04-24", "en", "cumulative", "24 Apr 2024"),
    ],
)
def test_periods_read_as_people_say_them(period, lang, measure, expected):
    assert format_period(period, lang, measure) == expected


@pytest.mark.parametrize(
    "text",
    [
        "see http://evil.example/x",
        "www.evil.example",
        "write to a@b.example",
        "[click](https://evil.example)",
        "![x](http://evil.example/x.png) **bold** <b>b</b> $x$ :red[red]",
    ],
)
def test_literal_text_reads_the_same_and_holds_no_address_a_renderer_could_link(text):
    shown = literal(text)
    # what a reader sees: the escapes consumed, the invisible joiners dropped
    assert re.sub(r"\\(.)", r"\1", shown).replace(WORD_JOINER, "") == text
    assert not re.search(
        r"(?i)(https?|www|ftp)\\?[:.]", shown
    )  # a scheme is never followed by its ":" or "."
    assert "@" not in shown or WORD_JOINER + "@" in shown


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-12-31", "2025\u201112\u201131"),
        ("2025-12", "2025\u201112"),
        ("2025-12-31 and more", "2025-12-31 and more"),
        ("Jan–Nov 2025", "Jan–Nov\u00a02025"),  # a date in words: spaces that do not break
        ("31 Dec 2024", "31\u00a0Dec\u00a02024"),
        ("end of Sep 2025", "end of Sep 2025"),
        ("stock-patent plan", "stock-patent plan"),
    ],
)
def test_a_date_cell_cannot_break_inside_and_other_text_is_left_alone(text, expected):
    from dashboard.formatting import unbroken_date

    assert unbroken_date(text) == expected


@pytest.mark.parametrize(
    ("n", "zh", "en"),
    [
        (7720, "7,720", "7,720"),
        (10000, "1.00万", "10,000"),
        (10200, "1.02万", "10,200"),
        (10400, "1.04万", "10,400"),
        (14000, "1.40万", "14,000"),
        (961931, "96.2万", "961,931"),
        (1000000, "100万", "1,000,000"),
    ],
)
def test_counts_read_to_three_figures_so_that_neighbours_differ(n, zh, en):
    assert (count_text(n, "zh"), count_text(n, "en")) == (zh, en)


@pytest.mark.parametrize(
    "text", ["CNY 792.23 bn (Jan–Sep 2024)", "7922.3亿元（2024年1—9月）", "16 patents (2025)", "16件"]
)
def test_a_figures_period_in_brackets_reads_the_same_and_holds_no_break_inside(text):
    shown = unbroken_brackets(text)
    assert shown.replace(WORD_JOINER, "").replace("\u00a0", " ") == text
    opening = max(shown.rfind("("), shown.rfind("（"))
    if opening < 0:  # no period in brackets: as it was
        assert shown == text
        return
    assert shown[:opening] == text[:opening]  # what comes before keeps its break points
    period = shown[opening:]
    assert " " not in period and set(period[1::2]) == {WORD_JOINER}  # a joiner between every two characters


@pytest.mark.parametrize(
    ("text", "figure", "period"),
    [
        ("CNY 382.87 bn (Jan–Nov 2025)", "CNY 382.87 bn", "(Jan–Nov 2025)"),
        ("3828.7亿元（2025年1—11月）", "3828.7亿元", "（2025年1—11月）"),
        ("16件", "16件", ""),
        ("(2025)", "(2025)", ""),  # nothing but brackets: no figure to set apart
    ],
)
def test_a_figures_period_comes_apart_from_it(text, figure, period):
    assert period_apart(text) == (figure, period)


def test_a_chinese_character_takes_two_columns_and_a_latin_one():
    assert display_width("来源：CNIPA") == 6 + 5
    assert display_width("Sources: CNIPA") == len("Sources: CNIPA")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_short_source_line_is_as_long_to_the_eye_in_either_language(tables, lang):
    """Counted in characters, the Chinese line ran to half again the English one's width: three lines under
    a slide's chart."""
    from dashboard.programme.provenance import SHORT_LINE_WIDTH, short_source_line

    line = short_source_line(list(tables.sources["id"]), tables.sources, lang)
    assert t("sources_more", lang, n=1)[:4] in line or t("sources_more", lang, n=2)[:4] in line
    more = display_width(t("sources_more", lang, n=len(tables.sources)))
    assert SHORT_LINE_WIDTH - 60 < display_width(line) <= SHORT_LINE_WIDTH + more


@pytest.mark.parametrize(
    ("wan", "zh", "en"),
    [
        (830_360.0, "83.04亿元", "CNY 8.30 bn"),  # the inventory's deal value: billions, as 亿 in Chinese
        (12_000.0, "1.20亿元", "CNY 120.0 m"),
        (3_400.0, "3,400万元", "CNY 34.0 m"),
        (0.5, "0万元", "CNY 5,000"),
    ],
)
def test_money_in_wan_reads_in_the_languages_large_unit(wan, zh, en):
    from dashboard.formatting import money_text

    assert (money_text(wan, "zh"), money_text(wan, "en")) == (zh, en)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("已实现（最终）", True),  # broke as "已实现（最" / "终）" in a 1280-px table
        ("国务院新闻办公室", True),
        ("2025年12月31日", True),
        ("国家知识产权局、国家统计局", False),  # longer: wraps as before
        ("Achieved (final)", False),  # no Chinese: breaks at its spaces
    ],
)
def test_short_chinese_cells_cannot_break_inside(text, kept):
    from dashboard.formatting import unbroken_short_chinese

    shown = unbroken_short_chinese(text)
    assert shown.replace(WORD_JOINER, "").replace("\u00a0", " ") == text
    assert (shown != text) == kept
    if kept:  # a joiner between every two characters
        assert set(shown[1::2]) == {WORD_JOINER}


def test_a_labels_last_part_breaks_before_it_not_inside_it():
    from dashboard.formatting import WORD_JOINER, unbroken_last_part

    label = "专利商标质押融资登记金额 · 2024年1—9月"
    shown = unbroken_last_part(label)
    assert shown.replace(WORD_JOINER, "").replace("\u00a0", " ") == label  # the same text to the eye
    head, tail = shown.split(" ·\u00a0")
    assert head == "专利商标质押融资登记金额" and WORD_JOINER in tail and " " not in tail
    assert unbroken_last_part("no separator") == "no separator"
    long_tail = "Value added · " + "a very long part that may wrap"
    assert unbroken_last_part(long_tail) == long_tail


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("国务院新闻办公室（2026年1月23日）", True),  # a date: broken before, not inside
        ("3828.7亿元（2025年1—11月）", True),
        ("State Council Information Office (23 Jan 2026)", True),
        ("我们持有的数据与目标所计的范围不完全一致（见“计入范围”和假设的说明文字）", False),  # a remark wraps
        ("Import of 2026年数据.csv (2 records)", False),  # no year in it: not a period
        ("一份很长很长的说明（2025年7月17日国新办发布会上的讲话全文摘录）", False),  # a year, but a remark
    ],
)
def test_a_bracketed_period_at_a_cells_end_is_kept_whole_but_a_long_remark_is_not(text, kept):
    from dashboard.formatting import WORD_JOINER, unbroken_period

    shown = unbroken_period(text)
    assert shown.replace(WORD_JOINER, "").replace("\u00a0", " ") == text
    bracket = shown[shown.rfind("（" if "（" in shown else "(") :]
    assert (WORD_JOINER in bracket) == kept
