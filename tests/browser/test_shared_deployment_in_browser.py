"""A shared deployment in Debian's Chromium (README "Shared deployment"): two app processes on one PostgreSQL
database, as a sticky proxy would run them. An editor's change on one process shows on the other at its next
rerun; a bounded load of concurrent browser sessions across both completes with no error, and the test reports
each session's settle time and each process's peak memory (never asserted: this machine's speed is not the
deployment's)."""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import os
import re
import statistics
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.async_api import BrowserContext, Page, async_playwright
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import expect as async_expect
from playwright.sync_api import Browser, expect

from dashboard.i18n import t
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, run_streamlit
from tests.browser.steps import TIMEOUT, no_error, open_dropdown, settle, sign_in
from tests.fixtures import build_inventory_store

pytestmark = pytest.mark.postgres

EDITED = "high_value_patents_per_10k_2025"  # the target the editor rewords
OTHER = "patent_intensive_industry_gdp_share_2025"  # the one the viewer passes through on the way back
SESSIONS = 20  # concurrent browser sessions (tabs), alternately on process A and B
PAGES = ("overview", "targets", "inventory")
OPENING_AT_ONCE = 4  # pages loading at the same moment while the sessions open; every one stays open after
LOAD_TIMEOUT = 180_000  # 20 sessions share two cores with both servers and Chromium: generous, still bounded
VIEWPORT = {"width": 1400, "height": 1000}


@dataclass(frozen=True)
class Deployment:
    """Two app processes on one store: their base URLs and process ids."""

    a: str
    b: str
    pids: dict[str, int]


def _server_pid(base_url: str) -> int:
    """The id of the `streamlit run` child of this test process listening on `base_url`'s port."""
    port = base_url.rsplit(":", 1)[1].encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            args = (entry / "cmdline").read_bytes().split(b"\0")
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            listens = b"--server.port" in args and args[args.index(b"--server.port") + 1] == port
            if parent == os.getpid() and b"streamlit" in args and listens:
                return int(entry.name)
    raise AssertionError(f"no streamlit process of this test listens on {base_url}")


def _cpu_s(pid: int) -> float:
    """The CPU time the process has used so far (user + system, /proc/<pid>/stat), in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _peak_rss_mb(pid: int) -> float:
    """The process's peak resident memory so far (VmHWM in /proc/<pid>/status), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise AssertionError(f"/proc/{pid}/status has no VmHWM")


@pytest.fixture
def deployment(postgres_url: str, artifacts_dir: Path) -> Iterator[Deployment]:
    """One PostgreSQL database (the shipped figures and the small synthetic inventory), schema made once
    before any process starts, then two processes on it, each with the test editor password."""
    build_inventory_store(postgres_url).dispose()
    with contextlib.ExitStack() as stack:
        a = stack.enter_context(run_streamlit(postgres_url, artifacts_dir / "streamlit-shared-a.log"))
        b = stack.enter_context(run_streamlit(postgres_url, artifacts_dir / "streamlit-shared-b.log"))
        yield Deployment(a, b, {"A": _server_pid(a), "B": _server_pid(b)})


# --- (a) an editor's change on one process, read on the other -----------------------------------------------


def _option_name(tables, target_id: str, label: str) -> str:
    target = tables.targets.set_index("id").loc[target_id]
    types = tables.institution_types.set_index("id")["name_en"]
    return f"{label} · {types[target['institution_type']]}"


def test_an_edit_on_one_process_shows_on_the_other_at_its_next_rerun(
    browser: Browser, deployment: Deployment, tables, artifacts_dir
):
    stored = tables.targets.set_index("id").loc[EDITED, "wording_en"]
    reworded = f"{stored} (reworded on process A)"
    indicator_names = tables.indicators.set_index("id")["name_en"]
    contexts = [browser.new_context(viewport=VIEWPORT, locale="en-GB") for _ in range(2)]
    try:
        viewer, editor = (context.new_page() for context in contexts)
        # The viewer on B reads the target as stored (B now holds the tables in its cache).
        viewer.goto(f"{deployment.b}/targets?lang=en&target={EDITED}")
        wording = viewer.get_by_test_id("stMain").locator("strong")
        expect(wording.filter(has_text=stored)).to_be_visible(timeout=TIMEOUT)

        # The editor on A rewords it through the Data page's target form.
        editor.goto(f"{deployment.a}/data?lang=en")
        expect(editor.get_by_role("heading", name=t("data_title", "en"))).to_be_visible(timeout=TIMEOUT)
        sign_in(editor, "en", name="Wang")
        main = editor.get_by_test_id("stMain")
        main.get_by_role("tab", name=t("data_edit", "en")).click()
        main.get_by_test_id("stButtonGroup").get_by_text(t("edit_target", "en"), exact=True).click()
        open_dropdown(editor, main.get_by_role("combobox", name=t("target_pick", "en")))
        editor.get_by_role("option", name=_option_name(tables, EDITED, stored), exact=True).click()
        # The form holds the chosen target once the rerun is done; text typed before then would be reset.
        expect(main.get_by_role("textbox", name=t("wording_en", "en"))).to_have_value(stored, timeout=TIMEOUT)
        settle(editor)
        main.get_by_role("textbox", name=t("wording_en", "en")).fill(reworded)
        save = main.get_by_role("button", name=t("save", "en"), exact=True)
        # While the app reruns, the form this one replaces (with its own Save) may still be on the page.
        expect(save).to_have_count(1, timeout=TIMEOUT)
        save.click()
        expect(editor.get_by_text(t("saved", "en"))).to_be_visible(timeout=TIMEOUT)

        # The viewer's next reruns on B (another target, then this one again) read the new wording.
        chooser = viewer.get_by_test_id("stMain").get_by_role("combobox", name=t("choose_target", "en"))
        for target_id in (OTHER, EDITED):
            open_dropdown(viewer, chooser)
            label = indicator_names[tables.targets.set_index("id").loc[target_id, "indicator"]]
            viewer.get_by_role("option", name=_option_name(tables, target_id, label), exact=True).click()
            expect(viewer).to_have_url(re.compile(f"target={target_id}"), timeout=TIMEOUT)
        expect(wording.filter(has_text=reworded)).to_be_visible(timeout=TIMEOUT)
        settle(viewer)
        viewer.screenshot(path=str(artifacts_dir / "shared-deployment-viewer-b.png"), full_page=True)
        no_error(viewer)
    finally:
        for context in contexts:
            context.close()


# --- (b) a bounded load across both processes ---------------------------------------------------------------


@dataclass
class Session:
    """One person's visit: where, its page, how long each step took to settle (seconds; None if it did not),
    and anything that went wrong."""

    process: str
    page_name: str
    lang: str
    page: Page | None = None
    opened_s: float | None = None
    filtered_s: float | None = None
    errors: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"{self.process}/{self.page_name}/{self.lang}"


async def _settled(page: Page) -> None:
    """The app's run has finished (the frontend says so on its root element); not just "no spinner yet"."""
    app = page.locator("[data-testid=stApp]")
    await async_expect(app).to_have_attribute("data-test-script-state", "notRunning", timeout=LOAD_TIMEOUT)


@contextlib.asynccontextmanager
async def _recorded(session: Session, shots: Path):
    """A step whose failure is recorded with a screenshot, not raised: every other session still finishes, and
    the report names each one that failed and how."""
    try:
        yield
    except (AssertionError, PlaywrightError) as exc:
        session.errors.append(" ".join(str(exc).split())[:300])
        with contextlib.suppress(PlaywrightError):
            await session.page.screenshot(
                path=str(shots / f"shared-load-{session.name.replace('/', '-')}.png")
            )


async def _open(context: BrowserContext, session: Session, base_url: str, opening: asyncio.Semaphore, shots):
    """Open the page in a tab of its own (a Streamlit session of its own) and wait for its run to finish; the
    page stays open."""
    session.page = page = await context.new_page()
    page.on("pageerror", lambda exc: session.errors.append(f"page error: {exc}"))
    path = "" if session.page_name == "overview" else session.page_name
    async with opening, _recorded(session, shots):
        start = time.monotonic()
        await page.goto(f"{base_url}/{path}?lang={session.lang}", wait_until="commit")
        await async_expect(page.get_by_role("heading", level=1).first).to_be_visible(timeout=LOAD_TIMEOUT)
        await _settled(page)
        session.opened_s = time.monotonic() - start


async def _filter(session: Session, universities: str, shots: Path) -> None:
    """Narrow the open page to universities in the sidebar, wait for the rerun, and look for any error shown."""
    page = session.page
    async with _recorded(session, shots):
        start = time.monotonic()
        sidebar = page.get_by_test_id("stSidebar")
        await sidebar.get_by_role("combobox", name=t("institution_type", session.lang)).click()
        await page.get_by_role("option", name=universities, exact=True).click()
        await async_expect(page).to_have_url(re.compile(r"type=university"), timeout=LOAD_TIMEOUT)
        await _settled(page)
        session.filtered_s = time.monotonic() - start
        for test_id in ("stException", "stAlertContentError"):
            shown = page.get_by_test_id(test_id)
            if await shown.count():
                session.errors.append(f"{test_id}: {await shown.first.inner_text()}")


async def _load(deployment: Deployment, tables, shots: Path) -> list[Session]:
    """`SESSIONS` sessions, alternately on A and B, over the pages and both languages: each opens its page
    (`OPENING_AT_ONCE` loading at a time, so that Chromium's first paint of 20 pages does not starve two cores)
    and stays open; then all of them change the filter at the same moment."""
    plan = [Session("AB"[i % 2], PAGES[i % len(PAGES)], ("en", "zh")[i // 2 % 2]) for i in range(SESSIONS)]
    bases = {"A": deployment.a, "B": deployment.b}
    names = tables.institution_types.set_index("id")
    opening = asyncio.Semaphore(OPENING_AT_ONCE)
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            # One browser context per process, as a person's tabs: they share its cache, so Chromium fetches
            # and compiles the app's scripts once per process, not once per session.
            contexts = {name: await browser.new_context(viewport=VIEWPORT) for name in bases}
            for context in contexts.values():
                context.set_default_timeout(LOAD_TIMEOUT)
            await asyncio.gather(
                *(_open(contexts[s.process], s, bases[s.process], opening, shots) for s in plan)
            )
            opened = [s for s in plan if s.opened_s is not None]
            await asyncio.gather(
                *(_filter(s, names.loc["university", f"name_{s.lang}"], shots) for s in opened)
            )
        finally:
            await browser.close()
    return plan


def _report(sessions: list[Session], servers: dict[str, str], elapsed: float) -> str:
    """One line: the spread of settle times, each process's peak memory and CPU time, then every session's own
    times (seconds to open + seconds to filter)."""

    def spread(values: list[float | None]) -> str:
        done = sorted(v for v in values if v is not None)
        if not done:
            return "none settled"
        return f"median={statistics.median(done):.1f}s max={done[-1]:.1f}s settled={len(done)}/{len(values)}"

    def seconds(value: float | None) -> str:
        return "-" if value is None else f"{value:.1f}"

    each = " ".join(f"{s.name}={seconds(s.opened_s)}+{seconds(s.filtered_s)}" for s in sessions)
    return (
        f"shared-deployment: sessions={len(sessions)} processes={len(servers)} wall={elapsed:.1f}s "
        f"open({spread([s.opened_s for s in sessions])}) filter({spread([s.filtered_s for s in sessions])}) "
        f"{' '.join(f'{name}({text})' for name, text in servers.items())} "
        f"failed={sum(bool(s.errors) for s in sessions)} each: {each}"
    )


def test_twenty_concurrent_sessions_across_two_processes_complete_without_error(
    deployment: Deployment, tables, artifacts_dir
):
    cpu_before = {name: _cpu_s(pid) for name, pid in deployment.pids.items()}
    start = time.monotonic()
    # Playwright's async API in a thread of its own: the session's sync browser keeps this thread's loop.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        sessions = pool.submit(asyncio.run, _load(deployment, tables, artifacts_dir)).result()
    elapsed = time.monotonic() - start
    servers = {
        name: f"peak_rss={_peak_rss_mb(pid):.0f}MB cpu_during_load={_cpu_s(pid) - cpu_before[name]:.1f}s"
        for name, pid in deployment.pids.items()
    }
    report = _report(sessions, servers, elapsed)
    print(f"\n{report}")
    (artifacts_dir / "shared-deployment.txt").write_text(report + "\n", encoding="utf-8")

    assert len(sessions) == SESSIONS
    assert {s.process for s in sessions} == {"A", "B"}
    failed = [f"{s.name}: {e}" for s in sessions for e in s.errors]
    assert failed == [], "\n".join(failed)
