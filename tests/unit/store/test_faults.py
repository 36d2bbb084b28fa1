"""Faults of the store give a message, never a traceback, and lose nothing: a damaged SQLite file, a folder
that cannot be made, a read-only store and a full disk on every write path, and a PostgreSQL server that
refuses, goes away mid-write or does not answer. Each fault is real (a real file, a real server)."""

from __future__ import annotations

import contextlib
import errno
import os
import socket
import subprocess
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import make_url

from dashboard.curation.dataset import load_dataset
from dashboard.editing.changes import save_record, undo
from dashboard.inventory import service
from dashboard.inventory.grading import RuleSet
from dashboard.inventory.store import save_rules
from dashboard.store import schema
from dashboard.store.database import Store, StoreError
from dashboard.store.faults import Timeouts
from tests.fixtures import (
    EDITOR,
    build_inventory_store,
    corrected_row,
    import_sheet_rows,
    inventory_records,
    snapshot,
)

INVENTORY_ROWS = 200


# --- what the store holds, table by table ---------------------------------------------------------------------


def write_paths(folder: Path) -> dict[str, Callable[[Store], object]]:
    """Every way an editor writes to the store (issue 14 item 3's list), each as one call."""

    def sheet_import(store):
        first = store.read_with_revisions("observations").iloc[0].to_dict()
        return import_sheet_rows(store, [corrected_row(first, 1)], "更正.csv")

    def form(table: str, field: str):
        def save(store):
            record = store.read_with_revisions(table).iloc[0].to_dict()
            return save_record(
                store, table, {**record, field: "changed"}, EDITOR, int(record["revision"]), "edit"
            )

        return save

    def inventory_import(store):
        path = folder / "inventory.csv"
        inventory_records(INVENTORY_ROWS, seed=5).write_csv(path)
        return service.import_file(store, path, EDITOR)

    def undo_latest(store):
        with store.engine.connect() as conn:
            latest = conn.execute(
                sa.select(schema.audit_log.c.batch).order_by(schema.audit_log.c.id.desc()).limit(1)
            ).scalar_one()
        return undo(store, latest, EDITOR)

    return {
        "sheet import": sheet_import,
        "target form": form("targets", "note"),
        "source form": form("sources", "title_en"),
        "milestone form": form("milestones", "what_en"),
        "undo": undo_latest,
        "slide list": lambda store: store.save_slide_list("default", ["status"], EDITOR),
        "grading rules": lambda store: save_rules(
            store, RuleSet(weights={"technology": 2.0, "market": 1.0, "legal": 1.0}), EDITOR
        ),
        "inventory import": inventory_import,
        "inventory demo": lambda store: service.load_demo(store, load_dataset(), INVENTORY_ROWS, 9, EDITOR),
        "reset": lambda store: store.seed(load_dataset(), EDITOR),
    }


PATHS = list(write_paths(Path("/nonexistent")))  # the names, for parametrize


@pytest.fixture(scope="module")
def seeded_file(tmp_path_factory) -> Path:
    """A SQLite store holding the curated data, a small inventory and one recorded change (so that undo has
    something to revert), built once; each test works on a copy."""
    folder = tmp_path_factory.mktemp("faults")
    path = folder / "store.sqlite"
    store = build_inventory_store(f"sqlite:///{path}", rows=INVENTORY_ROWS)
    write_paths(folder)["sheet import"](store)
    store.dispose()
    return path


def copy_of(seeded_file: Path, folder: Path) -> Path:
    path = folder / "store.sqlite"
    path.write_bytes(seeded_file.read_bytes())
    return path


def assert_fails_and_loses_nothing(store: Store, write: Callable[[Store], object], fault: str) -> StoreError:
    before = snapshot(store)
    with pytest.raises(StoreError) as failed:
        write(store)
    error = failed.value
    assert kind_of(error) == fault, error.text("en")
    for lang in ("zh", "en"):
        text = error.text(lang)
        assert "\n" not in text and "Traceback" not in text
    assert snapshot(store) == before  # rolled back: every table exactly as it was
    return error


def kind_of(error: StoreError) -> str | None:
    reason = error.message.params.get("reason")
    return getattr(reason, "key", "").removeprefix("fault_") or None


def assert_said_disk_full(error: StoreError) -> None:
    """The error is the full-disk fault, and says so in both languages."""
    assert kind_of(error) == "full", error.text("en")
    assert "disk is full" in error.text("en") and "磁盘已满" in error.text("zh")


# --- SQLite -----------------------------------------------------------------------------------------------------
def damage(path: Path, keep: int) -> bytes:
    """Keep the first `keep` bytes (the 16-byte magic string at least), the rest pages of garbage."""
    data = path.read_bytes()
    assert data[:16] == b"SQLite format 3\x00"
    damaged = data[:keep] + os.urandom(len(data) - keep)
    path.write_bytes(damaged)
    return damaged


@pytest.mark.parametrize("keep", [16, 100, 4096], ids=["header-only", "full-header", "first-page"])
def test_a_damaged_file_is_named_and_left_untouched(seeded_file, tmp_path, keep):
    path = copy_of(seeded_file, tmp_path)
    damaged = damage(path, keep)
    with pytest.raises(StoreError) as failed:
        store = Store.open(f"sqlite:///{path}")
        try:
            store.prepare(load_dataset)
            store.read_all()
        finally:
            store.dispose()
    assert kind_of(failed.value) == "damaged"
    en, zh = failed.value.text("en"), failed.value.text("zh")
    assert str(path) in en and str(path) in zh
    assert "damaged" in en and "restore it from a backup" in en and "python -m dashboard init" in en
    assert "已损坏" in zh and "备份" in zh
    assert path.read_bytes() == damaged  # not repaired, not overwritten, not truncated
    assert not Path(f"{path}-journal").exists()


@pytest.mark.parametrize(
    "make_url",
    [
        lambda tmp: (
            f"sqlite:///{tmp / 'a-file'}/store/dashboard.sqlite"
        ),  # a regular file where a folder must be
        lambda tmp: f"sqlite:///{tmp / 'a-file'}/dashboard.sqlite",
    ],
    ids=["under-a-file", "file-as-folder"],
)
def test_a_folder_that_cannot_be_made_is_said_so(tmp_path, make_url):
    (tmp_path / "a-file").write_text("not a folder")
    with pytest.raises(StoreError) as failed:
        Store.open(make_url(tmp_path))
    assert failed.value.advised
    en = failed.value.text("en")
    assert f"{tmp_path / 'a-file'}" in en and "DATABASE_URL or --db" in en
    assert "文件夹" in failed.value.text("zh")
    assert (tmp_path / "a-file").read_text() == "not a folder"


def read_only(path: Path) -> Store:
    """The store opened read-only: SQLite's own mode=ro, which holds for root as for anyone."""
    return Store.open(f"sqlite:///file:{path}?mode=ro&uri=true")


@pytest.mark.parametrize("name", PATHS)
def test_every_write_to_a_read_only_sqlite_store_fails_and_loses_nothing(seeded_file, tmp_path, name):
    path = copy_of(seeded_file, tmp_path)
    store = read_only(path)
    try:
        error = assert_fails_and_loses_nothing(store, write_paths(tmp_path)[name], "read_only")
        assert "read-only" in error.text("en") and "只读" in error.text("zh")
    finally:
        store.dispose()
    assert not (tmp_path / "file:").exists()  # the URI's scheme is no folder to make


@pytest.fixture
def full_disk(tmp_path) -> Iterator[Path]:
    """A folder on a real disk with no room left: a small tmpfs filled to the last page by a ballast file
    (mounting needs root, which the tests run as; elsewhere the test is skipped, saying why)."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(disk)], capture_output=True, text=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs for a full disk here: {mounted.stderr.strip()}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=True)


def fill(disk: Path) -> None:
    with open(disk / "ballast", "wb", buffering=0) as ballast:
        for size in (1 << 20, 1 << 12, 1):
            try:
                while True:
                    ballast.write(b"\0" * size)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC
    assert os.statvfs(disk).f_bavail == 0


@pytest.mark.parametrize("name", PATHS)
def test_every_write_to_a_full_sqlite_disk_fails_and_loses_nothing(seeded_file, full_disk, tmp_path, name):
    path = copy_of(seeded_file, full_disk)
    store = Store.open(f"sqlite:///{path}")
    try:
        fill(full_disk)
        assert_said_disk_full(assert_fails_and_loses_nothing(store, write_paths(tmp_path)[name], "full"))
    finally:
        store.dispose()


# --- PostgreSQL -------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def seeded_template(postgres_server) -> str:
    """A PostgreSQL database seeded like `seeded_file`, built once, that each test copies (a template)."""
    name = f"faults_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(postgres_server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = make_url(postgres_server).set(database=name).render_as_string(hide_password=False)
    store = build_inventory_store(url, rows=INVENTORY_ROWS)
    write_paths(Path(tempfile.mkdtemp()))["sheet import"](store)
    store.dispose()
    yield name
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def pg_copy(postgres_server, seeded_template) -> Iterator[tuple[str, sa.Engine]]:
    """A fresh copy of the seeded database: its URL, and an administrator's engine on the server."""
    name = f"test_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(postgres_server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}" TEMPLATE "{seeded_template}"'))
    try:
        yield make_url(postgres_server).set(database=name).render_as_string(hide_password=False), admin
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.mark.postgres
@pytest.mark.parametrize("name", PATHS)
def test_every_write_to_a_read_only_postgresql_store_fails_and_loses_nothing(pg_copy, tmp_path, name):
    url, admin = pg_copy
    with admin.connect() as conn:
        conn.execute(
            sa.text(f'ALTER DATABASE "{make_url(url).database}" SET default_transaction_read_only = on')
        )
    store = Store.open(url)
    try:
        assert_fails_and_loses_nothing(store, write_paths(tmp_path)[name], "read_only")
    finally:
        store.dispose()


@pytest.mark.postgres
@pytest.mark.parametrize("name", PATHS)
def test_every_write_when_the_server_goes_away_mid_write_loses_nothing(pg_copy, tmp_path, name):
    """The backend of the writing connection is terminated from another connection just as the write sends
    its first change (as a server restart or a dropped network would end it)."""
    url, admin = pg_copy
    store = Store.open(url)
    before = snapshot(store)

    terminated = []

    def terminate_on_first_write(conn, _cursor, statement, *_args):
        verb = statement.lstrip().split(" ", 1)[0].upper()
        if not terminated and verb in ("INSERT", "UPDATE", "DELETE", "TRUNCATE"):
            pid = conn.connection.dbapi_connection.info.backend_pid
            with admin.connect() as other:
                other.execute(sa.text("SELECT pg_terminate_backend(:pid, 5000)"), {"pid": pid})
            terminated.append(pid)

    event.listen(store.engine, "before_cursor_execute", terminate_on_first_write)
    try:
        with pytest.raises(StoreError) as failed:
            write_paths(tmp_path)[name](store)
        assert kind_of(failed.value) == "gone", failed.value.text("en")
        assert "lost mid-way" in failed.value.text("en") and "中途断开" in failed.value.text("zh")
        assert snapshot(store) == before  # the next connection (pre-pinged) reads everything as it was
    finally:
        store.dispose()


@pytest.mark.postgres
@pytest.mark.parametrize("name", PATHS)
def test_a_write_that_waits_on_a_lock_gives_up_and_loses_nothing(pg_copy, tmp_path, monkeypatch, name):
    """Another connection holds a lock every write needs (the audit log, which each write adds to): the
    write gives up after the statement timeout instead of hanging the page."""
    url, _ = pg_copy
    monkeypatch.setenv("DASHBOARD_DB_STATEMENT_TIMEOUT", "1")
    store = Store.open(url)
    holder = sa.create_engine(url)
    try:
        with holder.connect() as other:
            other.execute(sa.text("LOCK TABLE audit_log, slide_lists, inventory_changes IN EXCLUSIVE MODE"))
            started = time.monotonic()
            error = assert_fails_and_loses_nothing(store, write_paths(tmp_path)[name], "timeout")
            assert time.monotonic() - started < 20
            other.rollback()
        assert "did not finish within 1 s" in error.text("en")
    finally:
        holder.dispose()
        store.dispose()


@pytest.mark.postgres
def test_a_refused_connection_is_said_so_without_the_secrets(monkeypatch):
    from tests.fixtures import free_port

    url = f"postgresql://editor:pa55-word@127.0.0.1:{free_port()}/dashboard?sslpassword=key-phrase"
    with pytest.raises(StoreError) as failed:
        Store.open(url)
    assert kind_of(failed.value) == "refused"
    for lang in ("zh", "en"):
        text = failed.value.text(lang)
        assert "pa55-word" not in text and "key-phrase" not in text and "127.0.0.1" in text
    assert "check that the PostgreSQL server is running" in failed.value.text("en")


@contextlib.contextmanager
def silent_server() -> Iterator[int]:
    """A port that accepts connections and then says nothing (a hung server, a black-holing network)."""
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)
    accepted = []
    threading.Thread(target=lambda: accepted.append(silent.accept()), daemon=True).start()
    try:
        yield silent.getsockname()[1]
    finally:
        for conn, _ in accepted:
            conn.close()
        silent.close()


def test_a_server_that_never_answers_is_given_up_on_after_the_connect_timeout(monkeypatch):
    """A port that accepts connections and then says nothing (a hung server, a black-holing network)."""
    monkeypatch.setenv("DASHBOARD_DB_CONNECT_TIMEOUT", "2")
    started = time.monotonic()
    with silent_server() as port, pytest.raises(StoreError) as failed:
        Store.open(f"postgresql://u@127.0.0.1:{port}/db")
    assert time.monotonic() - started < 15
    assert kind_of(failed.value) == "connect_timeout"
    assert "did not answer within 2 s" in failed.value.text("en")


def test_timeouts_come_from_the_environment_and_bad_ones_are_named():
    assert Timeouts.from_environ({}) == Timeouts(10, 30)
    assert Timeouts.from_environ({"DASHBOARD_DB_STATEMENT_TIMEOUT": "0"}).statement == 0
    with pytest.raises(ValueError, match="DASHBOARD_DB_CONNECT_TIMEOUT"):
        Timeouts.from_environ({"DASHBOARD_DB_CONNECT_TIMEOUT": "soon"})
    args = Timeouts(3, 1.5).connect_args(make_url("postgresql://h/d?options=-csearch_path%3Dx"))
    assert args == {"connect_timeout": 3, "options": "-csearch_path=x -c statement_timeout=1500"}


def test_the_inventory_reader_gives_up_on_a_server_that_never_answers():
    """The inventory is read through ADBC, not the engine: it must give up after the same connect timeout."""
    from dashboard.inventory.store import load_inventory

    with silent_server() as port:
        store = Store(sa.create_engine(f"postgresql+psycopg://u@127.0.0.1:{port}/db"), Timeouts(2, 5))
        try:
            with pytest.raises(StoreError) as failed:
                load_inventory(store)  # without the timeout this waits as long as the system does
        finally:
            store.dispose()
    assert "timeout" in failed.value.text("en").lower()
