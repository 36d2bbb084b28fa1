"""A schematic tile-grid map of China's provincial-level divisions (dashboard.provinces), no geometry."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.style import BLUE, FONT, INK, LIGHT, SUBTITLE_FONT, SUBTITLE_LINE_PX, wrap
from dashboard.i18n import LANGUAGES, pick, t

HIGHLIGHT_COLOUR = BLUE  # highlighted tiles also get a thick dark outline
HIGHLIGHT_OUTLINE = "#1a1a1a"
TILE_COLOUR = LIGHT
TILE_SIZE = 46  # px; fits the 8 × 9 grid at the figure's height of 520 px
HEIGHT = 520

TEXT_SIZE = {"zh": 12, "en": 10}
# The schematic's note broken at this many characters: the English one on two lines, which fit a map half the
# width of a 1000-px window (on one line it ran 37 px past the Finance map's edge there).
NOTE_WIDTH = 84
MAP_TOP = 52  # px: the tile map's top margin but its subtitle's lines

# English names too wide for a tile at 10 px, broken over two lines (hover shows the full name).
EN_TILE_LABELS = {
    "Heilongjiang": "Heilong-<br>jiang",
    "Inner Mongolia": "Inner<br>Mongolia",
    "Shandong": "Shan-<br>dong",
    "Tibet (Xizang)": "Tibet<br>(Xizang)",
    "Chongqing": "Chong-<br>qing",
    "Shanghai": "Shang-<br>hai",
    "Guangdong": "Guang-<br>dong",
    "Hong Kong": "Hong<br>Kong",
}


def schematic_note(lang: str) -> str:
    """What a tile map says under its title: that it is schematic, in lines of at most NOTE_WIDTH characters."""
    return wrap(t("map_note", lang), NOTE_WIDTH)


def top_under(subtitle: str, top: int = MAP_TOP) -> int:
    """A map's top margin that starts its tiles under its subtitle's last line: `top` and a line's height for
    each line of `subtitle`."""
    return top + SUBTITLE_LINE_PX * (subtitle.count("<br>") + 1)


def tile_label(tiles_row: pd.Series, lang: str) -> str:
    """The short name written inside a tile (long English names broken over two lines)."""
    name = pick(tiles_row, "name", lang)
    return EN_TILE_LABELS.get(name, name)


def _hover_name(tiles_row: pd.Series, lang: str) -> str:
    return t("province_hover", lang, name_zh=tiles_row["name_zh"], name_en=tiles_row["name_en"])


def tile_map_figure(
    tiles: pd.DataFrame, highlighted: dict[str, str], lang: str, title: str, note: str
) -> go.Figure:
    """Every division as a grey square at its tile; the ``highlighted`` ones (Chinese name → hover label)
    in blue with a thick dark outline. ``note`` is shown under the title (say it is schematic)."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGUAGES)}")
    unknown = sorted(set(highlighted) - set(tiles["name_zh"]))
    if unknown:
        raise KeyError(f"not a provincial-level division in the tile table: {', '.join(unknown)}")

    is_highlighted = tiles["name_zh"].isin(list(highlighted))
    fig = go.Figure()
    for part, chosen in (("other", tiles[~is_highlighted]), ("highlighted", tiles[is_highlighted])):
        strong = part == "highlighted"
        hover = []
        for _, r in chosen.iterrows():
            name = _hover_name(r, lang)
            hover.append(f"<b>{name}</b><br>{highlighted[r['name_zh']]}" if strong else name)
        fig.add_trace(
            go.Scatter(
                x=chosen["col"].tolist(),
                y=chosen["row"].tolist(),
                mode="markers+text",
                name=t(f"map_legend_{part}", lang),
                legendrank=1 if strong else 2,
                text=[tile_label(r, lang) for _, r in chosen.iterrows()],
                textposition="middle center",
                textfont={"size": TEXT_SIZE[lang], "color": "white" if strong else INK},
                hovertext=hover,
                hoverinfo="text",
                marker={
                    "symbol": "square",
                    "size": TILE_SIZE,
                    "color": HIGHLIGHT_COLOUR if strong else TILE_COLOUR,
                    "line": {"color": HIGHLIGHT_OUTLINE, "width": 3}
                    if strong
                    else {"color": "white", "width": 1},
                },
            )
        )

    rows, cols = int(tiles["row"].max()), int(tiles["col"].max())
    fig.update_layout(
        title={
            "text": title,
            "x": 0,
            "xanchor": "left",
            "font": {"size": 17},
            "subtitle": {"text": note, "font": SUBTITLE_FONT},
        },
        font={"family": FONT, "size": 13},
        height=HEIGHT,
        margin={"l": 10, "r": 10, "t": top_under(note), "b": 10},
        plot_bgcolor="white",
        paper_bgcolor="white",
        legend={
            "orientation": "h",
            "x": 0,
            "xanchor": "left",
            "y": 0,
            "yanchor": "top",
            "itemsizing": "constant",
        },
        hoverlabel={"font": {"family": FONT}},
    )
    fig.update_xaxes(visible=False, showgrid=False, zeroline=False, range=[-0.6, cols + 0.6])
    fig.update_yaxes(
        visible=False, showgrid=False, zeroline=False, range=[rows + 0.6, -0.6], scaleanchor="x", scaleratio=1
    )
    return fig
