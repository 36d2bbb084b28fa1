"""One indicator's series (dashboard/charts/programme.series_figure): its time axis always says when."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.charts.programme import MONTH_TICK, series_figure
from dashboard.formatting import format_value

INDICATOR = pd.Series(
    {"name_zh": "备案次数", "name_en": "Recordals", "unit": "count", "unit_en": "", "measure": "cumulative"},
    name="recordals",
)


def observations(periods: list[str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator": "recordals",
            "institution_type": "national",
            "period": periods,
            "value": [100.0 * (i + 1) for i in range(len(periods))],
            "qualifier": "exact",
            "source": "s1",
        }
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_figures_months_apart_get_month_ticks_around_them(lang):
    axis = series_figure(observations(["2025-07-17", "2025-08"]), INDICATOR, {}, lang).layout.xaxis
    assert (axis.tickformat, axis.dtick) == (MONTH_TICK[lang], "M1")
    low, high = (pd.Timestamp(x) for x in axis.range)
    assert low < pd.Timestamp("2025-07-17") and high > pd.Timestamp("2025-08-31")


def test_figures_years_apart_get_a_label_under_each_year():
    axis = series_figure(observations(["2021", "2022", "2024"]), INDICATOR, {}, "en").layout.xaxis
    assert list(axis.ticktext) == ["2021", "2022", "2023", "2024"]
    assert [pd.Timestamp(x) for x in axis.tickvals] == [pd.Timestamp(y, 7, 1) for y in range(2021, 2025)]


def test_a_decade_of_figures_gets_every_second_year_counted_back_from_the_latest():
    axis = series_figure(observations(["2012", "2018", "2021", "2022"]), INDICATOR, {}, "zh").layout.xaxis
    assert list(axis.ticktext) == ["2012", "2014", "2016", "2018", "2020", "2022"]


@pytest.mark.parametrize(("lang", "unit"), [("zh", "单位：件"), ("en", "Unit: recordals")])
def test_the_unit_is_written_level_under_the_title_not_turned_on_the_axis(lang, unit):
    indicator = INDICATOR.copy()
    indicator["unit"], indicator["unit_en"] = "件", "recordals"
    fig = series_figure(observations(["2021", "2022"]), indicator, {}, lang, subtitle="demo")
    assert fig.layout.yaxis.title.text is None
    assert fig.layout.title.subtitle.text.startswith("demo · ")  # after the subtitle that was there
    assert fig.layout.title.subtitle.text.endswith(f" · {unit}")


def _drawn_at(fig) -> dict[float, pd.Timestamp]:
    """Each drawn value's date on the axis."""
    return {y: pd.Timestamp(x) for trace in fig.data for x, y in zip(trace.x, trace.y, strict=True)}


def test_a_running_totals_year_among_dated_figures_sits_at_the_years_end_after_them():
    # 100 at 17 Jul 2025, 200 at the end of August, 300 for the year 2025 (a total at the year's end).
    drawn = _drawn_at(series_figure(observations(["2025-07-17", "2025-08", "2025"]), INDICATOR, {}, "en"))
    assert drawn[100.0] < drawn[200.0] < drawn[300.0] == pd.Timestamp("2025-12-31")


@pytest.mark.parametrize(
    ("measure", "periods"), [("flow", ["2025-08", "2025"]), ("cumulative", ["2023", "2024", "2025"])]
)
def test_a_flows_year_and_a_series_of_years_sit_in_the_middle_of_their_year(measure, periods):
    indicator = INDICATOR.copy()
    indicator["measure"] = measure
    drawn = _drawn_at(series_figure(observations(periods), indicator, {}, "en"))
    assert drawn[100.0 * len(periods)] == pd.Timestamp("2025-07-01")


def test_two_figures_for_one_year_stand_apart_under_that_years_label():
    # 100 (exact) and 200 (a lower bound) for 2024, from two sources
    rows = observations(["2024", "2024"]).assign(qualifier=["exact", "more_than"], source=["s1", "s2"])
    fig = series_figure(rows, INDICATOR, {}, "zh")
    drawn = _drawn_at(fig)
    assert drawn[100.0] != drawn[200.0]
    assert all(d.year == 2024 for d in drawn.values())
    # not joined by a line (which would read as a change from one to the other), both filled (a full year)
    assert not [tr for tr in fig.data if "lines" in tr.mode and {100.0, 200.0} <= set(tr.y)]
    assert not any(str(symbol).endswith("-open") for tr in fig.data for symbol in tr.marker.symbol)
    axis = fig.layout.xaxis
    assert list(axis.ticktext) == ["2024"]  # the year, not "2024年7月"
    low, high = (pd.Timestamp(x) for x in axis.range)
    assert low < min(drawn.values()) and max(drawn.values()) < high
    # each carries its value beside it, the left one on its left, so that the two are told apart on screen
    placed = {
        y: (text, position)
        for tr in fig.data
        for y, text, position in zip(tr.y, tr.text, tr.textposition, strict=True)
    }
    assert placed[100.0] == (format_value(100.0, "count", "exact", "zh", ""), "middle left")
    assert placed[200.0] == (format_value(200.0, "count", "more_than", "zh", ""), "middle right")


def test_a_types_lone_figure_among_other_types_lines_carries_its_value():
    lines = observations(["2020", "2021", "2022", "2023"])
    lone = observations(["2020"]).assign(institution_type="university", value=[3.9])
    fig = series_figure(pd.concat([lines, lone], ignore_index=True), INDICATOR, {}, "en")
    labelled = [tr for tr in fig.data if "text" in tr.mode]
    assert [list(tr.y) for tr in labelled] == [[3.9]] and list(labelled[0].text) == [
        format_value(3.9, "count", "exact", "en", "")
    ]


def test_a_series_of_years_leaves_its_values_to_the_hover():
    fig = series_figure(observations(["2022", "2023", "2024"]), INDICATOR, {}, "en")
    assert all("text" not in tr.mode and tr.text is None for tr in fig.data)
    assert all(tr.customdata and "2023" in " ".join(tr.customdata) for tr in fig.data)


@pytest.mark.parametrize(
    ("periods", "dtick"), [(["2025-07", "2025-09"], "M1"), (["2025-07-17", "2025-12"], "M2")]
)
def test_a_half_years_figures_get_a_tick_every_second_month(periods, dtick):
    assert series_figure(observations(periods), INDICATOR, {}, "zh").layout.xaxis.dtick == dtick


@pytest.mark.parametrize(("first", "tick"), [("2025-07-17", "2025-08-01"), ("2025-09-01", "2025-09-01")])
def test_month_ticks_start_at_the_earliest_figure_not_at_the_axis_edge(first, tick):
    # A tick before the earliest figure fell at the axis's left edge, its label under the value axis's "0".
    axis = series_figure(observations([first, "2025-12"]), INDICATOR, {}, "zh").layout.xaxis
    assert pd.Timestamp(axis.tick0) == pd.Timestamp(tick)
    assert pd.Timestamp(axis.tick0) - pd.Timestamp(axis.range[0]) >= pd.Timedelta(days=20)


@pytest.mark.parametrize(("lang", "factor", "unit"), [("zh", 1, "单位：亿元"), ("en", 0.1, "Unit: CNY bn")])
def test_a_yuan_series_is_drawn_in_the_unit_its_figures_are_written_in(lang, factor, unit):
    indicator = INDICATOR.copy()
    indicator["unit"], indicator["unit_en"] = "亿元", "100 million yuan"
    rows = observations(["2023", "2024"])
    fig = series_figure(rows, indicator, {}, lang)
    assert sorted(_drawn_at(fig)) == pytest.approx([v * factor for v in rows["value"]])
    assert fig.layout.title.subtitle.text.endswith(unit)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_one_line_without_a_legend_names_its_institution_type_on_the_subtitle_line(lang):
    names = {
        "national": "全国" if lang == "zh" else "National",
        "enterprise": "企业" if lang == "zh" else "Firms",
    }
    one = series_figure(observations(["2021", "2022"]), INDICATOR, names, lang)
    assert names["national"] in one.layout.title.subtitle.text and not any(tr.showlegend for tr in one.data)
    two = pd.concat(
        [observations(["2021", "2022"]), observations(["2021"]).assign(institution_type="enterprise")]
    )
    fig = series_figure(two, INDICATOR, names, lang)
    assert names["national"] not in fig.layout.title.subtitle.text  # the legend names them
    assert {tr.name for tr in fig.data if tr.showlegend} == set(names.values())
