"""The house keeps its shape: Streamlit only at the edge, no import circle, modules of a readable size, no
family of modules hiding a package, and every module on a path from the app or the command line."""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "dashboard"
STREAMLIT_PACKAGES = ("ui", "bench")  # the only places that may import Streamlit
CATALOGUES = {
    "i18n/common.py",
    "i18n/programme.py",
    "i18n/editing.py",
    "i18n/inventory.py",
    "i18n/messages.py",
}
MAX_LINES = 500


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports_of(path: Path) -> set[str]:
    """Every dashboard module `path` imports, at the top or inside a function (`from pkg import mod` counts as
    importing the module, not the package)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                found.add(candidate if candidate in MODULES else node.module)
    return {name for name in found if name in MODULES}


GRAPH = {name: imports_of(path) for name, path in MODULES.items()}


def third_party_imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_only_the_edge_imports_streamlit():
    offenders = [
        name
        for name, path in MODULES.items()
        if "streamlit" in third_party_imports(path)
        and name.split(".")[1:2] not in ([p] for p in STREAMLIT_PACKAGES)
        and name != "dashboard"
    ]
    assert offenders == [], "Streamlit outside ui/ and bench/"


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module, or a module importing itself (Tarjan)."""
    index, low, stack, on_stack, out, counter = {}, {}, [], set(), [], [0]

    def visit(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                item = stack.pop()
                on_stack.discard(item)
                component.append(item)
                if item == node:
                    break
            if len(component) > 1 or node in graph[node]:
                out.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    return out


def test_no_import_circle_even_through_lazy_imports():
    assert _cycles(GRAPH) == []


def test_the_cycle_finder_finds_a_circle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == [["a", "b", "c"]]


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_module_is_over_500_lines(name):
    path = MODULES[name]
    if str(path.relative_to(PACKAGE)) in CATALOGUES:
        return
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_LINES


def test_no_family_of_sibling_modules_shares_a_prefix():
    families = defaultdict(list)
    for path in PACKAGE.rglob("*.py"):
        if path.stem != "__init__" and "_" in path.stem:
            families[(path.parent, path.stem.split("_")[0])].append(path.stem)
    assert {k: v for k, v in families.items() if len(v) >= 3} == {}


def _page_modules() -> set[str]:
    from dashboard.ui.router import PAGES

    return {f"dashboard.ui.pages.{name}" for name, _, _ in PAGES}


def _by_path() -> set[str]:
    """Modules run by path rather than imported: the pages (st.navigation) and the bench's two other apps."""
    from dashboard.bench.inventory import NAIVE_APP, WIDGETS_APP

    return _page_modules() | {module_name(Path(NAIVE_APP)), module_name(Path(WIDGETS_APP))}


def test_every_module_is_reachable_from_the_app_or_the_command_line():
    roots = {"dashboard.app", "dashboard.__main__", *_by_path()}
    seen, todo = set(), list(roots)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        todo.extend(GRAPH[name])
        parent = name.rpartition(".")[0]  # importing a module runs its package's __init__
        while parent:
            todo.append(parent)
            parent = parent.rpartition(".")[0]
    assert sorted(set(MODULES) - seen) == []


def test_every_page_file_is_in_the_router():
    files = {module_name(p) for p in (PACKAGE / "ui" / "pages").glob("*.py") if p.stem != "__init__"}
    assert files == _page_modules()


def test_package_initialisers_only_describe_their_package():
    for name, path in MODULES.items():
        if path.name == "__init__.py" and name != "dashboard.i18n":
            tree = ast.parse(path.read_text(encoding="utf-8"))
            assert len(tree.body) == 1 and isinstance(tree.body[0], ast.Expr), name


@pytest.mark.parametrize("name", sorted(MODULES))
def test_every_module_says_what_it_is(name):
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    docstring = ast.get_docstring(tree)
    assert docstring and re.search(r"\w", docstring), name


def _readme_rules() -> dict[str, set[str]]:
    """package → the packages its row of the README's layout table says it may import."""
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    rules = {}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, allowed in re.findall(r"^\| `(\w+)/` \| .* \| ([^|]+) \|$", readme, re.M):
        named = set(re.findall(r"`(\w+)`", allowed))
        if allowed.strip().startswith("everything"):
            named = packages - named - {name}
        rules[name] = named
    return rules


def test_the_readmes_layout_table_is_true_to_the_imports():
    rules = _readme_rules()
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    assert set(rules) == packages
    broken = []
    for name, imported in GRAPH.items():
        here = name.split(".")[1] if name.count(".") >= 1 else None
        if here not in packages:
            continue
        for other in imported:
            there = other.split(".")[1]
            if there != here and there in packages and there != "i18n" and there not in rules[here]:
                broken.append(f"{name} imports {other}")
    assert broken == []
