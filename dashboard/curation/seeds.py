"""The source documents in seeds/ (one YAML file per source) and the tables built from them.

A seed holds a source's citation and grade, and the facts we took from it, in our own words: figures
(observations), targets and qualitative statements. `build_tables` turns them into the generated tables of
data/ (sources, observations, targets, statements), converting each figure to its indicator's canonical unit.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import yaml

from dashboard.curation.datafiles import DATA_DIR
from dashboard.curation.problems import DataFileError, DataProblem
from dashboard.i18n import Message, message
from dashboard.periods import PeriodError, parse_period
from dashboard.units import UnitError, convert

SEEDS_DIR = Path(__file__).resolve().parents[2] / "seeds"

GRADES = ("A", "B", "C", "D")
KINDS = ("policy_text", "press_conference", "statistical_bulletin", "press_report", "official_explainer")
QUALIFIERS = ("exact", "more_than", "approx")
COMPARATORS = (">=", ">", "<=", "<", "rises", "falls")
# A target's basis: the deadline year's flow, the total over the plan, or the value at the deadline.
TARGET_BASES = ("annual", "cumulative", "level")
# A figure's own basis, where it differs from its indicator's measure (unstated: the source does not say).
FIGURE_BASES = (*TARGET_BASES, "unstated")
SOURCE_KEYS = {
    "id": True,
    "title_zh": True,
    "title_en": True,
    "outlet_zh": True,
    "outlet_en": True,
    "published": False,
    "date_note": False,
    "date_note_en": False,
    "kind": True,
    "language": True,
    "url": False,
    "grade": True,
    "reported_by": False,
    "reported_by_en": False,
    "note": False,
    "note_en": False,
    "facts": False,
    "targets": False,
    "statements": False,
}
FACT_KEYS = {
    "indicator": True,
    "value": True,
    "unit": True,
    "period": True,
    "institution_type": True,
    "qualifier": False,
    "where": True,
    "where_en": False,
    "note": False,
    "note_en": False,
    "assumption": False,
    "grade": False,
    "formula": False,
    "formula_en": False,
    "basis": False,
}
TARGET_KEYS = {
    "id": True,
    "indicator": True,
    "institution_type": True,
    "programme": True,
    "comparator": True,
    "value": False,
    "unit": False,
    "wording_zh": True,
    "wording_en": True,
    "deadline": True,
    "baseline_period": False,
    "where": True,
    "where_en": False,
    "assumption": False,
    "note": False,
    "note_en": False,
    "basis": True,
    "basis_alternative": False,
    "basis_assumption": False,
    "scope_zh": True,
    "scope_en": True,
    "scope_open": False,
    "signals": False,
}
STATEMENT_KEYS = {
    "id": True,
    "programme": False,
    "institution_type": True,
    "topic": True,
    "period": False,
    "text_zh": True,
    "text_en": True,
    "where": True,
    "where_en": False,
}
# Words that point at another item ("同上", ditto) instead of standing alone.
DITTO = ("同上", "同前")


class _LineLoader(yaml.SafeLoader):
    """A YAML loader that remembers on which line each mapping starts (as `__line__`)."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
# Dates stay text: a period "2024-04-24" must not turn into a datetime.date.
_LineLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(SEEDS_DIR.parent))
    except ValueError:
        return str(path)


def _check_keys(item: dict, spec: dict[str, bool], file: str, where: str) -> list[DataProblem]:
    line = item.get("__line__")
    problems = []
    for key, required in spec.items():
        if required and (key not in item or item[key] is None or item[key] == ""):
            problems.append(DataProblem(file, line, key, message("seed_required_key", where=where)))
    for key in set(item) - set(spec) - {"__line__"}:
        problems.append(DataProblem(file, line, key, message("seed_unknown_key", where=where)))
    # Free text in Chinese needs its English beside it (`<key>_en`), and every text stands alone.
    for key in [k for k in spec if isinstance(item.get(k), str) and item[k].strip()]:
        if f"{key}_en" in spec and not str(item.get(f"{key}_en") or "").strip():
            problems.append(DataProblem(file, line, f"{key}_en", message("seed_english_needed", key=key)))
        if any(word in item[key] for word in DITTO):
            problems.append(DataProblem(file, line, key, message("seed_ditto")))
    return problems


def load_seed(path: Path) -> tuple[dict | None, list[DataProblem]]:
    """Read one seed file and check its shape. Rows in problems are YAML line numbers."""
    file = _display(path)
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)  # noqa: S506 (safe subclass)
    except UnicodeDecodeError:
        return None, [DataProblem(file, None, None, message("data_not_utf8_plain"))]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return None, [
            DataProblem(
                file, mark.line + 1 if mark else None, None, message("data_not_yaml", reason=str(exc))
            )
        ]
    if not isinstance(raw, dict):
        return None, [DataProblem(file, None, None, message("seed_not_mapping"))]
    problems = _check_keys(raw, SOURCE_KEYS, file, "source")
    line = raw.get("__line__")
    if raw.get("id") and raw["id"] != path.stem:
        problems.append(DataProblem(file, line, "id", message("seed_id_file", id=raw["id"], stem=path.stem)))
    if raw.get("grade") not in GRADES:
        problems.append(
            DataProblem(
                file,
                line,
                "grade",
                message("seed_not_one_of", value=raw.get("grade"), allowed=", ".join(GRADES)),
            )
        )
    if raw.get("kind") not in KINDS:
        problems.append(
            DataProblem(
                file,
                line,
                "kind",
                message("seed_not_one_of", value=raw.get("kind"), allowed=", ".join(KINDS)),
            )
        )
    if raw.get("published") is None and not raw.get("date_note"):
        problems.append(DataProblem(file, line, "published", message("seed_date_or_note")))
    if raw.get("published") is not None:
        try:
            parse_period(raw["published"])
        except PeriodError as exc:
            problems.append(DataProblem(file, line, "published", exc.message))
    for section, spec in (("facts", FACT_KEYS), ("targets", TARGET_KEYS), ("statements", STATEMENT_KEYS)):
        items = raw.get(section) or []
        if not isinstance(items, list):
            problems.append(DataProblem(file, line, section, message("seed_must_be_list")))
            continue
        for i, item in enumerate(items, start=1):
            if not isinstance(item, dict):
                problems.append(
                    DataProblem(file, line, section, message("seed_item_mapping", section=section, i=i))
                )
                continue
            problems.extend(_check_keys(item, spec, file, f"{section}[{i}]"))
    return raw, problems


def load_seeds(seeds_dir: Path = SEEDS_DIR) -> list[dict]:
    """Every seed, checked; raise DataFileError listing all problems."""
    seeds, problems = [], []
    paths = sorted(seeds_dir.glob("*.yaml"))
    if not paths:
        raise DataFileError([DataProblem(_display(seeds_dir), None, None, message("seed_none"))])
    for path in paths:
        raw, found = load_seed(path)
        problems.extend(found)
        if raw is not None:
            raw["__file__"] = _display(path)
            seeds.append(raw)
    if problems:
        raise DataFileError(problems)
    return seeds


def _value_problem(exc: Exception) -> Message:
    """Why a seed's value could not be read: the unit's own message, else what Python said."""
    return exc.message if isinstance(exc, UnitError) else message("seed_bad_value", reason=str(exc))


def _target_problems(tgt: dict, file: str, indicators: pd.DataFrame) -> list[DataProblem]:
    """What makes a target unusable for a verdict: a basis that is not one of TARGET_BASES (or an open one
    without the assumption that explains it), or a scope — indicator × institution type — that no figure can
    ever fill because the indicator is not published for that type."""
    line, problems = tgt["__line__"], []
    if tgt.get("basis") not in TARGET_BASES:
        problems.append(
            DataProblem(
                file, line, "basis", message("seed_not_one_of", value=tgt.get("basis"), allowed=TARGET_BASES)
            )
        )
    other = tgt.get("basis_alternative")
    if other is not None and (other not in TARGET_BASES or other == tgt.get("basis")):
        problems.append(
            DataProblem(file, line, "basis_alternative", message("seed_basis_alternative", basis=other))
        )
    if other is not None and not tgt.get("basis_assumption"):
        problems.append(DataProblem(file, line, "basis_assumption", message("seed_basis_assumption")))
    known = indicators.set_index("id")
    if tgt["indicator"] in known.index:
        published = str(known.loc[tgt["indicator"], "institution_types"]).split(";")
        if tgt["institution_type"] not in published:
            problems.append(
                DataProblem(
                    file,
                    line,
                    "institution_type",
                    message(
                        "seed_scope_unpublished",
                        indicator=tgt["indicator"],
                        institution_type=tgt["institution_type"],
                        types=";".join(published),
                    ),
                )
            )
    for signal in tgt.get("signals") or []:
        if signal not in known.index:
            problems.append(
                DataProblem(file, line, "signals", message("seed_unknown_indicator", indicator=signal))
            )
    return problems


def _text(value: object) -> str | None:
    return None if value is None or value == "" else str(value).strip()


def build_tables(seeds: list[dict], indicators: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Build sources, observations, targets and statements from the seeds.

    Values are converted to the indicator's canonical unit; a target's baseline value is looked up among the
    observations of its indicator and institution type at the baseline period (it must be exactly one).
    """
    units = dict(zip(indicators["id"], indicators["unit"], strict=True))
    problems: list[DataProblem] = []
    sources, observations, targets, statements = [], [], [], []
    for seed in seeds:
        file = seed["__file__"]
        sources.append(
            {
                "id": seed["id"],
                "title_zh": seed["title_zh"],
                "title_en": seed["title_en"],
                "outlet_zh": seed["outlet_zh"],
                "outlet_en": seed["outlet_en"],
                "published": _text(seed.get("published")),
                "date_note": _text(seed.get("date_note")),
                "date_note_en": _text(seed.get("date_note_en")),
                "kind": seed["kind"],
                "language": seed["language"],
                "url": _text(seed.get("url")),
                "grade": seed["grade"],
                "reported_by": _text(seed.get("reported_by")),
                "reported_by_en": _text(seed.get("reported_by_en")),
                "note": _text(seed.get("note")),
                "note_en": _text(seed.get("note_en")),
                "seed_file": file,
            }
        )
        for fact in seed.get("facts") or []:
            line = fact["__line__"]
            canonical = units.get(fact["indicator"])
            if canonical is None:
                problems.append(
                    DataProblem(
                        file,
                        line,
                        "indicator",
                        message("seed_unknown_indicator", indicator=fact["indicator"]),
                    )
                )
                continue
            try:
                value = convert(float(fact["value"]), str(fact["unit"]), canonical)
            except (UnitError, ValueError, TypeError) as exc:
                problems.append(DataProblem(file, line, "value", _value_problem(exc)))
                continue
            if not math.isfinite(value):
                problems.append(
                    DataProblem(file, line, "value", message("seed_not_finite", value=fact["value"]))
                )
                continue
            qualifier = fact.get("qualifier", "exact")
            if qualifier not in QUALIFIERS:
                problems.append(
                    DataProblem(
                        file,
                        line,
                        "qualifier",
                        message("seed_not_one_of", value=qualifier, allowed=QUALIFIERS),
                    )
                )
            grade = fact.get("grade", seed["grade"])
            if grade == "D" and not fact.get("formula"):
                problems.append(DataProblem(file, line, "formula", message("seed_formula_needed")))
            observations.append(
                {
                    "indicator": fact["indicator"],
                    "period": str(fact["period"]),
                    "value": value,
                    "unit": canonical,
                    "qualifier": qualifier,
                    "institution_type": fact["institution_type"],
                    "source": seed["id"],
                    "grade": grade,
                    "formula": _text(fact.get("formula")),
                    "formula_en": _text(fact.get("formula_en")),
                    "assumption": _text(fact.get("assumption")),
                    "where": _text(fact.get("where")),
                    "where_en": _text(fact.get("where_en")),
                    "note": _text(fact.get("note")),
                    "note_en": _text(fact.get("note_en")),
                    "basis": _text(fact.get("basis")),
                }
            )
            if fact.get("basis") is not None and fact["basis"] not in FIGURE_BASES:
                problems.append(
                    DataProblem(
                        file,
                        line,
                        "basis",
                        message("seed_not_one_of", value=fact["basis"], allowed=FIGURE_BASES),
                    )
                )
        for stmt in seed.get("statements") or []:
            statements.append(
                {
                    "id": stmt["id"],
                    "source": seed["id"],
                    "programme": _text(stmt.get("programme")),
                    "institution_type": stmt["institution_type"],
                    "topic": stmt["topic"],
                    "period": _text(stmt.get("period")),
                    "text_zh": stmt["text_zh"].strip(),
                    "text_en": stmt["text_en"].strip(),
                    "where": _text(stmt.get("where")),
                    "where_en": _text(stmt.get("where_en")),
                }
            )
    obs = pd.DataFrame(observations)
    for seed in seeds:
        file = seed["__file__"]
        for tgt in seed.get("targets") or []:
            line = tgt["__line__"]
            canonical = units.get(tgt["indicator"])
            value = None
            if tgt.get("value") is not None and canonical is not None:
                try:
                    value = convert(float(tgt["value"]), str(tgt.get("unit") or canonical), canonical)
                except (UnitError, ValueError) as exc:
                    problems.append(DataProblem(file, line, "value", _value_problem(exc)))
            if tgt["comparator"] not in COMPARATORS:
                problems.append(
                    DataProblem(
                        file,
                        line,
                        "comparator",
                        message("seed_not_one_of", value=tgt["comparator"], allowed=COMPARATORS),
                    )
                )
            numeric = tgt["comparator"] not in ("rises", "falls")
            if numeric and value is None:
                problems.append(
                    DataProblem(
                        file, line, "value", message("seed_comparator_value", comparator=tgt["comparator"])
                    )
                )
            baseline_value = None
            baseline_period = _text(tgt.get("baseline_period"))
            if baseline_period:
                match = (
                    obs[
                        (obs["indicator"] == tgt["indicator"])
                        & (obs["period"] == baseline_period)
                        & (obs["institution_type"] == tgt["institution_type"])
                    ]
                    if not obs.empty
                    else obs
                )
                if len(match) != 1:
                    problems.append(
                        DataProblem(
                            file,
                            line,
                            "baseline_period",
                            message(
                                "seed_baseline_count",
                                indicator=tgt["indicator"],
                                institution_type=tgt["institution_type"],
                                period=baseline_period,
                                n=len(match),
                            ),
                        )
                    )
                else:
                    baseline_value = float(match["value"].iloc[0])
            problems.extend(_target_problems(tgt, file, indicators))
            targets.append(
                {
                    "id": tgt["id"],
                    "indicator": tgt["indicator"],
                    "institution_type": tgt["institution_type"],
                    "programme": tgt["programme"],
                    "comparator": tgt["comparator"],
                    "target_value": value,
                    "unit": canonical,
                    "wording_zh": tgt["wording_zh"].strip(),
                    "wording_en": tgt["wording_en"].strip(),
                    "deadline": str(tgt["deadline"]),
                    "baseline_period": baseline_period,
                    "baseline_value": baseline_value,
                    "source": seed["id"],
                    "assumption": _text(tgt.get("assumption")),
                    "where": _text(tgt.get("where")),
                    "where_en": _text(tgt.get("where_en")),
                    "note": _text(tgt.get("note")),
                    "note_en": _text(tgt.get("note_en")),
                    "basis": _text(tgt.get("basis")),
                    "basis_alternative": _text(tgt.get("basis_alternative")),
                    "basis_assumption": _text(tgt.get("basis_assumption")),
                    "scope_zh": _text(tgt.get("scope_zh")),
                    "scope_en": _text(tgt.get("scope_en")),
                    "scope_open": bool(tgt.get("scope_open", False)),
                    "signals": ";".join(tgt.get("signals") or []) or None,
                }
            )
    if problems:
        raise DataFileError(problems)
    tables = {
        "sources": pd.DataFrame(sources),
        "observations": obs.sort_values(["indicator", "institution_type", "period", "source"], kind="stable"),
        "targets": pd.DataFrame(targets),
        "statements": pd.DataFrame(statements),
    }
    return {name: frame.reset_index(drop=True) for name, frame in tables.items()}


def curate(data_dir: Path = DATA_DIR, seeds_dir: Path = SEEDS_DIR) -> list[Path]:
    """Rebuild data/'s generated tables from seeds/ (the `curate` command)."""
    from dashboard.curation.datafiles import read_table, write_table

    indicators, problems = read_table("indicators", data_dir)
    if problems:
        raise DataFileError(problems)
    built = build_tables(load_seeds(seeds_dir), indicators)
    return [write_table(name, frame, data_dir) for name, frame in built.items()]
