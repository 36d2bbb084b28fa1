"""The command line meets a store fault with one line on standard error and exit code 1, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fixtures import free_port

ROOT = Path(__file__).resolve().parents[3]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    return subprocess.run(
        [sys.executable, "-m", "dashboard", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    return lines[0]


@pytest.mark.parametrize("command", ["status", "init", "history"])
def test_a_damaged_store_file(seeded_sqlite_url, tmp_path, command):
    path = tmp_path / "store.sqlite"
    data = Path(seeded_sqlite_url.removeprefix("sqlite:///")).read_bytes()
    damaged = data[:16] + bytes(reversed(data[16:]))
    path.write_bytes(damaged)
    line = one_line_error(run(command, "--db", f"sqlite:///{path}"))
    assert str(path) in line and "damaged" in line and "restore it from a backup" in line
    assert path.read_bytes() == damaged


def test_a_folder_that_cannot_be_made(tmp_path):
    (tmp_path / "a-file").write_text("")
    line = one_line_error(run("init", "--db", f"sqlite:///{tmp_path}/a-file/var/store.sqlite"))
    assert "cannot create the folder" in line


def test_a_refused_postgresql_server_without_its_secrets():
    url = f"postgresql://editor:pa55-word@127.0.0.1:{free_port()}/dashboard?sslpassword=key-phrase"
    line = one_line_error(run("status", "--db", url))
    assert "refused the connection" in line
    assert "pa55-word" not in line and "key-phrase" not in line
