"""The house style's number axes: 万/亿 on Chinese charts, thousands separators in English."""

from __future__ import annotations

import pytest

from dashboard.charts.style import value_ticks

UNITS = {"万": 1e4, "亿": 1e8}


def read_chinese(text: str) -> float:
    """A tick as a reader takes it: 1.5万 is 15000."""
    for suffix, factor in UNITS.items():
        if text.endswith(suffix):
            return float(text[:-1]) * factor
    return float(text)


@pytest.mark.parametrize(
    "values", [[2380, 21000], [697000, 1458000], [0, 3.1e8], [12.5, 48000], [-20000, 50000]]
)
def test_chinese_ticks_say_what_they_are_worth_and_cover_every_value(values):
    axis = value_ticks(values, "zh")
    ticks, texts = axis["tickvals"], axis["ticktext"]
    assert [read_chinese(t) for t in texts] == pytest.approx(ticks)
    assert any(t.endswith(("万", "亿")) for t in texts)
    assert min(ticks) <= min(0, *values) and max(ticks) >= max(values)
    steps = {round(b - a, 6) for a, b in zip(ticks, ticks[1:], strict=False)}
    assert len(steps) == 1  # evenly spaced
    assert 4 <= (max(values) - min(0, *values)) / steps.pop() <= 11  # about five to ten steps over the data


def test_small_chinese_values_and_english_values_are_left_to_a_plain_format():
    assert value_ticks([12.5, 13.38], "zh") == {"tickformat": "~f"}
    assert value_ticks([697000], "en") == {"tickformat": ",~f"}  # thousands separators, never "697k"
    assert value_ticks([], "zh") == {"tickformat": "~f"}
    assert value_ticks([None, float("nan")], "zh") == {"tickformat": "~f"}


def test_with_unit_gives_a_longer_title_more_room_above_the_plot():
    import plotly.graph_objects as go

    from dashboard.charts.style import layout, with_unit

    def unit_figure(title: str) -> go.Figure:
        fig = go.Figure({"data": [], "layout": layout(title, 300)}, _validate=False)
        fig.update_yaxes(title={"text": "件"})
        return with_unit(fig, "单位：件")

    one, two = unit_figure("一行标题"), unit_figure("第一行<br>第二行")
    for fig in (one, two):
        assert fig.layout.yaxis.title.text is None and fig.layout.title.subtitle.text == "单位：件"
        assert (fig.layout.title.yref, fig.layout.title.yanchor) == ("container", "top")
    # The plot starts under the title's last line and the unit line, and so lower under a two-line title.
    assert two.layout.margin.t > one.layout.margin.t >= 60
    assert two.layout.title.pad.t > one.layout.title.pad.t


@pytest.mark.parametrize("title", ["一行标题", "第一行<br>第二行"])
@pytest.mark.parametrize("subtitle", [None, "合成演示数据"])
def test_a_layout_written_as_a_dict_gets_the_unit_and_the_title_place_a_figure_gets(title, subtitle):
    # The Inventory's charts are built without Plotly's validation (style.layout_with_unit, layout_pinned);
    # they must come out as the validated path (with_unit, pinned_title) draws them.
    import plotly.graph_objects as go

    from dashboard.charts.style import layout, layout_pinned, layout_with_unit, pinned_title, with_unit

    def spec() -> dict:
        written = layout(title, 300, subtitle, {"l": 10, "r": 10, "t": 70, "b": 10})
        written["yaxis"] = {**written["yaxis"], "title": {"text": "件"}}
        return written

    def drawn(fig: go.Figure) -> dict:
        out = go.Figure(fig.to_dict()).layout.to_plotly_json()  # validated, as the browser gets it
        if not out.get("yaxis", {}).get("title"):
            out.get("yaxis", {}).pop("title", None)  # an empty title is no title
        return out

    assert drawn(go.Figure(layout=layout_with_unit(spec(), "单位：件"))) == drawn(
        with_unit(go.Figure(layout=spec()), "单位：件")
    )
    assert drawn(go.Figure(layout=layout_pinned(spec()))) == drawn(pinned_title(go.Figure(layout=spec())))
    given = spec()
    layout_with_unit(given, "单位：件")
    assert given == spec()  # the dict given is not changed under its caller


@pytest.mark.parametrize(
    "title",
    [
        "高校和科研机构存量专利盘点、入库与转化运用的各个环节在专项行动期间的进展情况汇总（按季度和机构类型）",
        "Patent transfer and licence contracts recorded by universities and research institutes each year",
    ],
)
def test_unwrap_gives_back_the_title_wrap_broke_into_lines(title):
    from dashboard.charts.style import unwrap, wrap

    assert "<br>" in wrap(title) and unwrap(wrap(title)) == title
