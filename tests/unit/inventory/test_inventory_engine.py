"""The engine against an independent computation in pandas, the demo's shape and determinism, the figures,
and the inventory in the store on SQLite and PostgreSQL."""

from __future__ import annotations

import polars as pl
import pytest

from dashboard.curation.dataset import load_dataset
from dashboard.i18n import t
from dashboard.inventory import demo
from dashboard.inventory import store as inventory_store
from dashboard.inventory.engine import FUNNEL, Filters, page_data, prepare, rule_shift, summarise
from dashboard.inventory.grading import RuleSet
from dashboard.provinces import load_province_tiles
from dashboard.store.database import Store, StoreError
from dashboard.store.editors import Editor
from dashboard.store.migrations import LATEST
from tests.fixtures import INVENTORY_ROWS, build_store, inventory_records

PROVINCE_IDS = list(load_province_tiles()["id"])
LEVEL = {
    "inventoried": 0,
    "abandoned": 0,
    "conversion_pool": 1,
    "matched": 2,
    "transferred": 3,
    "licensed": 3,
    "open_licensed": 3,
}


@pytest.fixture(scope="module")
def records() -> pl.DataFrame:
    return inventory_records()


@pytest.fixture(scope="module")
def frame(records) -> pl.DataFrame:
    return prepare(records, PROVINCE_IDS)


def by_hand(records: pl.DataFrame, filters: Filters):
    """The same numbers the page shows, the plain pandas way."""
    df = records.to_pandas()
    mask = df["institution_type"].isin(filters.types)
    if filters.years:
        mask &= df["grant_year"].between(*filters.years)
    if filters.provinces:
        mask &= df["province"].isin(filters.provinces)
    if filters.sections:
        mask &= df["ipc_section"].isin(filters.sections)
    return df[mask], df


STATES = [
    Filters(),
    Filters(types=("university",), years=(2016, 2022)),
    Filters(types=("research_institute",), provinces=("beijing", "guangdong", "sichuan", "jilin")),
    Filters(sections=("G", "H"), years=(2018, 2026)),
    Filters(provinces=("shanghai",), sections=("C",)),
]


@pytest.mark.parametrize("filters", STATES, ids=range(len(STATES)))
def test_the_page_numbers_match_a_computation_by_hand(records, frame, filters):
    data = page_data(frame, filters)
    sub, everything = by_hand(records, filters)
    assert data.shown == len(sub) and data.total == len(everything)
    level = sub["stage"].map(LEVEL)
    assert data.funnel["patents"].to_list() == [int((level >= n).sum()) for n in range(len(FUNNEL))]
    disp = sub.groupby(["institution_type", "disposition"]).size().to_dict()
    assert {
        (a, b): n for a, b, n in data.dispositions.with_columns(pl.all().cast(pl.String)).iter_rows()
    } == {k: str(v) for k, v in disp.items()}
    assert (
        dict(zip(data.provinces["province"].cast(pl.String), data.provinces["patents"], strict=True))
        == sub["province"].value_counts().to_dict()
    )
    deals = sub[sub["deal_type"].notna()]
    assert int(data.provinces["deals"].sum()) == len(deals) == data.funnel["patents"][-1]
    assert data.deals["value"].sum() == pytest.approx(deals["deal_value"].sum())
    top = (
        sub.assign(deal=sub["deal_type"].notna()).groupby("institution")["deal"].sum().max()
        if len(sub)
        else 0
    )
    assert (data.league["deals"][0] if data.league.height else 0) == top
    assert data.league["deals"].is_sorted(descending=True)
    assert data.rows.height == min(50, len(sub))
    assert set(data.rows["patent_number"]) <= set(sub["patent_number"])


def test_the_year_range_counts_what_it_leaves_out_and_pages_clamp(frame, records):
    data = page_data(frame, Filters(years=(2020, 2021)), page=10**6)
    everything = page_data(frame, Filters())
    assert data.shown + data.outside_years == everything.shown
    assert data.page == data.pages and data.rows.height == data.shown - (data.pages - 1) * 50


def test_a_trial_shift_covers_the_filtered_patents(frame):
    filters = Filters(types=("university",))
    shift = rule_shift(frame, filters, RuleSet(thresholds={"A": 90.0, "B": 80.0, "C": 70.0}))
    assert shift["patents"].sum() == page_data(frame, filters).shown
    assert not shift.filter(pl.col("stored") != pl.col("tried")).is_empty()


def test_the_demo_is_deterministic_and_shaped_on_the_published_figures(records):
    tables = load_dataset()
    anchors = demo.published_anchors(tables)
    obs = tables.observations.set_index(["indicator", "institution_type", "period"])["value"]
    assert anchors.holdings == {
        "university": obs[("valid_invention_patents_held", "university", "2023")],
        "research_institute": obs[("valid_invention_patents_held", "research_institute", "2023")],
    }
    assert anchors.inventoried == obs[("stock_patents_inventoried", "university_and_institute", "2024-11-29")]
    assert inventory_records().equals(records)
    assert not inventory_records(seed=12).equals(records)
    share = (records["institution_type"] == "university").mean()
    expected = anchors.holdings["university"] / sum(anchors.holdings.values())
    assert share == pytest.approx(expected, abs=0.03)
    pooled = records["stage"].is_in([s for s, n in LEVEL.items() if n >= 1]).mean()
    assert pooled == pytest.approx(anchors.pool_share, abs=0.03)
    assert records["patent_number"].n_unique() == INVENTORY_ROWS
    assert not records["province"].is_in(list(demo.NOT_MAINLAND)).any()


def test_every_figure_is_valid_plotly_and_carries_the_note(frame):
    import plotly.graph_objects as go

    from dashboard.inventory import charts

    data = page_data(frame, Filters())
    names = {"university": "高校", "research_institute": "科研机构"}
    figures = [
        charts.funnel_figure(data.funnel, "zh", "合成演示数据"),
        charts.dispositions_figure(data.dispositions, names, "zh", "合成演示数据"),
        charts.province_map_figure(load_province_tiles(), data.provinces, "en", "synthetic demo data"),
        charts.fields_figure(data.fields, "en", "synthetic demo data"),
        charts.years_figure(data.grant_years, "zh", "合成演示数据"),
        charts.deals_figure(data.deals, "en", "synthetic demo data"),
    ]
    for fig in figures:
        checked = go.Figure(fig.to_dict())  # full validation: a misspelt property raises here
        subtitle = checked.layout.title.subtitle.text
        assert "合成演示数据" in subtitle or "synthetic demo data" in subtitle


def test_the_funnels_numbers_beside_a_narrow_level_take_two_short_lines(frame):
    from dashboard.inventory import charts

    data = page_data(frame, Filters())
    (trace,) = charts.funnel_figure(data.funnel, "en", "synthetic demo data").data
    beside = [text for text, where in zip(trace.text, trace.textposition, strict=True) if where == "outside"]
    inside = [text for text, where in zip(trace.text, trace.textposition, strict=True) if where == "inside"]
    assert beside and inside
    assert all(text.count("<br>") == 1 for text in beside)
    assert all("<br>" not in text and " · " in text for text in inside)


def test_the_years_tab_titles_stand_level_and_its_years_level_too(frame):
    from dashboard.inventory import charts

    data = page_data(frame, Filters())
    years = charts.years_figure(data.grant_years, "en", "synthetic demo data")
    deals = charts.deals_figure(data.deals, "en", "synthetic demo data")
    assert (years.layout.title.y, years.layout.title.yref, years.layout.margin.t) == (
        deals.layout.title.y,
        deals.layout.title.yref,
        deals.layout.margin.t,
    )
    assert data.grant_years.height > 8 and (years.layout.xaxis.dtick, years.layout.xaxis.tickangle) == (2, 0)


@pytest.mark.parametrize(("lang", "per"), [("zh", 1), ("en", 100)])
def test_deal_values_in_tables_read_in_the_unit_the_page_writes_amounts_in(frame, lang, per):
    # 万元 on a Chinese page; CNY millions (a hundred 万元) on an English one, like the page's headline figure
    from dashboard.inventory.tables import league_table, page_table

    data = page_data(frame, Filters())
    column = t("inv_col_deal_value", lang)
    league = league_table(data.league, {}, {}, lang)
    assert league[column].tolist() == pytest.approx((data.league["value"] / per).round(2).to_list())
    rows = page_table(data.rows, {}, {}, lang)
    assert rows[column].to_list() == pytest.approx(
        [None if v is None else round(v / per, 2) for v in data.rows["deal_value"].to_list()], nan_ok=True
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_long_field_name_takes_two_lines_so_its_bar_keeps_its_room(frame, lang):
    from dashboard.inventory import charts

    data = page_data(frame, Filters())
    labels = list(charts.fields_figure(data.fields, lang, "").data[0].y)
    longest = max(max(len(line) for line in label.split("<br>")) for label in labels)
    names = [label.replace("<br>", " ") for label in labels]
    assert longest <= 26 and all(name.split(" ", 1)[1] == t(f"inv_ipc_{name[0]}", lang) for name in names)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_province_maps_scale_writes_numbers_as_the_language_does(lang):
    from dashboard.inventory import charts

    tiles = load_province_tiles()
    counts = pl.DataFrame({"province": list(tiles["id"][:3]), "patents": [154_922, 40_000, 7_000]})
    bar = charts.province_map_figure(tiles, counts, lang, "").data[0].marker.colorbar
    if lang == "zh":
        assert "10万" in bar.ticktext and not any(text.endswith("k") for text in bar.ticktext)
    else:
        assert bar.tickformat == ",~f"


@pytest.mark.parametrize("note", ["synthetic demo data", "imported from a file<br>on two lines"])
def test_the_province_maps_tiles_start_a_line_lower_for_each_line_of_its_subtitle(note):
    from dashboard.charts.style import SUBTITLE_LINE_PX
    from dashboard.inventory import charts

    tiles = load_province_tiles()
    counts = pl.DataFrame({"province": list(tiles["id"][:3]), "patents": [154_922, 40_000, 7_000]})
    tops = {}
    for lang in ("zh", "en"):
        fig = charts.province_map_figure(tiles, counts, lang, note)
        tops[fig.layout.title.subtitle.text.count("<br>") + 1] = fig.layout.margin.t
    # the English schematic note takes a line more than the Chinese one
    (fewer, few_top), (more, more_top) = sorted(tops.items())
    assert more > fewer
    assert more_top - few_top == SUBTITLE_LINE_PX * (more - fewer)


def test_the_inventory_round_trips_through_the_store_and_rules_regrade_it(store_url, records):
    store = build_store(store_url)
    try:
        assert inventory_store.state(store).records == 0
        first = inventory_store.replace_inventory(
            store, records, "demo", True, {"rows": len(records)}, Editor("tester", "password")
        )
        assert inventory_store.load_inventory(store).equals(records)
        state = inventory_store.state(store)
        assert (state.version, state.records, state.synthetic, state.kind) == (
            first,
            len(records),
            True,
            "demo",
        )
        strict = RuleSet(thresholds={"A": 95.0, "B": 90.0, "C": 85.0})
        second = inventory_store.save_rules(store, strict, Editor("tester", "password"))
        assert second > first and inventory_store.rules(store) == strict
        regraded = inventory_store.load_inventory(store)
        assert set(regraded["grade"]) <= {"A", "B", "C", "D"}
        assert (regraded["grade"] != records["grade"]).any()
        assert regraded.drop("grade", "disposition").equals(records.drop("grade", "disposition"))
        assert inventory_store.state(store).kind == "demo" and inventory_store.state(store).synthetic
    finally:
        store.dispose()


def test_a_failed_write_leaves_the_inventory_as_it_was(store_url, records):
    store = build_store(store_url)
    try:
        version = inventory_store.replace_inventory(
            store, records, "demo", True, {}, Editor("tester", "password")
        )
        broken = pl.concat([records.head(500), records.head(1)])  # the last record repeats a patent number
        with pytest.raises(StoreError, match="nothing was written"):
            inventory_store.replace_inventory(
                store, broken, "import", False, {"file": "x.csv"}, Editor("tester", "password")
            )
        assert inventory_store.version(store) == version
        assert inventory_store.load_inventory(store).equals(records)
    finally:
        store.dispose()


def test_migration_6_adds_the_inventory_to_a_store_made_before_it(store_url):
    store = Store.open(store_url)
    try:
        store.migrate()
        with store.engine.begin() as conn:
            for table in ("inventory_rule_sets", "inventory_changes", "inventory_patents"):
                conn.exec_driver_sql(f"DROP TABLE {table}")
            conn.exec_driver_sql("DELETE FROM schema_migrations WHERE version >= 6")
        assert store.migrate() == list(range(6, LATEST + 1))
        assert inventory_store.state(store).records == 0
    finally:
        store.dispose()


def test_the_briefing_offers_an_inventory_slide_marked_synthetic(frame):
    import datetime as dt

    from dashboard.briefing import builders as briefing
    from dashboard.briefing.slides import INVENTORY as SLIDE_ID
    from dashboard.briefing.slides import InventoryDeck
    from dashboard.inventory.grading import DEFAULT_RULES
    from tests.fixtures import selection, type_filter

    tables = load_dataset()
    today = dt.date.today()
    assert SLIDE_ID not in briefing.default_slide_ids(
        tables, type_filter(tables), today
    )  # no inventory, no slide
    state = inventory_store.InventoryState(
        3,
        frame.height,
        True,
        "demo",
        demo.detail(frame.height, 11, demo.published_anchors(tables)),
        "fixture",
        None,
    )
    inventory = InventoryDeck(state, summarise(frame), (2000, 2030), DEFAULT_RULES)
    assert SLIDE_ID in briefing.default_slide_ids(tables, type_filter(tables, "university"), today, inventory)
    assert SLIDE_ID not in briefing.default_slide_ids(
        tables, type_filter(tables, "enterprise"), today, inventory
    )
    slide = briefing.build_slide(SLIDE_ID, tables, selection(tables, "all", "en"), today, inventory)
    assert slide.title == "Stock-patent inventory · synthetic demo data"
    assert all(label.endswith("synthetic demo data") for label, _ in slide.key_numbers)
    assert slide.key_numbers[0][1] == f"{frame.height:,}"
    # in the slide's language, and the sources said to be those of the proportions only
    assert slide.source_line.startswith("synthetic demo data · Only the proportions follow: ")
    # under the chart the sources are short (outlet, date, grade); their titles are in the notes
    anchors = demo.published_anchors(tables)
    titles = [str(x) for x in tables.sources.set_index("id").loc[list(anchors.sources), "title_en"]]
    assert titles and not any(title in slide.source_line for title in titles)
    assert all(title in slide.notes for title in titles)
    chinese = briefing.build_slide(SLIDE_ID, tables, selection(tables, "all", "zh"), today, inventory)
    assert (
        chinese.source_line.startswith("合成演示数据 · 仅比例参照：")
        and "synthetic" not in chinese.source_line
    )
    assert "made up by" in slide.notes  # the notice, in the speaker notes
    assert "synthetic demo data" in slide.figure.layout.title.subtitle.text
    real = InventoryDeck(
        inventory_store.InventoryState(4, frame.height, False, "import", {"file": "x.csv"}, "fixture", None),
        summarise(frame),
        (2000, 2030),
        DEFAULT_RULES,
    )
    plain = briefing.build_slide(SLIDE_ID, tables, selection(tables, "all", "zh"), today, real)
    assert plain.title == "存量专利盘点" and "合成" not in plain.notes


def test_a_disposition_too_narrow_for_its_number_shows_none_rather_than_a_tiny_turned_one():
    from dashboard.inventory import charts

    frame = pl.DataFrame(
        {
            "institution_type": ["university", "university", "research_institute"],
            "disposition": ["protect", "open_licence", "protect"],
            "patents": [990_000, 4_000, 2_000],
        }
    )
    fig = charts.dispositions_figure(
        frame, {"university": "高校", "research_institute": "科研机构"}, "zh", ""
    )
    assert all(trace.textangle == 0 for trace in fig.data)  # level, never turned on its side
    assert all(trace.insidetextanchor == "middle" for trace in fig.data)  # apart from its neighbours
    assert fig.layout.uniformtext.mode == "hide" and fig.layout.uniformtext.minsize >= 10
    # Hidden only on screen: every segment keeps its number for the hover.
    assert all(len(trace.customdata) == len(trace.x) for trace in fig.data)
