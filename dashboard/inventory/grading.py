"""The stock-patent assessment as a rule set: three scores → weighted score → grade → disposition.

The structure (technology, market and legal grounds; protect, commercialise, open licence or stop
maintaining) is the one the Chinese Academy of Sciences described for its review (seed
2024-02-28-xinhua-cnipa-february-presser). The default weights, thresholds and map are our own choice: no
plan publishes them. A rule set is plain data, saved with the inventory as JSON; the grading runs as polars
expressions over the whole inventory at once (no per-row Python).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import polars as pl

from dashboard.i18n import LocalizedError, Message, message

SCORES = ("tech_score", "market_score", "legal_score")
DIMENSIONS = ("technology", "market", "legal")  # the weights' keys, in the order of SCORES
GRADES = ("A", "B", "C", "D")  # best first; D is everything below C's threshold
DISPOSITIONS = ("protect", "commercialise", "open_licence", "stop_maintaining")
SCORE_RANGE = (0.0, 100.0)


class RuleSetError(LocalizedError, ValueError):
    """A rule set that cannot grade: the message says which part and why."""


@dataclass(frozen=True)
class RuleSet:
    """weights: per dimension, ≥ 0, not all 0 (used relative to their sum); thresholds: the lowest weighted
    score of grades A, B and C, strictly falling; disposition: the disposition of each grade."""

    weights: dict[str, float] = field(
        default_factory=lambda: {"technology": 0.4, "market": 0.4, "legal": 0.2}
    )
    thresholds: dict[str, float] = field(default_factory=lambda: {"A": 80.0, "B": 65.0, "C": 50.0})
    disposition: dict[str, str] = field(
        default_factory=lambda: {
            "A": "protect",
            "B": "commercialise",
            "C": "open_licence",
            "D": "stop_maintaining",
        }
    )

    def problems(self) -> list[Message]:
        """Everything wrong with the rule set (empty when it can grade)."""
        out = []
        if set(self.weights) != set(DIMENSIONS):
            out.append(message("rules_weights_keys", dimensions=", ".join(DIMENSIONS)))
        elif any(not _is_number(w) or w < 0 for w in self.weights.values()):
            out.append(message("rules_weights_negative"))
        elif sum(self.weights.values()) <= 0:
            out.append(message("rules_weights_zero"))
        if set(self.thresholds) != set(GRADES[:-1]):
            out.append(message("rules_thresholds_keys", grades=", ".join(GRADES[:-1])))
        else:
            values = [self.thresholds[g] for g in GRADES[:-1]]
            if any(not _is_number(v) or not SCORE_RANGE[0] <= v <= SCORE_RANGE[1] for v in values):
                out.append(message("rules_thresholds_range"))
            elif any(a <= b for a, b in zip(values, values[1:], strict=False)):
                out.append(message("rules_thresholds_order"))
        if set(self.disposition) != set(GRADES):
            out.append(message("rules_disposition_keys", grades=", ".join(GRADES)))
        else:
            bad = sorted({d for d in self.disposition.values() if d not in DISPOSITIONS})
            if bad:
                out.append(
                    message(
                        "rules_disposition_unknown",
                        bad=", ".join(map(repr, bad)),
                        allowed=", ".join(DISPOSITIONS),
                    )
                )
        return out

    def checked(self) -> RuleSet:
        problems = self.problems()
        if problems:
            raise RuleSetError("rules_invalid", problems=tuple(problems))
        return self

    def normalised_weights(self) -> dict[str, float]:
        total = sum(self.weights.values())
        return {k: self.weights[k] / total for k in DIMENSIONS}

    def to_json(self) -> str:
        return json.dumps(
            {"weights": self.weights, "thresholds": self.thresholds, "disposition": self.disposition},
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: str) -> RuleSet:
        try:
            raw = json.loads(text)
            rules = cls(
                weights={k: float(v) for k, v in raw["weights"].items()},
                thresholds={k: float(v) for k, v in raw["thresholds"].items()},
                disposition=dict(raw["disposition"]),
            )
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise RuleSetError("rules_not_json", reason=str(exc)) from None
        return rules.checked()


DEFAULT_RULES = RuleSet()


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value == value


def weighted_score(rules: RuleSet) -> pl.Expr:
    """The weighted score (0–100) of each patent."""
    weights = rules.normalised_weights()
    return sum(pl.col(score) * weights[dim] for score, dim in zip(SCORES, DIMENSIONS, strict=True))


def grade_expr(rules: RuleSet) -> pl.Expr:
    """Each patent's grade under `rules`: A at or above A's threshold, else B at or above B's, …, else D."""
    score = weighted_score(rules)
    expr = pl.when(score >= rules.thresholds["A"]).then(pl.lit("A"))
    for grade in GRADES[1:-1]:
        expr = expr.when(score >= rules.thresholds[grade]).then(pl.lit(grade))
    return expr.otherwise(pl.lit(GRADES[-1]))


def disposition_expr(rules: RuleSet, grade: pl.Expr | None = None) -> pl.Expr:
    """Each patent's disposition under `rules` (from `grade`, else from the grade the rules give)."""
    grade = grade_expr(rules) if grade is None else grade
    return grade.replace_strict(rules.disposition, default=None)


def grade_frame(frame: pl.DataFrame, rules: RuleSet) -> pl.DataFrame:
    """`frame` with grade and disposition (re)computed from its scores under `rules`."""
    rules.checked()
    graded = frame.with_columns(grade_expr(rules).alias("grade"))
    return graded.with_columns(disposition_expr(rules, pl.col("grade")).alias("disposition"))


def disposition_shift(frame: pl.DataFrame | pl.LazyFrame, rules: RuleSet) -> pl.DataFrame:
    """How many patents move from their stored disposition to the one `rules` would give them: one row per
    (stored, tried) pair with its count, pairs that keep their disposition included."""
    rules.checked()
    tried = frame.lazy().select(
        pl.col("disposition").cast(pl.String).alias("stored"), disposition_expr(rules).alias("tried")
    )
    return tried.group_by("stored", "tried").len("patents").sort("stored", "tried").collect()
