"""Where the chart element tells the browser to load plotly.js from (dashboard/ui/plot.py): the app's static
folder, holding a whole copy of the plotly package's file, or else the package's folder served by Streamlit."""

from __future__ import annotations

import contextlib
import os

import pytest
from streamlit import config

from dashboard.ui import plot
from dashboard.ui.plot import PLOTLY_JS


@pytest.fixture
def static_copy(tmp_path, monkeypatch):
    target = tmp_path / "static" / "plotly-test.min.js"
    monkeypatch.setattr(plot, "STATIC_PLOTLY_JS", target)
    return target


@contextlib.contextmanager
def options(static: bool, base: str = ""):
    """Streamlit's options for static serving and the base path, for the block's length."""
    names = {"server.enableStaticServing": static, "server.baseUrlPath": base}
    before = {name: config.get_option(name) for name in names}
    try:
        for name, value in names.items():
            config.set_option(name, value)
        yield
    finally:
        for name, value in before.items():
            config.set_option(name, value)


def test_plotly_js_is_copied_whole_to_the_static_folder_with_the_packages_time(static_copy):
    with options(static=True):
        assert plot._plotly_js_url() == "/app/static/plotly-test.min.js"
    assert static_copy.read_bytes() == PLOTLY_JS.read_bytes()
    assert os.stat(static_copy).st_mtime == os.stat(PLOTLY_JS).st_mtime
    assert [p.name for p in static_copy.parent.iterdir()] == [static_copy.name]  # no part left behind


def test_under_a_base_path_the_address_carries_it(static_copy):
    with options(static=True, base="/tracker/"):
        assert plot._plotly_js_url() == "/tracker/app/static/plotly-test.min.js"


@pytest.mark.parametrize("why", ["static serving off", "the folder cannot be made"])
def test_without_the_static_folder_the_plotly_packages_folder_serves_it(static_copy, why):
    if why == "the folder cannot be made":
        static_copy.parent.write_text("a file where the folder would be")
    with options(static=why != "static serving off"):
        url = plot._plotly_js_url()
    assert url.startswith("/component/") and url.endswith("/plotly.min.js")
    assert not static_copy.exists()
