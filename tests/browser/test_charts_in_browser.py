"""The chart element in Chromium (dashboard/ui/plot.py): plotly.js from the app's own server (under a base path
too), a chart kept and updated in place across a filter change, drawn only when it comes near the screen, full
screen from its own toolbar, and a plain sentence in the page's language where plotly.js cannot be loaded."""

from __future__ import annotations

import re
import urllib.request

import pytest
from playwright.sync_api import Page, expect

from dashboard.i18n import t
from dashboard.provinces import load_province_tiles
from dashboard.ui.plot import PLOTLY_JS, STATIC_PLOTLY_JS
from tests.browser.conftest import run_streamlit
from tests.browser.steps import CHARTS, TIMEOUT, draw_every_chart, drawn_chart, no_error, settle
from tests.fixtures import inventory_records

PLOT = ".house-plot-area"
PLOTLY_FILE = re.compile(r".*/plotly[^/]*\.min\.js$")  # wherever the app serves it from


@pytest.fixture(scope="module")
def inventory_app(inventory_sqlite_url, artifacts_dir):
    """The app on the seeded store that also holds the small synthetic inventory."""
    with run_streamlit(inventory_sqlite_url, artifacts_dir / "streamlit-charts.log") as base_url:
        yield base_url


def test_plotly_js_comes_from_the_apps_static_folder_and_is_the_plotly_packages_own(
    page: Page, streamlit_app
):
    loaded = []
    page.on("response", lambda answer: PLOTLY_FILE.match(answer.url) and loaded.append(answer))
    page.goto(f"{streamlit_app}/finance?lang=zh")
    drawn_chart(page)
    assert [answer.url for answer in loaded] == [f"{streamlit_app}/app/static/{STATIC_PLOTLY_JS.name}"]
    # validators the browser's cache keeps it by, between visits
    assert loaded[0].ok and {"etag", "last-modified"} <= set(loaded[0].headers)
    with urllib.request.urlopen(loaded[0].url, timeout=30) as answer:
        assert answer.read() == PLOTLY_JS.read_bytes()
    no_error(page)


def test_a_filter_change_updates_each_chart_in_place(page: Page, inventory_app):
    busiest = inventory_records()["province"].value_counts(sort=True)["province"][0]
    name = load_province_tiles().set_index("id").loc[busiest, "name_zh"]
    page.goto(f"{inventory_app}/inventory?lang=zh")
    plot = drawn_chart(page).locator(PLOT).element_handle()
    before = plot.evaluate("plot => JSON.stringify(plot.data)")

    page.get_by_test_id("stMultiSelect").filter(has_text="省份").click()
    page.keyboard.type(name)
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    expect(page).to_have_url(re.compile(rf"province={busiest}"), timeout=TIMEOUT)
    settle(page)
    # The same plot node, still on the page, drawing the new figure: updated in place, not drawn anew.
    page.wait_for_function(
        "([plot, was]) => plot.isConnected && JSON.stringify(plot.data) !== was",
        arg=[plot, before],
        timeout=TIMEOUT,
    )
    no_error(page)


def test_a_chart_out_of_sight_is_drawn_as_it_comes_near_the_screen(page: Page, inventory_app):
    page.set_viewport_size({"width": 1280, "height": 1000})
    page.goto(f"{inventory_app}/inventory?lang=en")
    first, last = page.locator(CHARTS).first, page.locator(CHARTS).last
    # The first screen's charts are drawn where they are, unscrolled; the charts in sight are drawn together,
    # so by then any other chart in sight would be drawn too.
    expect(first.locator(".main-svg").first).to_be_attached(timeout=TIMEOUT)
    assert last.evaluate("frame => frame.getBoundingClientRect().top > 1.25 * window.innerHeight")
    expect(last).to_have_attribute("aria-label", re.compile(r"^Chart: "))  # its figure has arrived
    assert last.locator(".main-svg").count() == 0
    last.scroll_into_view_if_needed()
    expect(last.locator(".main-svg").first).to_be_attached(timeout=TIMEOUT)
    no_error(page)


def test_a_chart_goes_full_screen_from_its_toolbar(page: Page, streamlit_app):
    page.goto(f"{streamlit_app}/finance?lang=en")
    chart = drawn_chart(page)
    chart.hover()
    button = chart.locator(f".modebar-btn[data-title='{t('chart_fullscreen', 'en')}']")
    button.click()
    page.wait_for_function(f"() => document.fullscreenElement?.matches('{CHARTS}')", timeout=TIMEOUT)
    # The chart fills the screen, not just the frame it had on the page.
    page.wait_for_function(
        f"() => document.querySelector('{CHARTS} .main-svg').getAttribute('height') == window.innerHeight",
        timeout=TIMEOUT,
    )
    button.click()  # the same button leaves full screen (Esc is the browser's own)
    page.wait_for_function("() => !document.fullscreenElement", timeout=TIMEOUT)
    height = page.evaluate(f"() => document.querySelector('{CHARTS}').clientHeight")
    page.wait_for_function(
        f"h => document.querySelector('{CHARTS} .main-svg').getAttribute('height') == h",
        arg=height,
        timeout=TIMEOUT,
    )
    no_error(page)


def test_where_plotly_js_cannot_be_loaded_the_chart_says_so_in_the_pages_language(page: Page, streamlit_app):
    page.route(PLOTLY_FILE, lambda route: route.abort())
    page.goto(f"{streamlit_app}/finance?lang=zh")
    chart = page.locator(CHARTS).first
    chart.scroll_into_view_if_needed(timeout=TIMEOUT)
    expect(chart).to_contain_text(t("chart_unavailable", "zh"), timeout=TIMEOUT)
    expect(chart.locator(".main-svg")).to_have_count(0)
    # the rest of the page is there: its downloads, its tables
    expect(page.get_by_role("button", name="CSV").first).to_be_visible()
    no_error(page)


def test_under_a_base_path_plotly_js_comes_from_that_path(page: Page, seeded_sqlite_url, artifacts_dir):
    """As behind a reverse proxy that serves the app at /tracker/."""
    log = artifacts_dir / "streamlit-base-path.log"
    with run_streamlit(seeded_sqlite_url, log, base_path="tracker") as base_url:
        loaded = []
        page.on("response", lambda answer: PLOTLY_FILE.match(answer.url) and loaded.append(answer))
        page.goto(f"{base_url}/finance?lang=en")
        drawn_chart(page)
        assert [answer.url for answer in loaded] == [f"{base_url}/app/static/{STATIC_PLOTLY_JS.name}"]
        assert loaded[0].ok
        no_error(page)


# Plotly's draws held until released, as a loaded machine holds a first draw over several frames.
HOLD_DRAWS = """() => {
  const react = Plotly.react;
  window.__held = [];
  Plotly.react = (...args) => new Promise((resolve) => {
    window.__held.push(() => resolve(react.apply(Plotly, args)));
  });
}"""
RELEASE_DRAWS = "() => window.__held.splice(0).forEach((release) => release())"
NEXT_FRAMES = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"
DRAWN_AT_ITS_WIDTH = """(frame) => {
  const plot = frame.querySelector('.house-plot-area');
  return plot._fullLayout && Math.abs(plot._fullLayout.width - frame.clientWidth) <= 1;
}"""


def test_a_resize_while_a_chart_is_still_drawing_waits_for_the_draw(page: Page, inventory_app):
    failures = []
    page.on("pageerror", lambda error: failures.append(f"page error: {error}"))
    page.on(  # an error the chart element caught and logged (a missing favicon's 404 is not one)
        "console",
        lambda message: (
            message.type == "error"
            and not message.text.startswith("Failed to load resource")
            and failures.append(message.text)
        ),
    )
    page.set_viewport_size({"width": 1280, "height": 1000})
    page.goto(f"{inventory_app}/inventory?lang=en")
    first, last = page.locator(CHARTS).first, page.locator(CHARTS).last
    expect(first.locator(".main-svg").first).to_be_attached(timeout=TIMEOUT)
    expect(last).to_have_attribute("aria-label", re.compile(r"^Chart: "))
    assert last.locator(".main-svg").count() == 0  # not drawn yet: its first draw is the one held
    page.evaluate(HOLD_DRAWS)
    last.scroll_into_view_if_needed()
    page.wait_for_function("() => window.__held.length > 0", timeout=TIMEOUT)
    page.set_viewport_size({"width": 1100, "height": 1000})  # its column narrows in the middle of the draw
    page.evaluate(NEXT_FRAMES)  # the frame's new size is reported
    page.evaluate(RELEASE_DRAWS)
    page.wait_for_function(DRAWN_AT_ITS_WIDTH, arg=last.element_handle(), timeout=TIMEOUT)
    assert failures == []
    no_error(page)


def _title_lines_and_plot_top(chart) -> tuple[int, float]:
    """How many lines the drawn title has, and where the chart's plot area starts on the page."""
    return chart.evaluate(
        """el => [el.querySelectorAll('.gtitle .line').length || 1,
                  el.querySelector('.cartesianlayer .xy .gridlayer, .nsewdrag').getBoundingClientRect().top]"""
    )


def test_titles_are_laid_out_for_the_width_they_are_drawn_at_and_a_rows_plots_start_level(
    page: Page, streamlit_app
):
    # Finance in English: "Patent and trademark pledge financing registered" beside "IP royalties, imports plus
    # exports". The server breaks titles after 42 characters whatever the chart's width.
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{streamlit_app}/finance?lang=en")
    left, right = drawn_chart(page, 0), drawn_chart(page, 1)
    # Both drawn, and every Plotly call queued on them (a re-fit of the first's title) finished.
    page.evaluate(f"() => Promise.all([...document.querySelectorAll('{PLOT}')].map(p => p.__houseCalls))")
    (left_lines, left_top), (right_lines, right_top) = (_title_lines_and_plot_top(c) for c in (left, right))
    assert left_lines > right_lines  # the longer title takes two lines in a half-width chart ...
    assert abs(left_top - right_top) <= 1  # ... and both plots start under it, level
    # Wider, the same title fits one line, as the server's wrapping never let it.
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.wait_for_function(
        f"() => document.querySelector('{CHARTS} .gtitle').querySelectorAll('.line').length <= 1",
        timeout=TIMEOUT,
    )
    (left_lines, left_top), (_, right_top) = (_title_lines_and_plot_top(c) for c in (left, right))
    assert left_lines == 1 and abs(left_top - right_top) <= 1
    no_error(page)


def test_a_subtitle_too_wide_for_a_narrow_chart_breaks_into_lines_inside_it(page: Page, streamlit_app):
    # Enterprises in English in an 820-px window: the products chart is 236 px wide, and its subtitle
    # "Enterprises (SMEs included) · Unit: products" on one line ran 19 px past its edge.
    page.set_viewport_size({"width": 820, "height": 900})
    page.goto(f"{streamlit_app}/enterprises?lang=en")
    drawn_chart(page)  # the page has arrived
    draw_every_chart(page)
    page.evaluate(f"() => Promise.all([...document.querySelectorAll('{PLOT}')].map(p => p.__houseCalls))")
    subtitles = page.locator(CHARTS).evaluate_all(
        """charts => charts.map(el => {
             const sub = el.querySelector('.gtitle-subtitle'), box = el.getBoundingClientRect();
             if (!sub) return null;
             const r = sub.getBoundingClientRect();
             return {lines: sub.querySelectorAll('.line').length || 1, over: r.right - box.right,
                     width: box.width};
           }).filter(Boolean)"""
    )
    assert subtitles and all(s["over"] <= 1 for s in subtitles), subtitles
    assert any(s["lines"] > 1 for s in subtitles), subtitles  # the narrow chart's took two lines to fit
    no_error(page)
