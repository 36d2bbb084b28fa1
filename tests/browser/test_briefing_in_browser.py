"""Briefing in Debian's Chromium: walk the presentation with the arrow keys; download a chart and a table."""

import datetime as dt
import re

import pytest
from openpyxl import load_workbook
from PIL import Image
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from dashboard.briefing.builders import default_slide_ids, slide_name
from dashboard.briefing.slides import INVENTORY
from dashboard.i18n import t
from tests.browser.steps import CHARTS as CHART
from tests.browser.steps import drawn_chart, settle
from tests.fixtures import type_filter

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
    drawn_chart(page)
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
        page.get_by_role("button", name="PNG", exact=True).first.click()  # not Plotly's own camera
    chart_path = artifacts_dir / chart_download.value.suggested_filename
    chart_download.value.save_as(chart_path)
    assert chart_path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert Image.open(chart_path).height > 900  # the chart (1600x900) and its source footer under it
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_one_click_makes_the_pdf_and_downloads_it(page: Page, streamlit_app, artifacts_dir, tables):
    page.goto(f"{streamlit_app}/present?lang=en&type=enterprise")
    expect(page.get_by_role("heading", name=t("slide_summary", "en"))).to_be_visible(timeout=TIMEOUT)
    settle(page, TIMEOUT)
    page.get_by_text(t("export_deck", "en"), exact=True).click()
    with page.expect_download(timeout=300_000) as made:
        page.get_by_role("button", name=t("prepare_pdf", "en")).click()
    path = artifacts_dir / made.value.suggested_filename
    made.value.save_as(path)
    slides = default_slide_ids(tables, type_filter(tables, "enterprise"), dt.date.today())
    reader = PdfReader(path)
    assert len(reader.pages) > len(slides) + 1  # title, one page a slide, then the notes
    assert t("pdf_notes_title", "en") in reader.pages[-1].extract_text()
    expect(page.get_by_test_id("stException")).to_have_count(0)


# Every key number, label and table cell of a slide inside its box and the screen: nothing cut with "…",
# nothing wider than the window.
OVERFLOWING = """() => {
  const cut = [];
  for (const el of document.querySelectorAll(
      '[data-testid=stMetricValue], [data-testid=stMetricLabel], [data-testid=stTable] td, [data-testid=stTable] th')) {
    for (const node of [el, ...el.querySelectorAll('*')]) {
      if (node.scrollWidth > node.clientWidth + 1 && getComputedStyle(node).overflowX !== 'visible') {
        cut.push(el.innerText.slice(0, 60));
        break;
      }
      const box = node.getBoundingClientRect();
      if (box.right > window.innerWidth + 1) { cut.push(el.innerText.slice(0, 60)); break; }
    }
  }
  return cut;
}"""


# The slide's own captions (the source line last), not those of the expanders under it.
SLIDE_CAPTIONS = "[data-testid=stCaptionContainer]:not([data-testid=stExpander] *)"


@pytest.mark.parametrize(("width", "height", "slides"), [(1280, 720, None), (1920, 1080, 4)])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_key_number_or_label_is_cut_on_a_projector(
    browser, streamlit_app, artifacts_dir, tables, width, height, slides, lang
):
    ids = default_slide_ids(tables, type_filter(tables, "all"), dt.date.today())
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
    try:
        page = context.new_page()
        for number in range(1, (slides or len(ids)) + 1):
            if ids[number - 1] == INVENTORY:
                continue
            page.goto(f"{streamlit_app}/present?lang={lang}&type=all&slide={number}")
            expect(page.get_by_role("heading", name=slide_name(ids[number - 1], tables, lang))).to_be_visible(
                timeout=TIMEOUT
            )
            settle(page, TIMEOUT)
            assert page.evaluate(OVERFLOWING) == [], (lang, width, ids[number - 1])
            assert page.evaluate("document.documentElement.scrollWidth") <= width, ids[number - 1]
            # A slide's chart, legend included, is on the first screen, and its source line under it (the
            # chart is no taller than leaves room for it; the sources come before the downloads, and a
            # figure's period sits on its label's line, not on a second line of the figure).
            if page.locator(CHART).count():
                chart = page.locator(CHART).bounding_box()
                assert chart["y"] + chart["height"] <= height, (lang, width, ids[number - 1])
                sources = page.locator(SLIDE_CAPTIONS).last.bounding_box()
                assert sources["y"] + sources["height"] <= height, (lang, width, ids[number - 1])
            if number == 2:
                page.screenshot(path=str(artifacts_dir / f"present-{lang}-{width}-slide2.png"))
    finally:
        context.close()
