"""`python -m dashboard bench --browser`: how fast the Inventory page settles in Chromium after a filter change.

A child writes N synthetic demo records into a throwaway SQLite store (as `bench --inventory` does). Then:

- **ours**: the real app under `streamlit run` on that store, a cold server, one session opens
  `/inventory?lang=zh`; its peak memory then is `rss_mb`. The session goes through the same filter changes
  (provinces and fields added one at a time in the page's multiselects) and each change is timed.
- **rss6**: a second cold server, six sessions open the page at once; the server's peak memory is `rss6_mb`.
- **naive**: the naive peer (`dashboard/bench/naive_app.py`) under `streamlit run` on the same store, driven
  through the same changes in its own multiselects.
- **streamlit**: a page holding only the Inventory page's two multiselects (`dashboard/bench/widgets_app.py`),
  driven through the same changes: what Streamlit itself takes from a choice to a settled page, before any
  figure is sent or drawn. No page whose filters are Streamlit widgets settles faster, so ours_ms can come no
  nearer the floor than streamlit_ms plus the floor itself.
- **floor**: after each change, the figures ours shows (each Plotly element's data and layout, at its size) are
  kept; a static page in the same browser, with plotly.js from the installed plotly package (no network),
  draws the first state's figures and then redraws each state's with bare `Plotly.react`. A page cannot show
  the same figures in less. Ours draws a chart only once it comes near the screen (dashboard/ui/plot.js), so
  these are the figures in the window; the naive peer (st.plotly_chart) draws all of its charts.

"Settled", the same for all three: the time from the input event (the `pointerdown` on the option, recorded in
the page) to the last DOM mutation anywhere in the document, once (for the apps) Streamlit's `script_finished`
message of the run has arrived on the websocket and its running indicator is gone, and then no mutation at all
for QUIET_MS (plots drawn, tables filled, stale elements restored). The quiet window itself is not counted.
The log also gives, per change, when the run's last websocket message arrived: what the server took, the rest
being the browser's. Server memory is the kernel's high-water mark (VmHWM) of the `streamlit run` process. Times are medians;
nothing is asserted, only reported.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from dashboard.bench.inventory import APP, NAIVE_APP, ROOT, WIDGETS_APP, _child, _memory_cap_mb
from dashboard.charts.images import HEADLESS_CHROMIUM_ARGS

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = HEADLESS_CHROMIUM_ARGS
QUIET_MS = 400
SESSIONS = 6
VIEWPORT = {"width": 1400, "height": 1000}
CHANGES = 9  # filter changes per app: the busiest provinces and fields, added one at a time, alternately
WATCH = """
window.__bench = {last: performance.now(), input: 0, message: 0};
window.WebSocket = class extends window.WebSocket {
  constructor(...args) {
    super(...args);
    this.addEventListener('message', () => { window.__bench.message = performance.now(); });
  }
};
new MutationObserver(() => { window.__bench.last = performance.now(); })
  .observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
document.addEventListener('pointerdown', () => { window.__bench.input = performance.now(); }, true);
"""
QUIET = """([quiet, since]) => !document.querySelector('[data-testid="stStatusWidget"]')
  && window.__bench.last >= since && performance.now() - window.__bench.last > quiet"""
FIGURES = """() => JSON.stringify([...document.querySelectorAll('.js-plotly-plot')].map(el => ({
  data: el.data, layout: el.layout, width: el.offsetWidth, height: el.offsetHeight})),
  (k, v) => ArrayBuffer.isView(v) ? Array.from(v) : v)"""
REDRAW = """async (figures) => {
  const holder = document.getElementById('figures');
  while (holder.children.length < figures.length) holder.appendChild(document.createElement('div'));
  const started = performance.now();
  window.__bench.input = started;
  await Promise.all(figures.map((f, i) => Plotly.react(holder.children[i], f.data,
    {...f.layout, width: f.width, height: f.height}, {displaylogo: false})));
  return started;
}"""


@dataclass
class Driven:
    """One app driven through the changes: settle times (ms), and ours' figures after each change."""

    times: list[float] = field(default_factory=list)
    answered: list[float] = field(default_factory=list)  # ms from the click to the run's last message
    figures: list[list[dict]] = field(default_factory=list)
    first_ms: float = 0.0
    first_rss_mb: float = 0.0  # the server's peak memory once the page first settled


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _peak_mb(pid: int) -> float:
    """The process's high-water mark of resident memory (VmHWM), in MB."""
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


@contextlib.contextmanager
def serve(script: Path, url: str, log_path: Path) -> Iterator[tuple[str, int]]:
    """`streamlit run script` on 127.0.0.1 against the store at `url`; yields (base URL, pid)."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    command = [
        *(sys.executable, "-m", "streamlit", "run", str(script)),
        *("--server.address", "127.0.0.1", "--server.port", str(port), "--server.headless", "true"),
        *("--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"),
    ]
    with log_path.open("wb") as log:
        env = {**os.environ, "DATABASE_URL": url}
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 120
            while True:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        f"streamlit did not start: {log_path.read_text(errors='replace')[-800:]}"
                    )
                with (
                    contextlib.suppress(OSError),
                    urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as answer,
                ):
                    if answer.read().strip() == b"ok":
                        break
                time.sleep(0.2)
            yield base, process.pid
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


class Session:
    """One browser page on an app, counting the runs Streamlit reports finished on its websocket."""

    def __init__(self, browser, url: str):
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        self.finished = 0
        self.context = browser.new_context(viewport=VIEWPORT, locale="zh-CN")
        self.context.add_init_script(WATCH)
        self.page = self.context.new_page()
        early = ForwardMsg.ScriptFinishedStatus.Value("FINISHED_EARLY_FOR_RERUN")

        def frame(payload) -> None:
            if isinstance(payload, (bytes, bytearray)):
                msg = ForwardMsg()
                with contextlib.suppress(Exception):
                    msg.ParseFromString(bytes(payload))
                    if msg.WhichOneof("type") == "script_finished" and msg.script_finished != early:
                        self.finished += 1

        self.page.on("websocket", lambda ws: ws.on("framereceived", frame))
        self.page.goto(url, wait_until="commit")

    def settle(self, runs: int, since: float, timeout_s: float) -> float:
        """Wait for `runs` finished runs in all, then the quiet window; the last mutation's time (ms)."""
        deadline = time.monotonic() + timeout_s
        while self.finished < runs:
            if time.monotonic() > deadline:
                raise RuntimeError(f"the app did not finish its run within {timeout_s:.0f} s")
            self.page.wait_for_timeout(10)
        self.page.wait_for_function(QUIET, arg=[QUIET_MS, since], polling=25, timeout=timeout_s * 1000)
        return self.page.evaluate("window.__bench.last")

    def quiet(self, timeout_s: float = 60) -> None:
        self.page.wait_for_function(QUIET, arg=[QUIET_MS, 0], polling=25, timeout=timeout_s * 1000)

    def change(self, label: str, option: str, timeout_s: float) -> tuple[float, float]:
        """Add `option` in the multiselect labelled `label`; ms from the click to the settled page, and to the
        last websocket message of the run (what the server took; the rest is the browser's)."""
        box = self.page.get_by_test_id("stMultiSelect").filter(has_text=label)
        box.locator("input").click()  # not the box's middle, where a chosen tag's ✕ may sit
        self.page.keyboard.type(option)
        choice = self.page.get_by_role("option", name=option, exact=True)
        try:
            choice.wait_for(timeout=10_000)
        except Exception as exc:
            offered = self.page.get_by_role("option").all_inner_texts()
            raise RuntimeError(f"no option {option!r} under {label!r}; offered: {offered}") from exc
        self.quiet()
        runs = self.finished + 1
        choice.click()
        since = self.page.evaluate("window.__bench.input")
        last = self.settle(runs, since, timeout_s)
        answered = self.page.evaluate("window.__bench.message")
        self.page.keyboard.press("Escape")
        self.quiet()
        if self.page.get_by_test_id("stException").count():
            raise RuntimeError(f"the page failed after choosing {option!r}")
        return last - since, answered - since


def _labels(named: bool) -> dict[str, str]:
    from dashboard.i18n import t

    return (
        {"province": t("inv_province", "zh"), "field": t("inv_field", "zh")}
        if named
        else {
            "province": "Provinces",
            "field": "Field",
        }
    )


def _option(named: bool, kind: str, value: str) -> str:
    """The option's text as each app shows it (ours and the bare page: names in Chinese; the peer: ids)."""
    if not named:
        return value
    from dashboard.i18n import t
    from dashboard.provinces import load_province_tiles

    if kind == "province":
        tiles = load_province_tiles()
        return str(tiles.set_index("id").loc[value, "name_zh"])
    return f"{value} {t(f'inv_ipc_{value}', 'zh')}"


def changes(path: Path, count: int = CHANGES) -> list[tuple[str, str]]:
    """The same changes for both apps: the busiest provinces and IPC sections in the store (within the
    default years), alternately added to the selection, so that no change leaves the page empty."""
    import sqlite3

    def busiest(column: str) -> list[str]:
        query = (
            f"SELECT {column} FROM inventory_patents WHERE grant_year >= 2012 "
            "GROUP BY 1 ORDER BY count(*) DESC, 1"
        )
        return [row[0] for row in connection.execute(query)]

    with contextlib.closing(sqlite3.connect(path)) as connection:
        provinces, sections = busiest("province"), busiest("ipc_section")
    mixed = [
        pair
        for province, section in zip(provinces, sections, strict=False)
        for pair in (("province", province), ("field", section))
    ]
    return mixed[:count]


def drive(
    browser,
    base: str,
    pid: int,
    steps: list[tuple[str, str]],
    timeout_s: float,
    page: str = "",
    named: bool = True,
    keep_figures: bool = False,
) -> Driven:
    """Open `page` once (timed from navigation), then make every change in `steps`; `named`: the options are
    shown by name (ours), not by id (the peer); `keep_figures`: keep the figures after each change."""
    session = Session(browser, f"{base}{page}")
    driven = Driven()
    try:
        driven.first_ms = session.settle(1, 0, timeout_s)
        driven.first_rss_mb = _peak_mb(pid)
        labels = _labels(named)
        for kind, value in steps:
            settled, answered = session.change(labels[kind], _option(named, kind, value), timeout_s)
            driven.times.append(settled)
            driven.answered.append(answered)
            if keep_figures:
                driven.figures.append(json.loads(session.page.evaluate(FIGURES)))
    finally:
        session.context.close()
    return driven


def open_at_once(browser, base: str, count: int, timeout_s: float) -> None:
    """`count` sessions open the page at the same moment; returns once every one has settled."""
    sessions = [Session(browser, f"{base}/inventory?lang=zh") for _ in range(count)]
    try:
        for session in sessions:
            session.settle(1, 0, timeout_s)
    finally:
        for session in sessions:
            session.context.close()


def floor(browser, states: list[list[dict]]) -> list[float]:
    """Bare plotly.js: the first state's figures drawn, then each state's redrawn with Plotly.react."""
    import plotly

    script = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    context = browser.new_context(viewport=VIEWPORT, locale="zh-CN")
    context.add_init_script(WATCH)
    page = context.new_page()
    try:
        page.set_content("<html><body><div id='figures'></div></body></html>")
        page.add_script_tag(path=str(script))
        times = []
        for i, figures in enumerate([states[0], *states]):
            started = page.evaluate(REDRAW, figures)
            page.wait_for_function(QUIET, arg=[QUIET_MS, started], polling=25, timeout=60_000)
            if i:  # the first draw only sets the stage
                times.append(page.evaluate("window.__bench.last") - started)
    finally:
        context.close()
    return times


def format_line(
    rows: int, ours: float, naive: float, bare: float, rss: float, rss6: float, widgets: float
) -> str:
    return (
        f"browser rows={rows} ours_ms={ours:.0f} naive_ms={naive:.0f} floor_ms={bare:.0f} "
        f"speedup={naive / ours:.1f} ratio={ours / bare:.2f} rss_mb={rss:.0f} rss6_mb={rss6:.0f} "
        f"streamlit_ms={widgets:.0f}"
    )


def run(rows: int, seed: int = 1, log=print, count: int = CHANGES) -> str:
    """The whole browser bench, `count` filter changes per app; returns the one line (details go to `log`)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"{CHROMIUM} not found: install Debian's chromium package")
    timeout_s = 120 + rows / 5_000
    with tempfile.TemporaryDirectory(prefix="browser-bench-") as folder:
        path = Path(folder) / "bench.sqlite"
        url = f"sqlite:///{path}"
        logs = Path(folder)
        log(f"browser bench: writing {rows:,} synthetic records into a throwaway store …")
        made = _child("prepare", url, rows, seed, memory_cap_mb=_memory_cap_mb())
        log(f"  generated in {made['generate_s']:.1f} s, written in {made['write_s']:.1f} s")
        steps = changes(path, count)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                with serve(APP, url, logs / "ours.log") as (base, pid):
                    log(f"  ours: one session on a cold server, then {len(steps)} filter changes …")
                    ours = drive(
                        browser, base, pid, steps, timeout_s, "/inventory?lang=zh", keep_figures=True
                    )
                    rss, rss_after = ours.first_rss_mb, _peak_mb(pid)
                log(
                    f"  ours: first screen {ours.first_ms:.0f} ms; changes ms {[round(x) for x in ours.times]}"
                )
                log(f"  ours: the server's last message after ms {[round(x) for x in ours.answered]}")
                log(
                    f"  ours: peak memory {rss:.0f} MB once the page opened, {rss_after:.0f} MB after the changes"
                )
                with serve(APP, url, logs / "ours6.log") as (base, pid):
                    log(f"  ours: {SESSIONS} sessions at once on a cold server …")
                    open_at_once(browser, base, SESSIONS, timeout_s * 2)
                    rss6 = _peak_mb(pid)
                log(f"  peak memory: one session {rss:.0f} MB, {SESSIONS} at once {rss6:.0f} MB")
                with serve(NAIVE_APP, url, logs / "naive.log") as (base, pid):
                    log("  the naive peer on the same changes …")
                    naive = drive(browser, base, pid, steps, timeout_s, named=False)
                log(
                    f"  naive: first screen {naive.first_ms:.0f} ms; changes ms {[round(x) for x in naive.times]}"
                )
                log(f"  naive: the server's last message after ms {[round(x) for x in naive.answered]}")
                with serve(WIDGETS_APP, url, logs / "widgets.log") as (base, pid):
                    log(
                        "  Streamlit alone: the page's two multiselects and nothing else, on the same changes …"
                    )
                    widgets = drive(browser, base, pid, steps, timeout_s)
                log(f"  streamlit alone: changes ms {[round(x) for x in widgets.times]}")
                bare = floor(browser, ours.figures)
                log(f"  floor (bare Plotly.react of ours' figures) ms {[round(x) for x in bare]}")
                least = statistics.median(widgets.times) + statistics.median(bare)
                log(
                    f"  no page filtered by Streamlit widgets settles under streamlit alone + floor = {least:.0f} ms: "
                    f"ratio {least / statistics.median(bare):.2f}"
                )
            finally:
                browser.close()
    return format_line(
        rows,
        statistics.median(ours.times),
        statistics.median(naive.times),
        statistics.median(bare),
        rss,
        rss6,
        statistics.median(widgets.times),
    )
