"""The verdict in words on the shipped data: the panel, the scorecard, series breaks and who drove it, and the
status table the CLI prints, the Targets page shows and the deck carries, which must agree."""

import datetime as dt
import json

import pytest

from dashboard.briefing.builders import build_slide, default_slide_ids
from dashboard.cli.main import main
from dashboard.i18n import pick, t
from dashboard.programme import outcomes
from dashboard.programme.targets import assess_targets, readable_status_table, status_frame, status_label
from tests.fixtures import selection, type_filter

TODAY = dt.date(2026, 11, 29)


@pytest.fixture(scope="module")
def items(tables):
    return {item.target["id"]: item for item in assess_targets(tables, type_filter(tables), TODAY)}


def test_the_scorecard_counts_every_target_past_its_deadline_once(items):
    groups = outcomes.scorecard(list(items.values()))
    counted = [i.target["id"] for members in groups.values() for i in members]
    assert sorted(counted) == sorted(items)
    for group, members in groups.items():
        for item in members:
            assert outcomes.scorecard_group(item) == group
            assert item.verdict.final == (group == "achieved_final")


def test_the_scorecard_is_empty_before_the_deadline(tables):
    before = assess_targets(tables, type_filter(tables), dt.date(2025, 6, 30))
    assert all(i.verdict is None for i in before)
    assert not any(outcomes.scorecard(before).values())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_verdict_panel_names_the_figure_its_grade_and_source(tables, items, lang):
    item = items["patent_tech_contract_turnover_2025"]
    rows = dict(outcomes.verdict_numbers(item, tables.sources, lang))
    source = tables.sources.set_index("id").loc[item.verdict.figure["source"]]
    assert source[f"outlet_{lang}"] in " ".join(rows.values())
    assert ("C级" if lang == "zh" else "grade C") in " ".join(rows.values())
    # The open basis is read both ways, each reading with its outcome.
    assert len([label for label in rows if label.startswith("按" if lang == "zh" else "On ")]) == 2


def test_awaiting_figures_says_when_the_figure_is_usually_out_and_whether_that_has_passed(tables, items):
    item = items["ip_pledge_financing_2025"]
    labels = dict(outcomes.verdict_numbers(item, tables.sources, "en"))
    assert "Latest signal" in labels and "Expected" in labels
    texts = outcomes.verdict_reason_texts(item, TODAY, "en")
    assert any("none is on record yet" in text for text in texts)
    early = outcomes.verdict_reason_texts(item, item.verdict.expected - dt.timedelta(days=1), "en")
    assert not any("none is on record yet" in text for text in early)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_card_awaiting_figures_says_the_deadline_years_figure_is_not_out(items, lang):
    # 13.38 % for 2024 against a target of 13 %: beside "awaiting figures", the card says why
    share = items["patent_intensive_industry_gdp_share_2025"]
    assert outcomes.awaiting_texts(share, TODAY, lang) == [t("verdict_awaiting_why", lang, year=2025)]
    pledge = items["ip_pledge_financing_2025"]  # its figure is usually out by January 2026: that is said too
    late = outcomes.awaiting_texts(pledge, TODAY, lang)
    assert len(late) == 2 and late[1] in outcomes.verdict_reason_texts(pledge, TODAY, lang)
    assert outcomes.awaiting_texts(items["high_value_patents_per_10k_2025"], TODAY, lang) == []


def test_a_series_break_is_told_where_the_growth_spans_it(items, tables):
    item = items["patent_intensive_industry_gdp_share_2025"]
    texts = outcomes.break_texts(item, "en")
    assert len(item.breaks) == 1 and any("across the break" in text for text in texts)
    # The target's own baseline (2020) lies before the break whatever years the view shows.
    later = assess_targets(tables.within_years((2023, 2026)), type_filter(tables), TODAY)
    item = next(i for i in later if i.target["id"] == "patent_intensive_industry_gdp_share_2025")
    assert any("across the break" in text for text in outcomes.break_texts(item, "en"))
    # A series without a break says nothing of one.
    assert outcomes.break_texts(items["high_value_patents_per_10k_2025"], "en") == []


def test_the_break_is_drawn_on_the_trajectory_and_the_line_does_not_cross_it(items):
    from dashboard.charts.programme import trajectory_figure

    fig = trajectory_figure(items["patent_intensive_industry_gdp_share_2025"], "zh")
    shapes = [s for s in fig.layout.shapes if s.line.dash == "dash"]
    assert len(shapes) == 1 and str(shapes[0].x0).startswith("2023-01-01")
    observed = fig.data[0]
    assert any(v is None for v in observed.y)  # the gap at the break


def test_an_english_trajectory_in_yuan_counts_in_billions_like_its_figures(items):
    from dashboard.charts.programme import trajectory_figure

    item = items["ip_royalty_trade_2025"]
    star = {
        lang: next(tr for tr in trajectory_figure(item, lang).data if tr.name == t("series_target", lang))
        for lang in ("zh", "en")
    }
    assert star["zh"].y[0] == item.assessment.target_value  # 亿元
    assert star["en"].y[0] == pytest.approx(item.assessment.target_value / 10)  # CNY bn
    assert "CNY bn" in trajectory_figure(item, "en").layout.title.subtitle.text


def test_a_score_is_drawn_near_its_figures_an_amount_from_zero(items):
    """Public satisfaction (80 → 82.81 points) drawn from zero was a flat line under the target's star."""
    from dashboard.charts.programme import trajectory_figure

    score = trajectory_figure(items["ip_protection_satisfaction_2025"], "en").layout.yaxis
    amount = trajectory_figure(items["ip_royalty_trade_2025"], "en").layout.yaxis
    assert score.rangemode != "tozero" and amount.rangemode == "tozero"


def test_who_drove_it_on_the_shipped_recordals(tables, items):
    item = items["patent_tech_contract_turnover_2025"]
    table = outcomes.driver_table(item, tables, "en")
    shares = [float(s.rstrip("%")) for s in table["Share of the change"]]
    assert shares[-1] == 100 and sum(shares[:-1]) == pytest.approx(100, abs=0.2)
    assert "derived" in outcomes.driver_caption(item, tables, "en")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_cli_targets_page_table_and_deck_agree_on_every_verdict(
    tables, items, capsys, monkeypatch, lang, sqlite_url
):
    from tests.fixtures import build_store

    build_store(sqlite_url).dispose()
    monkeypatch.setattr("dashboard.cli.figures.dt", _FixedDate)
    assert main(["status", "--db", sqlite_url, "--lang", lang, "--format", "json"]) == 0
    printed = {row["target"]: row for row in json.loads(capsys.readouterr().out)}
    frame = status_frame(list(items.values()), lang).set_index("target")
    table = readable_status_table(list(items.values()), tables.type_names(lang), lang)
    sel = selection(tables, "all", lang)
    slides = {
        s.id.removeprefix("target:"): s
        for s in (build_slide(i, tables, sel, TODAY) for i in default_slide_ids(tables, sel.types, TODAY))
    }
    for target_id, item in items.items():
        row = printed[target_id]
        assert {"final", "evidence_grade", "basis"} <= set(row)
        grade = frame.loc[target_id, "evidence_grade"]
        assert (row["status"], row["final"], row["evidence_grade"], row["basis"]) == (
            frame.loc[target_id, "status"],
            bool(frame.loc[target_id, "final"]),
            grade if isinstance(grade, str) else None,
            frame.loc[target_id, "basis"],
        )
        label = status_label(item, lang)
        assert row["status_label"] == label == slides[target_id].status_label
        assert label in set(table.iloc[:, 0])


class _FixedDate:
    """The CLI's clock, set to TODAY so that its verdicts are the test's."""

    class date:  # noqa: N801 - stands in for datetime.date
        @staticmethod
        def today():
            return TODAY


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_row_of_the_status_table_names_the_source_of_its_figure(tables, items, lang):
    listed = list(items.values())
    table = readable_status_table(listed, tables.type_names(lang), lang, tables.sources)
    column = table[t("col_source", lang)]
    sources = tables.sources.set_index("id")
    in_order = [items[target] for target in status_frame(listed, lang)["target"]]  # the table's row order
    for item, cell in zip(in_order, column, strict=True):
        evidence = item.evidence
        if evidence is None:
            assert cell == "—"
            continue
        source = sources.loc[evidence["source"]]
        assert pick(source, "outlet", lang) in cell, item.target["id"]
        assert evidence["source"] not in cell  # words, not the id
    assert "—" not in set(column) or any(item.evidence is None for item in listed)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_share_of_the_change_on_a_slide_names_its_indicator_when_it_is_not_the_targets_own(
    tables, items, lang
):
    # The technology-contract target's drivers are split on the recordals (contract value is not published by
    # type); its key number said "22.7%" of an unnamed change on a slide about contract value.
    names = tables.indicators.set_index("id")[f"name_{lang}"]
    split_elsewhere = [i for i in items.values() if i.drivers and i.drivers.indicator != i.indicator.name]
    split_on_own = [i for i in items.values() if i.drivers and i.drivers.indicator == i.indicator.name]
    assert split_elsewhere
    for item in split_elsewhere + split_on_own:
        share_label = outcomes.verdict_key_numbers(item, tables, lang)[-1][0]
        named = share_label.startswith(names[item.drivers.indicator])
        assert named == any(item is other for other in split_elsewhere), item.target["id"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_target_without_a_number_is_shortened_to_its_direction_not_to_another_plans_words(items, lang):
    from dashboard.programme.targets import target_text

    # Two plans ask for a rise in words of their own ("markedly higher", "lifted overall"): the short form,
    # in the status table and on the slides, must not put one plan's adverb in the other's mouth.
    rising = [i for i in items.values() if i.target["comparator"] == "rises"]
    assert len({i.target[f"wording_{lang}"] for i in rising}) > 1
    for item in rising:
        short = target_text(item, lang, short=True)
        assert short == t("target_rises_short", lang)
        assert not any(word in short for word in ("明显", "整体", "lifted", "learly"))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_summary_slide_writes_a_numbers_parts_as_a_sum_not_a_fraction(tables, items, lang):
    # "1 / 3" under "achieved: final / provisional" read as "one of three".
    slide = build_slide("summary", tables, selection(tables, "all", lang), TODAY)
    groups = {g: len(m) for g, m in outcomes.scorecard(list(items.values())).items()}
    (achieved_label, achieved), (open_label, still_open), _ = slide.key_numbers
    assert "/" not in achieved + still_open + achieved_label + open_label
    assert achieved == f"{groups['achieved_final']} + {groups['achieved_provisional']}"
    assert still_open == f"{groups['not_achieved']} + {groups['not_settled']}"
