"""The Inventory page through AppTest on a small synthetic inventory: the empty state and the demo, the
filters driving every number, the synthetic-data notice, rule trials, and who may edit."""

from __future__ import annotations

import json

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.formatting import NO_VALUE, count_text
from dashboard.i18n import t
from dashboard.inventory import store as inventory_store
from dashboard.inventory.grading import RuleSet, disposition_shift
from dashboard.store.database import Store
from dashboard.store.editors import Editor
from dashboard.ui.panels.inventory import VIEWS
from tests.app.conftest import drawn_charts, open_app
from tests.app.test_pages import CHOICES
from tests.fixtures import build_store, inventory_records

PAGE = "ui/pages/inventory.py"


def open_page(
    url: str, monkeypatch, lang: str = "zh", choice: str | None = None, editor: bool = False
) -> AppTest:
    monkeypatch.setenv("DATABASE_URL", url)
    query = {"lang": lang, **({"type": choice} if choice else {})}
    return open_app("inventory", editor="test editor" if editor else None, **query)


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def patents(n: int) -> str:
    """A count of patents as the first screen shows it in Chinese: 1.2万件."""
    return t("inv_m_count", "zh", n=count_text(n, "zh"))


@pytest.fixture(scope="module")
def records() -> pl.DataFrame:
    return inventory_records()


def expected_count(
    records: pl.DataFrame, years, types=("university", "research_institute"), provinces=(), sections=()
):
    keep = pl.col("institution_type").is_in(list(types)) & pl.col("grant_year").is_between(*years)
    if provinces:
        keep &= pl.col("province").is_in(list(provinces))
    if sections:
        keep &= pl.col("ipc_section").is_in(list(sections))
    return records.filter(keep)


def test_an_empty_store_offers_the_demo_to_editors_only(sqlite_url, monkeypatch):
    build_store(sqlite_url).dispose()
    viewer = open_page(sqlite_url, monkeypatch)
    assert "还没有存量专利记录" in [s.value for s in viewer.header]
    assert not viewer.button  # no demo, no import for a viewer
    assert any("只有登录的编辑" in i.value for i in viewer.info)

    editor = open_page(sqlite_url, monkeypatch, editor=True)
    editor.number_input(key="inv_demo_rows").set_value(1200)
    editor.button(key="inv_demo_go").click().run()
    assert not editor.exception, [e.value for e in editor.exception]
    assert any("已生成 1,200 条合成演示记录" in s.value for s in editor.success)
    assert any(w.value.startswith("**合成演示数据**：") for w in editor.warning)
    assert metrics(editor)["专利"]  # the page now shows the inventory
    store = Store.open(sqlite_url)
    try:
        state = inventory_store.state(store)
    finally:
        store.dispose()
    assert (state.records, state.synthetic, state.editor) == (1200, True, "test editor")


def test_the_filters_drive_every_number(inventory_sqlite_url, monkeypatch, records):
    # the two provinces with most institute patents, so that every step below still has patents to count
    busiest = records.filter(pl.col("institution_type") == "research_institute")["province"].value_counts(
        sort=True
    )
    two = tuple(sorted(busiest["province"][:2]))
    at = open_page(inventory_sqlite_url, monkeypatch)
    years = tuple(at.slider(key="years").value)
    assert metrics(at)["专利"] == patents(expected_count(records, years).height)
    at.multiselect(key="province").set_value(list(two)).run()
    at.multiselect(key="field").set_value(["G"]).run()
    chosen = expected_count(records, years, provinces=two, sections=("G",))
    shown = metrics(at)
    assert shown["专利"] == patents(chosen.height)
    assert shown["已成交"] == patents(chosen["deal_type"].is_not_null().sum())
    at.selectbox(key="institution_type").set_value("research_institute").run()
    institutes = expected_count(records, years, ("research_institute",), two, ("G",))
    assert metrics(at)["专利"] == patents(institutes.height)
    assert institutes.height > 0
    at.slider(key="years").set_value((2018, 2020)).run()
    narrower = expected_count(records, (2018, 2020), ("research_institute",), two, ("G",))
    assert metrics(at)["专利"] == patents(narrower.height)
    every_year = expected_count(records, (0, 9999), ("research_institute",), two, ("G",))
    assert any(f"另有 {every_year.height - narrower.height:,} 件专利" in c.value for c in at.caption)
    at.selectbox(key="institution_type").set_value("enterprise").run()
    assert any("只涉及高校和科研机构" in i.value for i in at.info) and not at.metric


def open_view(at: AppTest, view: str, lang: str) -> AppTest:
    """Open one of the page's tabs, as a click on it would (the tab's state is its label)."""
    at.session_state["inv_view"] = t(f"inv_view_{view}", lang)
    return at.run()


def test_everything_drawn_from_the_demo_is_marked_synthetic(inventory_sqlite_url, monkeypatch):
    at = open_page(inventory_sqlite_url, monkeypatch, lang="en")
    assert at.title[0].value == "The stock-patent inventory: from inventory to deal"
    banner = at.warning[0].value
    assert banner.startswith(f"**{t('inv_synthetic', 'en').capitalize()}**")
    # one line on the first screen; what follows published figures, and their sources, one click away
    (details,) = [e for e in at.expander if e.label == t("inv_synthetic_details", "en")]
    assert "CNIPA" in " ".join(c.value for c in details.caption)
    assert (
        t("inv_synthetic_follows", "en") in details.markdown[0].value and "\n- " in details.markdown[0].value
    )
    charts, marked = [], 0
    for view in VIEWS:
        open_view(at, view, "en")
        charts += [c["layout"] for c in drawn_charts(at)]
        marked += sum(c.value == "synthetic demo data" for c in at.caption)
    assert len({c["title"]["text"] for c in charts}) == 6  # the funnel, dispositions and one pair per tab
    for layout in charts:
        assert "synthetic demo data" in layout["title"]["subtitle"]["text"]
    assert marked >= len(VIEWS) + 2  # the metrics' in every tab, the league table's, the patents table's


def test_only_the_open_tab_runs_and_the_address_names_it(inventory_sqlite_url, monkeypatch, records):
    at = open_page(inventory_sqlite_url, monkeypatch)
    assert [tab.label for tab in at.tabs] == [t(f"inv_view_{v}", "zh") for v in VIEWS]
    assert len(drawn_charts(at)) == 4 and not at.dataframe  # the first screen and the first tab
    assert "view" not in at.query_params
    open_view(at, "patents", "zh")
    assert len(drawn_charts(at)) == 2 and len(at.dataframe) == 1
    assert at.query_params["view"] == "patents"
    # a patent with no deal has no deal type: its cell reads "—", not "None"
    assert at.dataframe[0].value[t("inv_col_deal_type", "zh")].isna().any()
    assert at.dataframe[0].proto.placeholder == NO_VALUE
    # the patent number stays in sight as the grid scrolls sideways
    assert json.loads(at.dataframe[0].proto.columns)[t("inv_col_patent_number", "zh")]["pinned"] is True
    assert at.number_input(key="inv_page").value == 1
    open_view(at, "institutions", "zh")
    assert len(at.dataframe) == 1 and not at.get("number_input")
    # the league's counts with thousands separators, its amounts with two places
    formats = {
        name: c.get("type_config", {}).get("format")
        for name, c in json.loads(at.dataframe[0].proto.columns).items()
    }
    assert (
        formats[t("inv_col_patents", "zh")] == "localized"
        and formats[t("inv_col_deal_value", "zh")] == "accounting"
    )
    # the tab stays open when the language changes
    at.session_state["lang"] = "en"
    at.query_params["lang"] = "en"
    at.run()
    assert at.session_state["inv_view"] == t("inv_view_institutions", "en")
    assert at.query_params["view"] == "institutions"

    # a link opens its tab; a view the page does not know falls back to the first, with a notice
    monkeypatch.setenv("DATABASE_URL", inventory_sqlite_url)
    linked = open_app("inventory", lang="en", view="years")
    assert linked.session_state["inv_view"] == t("inv_view_years", "en")
    titles = {c["layout"]["title"]["text"] for c in drawn_charts(linked)}
    assert any(t("inv_deal_values", "en") in title for title in titles)
    unknown = open_app("inventory", lang="en", view="atlantis")
    assert unknown.session_state["inv_view"] == t("inv_view_provinces", "en")
    assert any("atlantis" in i.value for i in unknown.info)


def test_an_excel_download_too_large_is_refused_with_the_reason_on_the_page(
    inventory_sqlite_url, monkeypatch
):
    from dashboard.inventory import tables

    at = open_page(inventory_sqlite_url, monkeypatch, lang="en")
    open_view(at, "patents", "en")
    assert not any(t("inv_xlsx_too_many", "en", n="")[:20] in c.value for c in at.caption)
    shown = int(at.metric[0].value.replace(",", ""))
    monkeypatch.setattr(tables, "XLSX_LIMIT", shown - 1)
    at.run()
    xlsx = [b for b in at.get("download_button") if b.proto.label == "XLSX" and "inv" in b.proto.id]
    reason = t("inv_xlsx_too_many", "en", n=f"{shown - 1:,}")
    assert xlsx and xlsx[-1].proto.disabled
    assert reason in [c.value for c in at.caption]


def test_the_bench_floor_builds_the_figures_the_page_draws(inventory_sqlite_url, monkeypatch):
    # `bench --inventory` times its floor with charts.page_figures: the page must draw exactly those, per tab.
    from dashboard.inventory.charts import page_figures
    from dashboard.inventory.engine import Filters, page_data
    from dashboard.inventory.service import load_engine_frame
    from dashboard.provinces import load_province_tiles

    store = Store.open(inventory_sqlite_url)
    try:
        frame = load_engine_frame(store)
        tables = store.read_all()
    finally:
        store.dispose()
    at = open_page(inventory_sqlite_url, monkeypatch, lang="en")
    years = tuple(at.slider(key="years").value)
    data = page_data(frame, Filters(("university", "research_institute"), years, (), ()))
    type_names = {
        k: v for k, v in tables.type_names("en").items() if k in ("university", "research_institute")
    }
    note = t("inv_synthetic", "en")
    for view in VIEWS:
        open_view(at, view, "en")
        drawn = [c["layout"]["title"]["text"] for c in drawn_charts(at)]
        built = page_figures(data, load_province_tiles(), type_names, "en", note, view)
        assert drawn == [f.layout.title.text for f in built.values()], view
        # a chart of counts names its unit after the dataset's note (the map's colour bar and the deal values'
        # amounts carry theirs)
        unit = t("chart_unit", "en", unit=t("inv_unit_patents", "en"))
        for name, fig in built.items():
            if name not in ("inventory-provinces", "inventory-deal-values"):
                assert fig.layout.title.subtitle.text == f"{note} · {unit}", name


def test_the_years_tab_says_so_where_the_filter_shows_no_deal(inventory_sqlite_url, monkeypatch, records):
    # the province and field with most patents and not one deal among them
    dealless = (
        records.group_by("province", "ipc_section")
        .agg(pl.len(), pl.col("deal_date").is_not_null().sum().alias("deals"))
        .filter(pl.col("deals") == 0)
        .sort("len", "province", descending=[True, False])
    )
    assert dealless.height, "the test records have no province and field without a deal"
    province, section = dealless.row(0)[:2]
    monkeypatch.setenv("DATABASE_URL", inventory_sqlite_url)
    at = open_view(open_app("inventory", lang="en", province=province, field=section), "years", "en")
    assert metrics(at)[t("inv_m_deals", "en")] == count_text(0, "en")
    titles = [c["layout"]["title"]["text"] for c in drawn_charts(at)]
    assert len(titles) == 3 and any(t("inv_by_year", "en") in title for title in titles)
    assert not any(t("inv_deal_values", "en") in title for title in titles)
    assert t("inv_no_deals", "en") in [i.value for i in at.info]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("choice", CHOICES)
def test_the_page_renders_for_each_language_and_type(inventory_sqlite_url, monkeypatch, lang, choice):
    at = open_page(inventory_sqlite_url, monkeypatch, lang, choice)
    assert at.title[0].value == (
        "存量专利盘点：从盘点到成交" if lang == "zh" else "The stock-patent inventory: from inventory to deal"
    )
    assert bool(drawn_charts(at)) == (choice != "enterprise")


def test_a_rule_trial_shows_the_shift_and_only_an_editor_saves_it(sqlite_url, monkeypatch, records):
    store = build_store(sqlite_url)
    try:
        inventory_store.replace_inventory(store, records, "demo", True, {}, Editor("fixture", "password"))
    finally:
        store.dispose()
    viewer = open_page(sqlite_url, monkeypatch)
    viewer.toggle(key="inv_try_rules").set_value(True).run()
    viewer.number_input(key="inv_th_B").set_value(75.0).run()
    tried = RuleSet(thresholds={"A": 80.0, "B": 75.0, "C": 50.0})
    years = tuple(viewer.slider(key="years").value)
    shift = disposition_shift(expected_count(records, years), tried)
    moved = int(shift.filter(pl.col("stored") != pl.col("tried"))["patents"].sum())
    assert moved > 0
    assert any(c.value.startswith(f"{moved:,} 件专利") for c in viewer.caption)
    assert not [b for b in viewer.button if b.key == "inv_save_rules"]

    editor = open_page(sqlite_url, monkeypatch, editor=True)
    editor.toggle(key="inv_try_rules").set_value(True).run()
    editor.number_input(key="inv_th_B").set_value(75.0).run()
    editor.button(key="inv_save_rules").click().run()
    assert not editor.exception
    store = Store.open(sqlite_url)
    try:
        assert inventory_store.rules(store) == tried
        regraded = inventory_store.load_inventory(store)
    finally:
        store.dispose()
    assert (regraded["disposition"] != records["disposition"]).sum() == int(
        disposition_shift(records, tried).filter(pl.col("stored") != pl.col("tried"))["patents"].sum()
    )


def test_an_upload_is_checked_whole_and_imported_only_when_clean(sqlite_url, monkeypatch, records):
    build_store(sqlite_url).dispose()
    text = records.head(40).with_columns(pl.col("deal_date").cast(pl.String))
    bad = text.with_columns(
        pl.when(pl.int_range(pl.len()) == 6)
        .then(pl.lit("Atlantis"))
        .otherwise(pl.col("province"))
        .alias("province")
    )
    at = open_page(sqlite_url, monkeypatch, editor=True)
    at.get("file_uploader")[0].set_value(("bad.csv", bad.write_csv().encode(), "text/csv")).run()
    at.button(key="inv_import_go").click().run()
    assert not at.exception
    assert any("bad.csv 未导入（共 1 处问题）" in e.value for e in at.error)
    # the problem in the page's language (Chinese here), with file, row and column
    assert any("bad.csv，第8行“province”列：“Atlantis”不是省级行政区" in c.value for c in at.code)
    store = Store.open(sqlite_url)
    try:
        assert inventory_store.state(store).records == 0
    finally:
        store.dispose()
    at.get("file_uploader")[0].set_value(("good.csv", text.write_csv().encode(), "text/csv")).run()
    at.button(key="inv_import_go").click().run()
    assert any("已从 good.csv 导入 40 条记录" in s.value for s in at.success)
    assert not at.warning or not any(
        "合成演示数据" in w.value for w in at.warning
    )  # real records: no synthetic notice
    assert metrics(at)["专利"]


def test_the_address_opens_the_page_filtered_and_an_unknown_value_falls_back_with_a_notice(
    inventory_sqlite_url, monkeypatch, records
):
    busiest = records["province"].value_counts(sort=True)["province"][:2].to_list()
    monkeypatch.setenv("DATABASE_URL", inventory_sqlite_url)
    at = open_app("inventory", lang="zh", province=busiest + ["atlantis"], field=["G", "Z"])
    assert sorted(at.multiselect(key="province").value) == sorted(busiest)
    assert at.multiselect(key="field").value == ["G"]
    years = tuple(at.slider(key="years").value)
    chosen = expected_count(records, years, provinces=tuple(busiest), sections=("G",))
    assert metrics(at)["专利"] == patents(chosen.height)
    notices = [i.value for i in at.info]
    assert any("atlantis" in n for n in notices) and any("“Z”" in n or "Z" in n for n in notices)
