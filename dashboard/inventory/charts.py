"""Plotly figures of the Inventory page, built from the engine's small result frames (never from records).

Every figure carries the dataset's note under its title ("synthetic demo data" for the demo), so a chart
downloaded as PNG or SVG, or placed in a deck, says what it shows.

Figures are written as plain dicts and wrapped without plotly's property-by-property validation, which costs
more than the engine's whole computation on a rerun; the tests validate every figure in full instead.
"""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from dashboard.charts import style
from dashboard.charts.maps import schematic_note, tile_label, top_under
from dashboard.charts.style import DEAL_COLOURS, DISPOSITION_STYLE, PALETTE, wrap
from dashboard.formatting import count_text, money_text
from dashboard.i18n import pick, t

TILE_TEXT_SIZE = {"zh": 10, "en": 9}  # px: English names are longer
MAP_TOP = 59  # px: the province map's top margin but its subtitle's lines (maps.top_under)
# A CSS text-shadow: a white glow around dark text.
TEXT_HALO = "0 0 1px white, 0 0 2px white, 0 0 2px white, 0 0 3px white"


def _figure(
    data: list[dict],
    title: str,
    note: str,
    height: int,
    unit: str | None = None,
    pinned: bool = False,
    **layout,
) -> go.Figure:
    """A figure in the house style (dashboard.charts.style), the dataset's note as its subtitle; with `unit`
    (`_in_patents`) that unit after it (style.with_unit), or `pinned`, its title placed as if it had one."""
    margin = layout.pop("margin", {"l": 10, "r": 10, "t": 70, "b": 10})
    spec = style.layout(title, height, note, margin, **layout)
    if unit:
        spec = style.layout_with_unit(spec, unit)
    elif pinned:
        spec = style.layout_pinned(spec)
    return go.Figure({"data": data, "layout": spec}, _validate=False)


def _in_patents(lang: str) -> str:
    """The unit of a chart of patent counts: it says so on its subtitle line, after the dataset's note, as
    every other chart names its unit."""
    return t("chart_unit", lang, unit=t("inv_unit_patents", lang))


def funnel_figure(funnel: pl.DataFrame, lang: str, note: str) -> go.Figure:
    labels = [t(f"inv_level_{level}", lang) for level in funnel["level"]]
    counts = funnel["patents"].to_list()
    first = counts[0] or 1
    # Narrow levels carry their numbers beside the bar, where they stay legible, on two lines: on one, they ran
    # past the edge of a chart half a 1000-px window wide.
    position = ["inside" if n / first >= 0.3 else "outside" for n in counts]
    text = [
        f"{count_text(n, lang)}{' · ' if where == 'inside' else '<br>'}{n / first:.1%}"
        for n, where in zip(counts, position, strict=True)
    ]
    trace = {
        "type": "funnel",
        "y": labels,
        "x": counts,
        "text": text,
        "textinfo": "text",
        "textposition": position,
        "marker": {"color": PALETTE[: len(counts)]},
        "hovertemplate": "%{y}: %{text}<extra></extra>",
    }
    return _figure(
        [trace], t("inv_funnel", lang), note, 330, _in_patents(lang), yaxis={"gridcolor": style.TRANSPARENT}
    )


def dispositions_figure(frame: pl.DataFrame, type_names: dict[str, str], lang: str, note: str) -> go.Figure:
    """One horizontal bar per institution type, split by disposition (colour and pattern)."""
    present = set(frame["institution_type"].cast(pl.String))
    types = [x for x in type_names if x in present]
    counts = {
        (a, b): n
        for a, b, n in zip(
            frame["institution_type"].cast(pl.String),
            frame["disposition"].cast(pl.String),
            frame["patents"],
            strict=True,
        )
    }
    data = []
    for disposition, (colour, pattern) in DISPOSITION_STYLE.items():
        name = t(f"inv_disposition_{disposition}", lang)
        values = [counts.get((x, disposition), 0) for x in types]
        data.append(
            {
                "type": "bar",
                "orientation": "h",
                "y": [type_names[x] for x in types],
                "x": values,
                "name": name,
                "marker": {
                    "color": colour,
                    "pattern": {"shape": pattern, "fgcolor": "white", "fillmode": "overlay", "size": 7},
                },
                "text": [count_text(v, lang) if v else "" for v in values],
                "textposition": "inside",
                "textangle": 0,
                "insidetextanchor": "middle",  # mid-segment: two neighbours' numbers never run together
                # Dark figures with a white halo read on every fill and pattern (white ones were lost on the
                # light dots and hatching).
                "textfont": {"color": style.INK, "shadow": TEXT_HALO, "weight": 600},
                "customdata": [count_text(v, lang) for v in values],
                "hovertemplate": "%{y} · " + name + ": %{customdata}<extra></extra>",
            }
        )
    return _figure(
        data,
        t("inv_dispositions", lang),
        note,
        190 + 70 * max(1, len(types)),
        _in_patents(lang),
        barmode="stack",
        # A segment too narrow for its number at a legible size shows none (it stays in the hover), where
        # Plotly would shrink the number and turn it on its side.
        uniformtext={"minsize": 11, "mode": "hide"},
        yaxis={"gridcolor": style.TRANSPARENT, "ticklabelstandoff": 6},  # the type's name clear of its bar
        xaxis={"showticklabels": False},
        # The legend under the bars: above them, a legend wrapped to two rows on a narrow screen ran into the
        # subtitle.
        legend={"orientation": "h", "x": 0, "y": -0.05, "yanchor": "top", "traceorder": "normal"},
        margin={"l": 10, "r": 10, "t": 70, "b": 10},
    )


def bar_figure(
    labels: list[str],
    values: list[float],
    title: str,
    note: str,
    lang: str,
    texts: list[str] | None = None,
    colour: str | list[str] = PALETTE[0],
    height: int = 360,
    horizontal: bool = False,
    text_outside: bool = True,
    unit: str | None = None,
    pinned: bool = False,
    xaxis: dict | None = None,
) -> go.Figure:
    texts = texts or [count_text(v, lang) for v in values]
    top = max(values or [1]) or 1
    trace = {
        "type": "bar",
        "marker": {"color": colour},
        "text": texts,
        "textposition": "outside" if text_outside else "none",
        "cliponaxis": False,
        "hovertemplate": "%{" + ("y" if horizontal else "x") + "}: %{text}<extra></extra>",
    }
    if horizontal:
        trace.update(x=values, y=labels, orientation="h")
        axes = {
            "yaxis": {"autorange": "reversed", "gridcolor": style.TRANSPARENT},
            "xaxis": {"showticklabels": False, "showgrid": False, "range": [0, top * 1.4], **(xaxis or {})},
        }
    else:
        trace.update(x=labels, y=values)
        axes = {
            "yaxis": {"range": [0, top * 1.18], **style.value_ticks(values, lang)},
            **({"xaxis": xaxis} if xaxis else {}),
        }
    return _figure([trace], title, note, height, unit, pinned, **axes)


def fields_figure(fields: pl.DataFrame, lang: str, note: str) -> go.Figure:
    # A long section name on two lines, so that its bar and count keep their room in a narrow column.
    labels = [wrap(f"{s} {t(f'inv_ipc_{s}', lang)}", 26) for s in fields["ipc_section"].cast(pl.String)]
    return bar_figure(
        labels,
        fields["patents"].to_list(),
        t("inv_by_field", lang),
        note,
        lang,
        colour=PALETTE[2],
        height=130 + 34 * max(1, fields.height),
        horizontal=True,
        unit=_in_patents(lang),
    )


def years_figure(years: pl.DataFrame, lang: str, note: str) -> go.Figure:
    # Every second year labelled, level: fourteen years turned on their side in a half column.
    every_second = {"dtick": 2, "tickangle": 0} if years.height > 8 else {}
    return bar_figure(
        [str(y) for y in years["grant_year"]],
        years["patents"].to_list(),
        t("inv_by_year", lang),
        note,
        lang,
        colour=PALETTE[4],
        text_outside=False,
        unit=_in_patents(lang),
        xaxis={"type": "category", "title": {"text": t("inv_grant_year", lang)}, **every_second},
    )


def deals_figure(deals: pl.DataFrame, lang: str, note: str) -> go.Figure:
    """Value of the deals by deal type, with their count and median in the label."""
    kinds = deals["deal_type"].cast(pl.String).to_list()
    values = [v or 0.0 for v in deals["value"].to_list()]
    texts = [  # on two lines, so that the longest fits beside its bar in a narrow column
        f"{money_text(v, lang)}<br>{t('inv_deals_n', lang, n=count_text(n, lang))}"
        for v, n in zip(values, deals["deals"], strict=True)
    ]
    medians = [f"{t('inv_median', lang)} {money_text(m or 0.0, lang)}" for m in deals["median"]]
    fig = bar_figure(
        [t(f"inv_deal_{k}", lang) for k in kinds],
        values,
        t("inv_deal_values", lang),
        note,
        lang,
        texts=texts,
        colour=[DEAL_COLOURS[k] for k in kinds],
        height=150 + 60 * max(1, len(kinds)),
        horizontal=True,
        pinned=True,  # its title level with the grant years' beside it
        xaxis={"range": [0, (max(values or [1]) or 1) * 2.2]},
    )
    fig.data[0].customdata = medians
    fig.data[0].hovertemplate = "%{y}: %{text} · %{customdata}<extra></extra>"
    return fig


def province_map_figure(tiles, provinces: pl.DataFrame, lang: str, note: str) -> go.Figure:
    """The schematic tile map (dashboard.geography's grid) shaded by patents; each tile also prints its count."""
    counts = dict(zip(provinces["province"].cast(pl.String), provinces["patents"], strict=True))
    records = tiles.to_dict("records")
    values = [counts.get(row["id"], 0) for row in records]
    top = max(values) or 1
    labels = [
        f"{tile_label(row, lang)}<br>{count_text(v, lang) if v else '–'}"
        for row, v in zip(records, values, strict=True)
    ]
    hover = [f"{pick(row, 'name', lang)}: {v:,}" for row, v in zip(records, values, strict=True)]
    trace = {
        "type": "scatter",
        "x": [r["col"] for r in records],
        "y": [r["row"] for r in records],
        "mode": "markers+text",
        "text": labels,
        "hovertext": hover,
        "hoverinfo": "text",
        "textfont": {
            "size": TILE_TEXT_SIZE[lang],
            "color": ["white" if v > top * 0.55 else "#222" for v in values],
        },
        "marker": {
            "symbol": "square",
            "size": 50,
            "color": values,
            "cmin": 0,
            "cmax": top,
            "colorscale": [[0, "#f0f0f0"], [1, "#08306b"]],
            "line": {"color": "white", "width": 1},
            "colorbar": {
                "title": {"text": t("inv_patents", lang)},
                "thickness": 12,
                **style.value_ticks([0, top], lang),  # 万 on a Chinese page, never Plotly's "140k"
            },
        },
    }
    rows, cols = max(r["row"] for r in records), max(r["col"] for r in records)
    # The tiles start under the subtitle's last line, however many lines the schematic's note takes (the
    # English one takes two, and its last line touched the top row of tiles).
    subtitle = f"{note}<br>{schematic_note(lang)}"
    return _figure(
        [trace],
        t("inv_by_province", lang),
        subtitle,
        580,
        margin={"l": 10, "r": 10, "t": top_under(subtitle, MAP_TOP), "b": 10},
        paper_bgcolor="white",
        xaxis={"visible": False, "range": [-0.6, cols + 0.6]},
        yaxis={"visible": False, "range": [rows + 0.6, -0.6], "scaleanchor": "x", "scaleratio": 1},
    )


FIRST_SCREEN = ("inventory-funnel", "inventory-dispositions")
# The figures under each of the page's tabs (the other two tabs hold tables).
TAB_FIGURES = {
    "provinces": ("inventory-provinces", "inventory-fields"),
    "years": ("inventory-grant-years", "inventory-deal-values"),
}


def page_figures(
    data, tiles, type_names: dict[str, str], lang: str, note: str, tab: str = "provinces"
) -> dict[str, go.Figure]:
    """The figures the Inventory page draws for one filter state (`data`: the engine's PageData) with `tab`
    open, by download name: the first screen's and the open tab's; the deal values only when there are
    deals."""
    build = {
        "inventory-funnel": lambda: funnel_figure(data.funnel, lang, note),
        "inventory-dispositions": lambda: dispositions_figure(data.dispositions, type_names, lang, note),
        "inventory-provinces": lambda: province_map_figure(tiles, data.provinces, lang, note),
        "inventory-fields": lambda: fields_figure(data.fields, lang, note),
        "inventory-grant-years": lambda: years_figure(data.grant_years, lang, note),
        "inventory-deal-values": lambda: deals_figure(data.deals, lang, note),
    }
    names = FIRST_SCREEN + TAB_FIGURES.get(tab, ())
    return {name: build[name]() for name in names if name != "inventory-deal-values" or data.deals.height}
