"""The app meets a store fault with a banner in the page's language, never a traceback: a damaged SQLite file
and a PostgreSQL server that refuses, with the URL's secrets masked."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import APP, TIMEOUT_S
from tests.fixtures import as_read, free_port


def banner(monkeypatch, url: str, lang: str) -> str:
    monkeypatch.setenv("DATABASE_URL", url)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT_S)
    at.query_params["lang"] = lang
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.error) == 1
    return as_read(at.error[0].value)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_damaged_store_file(seeded_sqlite_url, tmp_path, monkeypatch, lang):
    path = tmp_path / "store.sqlite"
    data = Path(seeded_sqlite_url.removeprefix("sqlite:///")).read_bytes()
    damaged = data[:16] + bytes(reversed(data[16:]))
    path.write_bytes(damaged)
    text = banner(monkeypatch, f"sqlite:///{path}", lang)
    assert str(path) in text
    assert ("已损坏" if lang == "zh" else "the file is damaged") in text
    assert ("备份" if lang == "zh" else "restore it from a backup") in text
    assert path.read_bytes() == damaged


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_refused_postgresql_server(monkeypatch, lang):
    url = f"postgresql://editor:pa55-word@127.0.0.1:{free_port()}/dashboard?sslpassword=key-phrase"
    text = banner(monkeypatch, url, lang)
    assert ("拒绝连接" if lang == "zh" else "refused the connection") in text
    assert "pa55-word" not in text and "key-phrase" not in text and "127.0.0.1" in text
