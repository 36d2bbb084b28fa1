"""What browser tests do again and again, in one place: wait for a run to settle, check that nothing failed,
keep a screenshot, open a dropdown, look at a chart, and sign an editor in (labels from the catalogue, in the
page's language)."""

from __future__ import annotations

import contextlib
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page, expect

from dashboard.i18n import t
from tests.fixtures import EDITOR_PASSWORD

TIMEOUT = 60_000


def settle(page: Page, timeout: int = TIMEOUT) -> None:
    """Wait until the app has finished running (Streamlit's running-man widget is gone)."""
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=timeout)


def no_error(page: Page) -> None:
    """The must-not-happen check: no exception box anywhere on the page."""
    expect(page.get_by_test_id("stException")).to_have_count(0)


def keep_screenshot_and_check(page: Page, path: Path) -> None:
    """Once the app has settled: keep a screenshot, then the must-not-happen check."""
    settle(page)
    page.screenshot(path=str(path), full_page=True)
    no_error(page)


def open_dropdown(page: Page, combobox: Locator) -> None:
    """Open a selectbox's list of options by clicking it, as a person does: first scrolled into view, with the
    scroll event delivered. Its list closes when anything around it scrolls, and on a page left idle for a while
    Chromium delivers the scroll that a click makes first only after the list has opened, closing it again."""
    combobox.scroll_into_view_if_needed()
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    combobox.click()
    expect(combobox).to_have_attribute("aria-expanded", "true")


CHARTS = ".house-plot"  # the chart element's frame (dashboard/ui/plot.py)


def drawn_chart(page: Page, index: int = 0) -> Locator:
    """The page's `index`-th chart, scrolled into view as a reader would and waited for until it is drawn (a
    chart is drawn when it comes near the screen). While a page is still arriving its layout shifts and can
    carry a chart back out of view, so the scroll is repeated until the chart is drawn."""
    chart = page.locator(CHARTS).nth(index)
    drawn = chart.locator(".main-svg").first
    for _ in range(TIMEOUT // 5_000):
        settle(page)
        with contextlib.suppress(PlaywrightError):  # the chart's element replaced as it was scrolled to
            chart.scroll_into_view_if_needed(timeout=TIMEOUT)
        with contextlib.suppress(AssertionError):
            expect(drawn).to_be_attached(timeout=5_000)
            return chart
    expect(drawn).to_be_attached()
    return chart


def draw_every_chart(page: Page) -> None:
    """Scroll to each of the page's charts in turn, as a reader would, and wait until each is drawn."""
    for index in range(page.locator(CHARTS).count()):
        drawn_chart(page, index)


def sign_in(page: Page, lang: str = "zh", name: str = "王编辑", password: str = EDITOR_PASSWORD) -> None:
    """Sign an editor in through the sidebar's form and wait until the sidebar says so. Only once the page has
    finished its run, as a person would wait for it: under load, a click on the form's button while the first
    run was still going was lost (the fields stayed filled; nobody was signed in)."""
    settle(page)
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_text(t("editor_sign_in", lang)).click()
    sidebar.get_by_label(t("editor_name", lang)).fill(name)
    sidebar.get_by_role("textbox", name=t("password", lang)).fill(password)
    sidebar.get_by_role("button", name=t("sign_in", lang), exact=True).click()
    expect(sidebar.get_by_text(t("signed_in_as", lang, name=name))).to_be_visible(timeout=TIMEOUT)
