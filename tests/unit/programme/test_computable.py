"""The downloads of tables that show figures hold numbers to compute with: each figure the store's value in
its indicator's unit, with its unit, period, qualifier, grade and source beside it, and a workbook whose
second sheet lists exactly the sources the rows cite."""

import datetime as dt
import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from dashboard.downloads import table_csv, table_xlsx
from dashboard.formatting import format_date, format_period
from dashboard.i18n import t, unit_label
from dashboard.programme.computable import (
    drivers_download,
    series_download,
    source_figures_download,
    target_cards_download,
    target_status_download,
)
from dashboard.programme.overview import figures_of_source, target_cards
from dashboard.programme.targets import assess_targets, readable_status_table
from dashboard.store.database import Store
from tests.fixtures import selection, type_filter

TODAY = dt.date(2026, 11, 24)
LANGS = ["zh", "en"]


@pytest.fixture(scope="module")
def store_tables(seeded_sqlite_url):
    """The curated tables as the seeded store holds them (what the pages read)."""
    store = Store.open(seeded_sqlite_url)
    try:
        return store.read_all()
    finally:
        store.dispose()


@pytest.fixture(scope="module")
def items(store_tables):
    return assess_targets(store_tables, type_filter(store_tables), TODAY)


def _stored_figure(tables, figure: pd.Series) -> pd.Series:
    """The one stored observation a figure is (by indicator, type, period and source)."""
    obs = tables.every_observation
    found = obs[
        (obs["indicator"] == figure["indicator"])
        & (obs["institution_type"] == figure["institution_type"])
        & (obs["period"].astype(str) == str(figure["period"]))
        & (obs["source"] == figure["source"])
    ]
    assert len(found) == 1, figure
    return found.iloc[0]


def _names_source(cell: object, source_id: str, tables, lang: str) -> None:
    """The cell names the source in words (outlet or title, and its date), never by its id."""
    source = tables.sources.set_index("id").loc[source_id]
    outlet = source[f"outlet_{lang}"]
    assert isinstance(cell, str) and source_id not in cell
    assert (outlet if isinstance(outlet, str) and outlet else source[f"title_{lang}"]) in cell
    published = source["published"]
    if isinstance(published, str) and published:
        assert format_date(published, lang) in cell
    else:
        assert t("date_unknown", lang) in cell


def _csv(download, numbers: tuple[str, ...]) -> pd.DataFrame:
    """The download's CSV as a spreadsheet reads it: the `numbers` columns as pandas infers them, the rest as
    text."""
    data = table_csv(download.rows)
    header = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", nrows=0).columns
    text = {column: str for column in header if column not in numbers}
    return pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=text)


def _cited_titles(source_ids, tables, lang: str) -> list[str]:
    sources = tables.sources.set_index("id")
    return sorted(sources.loc[sorted(set(source_ids)), f"title_{lang}"])


@pytest.mark.parametrize("lang", LANGS)
def test_the_targets_csv_holds_each_targets_evidence_figure_as_the_stored_number(store_tables, items, lang):
    download = target_status_download(items, store_tables, lang)
    value, target_value = t("col_latest", lang), t("col_target_value", lang)
    parsed = _csv(download, (value, target_value, t("col_progress_pct", lang)))
    assert parsed[value].dtype == "float64" and parsed[target_value].dtype == "float64"
    shown = readable_status_table(items, store_tables.type_names(lang), lang)
    key = [t("col_indicator", lang), t("col_institution_type", lang)]
    # the same rows in the same order as the table on screen
    assert parsed[key].values.tolist() == shown[key].values.tolist()
    rows = parsed.set_index(key)
    assert rows.index.is_unique
    type_names = store_tables.type_names(lang)
    for item in items:
        row = rows.loc[(item.indicator[f"name_{lang}"], type_names[item.target["institution_type"]])]
        target = store_tables.targets.set_index("id").loc[item.target["id"]]
        if pd.isna(target["target_value"]):
            assert pd.isna(row[target_value])
        else:
            assert row[target_value] == float(target["target_value"])
        assert row[t("col_unit", lang)] == unit_label(item.indicator, lang)
        final = item.verdict is not None and item.verdict.final
        assert row[t("col_final", lang)] == t("word_yes" if final else "word_no", lang)
        _names_source(row[t("col_target_source", lang)], target["source"], store_tables, lang)
        evidence = item.evidence
        if evidence is None:
            assert pd.isna(row[value]) and pd.isna(row[t("col_latest_period", lang)])
            assert pd.isna(row[t("col_source", lang)])
            continue
        stored = _stored_figure(store_tables, evidence)
        assert row[value] == float(stored["value"])
        assert row[t("col_latest_period", lang)] == format_period(
            str(stored["period"]), lang, item.indicator["measure"]
        )
        assert row[t("col_qualifier", lang)] == t(f"qualifier_{stored['qualifier']}", lang)
        assert row[t("col_evidence_grade", lang)] == stored["grade"]
        _names_source(row[t("col_source", lang)], stored["source"], store_tables, lang)


def test_a_lower_bound_is_a_number_with_more_than_beside_it(store_tables, items):
    parsed = _csv(target_status_download(items, store_tables, "en"), ("Latest value",))
    bounds = [i for i in items if i.evidence is not None and i.evidence["qualifier"] == "more_than"]
    assert bounds, "the shipped data has a target resting on a lower bound"
    names = set(parsed[parsed["Qualifier"] == "more than"]["Indicator"])
    assert names == {i.indicator["name_en"] for i in bounds}


@pytest.mark.parametrize("lang", LANGS)
def test_the_targets_workbook_has_numbers_a_frozen_header_and_the_cited_sources(store_tables, items, lang):
    download = target_status_download(items, store_tables, lang)
    book = load_workbook(io.BytesIO(table_xlsx(download.rows, lang, download.sources)))
    assert book.sheetnames == [t("sheet_table", lang), t("sheet_sources", lang)]
    sheet = book[t("sheet_table", lang)]
    assert sheet.freeze_panes == "A2"
    header = [c.value for c in sheet[1]]
    assert header == list(download.rows.columns)
    column = header.index(t("col_latest", lang)) + 1
    figures = [item.evidence for item in items if item.evidence is not None]
    cells = [sheet.cell(r, column) for r in range(2, sheet.max_row + 1)]
    numbers = [c for c in cells if c.value is not None]
    assert len(numbers) == len(figures)
    assert all(c.data_type == "n" and c.number_format != "General" for c in numbers)
    assert sorted(c.value for c in numbers) == sorted(
        float(_stored_figure(store_tables, f)["value"]) for f in figures
    )
    assert all(sheet.column_dimensions[c.column_letter].width >= 6 for c in sheet[1])
    sources = book[t("sheet_sources", lang)]
    assert sources.freeze_panes == "A2"
    listed = list(sources.iter_rows(values_only=True))
    assert list(listed[0]) == [
        t(k, lang) for k in ("col_outlet", "col_title", "col_date", "col_grade", "col_url")
    ]
    cited = [f["source"] for f in figures] + [item.target["source"] for item in items]
    assert sorted(row[1] for row in listed[1:]) == _cited_titles(cited, store_tables, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_the_overview_targets_download_holds_each_cards_figures_as_stored(store_tables, lang):
    cards = target_cards(store_tables, selection(store_tables, "all", lang))
    download = target_cards_download(cards, store_tables, lang)
    value = t("col_latest", lang)
    parsed = _csv(download, (value, t("col_target_value", lang), t("col_baseline", lang)))
    assert parsed[value].dtype == "float64"
    assert len(parsed) == sum(max(len(card["latest"]), 1) for card in cards)
    targets = store_tables.targets.set_index("id")
    shown = [(card, latest) for card in cards for latest in (card["latest"] or [None])]
    for (card, latest), (_, row) in zip(shown, parsed.iterrows(), strict=True):
        target = targets.loc[card["id"]]
        for column, stored in (("col_target_value", "target_value"), ("col_baseline", "baseline_value")):
            if pd.isna(target[stored]):
                assert pd.isna(row[t(column, lang)])
            else:
                assert row[t(column, lang)] == float(target[stored])
        if latest is None:
            assert pd.isna(row[value])
            continue
        stored = _stored_figure(store_tables, latest["observation"])
        assert row[value] == float(stored["value"])
        assert row[t("col_figure_type", lang)] == store_tables.type_names(lang)[stored["institution_type"]]
        _names_source(row[t("col_source", lang)], stored["source"], store_tables, lang)
    cited = [latest["observation"]["source"] for card in cards for latest in card["latest"]]
    cited += [targets.loc[card["id"], "source"] for card in cards]
    assert sorted(download.sources[t("col_title", lang)]) == _cited_titles(cited, store_tables, lang)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("indicator", ["univ_transfer_amount", "invention_industrialisation_rate"])
def test_a_series_download_holds_every_figure_the_chart_draws(store_tables, lang, indicator):
    obs = store_tables.observations
    drawn = obs[obs["indicator"] == indicator]
    download = series_download(obs, indicator, store_tables, lang)
    parsed = _csv(download, (t("col_value", lang),))
    assert parsed[t("col_value", lang)].dtype == "float64"
    assert sorted(parsed[t("col_value", lang)]) == sorted(drawn["value"].astype(float))
    meta = store_tables.indicator(indicator)
    assert set(parsed[t("col_unit", lang)]) == {unit_label(meta, lang)}
    expected_periods = {format_period(str(p), lang, meta["measure"]) for p in drawn["period"]}
    assert set(parsed[t("col_period", lang)]) == expected_periods
    assert sorted(download.sources[t("col_title", lang)]) == _cited_titles(
        drawn["source"], store_tables, lang
    )


@pytest.mark.parametrize("lang", LANGS)
def test_the_drivers_download_holds_the_stored_figures_and_shares_that_add_up(store_tables, items, lang):
    driven = [item for item in items if item.drivers is not None]
    assert driven, "the shipped data has a target whose change is split by type"
    for item in driven:
        d = item.drivers
        download = drivers_download(item, store_tables, lang)
        base, end = t("col_baseline", lang), t("col_end_value", lang)
        change, share = t("col_change", lang), t("col_share_pct", lang)
        parsed = _csv(download, (t("col_base_year", lang), base, t("col_end_year", lang), end, change, share))
        assert all(parsed[c].dtype == "float64" for c in (base, end, change, share))
        obs = store_tables.every_observation
        published = [s for s in [*d.shares, d.total] if s.institution_type is not None]
        for s, (_, row) in zip([*d.shares, d.total], parsed.iterrows(), strict=True):
            if s.institution_type is None:  # everyone else: derived, no figure of its own
                assert pd.isna(row[base]) and pd.isna(row[end]) and pd.isna(row[t("col_source", lang)])
                continue
            for year, column in ((d.base_year, base), (d.end_year, end)):
                stored = obs[
                    (obs["indicator"] == d.indicator)
                    & (obs["institution_type"] == s.institution_type)
                    & (obs["period"].astype(str) == str(year))
                ]
                assert row[column] in set(stored["value"].astype(float))
            assert row[change] == pytest.approx(row[end] - row[base])
        assert parsed[share].iloc[-1] == pytest.approx(100)  # the total is the whole change
        assert parsed[share].iloc[:-1].sum() == pytest.approx(100)  # its parts and the rest make it up
        cited = [source for s in published for source in s.sources]
        assert sorted(download.sources[t("col_title", lang)]) == _cited_titles(cited, store_tables, lang)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("choice", ["all", "university"])
def test_a_sources_figures_download_holds_its_figures_as_stored(store_tables, lang, choice):
    sel = selection(store_tables, choice, lang)
    for source_id in store_tables.sources["id"]:
        shown = figures_of_source(store_tables, source_id, sel)
        download = source_figures_download(store_tables, source_id, sel.types, lang)
        assert len(download.rows) == len(shown)
        if shown.empty:
            continue
        parsed = _csv(download, (t("col_value", lang),))
        assert parsed[t("col_value", lang)].dtype == "float64"
        key = [t("col_indicator", lang), t("col_institution_type", lang), t("col_period", lang)]
        assert parsed[key].values.tolist() == shown[key].values.tolist()
        obs = store_tables.observations
        stored = obs[(obs["source"] == source_id) & obs["institution_type"].isin(sel.types.shown)]
        assert sorted(parsed[t("col_value", lang)]) == sorted(stored["value"].astype(float))
        assert download.sources[t("col_title", lang)].tolist() == _cited_titles(
            [source_id], store_tables, lang
        )
