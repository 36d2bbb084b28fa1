"""Every chart image is whole: the deck's charts at the size the slide gives them, and the same figures as the
pages' PNG and SVG downloads, in both languages. No ink touches the image's outer pixels, and every category
label and legend entry of the figure is in the SVG as a whole text (not cut, not dropped for lack of room).

Drawn by kaleido in Debian's Chromium (installed by scripts/test.sh, so never skipped)."""

from __future__ import annotations

import datetime as dt
import html
import io
import re
import xml.etree.ElementTree as ET

import kaleido
import plotly.graph_objects as go
import pytest
from PIL import Image

from dashboard.briefing.builders import build_slide, default_slide_ids
from dashboard.briefing.layout import chart_area
from dashboard.charts import images
from dashboard.charts.images import ImageExporter, chromium_path
from tests.fixtures import selection, type_filter

TODAY = dt.date(2026, 11, 24)
BORDER = 2  # pixels at each edge that must stay background
SI_NUMBER = re.compile(r"[−-]?\d+(\.\d+)?[kMGT]")
CASES = [("all", "zh"), ("all", "en"), ("enterprise", "zh"), ("enterprise", "en")]


@pytest.fixture(scope="module")
def exporter():
    if chromium_path() is None:
        pytest.fail("No Chromium for kaleido: install Debian's chromium (bash scripts/test.sh does)")
    with ImageExporter() as shared:
        yield shared
    while images._users:
        images._stop_server()
    kaleido.stop_sync_server(silence_warnings=True)


def deck_figures(tables, choice: str, lang: str):
    for slide_id in default_slide_ids(tables, type_filter(tables, choice), TODAY):
        slide = build_slide(slide_id, tables, selection(tables, choice, lang), TODAY)
        if slide.figure is not None:
            yield slide, slide.figure


def ink_at_edges(png: bytes) -> list[str]:
    """Which edges of the image have a pixel that is not the background (the top-left pixel's colour)."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    w, h = image.size
    background = image.getpixel((0, 0))
    strips = {
        "top": (0, 0, w, BORDER),
        "bottom": (0, h - BORDER, w, h),
        "left": (0, 0, BORDER, h),
        "right": (w - BORDER, 0, w, h),
    }
    touched = []
    for edge, box in strips.items():
        colours = image.crop(box).getcolors(maxcolors=1 << 20) or []
        if any(colour != background for _, colour in colours):
            touched.append(edge)
    return touched


def svg_texts(svg: bytes) -> set[str]:
    """Every text the SVG draws, whole (a text element's own text and its tspans joined)."""
    root = ET.fromstring(svg)
    texts = set()
    for element in root.iter():
        if element.tag.endswith("}text") or element.tag == "text":
            whole = "".join(element.itertext()).strip()
            if whole:
                texts.add(whole)
            texts.update(t.strip() for t in element.itertext() if t.strip())
    return texts


def plain(label: str) -> list[str]:
    """A label as the SVG's texts hold it: each line of a <br>-wrapped label, tags dropped, entities read."""
    lines = re.split(r"<br\s*/?>", str(label))
    return [html.unescape(re.sub(r"<[^>]+>", "", line)).strip() for line in lines if line.strip()]


def expected_labels(fig: go.Figure) -> set[str]:
    """The category labels of the figure's categorical axes and the names of its legend entries."""
    labels: set[str] = set()
    for trace in fig.data:
        horizontal = getattr(trace, "orientation", None) == "h"
        axis_values = trace.y if horizontal or trace.type == "funnel" else trace.x
        categorical = axis_values is not None and all(isinstance(v, str) for v in axis_values)
        if trace.type in ("bar", "funnel") and categorical:
            labels.update(v for value in axis_values for v in plain(value))
        if trace.name and trace.showlegend is not False and fig.layout.showlegend is not False:
            labels.update(plain(trace.name))
    return labels


@pytest.mark.parametrize(("choice", "lang"), CASES, ids=[f"{c}-{lang}" for c, lang in CASES])
def test_deck_chart_images_have_no_ink_at_their_edges(tables, exporter, choice, lang):
    problems = []
    for slide, fig in deck_figures(tables, choice, lang):
        width, height = chart_area(slide)
        png = exporter.png(fig, width=int(width), height=int(height), scale=2)
        if touched := ink_at_edges(png):
            problems.append((slide.id, touched))
    assert problems == []


@pytest.mark.parametrize(("choice", "lang"), CASES, ids=[f"{c}-{lang}" for c, lang in CASES])
def test_page_downloads_are_whole_png_and_svg(tables, exporter, choice, lang):
    problems = []
    for slide, fig in deck_figures(tables, choice, lang):
        png = exporter.png(fig)  # the page's PNG download size
        if touched := ink_at_edges(png):
            problems.append((slide.id, "png", touched))
        drawn = svg_texts(exporter.svg(fig))
        missing = sorted(label for label in expected_labels(fig) if label not in drawn)
        if missing:
            problems.append((slide.id, "svg", missing))
        si = sorted(text for text in drawn if SI_NUMBER.fullmatch(text))  # "20k", "1.2M": never a reader's
        if si:
            problems.append((slide.id, "si ticks", si))
    assert problems == []


def test_the_edge_check_sees_ink_at_any_edge():
    """The check itself: a mark on each edge of an otherwise white image is caught, and only that edge."""
    for edge, xy in {"left": (0, 50), "right": (199, 50), "top": (100, 0), "bottom": (100, 99)}.items():
        image = Image.new("RGB", (200, 100), "white")
        image.putpixel(xy, (0, 0, 0))
        out = io.BytesIO()
        image.save(out, format="PNG")
        assert ink_at_edges(out.getvalue()) == [edge]


def test_the_label_check_sees_a_dropped_label():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><text>Alpha</text><text>Bet</text></svg>'
    fig = go.Figure(go.Bar(y=["Alpha", "Beta"], x=[1, 2], orientation="h"))
    assert sorted(label for label in expected_labels(fig) if label not in svg_texts(svg)) == ["Beta"]


def test_figures_built_in_the_app_process_draw_the_same_whole_images(tables, exporter, monkeypatch):
    """Streamlit makes its own template the default when it loads (no automargin): figures built under it, as
    the Present page's export builds them, still keep every label inside the image."""
    import plotly.io as pio
    import streamlit.elements.plotly_chart  # noqa: F401 - registers the "streamlit" template

    monkeypatch.setattr(pio.templates, "default", "streamlit")
    problems = []
    for slide, fig in deck_figures(tables, "all", "zh"):
        width, height = chart_area(slide)
        if touched := ink_at_edges(exporter.png(fig, width=int(width), height=int(height), scale=2)):
            problems.append((slide.id, touched))
    assert problems == []
