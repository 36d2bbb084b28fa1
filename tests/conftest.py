"""Shared fixtures: a throwaway PostgreSQL server, per-test databases, and the seeded SQLite store.

PostgreSQL is never optional: if its binaries are missing the tests fail (run ``bash scripts/test.sh``,
which installs them), they are not skipped.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

TESTS_DIR = Path(__file__).resolve().parent

# Tier markers applied from the directory a test lives in (registered in pyproject.toml).
TIER_MARKERS = {"unit": pytest.mark.unit, "app": pytest.mark.app, "browser": pytest.mark.browser}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        try:
            relative = Path(item.path).resolve().relative_to(TESTS_DIR)
        except ValueError:
            continue
        if len(relative.parts) > 1 and relative.parts[0] in TIER_MARKERS:
            item.add_marker(TIER_MARKERS[relative.parts[0]])


# --- PostgreSQL -------------------------------------------------------------------------------------


def _find_pg_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
        key=lambda path: int(Path(path).parts[-3]) if Path(path).parts[-3].isdigit() else 0,
    )
    return candidates[-1] if candidates else None


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def _run_pg(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run a PostgreSQL tool, as the ``postgres`` user when we are root (initdb refuses root)."""
    if _is_root():
        command = ["runuser", "-u", "postgres", "--", *command]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """Start a throwaway PostgreSQL cluster for the session; yields the URL of its ``postgres`` database."""
    initdb, pg_ctl = _find_pg_bin("initdb"), _find_pg_bin("pg_ctl")
    if not initdb or not pg_ctl:
        pytest.fail(
            "PostgreSQL server binaries (initdb, pg_ctl) were not found on PATH or in "
            "/usr/lib/postgresql/*/bin/. Run `bash scripts/test.sh`, which installs them.",
            pytrace=False,
        )

    # As root the cluster belongs to `postgres`, which must be able to reach the directory: keep it in /tmp.
    base = Path(tempfile.mkdtemp(prefix="pgtest-", dir="/tmp" if _is_root() else None))
    if _is_root():
        shutil.chown(base, user="postgres", group="postgres")
    data, log = base / "data", base / "log"

    common = [initdb, "-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]
    result = _run_pg([*common, "--locale=C.UTF-8"], cwd=base)
    if result.returncode != 0:
        shutil.rmtree(data, ignore_errors=True)
        result = _run_pg([*common, "--locale=C"], cwd=base)
    if result.returncode != 0:
        shutil.rmtree(base, ignore_errors=True)
        pytest.fail(f"initdb failed:\n{result.stdout}\n{result.stderr}", pytrace=False)

    from tests.fixtures import free_port

    port = free_port()
    options = f"-c listen_addresses=127.0.0.1 -p {port} -k {base} -c fsync=off"
    started = False
    try:
        result = _run_pg([pg_ctl, "-D", str(data), "-l", str(log), "-w", "-o", options, "start"], cwd=base)
        started = result.returncode == 0
        if not started:
            log_text = log.read_text(errors="replace") if log.exists() else ""
            pytest.fail(f"pg_ctl start failed:\n{result.stdout}\n{result.stderr}\n{log_text}", pytrace=False)
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        if started:
            _run_pg([pg_ctl, "-D", str(data), "-m", "fast", "-w", "stop"], cwd=base)
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """A fresh, empty database on the session's PostgreSQL server; dropped after the test."""
    name = f"test_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(postgres_server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        yield make_url(postgres_server).set(database=name).render_as_string(hide_password=False)
    finally:
        # The test's own engines should be disposed by now; FORCE ends any connection still open.
        admin.dispose()
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


# --- SQLite and both-backends ---------------------------------------------------------------------


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """An (empty, not yet created) SQLite database file in the test's temporary directory."""
    return f"sqlite:///{tmp_path / 'store.sqlite'}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest) -> str:
    """A fresh, empty database URL; tests using it run once on SQLite and once on PostgreSQL."""
    fixture = {"sqlite": "sqlite_url", "postgresql": "postgres_url"}[request.param]
    return request.getfixturevalue(fixture)


@pytest.fixture(scope="session")
def tables():
    """The shipped dataset (data/, checked against seeds/), read once for the whole session. Frames are
    shared: a test that needs to change one builds a new catalogue (`tables.replace(...)`)."""
    from dashboard.curation.dataset import load_dataset

    return load_dataset()


@pytest.fixture(scope="session")
def seeded_sqlite_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite store migrated and seeded from the shipped data, built once per session."""
    from tests.fixtures import build_store  # imported here so collection does not depend on dashboard/

    url = f"sqlite:///{tmp_path_factory.mktemp('seeded') / 'store.sqlite'}"
    store = build_store(url)
    store.dispose()
    return url


@pytest.fixture(scope="session")
def inventory_sqlite_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A seeded SQLite store that also holds the small synthetic inventory, built once per session."""
    from tests.fixtures import build_inventory_store

    url = f"sqlite:///{tmp_path_factory.mktemp('inventory') / 'store.sqlite'}"
    build_inventory_store(url).dispose()
    return url
