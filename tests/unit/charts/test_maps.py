"""The shipped province tile grid, its loader's errors, and the tile-map figure."""

import pandas as pd
import pytest

from dashboard.charts.maps import NOTE_WIDTH, schematic_note, tile_map_figure
from dashboard.charts.style import SUBTITLE_LINE_PX
from dashboard.provinces import TILES_CSV, load_province_tiles

HEADER = "id,name_zh,name_en,row,col\n"
PILOTS = {"北京": "x", "上海": "y", "重庆": "z"}
# Chinese name → (English name, row, col) as specified for the shipped grid.
PILOT_TILES = {"北京": ("Beijing", 1, 6), "上海": ("Shanghai", 4, 7), "重庆": ("Chongqing", 4, 3)}


@pytest.fixture(scope="module")
def tiles() -> pd.DataFrame:
    return load_province_tiles()


def trace_named(fig, name):
    [trace] = [t for t in fig.data if t.name == name]
    return trace


def figure(tiles, lang, highlighted=PILOTS):
    return tile_map_figure(tiles, highlighted, lang, "title", "schematic note")


def plain(label: str) -> str:
    """A tile label with its line breaks undone."""
    return label.replace("-<br>", "").replace("<br>", " ")


# --- The shipped CSV --------------------------------------------------------------------------------


def test_shipped_grid_has_34_divisions_on_distinct_tiles(tiles):
    assert len(tiles) == 34
    assert tiles["id"].is_unique
    assert tiles["name_zh"].is_unique
    assert not tiles.duplicated(["row", "col"]).any()
    assert tiles["row"].dtype.kind == "i" and tiles["col"].dtype.kind == "i"
    assert tiles["id"].str.fullmatch(r"[a-z_]+").all()
    assert tiles["row"].between(0, 7).all() and tiles["col"].between(0, 8).all()


@pytest.mark.parametrize(
    ("name_zh", "name_en", "row", "col"),
    [
        ("北京", "Beijing", 1, 6),
        ("上海", "Shanghai", 4, 7),
        ("重庆", "Chongqing", 4, 3),
        ("黑龙江", "Heilongjiang", 0, 8),
        ("西藏", "Tibet (Xizang)", 4, 1),
        ("香港", "Hong Kong", 7, 5),
    ],
)
def test_shipped_grid_places_divisions(tiles, name_zh, name_en, row, col):
    [found] = tiles[tiles["name_zh"] == name_zh].to_dict("records")
    assert (found["name_en"], found["row"], found["col"]) == (name_en, row, col)


def test_default_path_is_the_shipped_csv(tiles):
    assert TILES_CSV.name == "province_tiles.csv" and TILES_CSV.parent.name == "assets"
    assert TILES_CSV.read_text(encoding="utf-8").startswith(HEADER)


# --- Loader errors ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "row_number", "fragment"),
    [
        ("beijing,北京,Beijing,1,6\nshanghai,上海,Shanghai,four,7\n", 3, "row"),
        ("beijing,北京,Beijing,1,6.5\n", 2, "col"),
        ("beijing,北京,Beijing,,6\n", 2, "row"),
        ("beijing,北京,Beijing,1,6\ntianjin,天津,Tianjin,2,7\nhebei,河北,Hebei,1,6\n", 4, "北京"),
        ("beijing,北京,Beijing,1,6\nbeijing,上海,Shanghai,4,7\n", 3, "beijing"),
    ],
)
def test_malformed_csv_names_file_and_row(tmp_path, body, row_number, fragment):
    path = tmp_path / "tiles.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    with pytest.raises(ValueError, match=rf"row {row_number}\b") as caught:
        load_province_tiles(path)
    assert str(path) in str(caught.value)
    assert fragment in str(caught.value)


def test_well_formed_csv_loads_integers(tmp_path):
    path = tmp_path / "tiles.csv"
    path.write_text(HEADER + "beijing,北京,Beijing,1,6\nshanghai,上海,Shanghai,4,7\n", encoding="utf-8")
    loaded = load_province_tiles(path)
    assert loaded[["row", "col"]].values.tolist() == [[1, 6], [4, 7]]


# --- The figure -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "highlighted_legend", "other_legend"),
    [
        ("zh", "试点所在地", "其他省级行政区"),
        ("en", "Pilot location", "Other divisions"),
    ],
)
def test_highlighted_trace_holds_exactly_the_pilots(tiles, lang, highlighted_legend, other_legend):
    fig = figure(tiles, lang)
    pilots = trace_named(fig, highlighted_legend)
    others = trace_named(fig, other_legend)
    assert sorted(zip(pilots.x, pilots.y, strict=True)) == sorted((c, r) for _, r, c in PILOT_TILES.values())
    assert len(others.x) == 31
    assert not {(c, r) for _, r, c in PILOT_TILES.values()} & set(zip(others.x, others.y, strict=True))


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("zh", {(6, 1): "北京", (7, 4): "上海", (3, 4): "重庆"}),
        ("en", {(6, 1): "Beijing", (7, 4): "Shanghai", (3, 4): "Chongqing"}),
    ],
)
def test_highlighted_labels_are_in_the_chosen_language(tiles, lang, expected):
    pilots = figure(tiles, lang).data[-1]
    labels = {(x, y): plain(text) for x, y, text in zip(pilots.x, pilots.y, pilots.text, strict=True)}
    assert labels == expected


@pytest.mark.parametrize(("lang", "column"), [("zh", "name_zh"), ("en", "name_en")])
def test_every_division_is_labelled_once_in_the_chosen_language(tiles, lang, column):
    fig = figure(tiles, lang)
    labels = [plain(text) for trace in fig.data for text in trace.text]
    assert sorted(labels) == sorted(tiles[column])


def test_hover_carries_the_pilot_label(tiles):
    fig = figure(tiles, "zh", {"北京": "北京区域性股权市场"})
    pilots = trace_named(fig, "试点所在地")
    assert list(pilots.hovertext) == ["<b>北京</b><br>北京区域性股权市场"]


def test_highlight_is_not_colour_alone(tiles):
    fig = figure(tiles, "en")
    pilots, others = trace_named(fig, "Pilot location"), trace_named(fig, "Other divisions")
    assert pilots.marker.color != others.marker.color
    assert pilots.marker.line.width >= 2 * others.marker.line.width
    assert pilots.marker.line.color != others.marker.line.color


def test_layout_is_a_schematic_grid(tiles):
    fig = figure(tiles, "zh")
    layout = fig.layout
    assert layout.title.text == "title" and layout.title.x == 0
    assert layout.title.subtitle.text == "schematic note"
    assert layout.yaxis.range[0] > layout.yaxis.range[1]  # row 0 on top
    assert layout.yaxis.scaleanchor == "x"
    assert layout.xaxis.visible is False and layout.yaxis.visible is False


@pytest.mark.parametrize("highlighted", [{"北平": "x"}, {"北京": "x", "Shanghai": "y"}])
def test_unknown_highlighted_name_raises(tiles, highlighted):
    with pytest.raises(KeyError, match="not a provincial-level division"):
        figure(tiles, "zh", highlighted)


def test_the_schematic_note_is_broken_into_short_lines_and_the_tiles_start_under_its_last(tiles):
    lines = {lang: schematic_note(lang).split("<br>") for lang in ("zh", "en")}
    assert all(len(line) <= NOTE_WIDTH for parts in lines.values() for line in parts)
    assert len(lines["en"]) > len(lines["zh"])  # the English note is the longer
    tops = {
        lang: tile_map_figure(tiles, PILOTS, lang, "title", schematic_note(lang)).layout.margin.t
        for lang in lines
    }
    assert tops["en"] - tops["zh"] == SUBTITLE_LINE_PX * (len(lines["en"]) - len(lines["zh"]))
