"""Chart images through kaleido and Debian's Chromium (installed by scripts/test.sh, so never skipped)."""

from __future__ import annotations

import io
import os

import kaleido
import plotly.graph_objects as go
import pytest
from PIL import Image

from dashboard.charts import images
from dashboard.charts.images import ExportUnavailable, ImageExporter, chromium_path, figure_png, figure_svg

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(autouse=True)
def chromium_and_clean_server():
    """Fail (not skip) without Chromium, and leave kaleido's sync server stopped for whatever runs next."""
    if chromium_path() is None:
        pytest.fail(
            "No Chromium for kaleido: install Debian's chromium (bash scripts/test.sh does) "
            f"or set BROWSER_PATH (now {os.environ.get('BROWSER_PATH')!r})"
        )
    yield
    leaked = images._users
    while images._users:
        images._stop_server()
    kaleido.stop_sync_server(silence_warnings=True)
    assert leaked == 0, "an ImageExporter left kaleido's sync server running"


def small_figure(title: str = "") -> go.Figure:
    fig = go.Figure(go.Bar(x=["a", "b"], y=[1, 2]))
    return fig.update_layout(title=title) if title else fig


def non_white_pixels(png: bytes) -> int:
    histogram = Image.open(io.BytesIO(png)).convert("L").histogram()
    return sum(histogram[:255])  # every grey level but pure white


def test_png_from_exporter_has_signature_and_requested_size():
    with ImageExporter() as exporter:
        png = exporter.png(small_figure(), width=640, height=360)
        double = exporter.png(small_figure(), width=320, height=200, scale=2)
    assert png.startswith(PNG_SIGNATURE)
    assert Image.open(io.BytesIO(png)).size == (640, 360)
    assert Image.open(io.BytesIO(double)).size == (640, 400)


def test_svg_from_exporter_is_svg():
    with ImageExporter() as exporter:
        svg = exporter.svg(small_figure(), width=600, height=400)
    assert svg.lstrip().startswith((b"<svg", b"<?xml"))
    assert b"<svg" in svg
    assert b'width="600"' in svg


def test_one_exporter_starts_one_server_for_many_images(monkeypatch):
    calls = {"start": 0, "stop": 0}
    start, stop = kaleido.start_sync_server, kaleido.stop_sync_server

    def counting_start(*args, **kwargs):
        calls["start"] += 1
        return start(*args, **kwargs)

    def counting_stop(*args, **kwargs):
        calls["stop"] += 1
        return stop(*args, **kwargs)

    monkeypatch.setattr(kaleido, "start_sync_server", counting_start)
    monkeypatch.setattr(kaleido, "stop_sync_server", counting_stop)
    with ImageExporter() as exporter:
        first = exporter.png(small_figure(), width=400, height=300)
        second = exporter.svg(small_figure(), width=400, height=300)
        with ImageExporter() as nested:  # a second exporter meanwhile shares the running server
            third = nested.png(small_figure(), width=400, height=300)
        assert calls == {"start": 1, "stop": 0}
    assert exporter.count == 2 and nested.count == 1
    assert first.startswith(PNG_SIGNATURE) and b"<svg" in second and third.startswith(PNG_SIGNATURE)
    assert calls == {"start": 1, "stop": 1}


def test_chinese_title_renders():
    title = "专利转化运用 · 高校和科研机构"
    tofu = "".join("\ue000" if "\u4e00" <= ch <= "\u9fff" else ch for ch in title)  # never has a glyph
    with ImageExporter() as exporter:
        plain = exporter.png(small_figure(), width=400, height=300)
        chinese = exporter.png(small_figure(title), width=400, height=300)
        boxes = exporter.png(small_figure(tofu), width=400, height=300)
    assert chinese.startswith(PNG_SIGNATURE)
    assert non_white_pixels(chinese) > non_white_pixels(plain) + 200  # the title is drawn, not left blank
    # Without a CJK font the characters would come out as the same empty boxes as the private-use ones.
    assert chinese != boxes


def test_one_off_png_and_svg():
    png = figure_png(small_figure("一次性"), width=500, height=300)
    assert png.startswith(PNG_SIGNATURE)
    assert Image.open(io.BytesIO(png)).size == (500, 300)
    assert non_white_pixels(png) > 0
    assert b"<svg" in figure_svg(small_figure(), width=500, height=300)


def test_no_chromium_raises_export_unavailable(monkeypatch, tmp_path):
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-such-chromium"))
    monkeypatch.setenv("PATH", "")
    assert chromium_path() is None
    with pytest.raises(ExportUnavailable, match="No Chromium found"):
        figure_png(small_figure())
    with pytest.raises(ExportUnavailable, match="No Chromium found"), ImageExporter() as exporter:
        exporter.png(small_figure())
    assert images._users == 0


@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
def test_browser_that_fails_to_start_raises_export_unavailable_not_hangs(monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/bin/false")  # a program, but no browser: it exits at once
    assert chromium_path() == "/bin/false"
    with pytest.raises(ExportUnavailable), ImageExporter():
        pass
    with pytest.raises(ExportUnavailable):
        figure_png(small_figure())
    assert images._users == 0
