"""The house style of every chart: one font, one palette, one table of status styles, one layout.

Colours are Okabe–Ito (colour-blind safe); marks also differ in shape or pattern and statuses carry words and
an icon, so colour is never the only cue.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dashboard.i18n.numbers import trim

if TYPE_CHECKING:
    import plotly.graph_objects as go

# The font every chart asks for: Noto Sans CJK SC (Debian's fonts-noto-cjk) has the Chinese glyphs; the rest
# are what a viewer's own machine may have instead.
FONT_NAME = "Noto Sans CJK SC"
FONT = f"{FONT_NAME}, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif"

# Okabe–Ito, by name and in the order series take them.
BLUE, ORANGE, GREEN, PINK = "#0072B2", "#E69F00", "#009E73", "#CC79A7"
SKY, VERMILION, YELLOW, BLACK = "#56B4E9", "#D55E00", "#F0E442", "#000000"
PALETTE = [BLUE, ORANGE, GREEN, PINK, SKY, VERMILION, YELLOW, BLACK]
# Neutrals for text, axes and grids.
INK, SUBTLE, AXIS, GRID, MUTED, LIGHT = "#333333", "#555555", "#999999", "#e5e5e5", "#6e7781", "#e8e8e8"
SUBTITLE_FONT = {"size": 12, "color": SUBTLE}  # a chart's subtitle line (the dataset's note, the unit)
TRANSPARENT = "rgba(0,0,0,0)"


@dataclass(frozen=True)
class StatusStyle:
    """How a status shows: its colour on charts and slides, the colour name of its badge on a page, and its
    icon (Streamlit's Material icon name)."""

    colour: str
    badge: str
    icon: str


STATUS_STYLES = {
    "achieved": StatusStyle("#1a7f37", "green", ":material/check_circle:"),
    "on_track": StatusStyle("#2da44e", "green", ":material/trending_up:"),
    "acceleration_needed": StatusStyle("#9a6700", "orange", ":material/speed:"),
    "limited_progress": StatusStyle("#bc4c00", "orange", ":material/trending_flat:"),
    "deterioration": StatusStyle("#cf222e", "red", ":material/trending_down:"),
    "not_enough_data": StatusStyle(MUTED, "gray", ":material/help:"),
    "trend_marked": StatusStyle("#2da44e", "green", ":material/trending_up:"),
    "trend_moderate": StatusStyle("#9a6700", "orange", ":material/north_east:"),
    "trend_flat": StatusStyle("#bc4c00", "orange", ":material/trending_flat:"),
    "trend_worse": StatusStyle("#cf222e", "red", ":material/trending_down:"),
    # Verdicts after the deadline (the label says final or provisional).
    "not_achieved": StatusStyle("#cf222e", "red", ":material/cancel:"),
    "not_settled": StatusStyle("#9a6700", "orange", ":material/balance:"),
    "awaiting_figures": StatusStyle(MUTED, "gray", ":material/hourglass_empty:"),
}
NO_STATUS = StatusStyle("#59636e", "gray", ":material/help:")


def status_style(status: str | None) -> StatusStyle:
    return STATUS_STYLES.get(status or "", NO_STATUS)


# A figure's qualifier as a marker's shape: a lower bound points up, an approximation is a diamond.
QUALIFIER_SYMBOL = {"exact": "circle", "more_than": "triangle-up", "approx": "diamond"}
# Milestone states differ in shape as well as colour.
MILESTONE_STYLE = {
    "done": ("#1a7f37", "circle"),
    "done_late": ("#9a6700", "circle-open"),
    "due": (BLUE, "diamond-open"),
    "overdue": ("#cf222e", "x"),
}
# Inventory dispositions keep one colour and a pattern each wherever they appear.
DISPOSITION_STYLE = {
    "protect": (BLUE, ""),
    "commercialise": (GREEN, "/"),
    "open_licence": (ORANGE, "."),
    "stop_maintaining": (AXIS, "x"),
}
DEAL_COLOURS = {"transfer": BLUE, "licence": GREEN, "open_licence": ORANGE}


def layout(
    title: str,
    height: int,
    subtitle: str | None = None,
    margin: dict | None = None,
    **overrides: object,
) -> dict:
    """A figure's layout in the house style: title at the left (with a subtitle under it), the CJK font,
    a white plot, a horizontal legend below; `overrides` replace or extend parts of it (axes are merged)."""
    spec: dict = {
        "title": {
            "text": title,
            "x": 0.01,
            "xanchor": "left",
            "font": {"size": 17},
            **({"subtitle": {"text": subtitle, "font": SUBTITLE_FONT}} if subtitle else {}),
        },
        "font": {"family": FONT, "size": 13},
        "height": height,
        "margin": margin or {"l": 10, "r": 10, "t": 60, "b": 10},
        "plot_bgcolor": "white",
        "legend": {"orientation": "h", "y": -0.15},
        "xaxis": {"showgrid": False, "linecolor": AXIS, "automargin": True},
        "yaxis": {"gridcolor": GRID, "zeroline": False, "automargin": True},
    }
    for key, value in overrides.items():
        spec[key] = {**spec[key], **value} if key in ("xaxis", "yaxis") and isinstance(value, dict) else value
    return spec


TITLE_LINE_PX, SUBTITLE_LINE_PX = 22, 18  # a line of the house title (17 px type) and of its subtitle (12 px)


def with_unit(fig: go.Figure, text: str) -> go.Figure:
    """The value axis's unit (`text`, e.g. "单位：项") on the subtitle line under the title, after any subtitle
    there, where an axis title would be turned on its side (a lone turned 项 or % reads as a symbol, not a
    word). The title is pinned to the top and the plot starts under its last line, however many lines the
    title has (Plotly's own title automargin put a title with a subtitle above the figure)."""
    fig.update_yaxes(title=None)
    fig.update_layout(_unit_update(fig.layout.title.subtitle.text, text))
    return pinned_title(fig)


def pinned_title(fig: go.Figure) -> go.Figure:
    """The title and its subtitle line pinned to the figure's top, the plot starting under them, as
    `with_unit` places them: a chart beside one with a unit line puts its title at the same height."""
    return fig.update_layout(_pinned_update(fig.layout.title.text))


def layout_with_unit(spec: dict, text: str) -> dict:
    """`with_unit` on a layout written as a dict (`layout`'s), for a figure built without Plotly's validation
    (which, property by property, costs more than the data behind an Inventory chart)."""
    spec = merged(spec, _unit_update(spec["title"].get("subtitle", {}).get("text"), text))
    spec["yaxis"] = {k: v for k, v in spec.get("yaxis", {}).items() if k != "title"}
    return layout_pinned(spec)


def layout_pinned(spec: dict) -> dict:
    """`pinned_title` on a layout written as a dict."""
    return merged(spec, _pinned_update(spec["title"].get("text")))


def merged(base: dict, update: dict) -> dict:
    """`base` updated by `update` as Plotly's `update_layout` does: nested dicts merged key by key."""
    out = dict(base)
    for key, value in update.items():
        out[key] = (
            merged(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
        )
    return out


def _unit_update(subtitle: str | None, text: str) -> dict:
    return {
        "title": {"subtitle": {"text": f"{subtitle} · {text}" if subtitle else text, "font": SUBTITLE_FONT}}
    }


def _pinned_update(title: str | None) -> dict:
    lines = (title or "").count("<br>") + 1
    return {
        "title": {
            "y": 1,
            "yref": "container",
            "yanchor": "top",
            "pad": {"t": 12 + TITLE_LINE_PX * (lines - 1)},  # Plotly anchors a title by its first line
        },
        "margin": {"t": 12 + TITLE_LINE_PX * (2 * lines - 1) + SUBTITLE_LINE_PX + 18},
    }


def wrap(text: str, width: int = 42) -> str:
    """Break a long chart title into lines (Plotly does not wrap titles)."""
    if len(text) <= width:
        return text
    words, lines, line = text.split(" "), [], ""
    if len(words) == 1:  # Chinese: no spaces, cut by characters
        return "<br>".join(text[i : i + width // 2] for i in range(0, len(text), width // 2))
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "<br>".join([*lines, line])


def unwrap(text: str) -> str:
    """The one line that `wrap` broke: Chinese lines joined as they were cut (no space between), words
    with the space they were split at."""
    lines = text.split("<br>")
    return (" " if any(" " in line for line in lines) else "").join(lines)


def _nice_step(span: float, count: int = 5) -> float:
    """The round step (1, 2, 2.5 or 5 times a power of ten) nearest to cutting `span` into `count` intervals."""
    raw = span / count
    magnitude = 10 ** math.floor(math.log10(raw))
    return min((m * magnitude for m in (1, 2, 2.5, 5, 10)), key=lambda step: abs(math.log(step / raw)))


def _chinese_tick(value: float) -> str:
    if value == 0:
        return "0"
    if abs(value) >= 1e8:
        return f"{trim(value / 1e8)}亿"
    if abs(value) >= 1e4:
        return f"{trim(value / 1e4)}万"
    return trim(value)


def value_ticks(values: Iterable[float | None], lang: str) -> dict:
    """Axis properties that write a value axis's numbers as the language writes them: 万 and 亿 on Chinese
    charts (5万, 1.5亿), thousands separators in English (50,000), never Plotly's SI "50k" / "1.2M".

    Plotly cannot format 万 by itself, so Chinese ticks are placed here: round steps from zero (or the
    lowest value) to past the highest, of which Plotly shows those inside the axis's range."""
    finite = [float(v) for v in values if v is not None and math.isfinite(float(v))]
    if lang != "zh" or not finite or max(abs(v) for v in finite) < 1e4:
        return {"tickformat": ",~f"} if lang != "zh" else {"tickformat": "~f"}
    low, high = min(0.0, *finite), max(0.0, *finite)
    step = _nice_step((high - low) or abs(high))
    first, last = math.floor(low / step), math.ceil(high * 1.5 / step)
    ticks = [i * step for i in range(first, last + 1)]
    return {"tickmode": "array", "tickvals": ticks, "ticktext": [_chinese_tick(v) for v in ticks]}
