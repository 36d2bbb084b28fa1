"""Browser-tier fixtures: the app under ``streamlit run`` and Debian's Chromium driven by Playwright.

Nothing here is skipped: without /usr/bin/chromium the tests fail (``bash scripts/test.sh`` installs it).
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from dashboard.charts.images import HEADLESS_CHROMIUM_ARGS
from tests.fixtures import free_port

REPO_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = HEADLESS_CHROMIUM_ARGS
STARTUP_TIMEOUT_S = 60.0


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """``test-artifacts/`` at the repo root (git-ignored): logs and screenshots."""
    path = REPO_ROOT / "test-artifacts"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _tail(path: Path, lines: int = 40) -> str:
    if not path.exists():
        return "(no log)"
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def _health_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200 and response.read().strip() == b"ok"
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


def _wait_until_healthy(process: subprocess.Popen[bytes], health_url: str, log_path: Path) -> None:
    """Health-poll loop: wait for Streamlit's health endpoint to answer "ok"; fail if it dies or times out."""
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(
                f"streamlit exited with code {process.returncode} before becoming healthy; log tail:\n"
                f"{_tail(log_path)}",
                pytrace=False,
            )
        if _health_ok(health_url):
            return
        # Wait a moment for the process to exit, which is also this loop's poll interval.
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=0.2)
    pytest.fail(
        f"streamlit did not answer {health_url} within {STARTUP_TIMEOUT_S:.0f}s; log tail:\n{_tail(log_path)}",
        pytrace=False,
    )


@contextlib.contextmanager
def run_streamlit(database_url: str, log_path: Path, base_path: str = "") -> Iterator[str]:
    """``streamlit run dashboard/app.py`` on a free port against `database_url`, with the test editor password
    configured (and served under `base_path`, as behind a proxy, when given); yields its base URL and stops it
    afterwards."""
    from dashboard.editing.access import ENV_PASSWORD_HASH
    from tests.fixtures import editor_password_hash

    port = free_port()
    base_url = f"http://127.0.0.1:{port}" + (f"/{base_path}" if base_path else "")
    env = {**os.environ, "DATABASE_URL": database_url, ENV_PASSWORD_HASH: editor_password_hash()}
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "dashboard/app.py",
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--server.fileWatcherType",
        "none",
        "--browser.gatherUsageStats",
        "false",
        *(("--server.baseUrlPath", base_path) if base_path else ()),
    ]
    with log_path.open("wb") as log_file:
        process = subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT)
        try:
            _wait_until_healthy(process, f"{base_url}/_stcore/health", log_path)
            yield base_url
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture(scope="session")
def streamlit_app(seeded_sqlite_url: str, artifacts_dir: Path) -> Iterator[str]:
    """The app against the seeded SQLite store that read-only tests share; yields its base URL."""
    with run_streamlit(seeded_sqlite_url, artifacts_dir / "streamlit.log") as base_url:
        yield base_url


@pytest.fixture
def editable_app(tmp_path: Path, artifacts_dir: Path) -> Iterator[str]:
    """The app against a store of its own, for a test that changes figures; yields its base URL."""
    from tests.fixtures import build_store, sqlite_url

    url = sqlite_url(tmp_path)
    build_store(url).dispose()
    with run_streamlit(url, artifacts_dir / "streamlit-editable.log") as base_url:
        yield base_url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium (not Playwright's download), launched headless once per session."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} not found. Run `bash scripts/test.sh`, which installs Debian's chromium package.",
            pytrace=False,
        )
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh context (1400x1000, zh-CN) and page per test."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    try:
        yield context.new_page()
    finally:
        context.close()
