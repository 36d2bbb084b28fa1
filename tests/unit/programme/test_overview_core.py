"""The Overview's computations, the filter, source lines and export: pure functions, tables of cases."""

import datetime as dt
import math

import pandas as pd
import pytest

from dashboard.downloads import neutralise
from dashboard.editing.export import EXPORT_COLUMNS, export_frame
from dashboard.programme.overview import (
    growth_between,
    headline_growth,
    latest_observation,
    source_summaries,
    target_cards,
    timeline_frames,
)
from dashboard.programme.provenance import source_line
from dashboard.programme.selection import ALL_TYPES, filter_choices
from tests.fixtures import selection, type_filter


@pytest.mark.parametrize(
    ("start", "sp", "end", "ep", "years", "multiple", "growth"),
    [
        (6000, "2018", 21000, "2022", 4, 3.5, 3.5**0.25 - 1),
        (33.9, "2018", 110.1, "2022", 4, 110.1 / 33.9, (110.1 / 33.9) ** 0.25 - 1),
        (100, "2020", 50, "2021", 1, 0.5, -0.5),
    ],
)
def test_growth_between_two_full_years(start, sp, end, ep, years, multiple, growth):
    result = growth_between(start, sp, end, ep)
    assert (result.years, result.multiple, result.annual_growth) == (
        years,
        pytest.approx(multiple),
        pytest.approx(growth),
    )


@pytest.mark.parametrize(
    ("start", "sp", "end", "ep", "words"),
    [
        (0, "2018", 10, "2022", "positive"),
        (-5, "2018", 10, "2022", "positive"),
        (10, "2022", 12, "2022", "after"),
        (10, "2024-09", 12, "2025", "full-year"),
    ],
)
def test_growth_refuses_meaningless_arithmetic(start, sp, end, ep, words):
    with pytest.raises(ValueError, match=words):
        growth_between(start, sp, end, ep)


def test_headline_growth_uses_the_announcements_two_figures(tables):
    headline = headline_growth(tables)
    contracts, _ = headline["univ_transfer_contracts"]
    assert (contracts.start_period, contracts.end_period) == ("2018", "2022")
    assert contracts.multiple == pytest.approx(3.5)
    assert contracts.formulas("zh")[0] == "21000 ÷ 6000 = 3.50"
    amount, _ = headline["univ_transfer_amount"]
    assert amount.annual_growth == pytest.approx(0.342, abs=0.001)
    # in English the two amounts are written in CNY billions, as the card above the formula writes them
    for lang, scale in (("zh", 1.0), ("en", 0.1)):
        end, start = (f"{v * scale:.6g}" for v in (amount.end_value, amount.start_value))
        assert amount.formulas(lang, scale)[0] == f"{end} ÷ {start} = {amount.multiple:.2f}"


def test_latest_prefers_the_latest_end_and_a_full_year_over_its_part():
    obs = pd.DataFrame(
        {
            "indicator": ["x"] * 4,
            "institution_type": ["all"] * 4,
            "period": ["2024-09", "2023", "2024", "2025-06"],
            "value": [1.0, 2.0, 3.0, 4.0],
            "qualifier": ["exact"] * 4,
            "grade": ["B"] * 4,
        }
    )
    assert latest_observation(obs, "x", "all")["period"] == "2025-06"
    assert latest_observation(obs.iloc[:3], "x", "all")["period"] == "2024"
    assert latest_observation(obs, "x", "enterprise") is None


def test_latest_of_one_period_is_the_figure_a_verdict_rests_on(tables):
    # 2024's certified patent-intensive products: an exact 3,197 and a later "more than 3,100"
    from dashboard.programme.verdicts import latest

    obs = tables.observations
    chosen = latest_observation(obs, "patent_intensive_products_certified", "enterprise")
    assert (chosen["period"], chosen["qualifier"]) == ("2024", "exact")
    for (indicator, kind), rows in obs.groupby(["indicator", "institution_type"]):
        assert latest_observation(obs, indicator, kind).equals(latest(rows)), (indicator, kind)


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        (ALL_TYPES, {"all", "university", "research_institute", "university_and_institute", "enterprise"}),
        ("university", {"university", "university_and_institute"}),
        ("research_institute", {"research_institute", "university_and_institute"}),
        ("university_and_institute", {"university", "research_institute", "university_and_institute"}),
        ("enterprise", {"enterprise"}),
    ],
)
def test_filter_choice_shows_these_types(tables, choice, expected):
    assert type_filter(tables, choice).shown == expected


def test_filter_choices_put_all_types_first_and_leave_out_national(tables):
    choices = filter_choices(tables.institution_types)
    # "all" means every figure, national ones included; national (全国) is not a type to narrow to
    assert choices == [
        ALL_TYPES,
        "university",
        "research_institute",
        "university_and_institute",
        "enterprise",
    ]


def test_target_cards_follow_the_filter(tables):
    everything = target_cards(tables, selection(tables, ALL_TYPES, "zh"))
    enterprise = target_cards(tables, selection(tables, "enterprise", "zh"))
    university = target_cards(tables, selection(tables, "university", "en"))
    assert len(everything) == len(tables.targets)
    assert [c["id"] for c in enterprise] == [
        "patent_intensive_product_output_2025",
        "sme_patent_industrialisation_2025",
    ]
    assert [c["id"] for c in university] == ["univ_inst_industrialisation_2025"]
    card = university[0]
    # The target covers both; under "university" only the university part's figure shows.
    assert card["split_by_part"] and [x["institution_type"] for x in card["latest"]] == ["Universities"]


def test_a_target_card_flags_a_partial_year_and_shows_its_baseline(tables):
    card = next(
        c
        for c in target_cards(tables, selection(tables, ALL_TYPES, "zh"))
        if c["id"] == "ip_royalty_trade_2025"
    )
    # First the latest full year, which the status rests on; then the newer part of a year, flagged.
    assert [(x["period"], x["partial_year"]) for x in card["latest"]] == [
        ("2024年", False),
        ("2025年1—11月", True),
    ]
    assert card["baseline"] == "3194.4亿元（2020年）"
    obs = tables.observations
    without = tables.replace(observations=obs[obs["indicator"] != "patent_tech_contract_turnover"])
    unknown = next(
        c
        for c in target_cards(without, selection(without, ALL_TYPES, "en"))
        if c["id"] == "patent_tech_contract_turnover_2025"
    )
    assert unknown["latest"] == []


def test_sources_under_a_type_are_those_with_something_for_it(tables):
    all_sources = source_summaries(tables, type_filter(tables, ALL_TYPES))
    enterprise = source_summaries(tables, type_filter(tables, "enterprise"))
    assert len(all_sources) == len(tables.sources)
    assert 0 < len(enterprise) < len(all_sources)
    assert enterprise["n_observations"].sum() == len(
        type_filter(tables, "enterprise").apply(tables.observations)
    )


def test_timeline_spans_start_at_issue_and_milestones_follow_the_filter(tables):
    spans, milestones = timeline_frames(tables, selection(tables, "enterprise", "en"), dt.date(2026, 11, 29))
    stock = spans.set_index("programme").loc["stock_patent_plan"]
    assert stock["start"] == pd.Timestamp("2024-01-01") and stock["end"] == pd.Timestamp("2025-12-31")
    assert spans.set_index("programme").loc["csrc_warrant_pilots", "open_ended"]
    assert set(milestones["institution_type"]) == {"enterprise"}


def test_source_line_cites_outlet_title_date_and_grade(tables):
    line = source_line(["2024-02-28-xinhua-cnipa-february-presser"], tables.sources, "zh")
    assert line == "来源：新华社《推动高价值专利产业化——国家知识产权局新规解读》，2024年2月28日，B级"
    english = source_line(
        ["2024-01-04-cctv-ip-use-2023", "2025-07-17-scio-fyp14-ip-progress"], tables.sources, "en"
    )
    # Newest first, each with outlet, date and grade.
    assert english.startswith("Sources: State Council Information Office") and "17 Jul 2025" in english
    assert english.index("Information Office") < english.index("CCTV") and "grade B" in english


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+86", "'+86"),
        ("-x", "'-x"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("plain", "plain"),
        (-5.0, -5.0),
    ],
)
def test_export_neutralises_formula_like_text(cell, expected):
    assert neutralise(cell) == expected


def test_export_frame_has_the_import_columns_in_canonical_units(tables):
    frame = export_frame(tables.observations, tables.sources)
    assert list(frame.columns) == EXPORT_COLUMNS
    assert len(frame) == len(tables.observations)
    row = frame[(frame["indicator"] == "univ_transfer_contracts") & (frame["period"] == "2022")].iloc[0]
    assert (row["value"], row["unit"], row["qualifier"]) == (21000, "项", "more_than")
    assert not any(isinstance(v, float) and math.isnan(v) for v in frame["value"])


def test_the_timelines_today_label_sits_above_its_line(tables):
    from dashboard.charts.programme import timeline_figure
    from dashboard.i18n import t

    today = dt.date(2026, 11, 29)
    spans, milestones = timeline_frames(tables, selection(tables, "all", "zh"), today)
    fig = timeline_figure(spans, milestones, "zh", today)
    (label,) = [a for a in fig.layout.annotations if a.text == t("today", "zh")]
    (line,) = [s for s in fig.layout.shapes if s.type == "line"]
    # The line ends at the plot's top (its one y domain); the label starts there and goes up, so the line
    # never crosses it.
    assert line.yref == "y domain" and label.yref == "paper"
    assert label.yanchor == "bottom" and label.y >= line.y1


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_timelines_hovers_write_dates_as_the_page_does(tables, lang):
    import re

    from dashboard.charts.programme import timeline_figure
    from dashboard.formatting import format_date

    today = dt.date(2026, 11, 29)
    spans, milestones = timeline_frames(tables, selection(tables, "all", lang), today)
    fig = timeline_figure(spans, milestones, lang, today)
    hovers = [tr.hovertemplate for tr in fig.data if tr.type == "bar"]
    hovers += [text for tr in fig.data if tr.type == "scatter" for text in tr.text]
    assert hovers and not any(re.search(r"\d{4}-\d{2}-\d{2}", h) for h in hovers)
    issued = spans.iloc[0]["start"]
    assert format_date(f"{issued:%Y-%m-%d}", lang) in hovers[0]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_open_ended_plan_says_it_has_no_deadline_on_its_bar(tables, lang):
    from dashboard.charts.programme import timeline_figure
    from dashboard.i18n import t

    today = dt.date(2026, 11, 29)
    spans, milestones = timeline_frames(tables, selection(tables, "all", lang), today)
    assert spans["open_ended"].any() and not spans["open_ended"].all()
    fig = timeline_figure(spans, milestones, lang, today)
    bars = {tr.y[0]: tr for tr in fig.data if tr.type == "bar"}
    for span in spans.itertuples():
        said = [text for text in (bars[span.label].text or ()) if t("no_deadline", lang) in text]
        assert bool(said) == bool(span.open_ended), span.label
        if span.open_ended:
            assert t("no_deadline", lang) in bars[span.label].hovertemplate
