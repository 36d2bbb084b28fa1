"""The README cannot drift: every command, every page and every package of the code is named in it, and the
two quick-start commands are the ones the project runs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dashboard.cli.main import build_parser
from dashboard.i18n import t
from dashboard.ui.router import PAGES

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands(parser, prefix: str = "") -> list[str]:
    """Every command of the parser, a group's actions as "group action"."""
    found = []
    for action in parser._subparsers._group_actions if parser._subparsers else []:
        for name, sub in action.choices.items():
            nested = _commands(sub, f"{prefix}{name} ") if sub._subparsers else []
            found += nested or [f"{prefix}{name}"]
    return found


COMMANDS = _commands(build_parser())


def test_the_command_walk_finds_the_nested_ones():
    assert {"init", "inventory import", "inventory status"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_readme(command):
    assert re.search(rf"python -m dashboard {re.escape(command)}\b", README), command


@pytest.mark.parametrize(("name", "label"), [(name, label) for name, label, _ in PAGES])
def test_every_page_is_in_the_readme_by_its_names(name, label):
    assert t(label, "zh") in README and t(label, "en") in README, name


@pytest.mark.parametrize(
    "package",
    sorted(p.name for p in (ROOT / "dashboard").iterdir() if (p / "__init__.py").exists()),
)
def test_every_package_is_in_the_readmes_layout_table(package):
    assert re.search(rf"^\| `{package}/` \|", README, re.M), package


def test_the_quick_start_runs_what_ci_runs():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "bash scripts/test.sh" in README and "scripts/test.sh" in ci
    assert "streamlit run dashboard/app.py" in README
