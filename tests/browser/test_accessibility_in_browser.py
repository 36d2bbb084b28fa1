"""Every page in both languages, as a person and a screen reader meet it: axe-core finds no serious or
critical WCAG 2.1 A/AA violation; the document says its language; the words on the page carry no ids (snake_case
names, source ids, store tables) outside code, and an English page no Chinese beyond the language switch and
the titles of Chinese sources.

axe-core is the copy packaged in axe-playwright-python (axe.min.js inside the wheel): nothing is fetched."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from dashboard.i18n import t
from dashboard.ui.components import DOCUMENT_LANGUAGES
from dashboard.ui.router import PAGES
from tests.browser.conftest import run_streamlit
from tests.browser.steps import TIMEOUT, draw_every_chart, no_error, open_dropdown, settle, sign_in
from tests.fixtures import (
    HISTORY_NAMES,
    RAW_ID,
    build_inventory_store,
    chinese_outside_titles,
    record_some_changes,
    sqlite_url,
)

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
# The visible words of the page as read (the invisible word joiners that keep short cells on one line taken
# out), leaving out code (where an id belongs), icon ligatures (drawn as icons) and
# the text an editor is editing (the Chinese evidence of a milestone is Chinese on any page).
VISIBLE_TEXT_JS = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    const el = node.parentElement;
    const skip = 'code, pre, script, style, noscript, textarea, [data-testid=stIconMaterial], [role=img]';
    if (!el || el.closest(skip)) continue;
    if (!el.checkVisibility()) continue;
    const text = node.textContent.replace(/\u2060/g, '').trim();  // invisible joiners: not read
    if (text) out.push(text);
  }
  return out;
}"""
# Chinese an English page shows on purpose: the language switch names each language in itself.
LANGUAGE_SWITCH = {"中文", "Language / 语言"}


@pytest.fixture(scope="module")
def walked_app(tmp_path_factory, artifacts_dir):
    """The app on a store with everything a page can show: the figures, a synthetic inventory, a history."""
    url = sqlite_url(tmp_path_factory.mktemp("walk"))
    store = build_inventory_store(url)
    record_some_changes(store)
    store.dispose()
    with run_streamlit(url, artifacts_dir / "streamlit-walk.log") as base_url:
        yield base_url


def serious_violations(page: Page) -> list[str]:
    """axe-core's serious and critical WCAG 2.1 A/AA findings on the page as it is, each with where and why."""
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(f"{n['target']} {n.get('failureSummary', '')}" for n in v["nodes"][:3])
        for v in Axe().run(page, options=WCAG_21_AA).response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def open_settled(page: Page, base_url: str, name: str, lang: str) -> None:
    page.goto(f"{base_url}/{'' if name == 'overview' else name}?lang={lang}")
    expect(page.locator("h1").first).to_be_visible(timeout=TIMEOUT)
    settle(page)
    # Settled means drawn: no placeholder left where an element is still coming.
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=TIMEOUT)
    settle(page)
    draw_every_chart(page)
    no_error(page)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", [name for name, _, _ in PAGES])
def test_every_page_is_accessible_and_reads_in_words(page: Page, walked_app, artifacts_dir, name, lang):
    open_settled(page, walked_app, name, lang)
    page.screenshot(path=str(artifacts_dir / f"walk-{name}-{lang}.png"), full_page=True)

    assert serious_violations(page) == []
    # The page sets its language as its script runs, a moment after the first paint.
    page.wait_for_function(f"document.documentElement.lang === {DOCUMENT_LANGUAGES[lang]!r}", timeout=TIMEOUT)

    # Icons beside a status's words are decoration: a screen reader reads the words, not the icon's name.
    expect(page.locator(".stMarkdownBadge [role=img]:not([aria-hidden=true])")).to_have_count(0)
    texts = page.evaluate(VISIBLE_TEXT_JS)
    assert [text for text in texts if RAW_ID.search(text)] == []
    if lang == "en":
        chinese = [
            text
            for text in texts
            if text not in LANGUAGE_SWITCH and chinese_outside_titles(text, HISTORY_NAMES)
        ]
        assert chinese == []


def test_the_history_names_records_and_times_in_words(page: Page, walked_app, tables):
    open_settled(page, walked_app, "data", "en")
    main = page.get_by_test_id("stMain")
    added = tables.indicators.set_index("id").loc["univ_transfer_contracts", "name_en"]
    expect(main.get_by_text(added).first).to_be_visible()
    expect(main.get_by_text("Import of 2026年数据.csv (2 records)")).to_be_visible()
    # The undo names the change it reverts by when it was made, in the reader's zone, not by an id.
    expect(
        main.get_by_text(re.compile(r"^Undo of the change made \d{4}-\d\d-\d\d \d\d:\d\d$"))
    ).to_be_visible()


def words_with_ids(page: Page, lang: str) -> list[str]:
    texts = page.evaluate(VISIBLE_TEXT_JS)
    found = [text for text in texts if RAW_ID.search(text)]
    if lang == "en":
        found += [
            text
            for text in texts
            if text not in LANGUAGE_SWITCH and chinese_outside_titles(text, HISTORY_NAMES)
        ]
    return found


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_editors_forms_name_records_in_words(page: Page, walked_app, artifacts_dir, lang):
    open_settled(page, walked_app, "data", lang)
    sign_in(page, lang, name={"zh": "王编辑", "en": "Wang"}[lang])
    settle(page)
    main = page.get_by_test_id("stMain")
    violations = []
    main.get_by_role("tab", name=t("data_edit", lang)).click()
    for what in ("figure", "target", "source", "milestone"):
        main.get_by_test_id("stButtonGroup").get_by_text(t(f"edit_{what}", lang), exact=True).click()
        settle(page)
        expect(main.get_by_test_id("stForm")).to_be_visible(timeout=TIMEOUT)
        # The picker names each record in words: open its list and read it too. It is looked up by its own
        # label, so the click lands on this kind's picker and not on the last kind's while the rerun swaps them.
        picker = main.get_by_role("combobox", name=t(f"{what}_pick", lang))
        expect(picker).to_be_visible(timeout=TIMEOUT)
        open_dropdown(page, picker)
        expect(page.get_by_role("option").nth(1)).to_be_visible(timeout=TIMEOUT)
        violations += words_with_ids(page, lang)
        page.keyboard.press("Escape")
        violations += words_with_ids(page, lang)
        page.screenshot(path=str(artifacts_dir / f"walk-editor-{what}-{lang}.png"), full_page=True)
    assert violations == [], "\n".join(violations)
    assert serious_violations(page) == []
