"""A full disk under PostgreSQL: the store's database lives in a tablespace on a small tmpfs filled to the last
byte. A write that needs a new page fails with the disk-full message and loses nothing; one that fits in pages
already there may succeed, whole. The writes that replace everything (inventory import and demo, reset) need
new pages and must fail. Mounting needs root, which the tests run as; elsewhere the test is skipped, saying why."""

from __future__ import annotations

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

from dashboard.inventory.store import load_inventory
from dashboard.store.database import Store, StoreError
from tests.fixtures import snapshot
from tests.unit.store.test_faults import PATHS, assert_said_disk_full, fill, seeded_template, write_paths

pytestmark = pytest.mark.postgres

MUST_FAIL = ("inventory import", "inventory demo", "reset")  # each writes every record again
__all__ = ["seeded_template"]  # the fixture, shared with test_faults


@pytest.fixture
def pg_on_full_disk(postgres_server, seeded_template) -> Iterator[tuple[str, Path]]:
    """A copy of the seeded database in a tablespace on a 64 MB tmpfs (not yet filled): its URL and the disk."""
    disk = Path(tempfile.mkdtemp(prefix="pg-full-disk-", dir="/tmp"))  # where the server's account reaches
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64m,mode=0755", "tmpfs", str(disk)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs for a full disk here: {mounted.stderr.strip()}")
    space = disk / "tablespace"
    space.mkdir()
    if os.geteuid() == 0:
        shutil.chown(space, user="postgres", group="postgres")
    name, tablespace = f"full_{uuid.uuid4().hex[:8]}", f"ts_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(postgres_server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(sa.text(f"CREATE TABLESPACE {tablespace} LOCATION '{space}'"))
            conn.execute(
                sa.text(f'CREATE DATABASE "{name}" TEMPLATE "{seeded_template}" TABLESPACE {tablespace}')
            )
        yield make_url(postgres_server).set(database=name).render_as_string(hide_password=False), disk
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(sa.text(f"DROP TABLESPACE IF EXISTS {tablespace}"))
        admin.dispose()
        subprocess.run(["umount", "-l", str(disk)], check=False)
        shutil.rmtree(disk, ignore_errors=True)


def test_every_write_to_a_full_postgresql_disk_fails_whole_or_succeeds_whole(pg_on_full_disk, tmp_path):
    url, disk = pg_on_full_disk
    store = Store.open(url)
    try:
        fill(disk)
        failed = []
        for name in PATHS:
            before = snapshot(store)
            try:
                write_paths(tmp_path)[name](store)
            except StoreError as error:
                assert_said_disk_full(error)
                assert snapshot(store) == before, f"{name} left part of its write behind"
                failed.append(name)
        assert set(MUST_FAIL) <= set(failed), failed
    finally:
        store.dispose()


def test_a_new_connection_that_cannot_write_its_cache_file_on_a_full_disk_is_said_to_be_a_full_disk(
    pg_on_full_disk,
):
    """A PostgreSQL backend writes its database's relation-cache file (pg_internal.init) as it starts, when the
    file is not there; on a full disk the connection then fails with "could not write init file" and no code.
    Whether the file is there depends on the server's history, so the test removes it (the server rebuilds it)."""
    url, disk = pg_on_full_disk
    store = Store.open(url)
    try:
        fill(disk)
        cache_files = list(disk.glob("tablespace/*/*/pg_internal.init"))
        assert cache_files, "the server wrote no relation-cache file in the tablespace"
        for cache_file in cache_files:
            cache_file.unlink()
        fill(disk)  # again: removing the file freed its space
        with pytest.raises(StoreError) as raised:
            load_inventory(store)  # a new connection, outside the store's pool
        assert_said_disk_full(raised.value)
    finally:
        store.dispose()
