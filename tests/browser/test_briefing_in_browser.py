"""Briefing in Debian's Chromium: walk the presentation with the arrow keys; download a chart and a table."""

import re

from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from dashboard.i18n import t
from tests.browser.steps import settle

TIMEOUT = 60_000


def press_until(page: Page, key: str, url_pattern: str) -> None:
    """Press a key once the app is idle and its shortcut buttons are on the page; the shortcut listener
    mounts just after the button, so a press that lands first is repeated (at most three times)."""
    settle(page, TIMEOUT)
    for attempt in range(3):
        page.keyboard.press(key)
        try:
            expect(page).to_have_url(re.compile(url_pattern), timeout=10_000)
            return
        except AssertionError:
            if attempt == 2:
                raise


def test_walk_the_presentation_with_the_keyboard(page: Page, streamlit_app, artifacts_dir):
    page.goto(f"{streamlit_app}/present?lang=en&type=all")
    expect(page.get_by_role("heading", name=t("slide_summary", "en"))).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_test_id("stSidebar")).to_be_hidden()  # the app's chrome is hidden for the projector
    expect(page.get_by_role("button", name=re.compile("Next"))).to_be_enabled(timeout=TIMEOUT)
    press_until(page, "ArrowRight", r"slide=2")
    expect(page.get_by_role("heading", name=re.compile("High-value invention patents"))).to_be_visible(
        timeout=TIMEOUT
    )
    # The target's status in the words the Targets page and the deck use (a verdict, past the deadline).
    expect(
        page.get_by_text(
            re.compile(r"Achieved \((final|provisional)\)|Not achieved|Not settled|Awaiting figures")
        ).first
    ).to_be_visible()
    press_until(page, "ArrowRight", r"slide=3")
    press_until(page, "ArrowLeft", r"slide=2")
    expect(page.locator("[data-testid=stPlotlyChart] .main-svg").first).to_be_attached(timeout=TIMEOUT)
    settle(page, TIMEOUT)
    page.screenshot(path=str(artifacts_dir / "present-en-slide2.png"))
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_download_a_chart_and_a_table(page: Page, streamlit_app, artifacts_dir):
    page.goto(f"{streamlit_app}/milestones?lang=en")
    expect(page.get_by_role("heading", name="Milestones", exact=True)).to_be_visible(timeout=TIMEOUT)
    with page.expect_download(timeout=TIMEOUT) as table_download:
        page.get_by_role("button", name="XLSX").first.click()
    table_path = artifacts_dir / table_download.value.suggested_filename
    table_download.value.save_as(table_path)
    sheet = load_workbook(table_path).active
    assert sheet.cell(1, 1).value == "State" and sheet.max_row > 1
    with page.expect_download(timeout=TIMEOUT) as chart_download:
        page.get_by_role("button", name="PNG").first.click()
    chart_path = artifacts_dir / chart_download.value.suggested_filename
    chart_download.value.save_as(chart_path)
    assert chart_path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    expect(page.get_by_test_id("stException")).to_have_count(0)
