"""Each uploader takes what it says it takes: the inventory's (1 GB) a file past the Data page's 5 MB, and the
Data page's sheets refused past 5 MB by the app, in the page's language, naming the file and the limit."""

from playwright.sync_api import Page, expect

from dashboard.editing.templates import UPLOAD_LIMIT_MB, upload_problem
from dashboard.i18n import t
from tests.browser.steps import settle, sign_in
from tests.fixtures import SHEET_HEADER, inventory_records

TIMEOUT = 120_000


def test_the_inventory_takes_a_file_larger_than_a_sheet_may_be(page: Page, editable_app, tmp_path):
    path = tmp_path / "inventory.csv"
    rows = 60_000
    inventory_records(rows, 5).write_csv(path)
    assert (
        path.stat().st_size > UPLOAD_LIMIT_MB * 1024 * 1024
    )  # past the sheets' limit: the server must take it
    page.goto(f"{editable_app}/inventory?lang=en")
    settle(page, TIMEOUT)
    sign_in(page, "en", name="Wang")
    uploader = page.get_by_test_id("stFileUploader").filter(has_text=t("inv_import_file", "en"))
    uploader.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(path))
    expect(uploader.get_by_text("inventory.csv")).to_be_visible(timeout=TIMEOUT)
    page.get_by_role("button", name=t("inv_import_button", "en"), exact=True).click()
    expect(page.get_by_text(t("inv_import_done", "en", n=f"{rows:,}", file="inventory.csv"))).to_be_visible(
        timeout=TIMEOUT
    )
    expect(uploader.get_by_text("Error")).to_have_count(0)


def test_a_sheet_past_the_limit_is_refused_in_the_pages_language(page: Page, editable_app, tmp_path):
    path = tmp_path / "大表.csv"
    row = ",".join(["univ_transfer_contracts", "2026", "1", "", "university", "x", "", "n" * 200]) + "\n"
    with path.open("w", encoding="utf-8") as out:
        out.write(",".join(SHEET_HEADER) + "\n")
        while out.tell() <= UPLOAD_LIMIT_MB * 1024 * 1024:
            out.write(row)
    page.goto(f"{editable_app}/data?lang=zh")
    settle(page, TIMEOUT)
    sign_in(page, "zh")
    page.get_by_role("tab", name=t("data_import", "zh")).click()
    uploader = page.get_by_test_id("stFileUploader").filter(has_text=t("upload_sheet", "zh"))
    uploader.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(path))
    refusal = t(
        "upload_problem", "zh", name="大表.csv", problem=upload_problem(path.stat().st_size).text("zh")
    )
    expect(page.get_by_text(refusal)).to_be_visible(timeout=TIMEOUT)
    assert f"{UPLOAD_LIMIT_MB}" in refusal
