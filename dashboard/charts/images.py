"""Chart images (PNG/SVG) through kaleido 1.x and Debian's Chromium, one shared export browser per deck."""

from __future__ import annotations

import asyncio
import os
import shutil
import threading
import time
from pathlib import Path
from typing import Any

import kaleido
import plotly.graph_objects as go
from choreographer.errors import BrowserClosedError, BrowserFailedError, ChromeNotFoundError

from dashboard.charts.footer import png_with_footer, svg_with_footer
from dashboard.i18n import LocalizedError

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
DEBIAN_CHROMIUM = "/usr/bin/chromium"
START_TIMEOUT_S = 60.0  # browser start plus the first (tiny) image
CALL_TIMEOUT_S = 150.0  # kaleido's own per-image timeout is 90 s
_BROWSER_ERRORS = (ChromeNotFoundError, BrowserFailedError, BrowserClosedError)

# kaleido's sync server is one per process, so exporters in different threads (Streamlit sessions) share it:
# the first to enter starts it, the last to leave stops it, and calls are serialised (its queue pairs each
# answer with whichever caller reads first).
_lock = threading.RLock()
_users = 0


# How the dashboard's browser tools (the browser bench, the browser tests, the screenshot script) start Debian's
# Chromium headless under Playwright: no sandbox (containers), no GPU, nothing fetched in the background.
HEADLESS_CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def chromium_path() -> str | None:
    """The Chromium kaleido would use: $BROWSER_PATH if set (only that), else one on PATH, else Debian's."""
    override = os.environ.get("BROWSER_PATH")
    if override:
        return override if _is_exe(override) else None
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found and _is_exe(found):
            return found
    return DEBIAN_CHROMIUM if _is_exe(DEBIAN_CHROMIUM) else None


def _is_exe(path: str) -> bool:
    return Path(path).is_file() and os.access(path, os.X_OK)


class ExportUnavailable(LocalizedError, RuntimeError):
    """No Chromium to draw chart images with, or kaleido could not start it."""


def _browser_options() -> dict[str, Any]:
    """kaleido.Kaleido() options: the Chromium found, no sandbox, no MathJax from a CDN."""
    path = chromium_path()
    if path is None:
        override = os.environ.get("BROWSER_PATH")
        if override:
            raise ExportUnavailable("export_bad_browser_path", path=override)
        raise ExportUnavailable("export_no_chromium")
    os.environ.setdefault("BROWSER_PATH", path)  # plotly's own fig.to_image() finds the same browser
    # enable_sandbox=False makes choreographer pass --no-sandbox, which Chromium needs when run as root (as in a
    # container); it is choreographer's default too, stated here so that a change of default cannot break us.
    # mathjax=False: no chart uses LaTeX, and the page would otherwise fetch MathJax from a CDN on each reload.
    return {"path": path, "enable_sandbox": False, "mathjax": False}


# Images are drawn with this template whatever process builds them: Streamlit makes its own "streamlit" template
# the default when it loads, and it has no automargin, so a figure built in the app would lose its axis labels
# at the image's edge while the same figure from `python -m dashboard brief` kept them.
EXPORT_TEMPLATE = "plotly"


def for_export(fig) -> go.Figure:
    """A copy of the figure as every image draws it: the export template, axes whose margins grow to hold
    their longest labels."""
    out = go.Figure(fig)
    out.update_layout(template=EXPORT_TEMPLATE)
    out.update_xaxes(automargin=True)
    out.update_yaxes(automargin=True)
    return out


def _opts(fmt: str, width: int, height: int, scale: float) -> dict[str, Any]:
    return {"format": fmt, "width": int(width), "height": int(height), "scale": scale}


def _server_thread() -> threading.Thread | None:
    # kaleido keeps the sync server's browser in a thread; if the browser cannot start, that thread dies and a
    # call would wait forever, so calls watch it (private attribute, hence the fallback to a plain timeout).
    return getattr(getattr(kaleido, "_global_server", None), "_thread", None)


def _server_call(fig, opts: dict[str, Any], timeout: float) -> bytes:
    """kaleido.calc_fig_sync on the running server, raising ExportUnavailable if its browser dies instead."""
    server = _server_thread()
    outcome: dict[str, Any] = {}

    def work() -> None:
        try:
            outcome["image"] = kaleido.calc_fig_sync(fig, opts=opts)
        except BaseException as exc:  # handed back to the caller below
            outcome["error"] = exc

    worker = threading.Thread(target=work, name="kaleido-call", daemon=True)
    worker.start()
    deadline = time.monotonic() + timeout
    while worker.is_alive():
        worker.join(0.05)
        if worker.is_alive() and (
            (server is not None and not server.is_alive()) or time.monotonic() > deadline
        ):
            raise ExportUnavailable("export_browser_stopped", path=chromium_path())
    return _image_or_error(outcome, "export_browser_failed", chromium_path())


def _image_or_error(outcome: dict, problem_key: str, path: str | None) -> bytes:
    """What a kaleido worker thread left: its image, or its error (a browser failure as ExportUnavailable)."""
    if "error" in outcome:
        error = outcome["error"]
        if isinstance(error, _BROWSER_ERRORS):
            raise ExportUnavailable(problem_key, path=path, reason=str(error)) from error
        raise error
    return outcome["image"]


def _start_server() -> None:
    """Start kaleido's sync server (for the first user in the process) and wait until its browser draws."""
    global _users
    with _lock:
        if _users == 0:
            options = _browser_options()
            kaleido.start_sync_server(**options, silence_warnings=True)
            try:
                _server_call({"data": [], "layout": {}}, _opts("png", 16, 16, 1.0), START_TIMEOUT_S)
            except BaseException:
                kaleido.stop_sync_server(silence_warnings=True)
                raise
        _users += 1


def _stop_server() -> None:
    global _users
    with _lock:
        _users -= 1
        if _users == 0:
            kaleido.stop_sync_server(silence_warnings=True)


class ImageExporter:
    """One kaleido sync server (one Chromium) for many chart images: `with ImageExporter() as ex: ex.png(fig)`."""

    def __init__(self) -> None:
        self.count = 0
        self.startup_s: float | None = None
        self._open = False

    def __enter__(self) -> ImageExporter:
        started = time.perf_counter()
        _start_server()
        self._open = True
        self.startup_s = time.perf_counter() - started
        return self

    def __exit__(self, *exc_info) -> None:
        if self._open:
            self._open = False
            _stop_server()

    def _image(self, fig, opts: dict[str, Any]) -> bytes:
        if not self._open:
            raise RuntimeError("ImageExporter is used outside its `with` block")
        with _lock:
            image = _server_call(for_export(fig), opts, CALL_TIMEOUT_S)
        self.count += 1
        return image

    def png(self, fig, width: int = 1600, height: int = 900, scale: float = 1.0) -> bytes:
        return self._image(fig, _opts("png", width, height, scale))

    def svg(self, fig, width: int = 1200, height: int = 675) -> bytes:
        return self._image(fig, _opts("svg", width, height, 1.0))


def _one_off(fig, opts: dict[str, Any]) -> bytes:
    """One image from a browser of its own (kaleido.calc_fig), independent of any running sync server."""
    kopts = _browser_options()
    outcome: dict[str, Any] = {}

    def work() -> None:  # a thread of its own, so this works under a running event loop (Streamlit, Jupyter)
        try:
            outcome["image"] = asyncio.run(kaleido.calc_fig(for_export(fig), opts=opts, kopts=kopts))
        except BaseException as exc:  # handed back to the caller below
            outcome["error"] = exc

    worker = threading.Thread(target=work, name="kaleido-one-off", daemon=True)
    worker.start()
    worker.join()
    return _image_or_error(outcome, "export_browser_start_failed", kopts["path"])


def figure_png(fig, width: int = 1600, height: int = 900, scale: float = 1.0, footer: str = "") -> bytes:
    """One PNG from a short-lived browser, with `footer` (a short source line) in a band under the chart;
    ExportUnavailable without Chromium."""
    return png_with_footer(_one_off(fig, _opts("png", width, height, scale)), footer, scale)


def figure_svg(fig, width: int = 1200, height: int = 675, footer: str = "") -> bytes:
    """One SVG from a short-lived browser, with `footer` under the chart; ExportUnavailable without Chromium."""
    return svg_with_footer(_one_off(fig, _opts("svg", width, height, 1.0)), footer)
