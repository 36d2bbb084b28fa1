"""The inventory in Debian's Chromium: an empty store shows the empty state; an editor signs in, loads the
synthetic demo and narrows the funnel to one province."""

import re

from playwright.sync_api import Page, expect

from dashboard.curation.dataset import load_dataset
from dashboard.formatting import count_text
from dashboard.inventory import demo
from dashboard.provinces import load_province_tiles
from tests.browser.steps import drawn_chart, settle, sign_in

TIMEOUT = 90_000
ROWS, SEED = 2000, 1


def test_empty_state_then_the_demo_then_a_filtered_funnel(page: Page, editable_app, artifacts_dir):
    page.goto(f"{editable_app}/inventory")
    expect(page.get_by_role("heading", name="存量专利盘点：从盘点到成交")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_role("heading", name="还没有存量专利记录")).to_be_visible()
    expect(page.get_by_text("只有登录的编辑可以导入记录").first).to_be_visible()
    expect(page.get_by_role("button", name="生成合成演示数据")).to_have_count(0)

    sign_in(page, "zh")

    rows = page.get_by_label("记录数")
    rows.fill(str(ROWS))
    rows.press("Enter")
    page.get_by_role("button", name="生成合成演示数据").click()
    expect(page.get_by_text(f"已生成 {ROWS:,} 条合成演示记录")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_test_id("stAlert").filter(has_text="合成演示数据").first).to_be_visible()

    # The same demo, made here, says what the funnel must show for the busiest province.
    records = demo.generate(
        ROWS, SEED, demo.published_anchors(load_dataset()), list(load_province_tiles()["id"])
    )
    shown = records.filter(records["grant_year"] >= 2012)
    funnel = drawn_chart(page)
    expect(funnel).to_contain_text(f"{count_text(shown.height, 'zh')} · 100.0%", timeout=TIMEOUT)
    busiest = shown["province"].value_counts(sort=True)["province"][0]
    name = load_province_tiles().set_index("id").loc[busiest, "name_zh"]
    narrowed = shown.filter(shown["province"] == busiest)

    page.get_by_test_id("stMultiSelect").filter(has_text="省份").click()
    page.keyboard.type(name)
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    expect(funnel).to_contain_text(f"{count_text(narrowed.height, 'zh')} · 100.0%", timeout=TIMEOUT)
    deals = int(narrowed["deal_type"].is_not_null().sum())
    expect(page.get_by_test_id("stMetric").filter(has_text="已成交")).to_contain_text(count_text(deals, "zh"))
    settle(page, TIMEOUT)
    # The change reran only the page's fragment: each chart's download button kept its key (a key changed from
    # run to run made the browser build the button, and its chart's row, anew).
    expect(page.locator(".st-key-download-png-inventory-funnel-1")).to_have_count(1)
    expect(page.locator("[class*='st-key-download-png-inventory-funnel-']")).to_have_count(1)
    page.screenshot(path=str(artifacts_dir / "inventory-demo-filtered-zh.png"), full_page=True)
    expect(page.get_by_test_id("stException")).to_have_count(0)

    # The province chosen is in the address; the address alone opens the page so filtered, in a fresh page.
    expect(page).to_have_url(re.compile(rf"province={busiest}"), timeout=TIMEOUT)
    fresh = page.context.browser.new_page()
    fresh.goto(f"{editable_app}/inventory?lang=en&province={busiest}&field=Z")
    shown_funnel = drawn_chart(fresh)
    expect(shown_funnel).to_contain_text(f"{count_text(narrowed.height, 'en')} · 100.0%", timeout=TIMEOUT)
    expect(fresh.get_by_text("“Z” is not known").first).to_be_visible()
    # A page of the records scrolls inside a grid that fits the screen, so its sideways scrollbar is in reach.
    fresh.goto(f"{editable_app}/inventory?lang=en&province={busiest}&view=patents")
    grid = fresh.get_by_test_id("stDataFrame")
    expect(grid).to_be_visible(timeout=TIMEOUT)
    assert narrowed.height > 20, "the test needs more records than the grid shows at once"
    assert grid.bounding_box()["height"] < fresh.viewport_size["height"] * 0.75
    fresh.close()
