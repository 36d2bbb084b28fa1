"""A one-line source footer under a chart image, so that a PNG or SVG pasted into someone's slide keeps its
sources. The band is added below the image Plotly drew (never over the chart), in the house font and grey.

The text comes from the store (outlets, dates): in SVG it is escaped, so it can never become markup."""

from __future__ import annotations

import io
import re
from pathlib import Path
from xml.sax.saxutils import escape

from PIL import Image, ImageDraw, ImageFont

from dashboard.charts.style import FONT, SUBTLE

FONT_FILES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",  # Debian's fonts-noto-cjk
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
)
FOOTER_PX = 13  # the footer's type size at scale 1 (Plotly's own text is 13 px in the house style)
PAD_PX = 10


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for path in FONT_FILES:
        if Path(path).is_file():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size)


def png_with_footer(png: bytes, text: str, scale: float = 1.0) -> bytes:
    """The PNG with a white band under it holding `text` in one line (smaller type if it must, to fit)."""
    if not text:
        return png
    with Image.open(io.BytesIO(png)) as image:
        chart = image.convert("RGB")
    size = round(FOOTER_PX * scale)
    pad = round(PAD_PX * scale)
    font = _font(size)
    while size > 8 * scale and font.getlength(text) > chart.width - 2 * pad:
        size -= 1
        font = _font(size)
    band = round(size * 1.6) + pad
    out = Image.new("RGB", (chart.width, chart.height + band), "white")
    out.paste(chart, (0, 0))
    room = chart.width - 2 * pad
    length = max(1, round(font.getlength(text)))
    line = Image.new("RGB", (length, round(size * 1.6)), "white")
    ImageDraw.Draw(line).text((0, 0), text, fill=SUBTLE, font=font)
    if length > room:  # still too long at the smallest type: squeezed to the width (as the SVG is), never cut
        line = line.resize((max(1, room), line.height), Image.Resampling.LANCZOS)
    out.paste(line, (pad, chart.height + pad // 2))
    buffer = io.BytesIO()
    out.save(buffer, format="PNG")
    return buffer.getvalue()


_ROOT = re.compile(rb"<svg\b[^>]*>")


def svg_with_footer(svg: bytes, text: str) -> bytes:
    """The SVG made taller by a band holding `text` (escaped) in one line; the viewer wraps nothing."""
    if not text:
        return svg
    root = _ROOT.search(svg)
    if root is None:
        return svg
    tag = root.group(0).decode()
    width = float(re.search(r'\bwidth="([\d.]+)', tag).group(1))
    height = float(re.search(r'\bheight="([\d.]+)', tag).group(1))
    band = FOOTER_PX * 1.6 + PAD_PX
    taller = height + band
    new_tag = re.sub(r'\bheight="[\d.]+"', f'height="{taller:g}"', tag, count=1)
    new_tag = re.sub(
        r'viewBox="([\d.]+) ([\d.]+) ([\d.]+) [\d.]+"', rf'viewBox="\1 \2 \3 {taller:g}"', new_tag
    )
    room = width - 2 * PAD_PX
    # A line longer than the image is squeezed to its width (as the PNG's type shrinks), never cut.
    fit = (
        f' textLength="{room:g}" lengthAdjust="spacingAndGlyphs"'
        if _font(FOOTER_PX).getlength(text) > room
        else ""
    )
    footer = (
        f'<rect x="0" y="{height:g}" width="{width:g}" height="{band:g}" fill="#ffffff"/>'
        f'<text x="{PAD_PX}" y="{height + PAD_PX / 2 + FOOTER_PX:g}" font-family="{escape(FONT, {chr(34): "&quot;"})}"'
        f' font-size="{FOOTER_PX}" fill="{SUBTLE}"{fit}>{escape(text)}</text>'
    )
    body = svg[: root.start()] + new_tag.encode() + svg[root.end() :]
    close = body.rfind(b"</svg>")
    return body[:close] + footer.encode() + body[close:]
