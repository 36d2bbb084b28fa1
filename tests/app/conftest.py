"""App-tier fixtures: one way to open the real app in streamlit.testing's AppTest, on a page, with the view in
its address and, when asked, a signed-in editor."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.store.editors import Editor
from dashboard.ui.plot import ELEMENT_NAME
from dashboard.ui.router import page_path

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")
TIMEOUT_S = 120  # cold imports of plotly and polars take seconds


def open_app(page: str | None = None, *, editor: str | None = None, **query: str) -> AppTest:
    """The app run once with `query` in its address (lang, type, from, to, target, slide …), then switched to
    `page` (a page's name, e.g. "targets", or its file); `editor` signs an editor in for the session."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT_S)
    if editor:
        at.session_state["editor"] = Editor(editor, "password")
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if page and page not in ("overview", page_path("overview")):
        at.switch_page(page if page.endswith(".py") else page_path(page)).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture
def seeded_app(seeded_sqlite_url, monkeypatch) -> Callable[..., AppTest]:
    """open_app against the seeded store that read-only tests share."""
    monkeypatch.setenv("DATABASE_URL", seeded_sqlite_url)
    return open_app


def drawn_charts(at: AppTest) -> list[dict]:
    """The figures the page draws, in order: each chart element's figure as the browser receives it."""
    return [
        json.loads(json.loads(element.proto.json)["figure"])
        for element in at.get("bidi_component")
        if element.proto.component_name == ELEMENT_NAME
    ]
