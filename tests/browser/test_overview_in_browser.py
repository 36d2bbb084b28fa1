"""A person's first visit, in Debian's Chromium: the overview loads, the filter and the language switch work.
Screenshots are kept in test-artifacts/."""

import re
from urllib.parse import quote

from playwright.sync_api import Page, expect

from dashboard.i18n import t
from tests.browser.steps import drawn_chart, keep_screenshot_and_check, settle

TIMEOUT = 60_000


def test_overview_loads_in_chinese_with_its_targets_and_timeline(page: Page, streamlit_app, artifacts_dir):
    page.goto(streamlit_app)
    expect(page.get_by_role("heading", name="专利转化运用跟踪")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_role("heading", name="2025年目标与最新数据")).to_be_visible()
    # the first one shown (a collapsed "all citations" expander may hold the words too, hidden)
    expect(page.get_by_text("每万人口高价值发明专利拥有量").filter(visible=True).first).to_be_visible()
    drawn_chart(page)
    keep_screenshot_and_check(page, artifacts_dir / "overview-zh.png")


def test_filter_narrows_the_overview_and_the_url_keeps_it(page: Page, streamlit_app, artifacts_dir):
    page.goto(streamlit_app)
    expect(page.get_by_role("heading", name="认股权综合服务试点")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_role("heading", name="中国科学院存量专利分级分类")).to_be_visible()
    page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").click()
    page.get_by_role("option", name="企业").click()
    expect(page.get_by_role("heading", name="中国科学院存量专利分级分类")).to_have_count(0, timeout=TIMEOUT)
    expect(page.get_by_role("heading", name="认股权综合服务试点")).to_be_visible()
    expect(page).to_have_url(re.compile(r"type=enterprise"))
    keep_screenshot_and_check(page, artifacts_dir / "overview-zh-enterprise.png")


def test_language_switch_turns_every_label_english(page: Page, streamlit_app, artifacts_dir):
    page.goto(streamlit_app)
    expect(page.get_by_role("heading", name="专利转化运用跟踪")).to_be_visible(timeout=TIMEOUT)
    page.get_by_test_id("stSidebar").get_by_text("English").click()
    expect(page.get_by_role("heading", name="Patent commercialisation tracker")).to_be_visible(
        timeout=TIMEOUT
    )
    expect(page.get_by_role("heading", name="2025 targets and the latest figures")).to_be_visible()
    expect(page.get_by_test_id("stSidebarNav").get_by_text("Sources")).to_be_visible()
    expect(page).to_have_url(re.compile(r"lang=en"))
    keep_screenshot_and_check(page, artifacts_dir / "overview-en.png")


def test_a_copied_link_opens_the_same_view_in_a_fresh_page(page: Page, browser, streamlit_app, artifacts_dir):
    page.goto(streamlit_app)
    expect(page.get_by_role("heading", name="专利转化运用跟踪")).to_be_visible(timeout=TIMEOUT)
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_text("English").click()
    expect(page.get_by_role("heading", name="Patent commercialisation tracker")).to_be_visible(
        timeout=TIMEOUT
    )
    sidebar.get_by_test_id("stSelectbox").click()
    page.get_by_role("option", name="Enterprises (SMEs included)").click()
    expect(page).to_have_url(re.compile(r"type=enterprise"), timeout=TIMEOUT)
    page.get_by_test_id("stSidebarNav").get_by_text("Finance").click()
    expect(page.get_by_role("heading", name="Warrant service pilots")).to_be_visible(timeout=TIMEOUT)
    expect(page).to_have_url(re.compile(r"/finance\?.*lang=en"), timeout=TIMEOUT)
    copied = page.url

    fresh_context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    try:
        fresh = fresh_context.new_page()
        fresh.goto(copied)
        expect(fresh.get_by_role("heading", name="Finance", exact=True)).to_be_visible(timeout=TIMEOUT)
        expect(fresh.get_by_role("heading", name="Warrant service pilots")).to_be_visible()
        settle(fresh)
        expect(fresh.get_by_role("combobox", name="Institution type")).to_match_aria_snapshot(
            '- combobox "Institution type": Enterprises (SMEs included)', timeout=TIMEOUT
        )
        drawn_chart(fresh)
        keep_screenshot_and_check(fresh, artifacts_dir / "finance-en-enterprise-from-link.png")
    finally:
        fresh_context.close()


def test_switching_the_language_relabels_the_filter_and_keeps_its_value(page: Page, streamlit_app):
    page.goto(f"{streamlit_app}/finance?type=university")
    expect(page.get_by_role("heading", name="金融", exact=True)).to_be_visible(timeout=TIMEOUT)
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_role("combobox", name="机构类型")).to_match_aria_snapshot(
        '- combobox "机构类型": 高校'
    )
    settle(page)
    sidebar.get_by_text("English").click()
    expect(page.get_by_role("heading", name="Finance", exact=True)).to_be_visible(timeout=TIMEOUT)
    settle(page)
    expect(sidebar.get_by_role("combobox", name="Institution type")).to_match_aria_snapshot(
        '- combobox "Institution type": Universities', timeout=TIMEOUT
    )
    expect(page).to_have_url(re.compile(r"type=university"))


def test_a_link_naming_an_unknown_value_is_quoted_as_text_never_as_markup(page: Page, streamlit_app):
    hostile = "[click](http://evil.example/)![x](http://evil.example/x.png)**bold**"
    page.goto(f"{streamlit_app}/?lang=en&type={quote(hostile)}")
    expect(page.get_by_role("heading", name="Patent commercialisation tracker")).to_be_visible(
        timeout=TIMEOUT
    )
    alert = page.get_by_test_id("stAlert").filter(has_text="is not known")
    expect(alert).to_contain_text("is not known", timeout=TIMEOUT)
    assert hostile in alert.inner_text().replace("\u2060", "")  # quoted as written (invisible joiners aside)
    expect(alert.locator("a, img, strong, b")).to_have_count(0)


# Metric labels and values cut short by the browser ("Achieved (provisi…", "more than C…"): kept on one line
# and clipped, though the text, in its own font, is wider than its box.
CUT_METRICS = """() => { const measure = document.createElement('canvas').getContext('2d');
  const boxes = [...document.querySelectorAll('[data-testid="stMetricLabel"], [data-testid="stMetricValue"]')];
  return boxes.filter((box) => [box, ...box.querySelectorAll('*')].some((el) => {
    const style = getComputedStyle(el);
    measure.font = style.font;
    return style.whiteSpace === 'nowrap' && style.overflow !== 'visible'
      && measure.measureText(el.textContent).width > el.getBoundingClientRect().width + 1;
  })).map((box) => box.textContent); }"""


def test_metrics_read_whole_on_a_1280_screen_in_english(page: Page, streamlit_app):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{streamlit_app}?lang=en")
    expect(page.get_by_test_id("stMetricLabel").get_by_text("Achieved (provisional)")).to_be_visible(
        timeout=TIMEOUT
    )
    expect(page.get_by_role("heading", name="2025 targets and the latest figures")).to_be_visible()
    # the page's last section: every card and its metrics are on the page before they are measured (a check
    # made as the cards still arrived counted only the scorecard's five)
    expect(page.get_by_role("heading", name=t("timeline_heading", "en"))).to_be_attached(timeout=TIMEOUT)
    settle(page)
    assert page.get_by_test_id("stMetricValue").count() > 5
    assert page.evaluate(CUT_METRICS) == []
