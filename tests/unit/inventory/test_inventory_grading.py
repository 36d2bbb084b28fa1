"""The assessment rule set: weighted score → grade → disposition, its checks, and the shift a trial shows."""

import polars as pl
import pytest

from dashboard.inventory.grading import DEFAULT_RULES, RuleSet, RuleSetError, disposition_shift, grade_frame


def graded(rules: RuleSet, *scores: tuple[float, float, float]) -> pl.DataFrame:
    frame = pl.DataFrame(scores, schema=["tech_score", "market_score", "legal_score"], orient="row")
    return grade_frame(frame.cast(pl.Float32), rules)


@pytest.mark.parametrize(
    ("scores", "grade"),
    [
        ((80, 80, 80), "A"),  # exactly at A's threshold
        ((100, 100, 0), "A"),  # 0.4·100 + 0.4·100 + 0.2·0 = 80
        ((79, 80, 80), "B"),  # 79.6
        ((65, 65, 65), "B"),
        ((64, 65, 65), "C"),
        ((50, 50, 50), "C"),
        ((49.5, 50, 50), "D"),
        ((0, 0, 100), "D"),
    ],
)
def test_default_rules_grade_on_the_weighted_score(scores, grade):
    out = graded(DEFAULT_RULES, scores)
    assert out["grade"][0] == grade
    assert out["disposition"][0] == DEFAULT_RULES.disposition[grade]


def test_weights_count_relative_to_their_sum():
    doubled = RuleSet(weights={"technology": 2.0, "market": 2.0, "legal": 1.0})
    scores = [(80, 80, 80), (70, 90, 10), (30, 40, 99)]
    assert graded(doubled, *scores)["grade"].to_list() == graded(DEFAULT_RULES, *scores)["grade"].to_list()
    legal_only = RuleSet(weights={"technology": 0.0, "market": 0.0, "legal": 1.0})
    assert graded(legal_only, (0, 0, 90), (100, 100, 10))["grade"].to_list() == ["A", "D"]


def test_the_grade_to_disposition_map_is_applied():
    rules = RuleSet(
        disposition={"A": "commercialise", "B": "commercialise", "C": "protect", "D": "open_licence"}
    )
    out = graded(rules, (90, 90, 90), (55, 55, 55), (10, 10, 10))
    assert out["disposition"].to_list() == ["commercialise", "protect", "open_licence"]


@pytest.mark.parametrize(
    ("rules", "words"),
    [
        (RuleSet(weights={"technology": 1.0, "market": 1.0}), "weights: expected exactly"),
        (RuleSet(weights={"technology": -1.0, "market": 1.0, "legal": 1.0}), "each must be a number ≥ 0"),
        (RuleSet(weights={"technology": 0.0, "market": 0.0, "legal": 0.0}), "at least one must be above 0"),
        (RuleSet(thresholds={"A": 60.0, "B": 65.0, "C": 50.0}), "A must be above B"),
        (RuleSet(thresholds={"A": 120.0, "B": 65.0, "C": 50.0}), "from 0 to 100"),
        (
            RuleSet(disposition={"A": "sell", "B": "protect", "C": "protect", "D": "protect"}),
            "'sell' not one of",
        ),
        (RuleSet(disposition={"A": "protect"}), "one for each grade"),
    ],
)
def test_a_rule_set_that_cannot_grade_says_why(rules, words):
    assert any(words in str(p) for p in rules.problems())
    with pytest.raises(RuleSetError, match=words.split(":")[0]):
        rules.checked()


def test_rule_sets_round_trip_through_json_and_bad_json_is_refused():
    rules = RuleSet(
        weights={"technology": 0.5, "market": 0.3, "legal": 0.2},
        thresholds={"A": 85.0, "B": 70.0, "C": 40.0},
        disposition={"A": "commercialise", "B": "open_licence", "C": "protect", "D": "stop_maintaining"},
    )
    assert RuleSet.from_json(rules.to_json()) == rules
    with pytest.raises(RuleSetError):
        RuleSet.from_json('{"weights": {"technology": 1}}')
    with pytest.raises(RuleSetError):
        RuleSet.from_json(rules.to_json().replace("85.0", "10.0"))  # A below B


def test_the_shift_counts_every_patent_once_and_moves_only_those_whose_grade_changes():
    scores = [(90, 90, 90), (70, 70, 70), (60, 60, 60), (40, 40, 40), (66, 66, 66)]
    stored = graded(DEFAULT_RULES, *scores)  # A, B, C, D, B
    stricter = RuleSet(thresholds={"A": 80.0, "B": 68.0, "C": 50.0})  # the 66s fall from B to C
    shift = disposition_shift(stored, stricter)
    assert shift["patents"].sum() == len(scores)
    moved = shift.filter(pl.col("stored") != pl.col("tried"))
    assert moved.rows() == [("commercialise", "open_licence", 1)]
    assert disposition_shift(stored, DEFAULT_RULES).filter(pl.col("stored") != pl.col("tried")).is_empty()
