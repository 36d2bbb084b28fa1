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
from dashboard.periods import PeriodError, parse_period
from dashboard.units import UnitError, convert

SEEDS_DIR = Path(__file__).resolve().parents[2] / "seeds"

GRADES = ("A", "B", "C", "D")
KINDS = ("policy_text", "press_conference", "statistical_bulletin", "press_report", "official_explainer")
QUALIFIERS = ("exact", "more_than", "approx")
COMPARATORS = (">=", ">", "<=", "<", "rises", "falls")
SOURCE_KEYS = {
    "id": True,
    "title": True,
    "title_en": True,
    "outlet": True,
    "outlet_en": True,
    "published": False,
    "date_note": False,
    "kind": True,
    "language": True,
    "url": False,
    "grade": True,
    "reported_by": False,
    "note": False,
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
    "note": False,
    "assumption": False,
    "grade": False,
    "formula": False,
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
    "assumption": False,
    "note": False,
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
}


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
            problems.append(DataProblem(file, line, key, f"{where}: required key is missing or empty"))
    for key in set(item) - set(spec) - {"__line__"}:
        problems.append(DataProblem(file, line, key, f"{where}: unknown key"))
    return problems


def load_seed(path: Path) -> tuple[dict | None, list[DataProblem]]:
    """Read one seed file and check its shape. Rows in problems are YAML line numbers."""
    file = _display(path)
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)  # noqa: S506 (safe subclass)
    except UnicodeDecodeError:
        return None, [DataProblem(file, None, None, "is not UTF-8 text")]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return None, [DataProblem(file, mark.line + 1 if mark else None, None, f"not valid YAML: {exc}")]
    if not isinstance(raw, dict):
        return None, [DataProblem(file, None, None, "a seed must be a YAML mapping")]
    problems = _check_keys(raw, SOURCE_KEYS, file, "source")
    line = raw.get("__line__")
    if raw.get("id") and raw["id"] != path.stem:
        problems.append(
            DataProblem(file, line, "id", f"id {raw['id']!r} must equal the file name {path.stem!r}")
        )
    if raw.get("grade") not in GRADES:
        problems.append(
            DataProblem(file, line, "grade", f"{raw.get('grade')!r} is not one of {', '.join(GRADES)}")
        )
    if raw.get("kind") not in KINDS:
        problems.append(
            DataProblem(file, line, "kind", f"{raw.get('kind')!r} is not one of {', '.join(KINDS)}")
        )
    if raw.get("published") is None and not raw.get("date_note"):
        problems.append(
            DataProblem(file, line, "published", "give the date, or say in date_note why it is unknown")
        )
    if raw.get("published") is not None:
        try:
            parse_period(raw["published"])
        except PeriodError as exc:
            problems.append(DataProblem(file, line, "published", str(exc)))
    for section, spec in (("facts", FACT_KEYS), ("targets", TARGET_KEYS), ("statements", STATEMENT_KEYS)):
        items = raw.get(section) or []
        if not isinstance(items, list):
            problems.append(DataProblem(file, line, section, "must be a list"))
            continue
        for i, item in enumerate(items, start=1):
            if not isinstance(item, dict):
                problems.append(DataProblem(file, line, section, f"{section}[{i}] must be a mapping"))
                continue
            problems.extend(_check_keys(item, spec, file, f"{section}[{i}]"))
    return raw, problems


def load_seeds(seeds_dir: Path = SEEDS_DIR) -> list[dict]:
    """Every seed, checked; raise DataFileError listing all problems."""
    seeds, problems = [], []
    paths = sorted(seeds_dir.glob("*.yaml"))
    if not paths:
        raise DataFileError([DataProblem(_display(seeds_dir), None, None, "holds no seed files (*.yaml)")])
    for path in paths:
        raw, found = load_seed(path)
        problems.extend(found)
        if raw is not None:
            raw["__file__"] = _display(path)
            seeds.append(raw)
    if problems:
        raise DataFileError(problems)
    return seeds


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
                "title": seed["title"],
                "title_en": seed["title_en"],
                "outlet": seed["outlet"],
                "outlet_en": seed["outlet_en"],
                "published": _text(seed.get("published")),
                "date_note": _text(seed.get("date_note")),
                "kind": seed["kind"],
                "language": seed["language"],
                "url": _text(seed.get("url")),
                "grade": seed["grade"],
                "reported_by": _text(seed.get("reported_by")),
                "note": _text(seed.get("note")),
                "seed_file": file,
            }
        )
        for fact in seed.get("facts") or []:
            line = fact["__line__"]
            canonical = units.get(fact["indicator"])
            if canonical is None:
                problems.append(
                    DataProblem(file, line, "indicator", f"{fact['indicator']!r} is not in indicators.csv")
                )
                continue
            try:
                value = convert(float(fact["value"]), str(fact["unit"]), canonical)
            except (UnitError, ValueError, TypeError) as exc:
                problems.append(DataProblem(file, line, "value", str(exc)))
                continue
            if not math.isfinite(value):
                problems.append(DataProblem(file, line, "value", f"{fact['value']!r} is not a finite number"))
                continue
            qualifier = fact.get("qualifier", "exact")
            if qualifier not in QUALIFIERS:
                problems.append(
                    DataProblem(file, line, "qualifier", f"{qualifier!r} is not one of {QUALIFIERS}")
                )
            grade = fact.get("grade", seed["grade"])
            if grade == "D" and not fact.get("formula"):
                problems.append(
                    DataProblem(file, line, "formula", "a derived (grade D) figure must show its formula")
                )
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
                    "assumption": _text(fact.get("assumption")),
                    "where": _text(fact.get("where")),
                    "note": _text(fact.get("note")),
                }
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
                    problems.append(DataProblem(file, line, "value", str(exc)))
            if tgt["comparator"] not in COMPARATORS:
                problems.append(
                    DataProblem(
                        file, line, "comparator", f"{tgt['comparator']!r} is not one of {COMPARATORS}"
                    )
                )
            numeric = tgt["comparator"] not in ("rises", "falls")
            if numeric and value is None:
                problems.append(
                    DataProblem(file, line, "value", f"comparator {tgt['comparator']!r} needs a value")
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
                            f"expected one observation of {tgt['indicator']} for {tgt['institution_type']} in "
                            f"{baseline_period}, found {len(match)}",
                        )
                    )
                else:
                    baseline_value = float(match["value"].iloc[0])
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
                    "note": _text(tgt.get("note")),
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
