"""The catalogue holds every word once: each entry in both languages with the same placeholders, every entry
used by the code, every key the code names present; errors turn into words in either language."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from dashboard.i18n import LABELS, LANGUAGES, LocalizedError, Message, message, t

PACKAGE = Path(__file__).resolve().parents[3] / "dashboard"
# Calls whose first argument is a catalogue key.
KEY_CALLS = {"t", "message", "Message"}


def _code_strings() -> tuple[set[str], set[str], set[str]]:
    """(every string literal in the code, every constant start of an f-string, every literal key passed to t()
    / message() / an error of the catalogue)."""
    literals, prefixes, named = set(), set(), set()
    errors = {"LocalizedError"}
    trees = [ast.parse(p.read_text(encoding="utf-8")) for p in PACKAGE.rglob("*.py") if "i18n" not in p.parts]
    for tree in trees:  # the error classes that take a key
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and any(
                getattr(b, "id", None) == "LocalizedError" or getattr(b, "attr", None) == "LocalizedError"
                for b in node.bases
            ):
                errors.add(node.name)
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                literals.add(node.value)
            elif isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
                prefixes.add(node.values[0].value)
            elif isinstance(node, ast.Call) and node.args:
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                first = node.args[0]
                if (name in KEY_CALLS or name in errors) and isinstance(first, ast.Constant):
                    named.add(first.value)
    return literals, prefixes, named


LITERALS, PREFIXES, NAMED = _code_strings()


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(LABELS))
def test_every_entry_is_in_both_languages_with_the_same_placeholders(key):
    entry = LABELS[key]
    assert set(entry) == set(LANGUAGES) and all(entry[lang].strip() for lang in LANGUAGES), key
    zh, en = (_fields(entry[lang]) for lang in LANGUAGES)
    # A language may leave out a detail the other gives (an English repr, a Chinese list), never add one the
    # caller does not pass: both must draw on what the other offers, give or take one alternative.
    assert zh == en or (zh - en) | (en - zh) <= {
        "columns",
        "columns_zh",
        "month",
        "mon",
        "name_zh",
        "name_en",
        "reason",
        "path",
    }, (key, zh, en)


def test_no_english_entry_spaces_its_parts_with_a_run_of_spaces():
    # A page shows a run of spaces as one ("◆ approximate   hollow: …" read as "approximate hollow"); parts
    # are set apart with a separator (the Chinese entries use the ideographic space, which is kept).
    assert [key for key, entry in LABELS.items() if "  " in entry["en"].replace("  \n", "")] == []


def test_every_key_the_code_names_is_in_the_catalogue():
    assert sorted(NAMED - set(LABELS)) == []


def test_every_entry_is_used():
    # A key is used when the code names it, or names the start of its family: an f-string's constant start
    # (f"status_{s}") or a literal prefix ending in "_" that the code completes ("inv_stage_").
    families = {p for p in PREFIXES if p} | {s for s in LITERALS if s.endswith("_") and len(s) > 3}
    unused = [k for k in LABELS if k not in LITERALS and not any(k.startswith(p) for p in families)]
    assert unused == []


def test_a_message_is_put_into_words_in_the_readers_language():
    nested = message("cell_not_number", cell="x")
    assert t("problem_at_row_column", "zh", file="f.csv", row=3, column="value", message=nested) == (
        "f.csv，第3行“value”列：“x”不是数字"
    )
    assert str(
        Message("problem_at_row_column", {"file": "f.csv", "row": 3, "column": "value", "message": nested})
    ) == ("f.csv, row 3, column 'value': 'x' is not a number")
    listed = message(
        "rules_invalid", problems=(message("rules_weights_zero"), message("rules_thresholds_order"))
    )
    assert listed.text("zh") == "权重：至少一项必须大于 0；阈值：A 必须高于 B，B 必须高于 C"


def test_an_error_of_the_catalogue_speaks_english_as_text_and_either_language_on_request():
    error = LocalizedError("store_cannot_open", store="sqlite:///x", reason="disk I/O error")
    assert str(error) == "cannot open the store at sqlite:///x: disk I/O error"
    assert error.text("zh") == "无法打开 sqlite:///x 的数据库：disk I/O error"
