"""The one-line source footer under chart images: a band below the chart, the text whole and never markup."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

from PIL import Image

from dashboard.charts.footer import png_with_footer, svg_with_footer

SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="600" height="300" viewBox="0 0 600 300">'
    b'<rect x="0" y="0" width="600" height="300" fill="#ffffff"/><text x="5" y="20">chart</text></svg>'
)
LINE = "来源：国务院新闻办公室（2026年1月23日，B级）；另有3个来源"


def png(width: int = 600, height: int = 300) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(out, format="PNG")
    return out.getvalue()


def test_the_png_grows_a_band_below_the_chart_and_writes_in_it():
    chart = png()
    with_footer = Image.open(io.BytesIO(png_with_footer(chart, LINE, scale=2.0))).convert("L")
    assert with_footer.width == 600 and with_footer.height > 300
    band = with_footer.crop((0, 300, 600, with_footer.height))
    assert band.getextrema()[0] < 200  # there is text in the band
    assert with_footer.crop((0, 0, 600, 300)).getextrema()[0] == 255  # and none over the chart


def test_a_long_line_shrinks_to_the_width_of_the_image_and_no_footer_changes_nothing():
    narrow = Image.open(io.BytesIO(png_with_footer(png(200, 100), LINE * 3))).convert("L")
    band = narrow.crop((0, 100, 200, narrow.height))
    assert band.crop((190, 0, 200, band.height)).getextrema()[0] == 255  # the right margin stays clear
    assert png_with_footer(png(), "") == png()
    assert svg_with_footer(SVG, "") == SVG


def test_the_svg_grows_and_its_footer_is_text_not_markup():
    hostile = 'Outlet <a href="http://evil.example/">click</a> & <script>x</script>'
    out = svg_with_footer(SVG, hostile)
    root = ET.fromstring(out)  # still well-formed
    assert root.get("height") == root.get("viewBox").split()[3]
    assert float(root.get("height")) > 300
    texts = ["".join(e.itertext()) for e in root.iter() if e.tag.endswith("text")]
    assert hostile in texts  # shown literally, as one text
    assert not [e for e in root.iter() if e.tag.endswith(("}a", "}script"))]


def test_a_line_longer_than_the_svg_is_squeezed_to_its_width():
    out = svg_with_footer(SVG, LINE * 4)
    footer = [e for e in ET.fromstring(out).iter() if e.tag.endswith("text")][-1]
    assert float(footer.get("textLength")) <= 600
    assert "".join(footer.itertext()) == LINE * 4
