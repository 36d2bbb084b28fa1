"""Keeping figures current in Debian's Chromium: a viewer sees no import; an editor signs in, uploads a sheet,
sees the preview and imports it; markup in the sheet shows as literal text."""

import re

from playwright.sync_api import Page, expect

from dashboard.i18n import t
from tests.browser.steps import settle, sign_in
from tests.fixtures import write_csv

TIMEOUT = 60_000
SOURCE = "2024-04-24-scio-stock-patent-inventory"
UNDONE = t("undone", "en")


def test_an_editor_imports_a_sheet_and_markup_stays_text(page: Page, editable_app, artifacts_dir, tmp_path):
    page.goto(f"{editable_app}/data?lang=en")
    expect(page.get_by_role("heading", name="Data: import, corrections and history")).to_be_visible(
        timeout=TIMEOUT
    )
    # A viewer lands on the history (what they may use); the import tab says it is for editors.
    expect(page.get_by_role("tab", name="History")).to_have_attribute("aria-selected", "true")
    expect(page.get_by_role("heading", name="Audit log")).to_be_visible()
    page.get_by_role("tab", name="Import a sheet").click()
    expect(page.get_by_text("Importing and editing are for signed-in editors.").first).to_be_visible()
    expect(page.locator("[data-testid=stFileUploader]")).to_have_count(0)

    sign_in(page, "en")
    expect(page.get_by_role("tab", name="Import a sheet")).to_have_attribute("aria-selected", "true")

    citation = "<b>Bold outlet</b>, **starred title**, 2026-05-01"
    sheet = write_csv(
        tmp_path / "figures.csv",
        ["指标", "年份", "数值", "机构类型", "来源", "备注"],
        [
            ["高校专利转让及许可合同数量", "2026年", "2.5万余", "高校", citation, "<i>note</i>"],
            ["univ_transfer_amount", "2026", "110.1亿元", "university", SOURCE, ""],
        ],
        encoding="gbk",
    )
    sheet_uploader = page.get_by_role("region", name="Upload a sheet (CSV or XLSX)")  # not the inventory's
    sheet_uploader.locator("input[type=file]").set_input_files(str(sheet))
    metric = page.get_by_test_id("stMetric").filter(has_text="To add")
    expect(metric).to_contain_text("2", timeout=TIMEOUT)
    expect(page.get_by_text(t("new_sources", "en", n=1))).to_be_visible()
    page.screenshot(path=str(artifacts_dir / "data-preview-en.png"), full_page=True)
    settle(page)  # the preview's run has finished: a click now starts the import, not a rerun in flight
    page.get_by_role("button", name=re.compile(r"Import \(2 rows to write\)")).click()
    expect(page.get_by_text("Imported: 2 added, 0 corrected, 0 unchanged.")).to_be_visible(timeout=TIMEOUT)

    # Undo from the history keeps the editor on the history.
    page.get_by_role("tab", name="History").click()
    page.get_by_role("button", name="Undo this change").click()
    expect(page.get_by_text(UNDONE).first).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_role("tab", name="History")).to_have_attribute("aria-selected", "true")
    page.get_by_role("tab", name="Import a sheet").click()
    sheet_uploader.locator("input[type=file]").set_input_files(str(sheet))  # import again, for what follows
    page.get_by_role("button", name=re.compile(r"Import \(2 rows to write\)")).click()
    expect(page.get_by_text("Imported: 2 added, 0 corrected, 0 unchanged.")).to_be_visible(timeout=TIMEOUT)

    page.goto(f"{editable_app}/sources?lang=en")
    expander = page.get_by_test_id("stExpander").filter(has_text="Bold outlet")
    expect(expander).to_have_count(1, timeout=TIMEOUT)
    expect(expander).to_contain_text("<b>Bold outlet</b>")  # the tags are shown, not applied
    expect(expander).to_contain_text("**starred title**")
    expect(expander.locator("b, strong").filter(has_text="Bold outlet")).to_have_count(0)
    expander.locator("summary").click()  # open it: the figure's note is in a static table
    expect(expander.get_by_role("table")).to_contain_text("<i>note</i>", timeout=TIMEOUT)
    expect(expander.locator("i, em").filter(has_text="note")).to_have_count(0)
    page.screenshot(path=str(artifacts_dir / "sources-markup-en.png"), full_page=True)
    expect(page.get_by_test_id("stException")).to_have_count(0)
