"""Every write needs a signed-in editor and is audited: each write path (figures, targets, sources, milestone
evidence, slide lists, grading rules, inventory import and demo, a reset, undo itself) refuses a viewer in the
core, leaves an entry the history shows in words, and — where it makes sense — is reverted by undo."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa

from dashboard.curation.dataset import load_dataset
from dashboard.editing import changes, history
from dashboard.editing.plans import plan_import
from dashboard.editing.sheets import read_sheet
from dashboard.i18n import t
from dashboard.inventory import service
from dashboard.inventory import store as inventory_store
from dashboard.inventory.grading import DEFAULT_RULES, RuleSet
from dashboard.store import schema
from dashboard.store.database import Store
from dashboard.store.editors import Editor, NotAnEditor
from tests.fixtures import (
    EDITOR,
    SHEET_HEADER,
    build_store,
    corrected_row,
    inventory_records,
    snapshot,
    write_csv,
)

INVENTORY_ROWS = 200
VIEWERS = {"nobody signed in": None, "a bare name": "王编辑", "a name in a dict": {"name": "王编辑"}}


@dataclass(frozen=True)
class WritePath:
    write: Callable[[Store, object, Path], object]  # (store, who, a folder for files)
    kind: str  # the history's word for what it changed (a key of the catalogue)
    undoable: bool


def _sheet_import(store, who, folder):
    first = store.read_with_revisions("observations").iloc[0].to_dict()
    path = write_csv(folder / "更正.csv", SHEET_HEADER, [corrected_row(first, 1)])
    plan = plan_import(read_sheet(path.read_bytes(), path.name), changes.reference(store))
    return changes.apply_import(store, plan, who)


def _form(table: str, field: str):
    def save(store, who, folder):
        record = store.read_with_revisions(table).iloc[0].to_dict()
        changed = {**record, field: f"{record[field]} (changed)"}
        return changes.save_record(store, table, changed, who, int(record["revision"]), f"edit {table}")

    return save


def _milestone_evidence(store, who, folder):
    record = store.read_with_revisions("milestones").iloc[0].to_dict()
    source = store.read("sources")["id"].iloc[0]
    evidence = {
        **record,
        "evidence_complete": True,
        "evidence_zh": "测试证据",
        "evidence_en": "test evidence",
        "evidence_date": "2025-12-31",
        "evidence_source": source,
    }
    return changes.save_record(store, "milestones", evidence, who, int(record["revision"]), "evidence")


def _slide_list(store, who, folder):
    store.save_slide_list("default", ["summary", "overview"], who)


def _rules(store, who, folder):
    stricter = RuleSet.from_json(DEFAULT_RULES.to_json().replace('"A": 80.0', '"A": 90.0'))
    inventory_store.save_rules(store, stricter, who)


def _inventory_import(store, who, folder):
    path = folder / "inventory.csv"
    inventory_records(INVENTORY_ROWS, seed=5).write_csv(path)
    service.import_file(store, path, who)


def _demo(store, who, folder):
    service.load_demo(store, store.read_all(), INVENTORY_ROWS, 3, who, replace_imported=True)


def _reset(store, who, folder):
    store.seed(load_dataset(), who)


WRITE_PATHS = {
    "figures (sheet import and the figure form)": WritePath(_sheet_import, "record_figure", True),
    "targets": WritePath(_form("targets", "note"), "record_target", True),
    "sources": WritePath(_form("sources", "title_en"), "record_source", True),
    "milestone evidence": WritePath(_milestone_evidence, "record_milestone", True),
    "slide lists": WritePath(_slide_list, "record_slide_list", True),
    "grading rules": WritePath(_rules, "record_rules", True),
    "inventory import": WritePath(_inventory_import, "record_inventory", False),
    "inventory demo": WritePath(_demo, "record_inventory", False),
    "reset": WritePath(_reset, "record_store", False),
}


def what_people_see(store: Store) -> dict[str, list]:
    """The store's contents without what a change adds about itself (the log, revisions, the inventory's own
    version counter and rule-set history): what an undo must give back."""
    out = {}
    with store.engine.connect() as conn:
        for name in schema.CURATED:
            frame = store.read(name)
            out[name] = sorted(map(repr, frame.astype(object).where(frame.notna(), None).values.tolist()))
        out["slide_lists"] = sorted(
            map(repr, conn.execute(sa.select(schema.slide_lists.c.name, schema.slide_lists.c.slide_ids)))
        )
        patents = conn.execute(
            sa.select(schema.inventory_patents).order_by(schema.inventory_patents.c.patent_number)
        ).all()
        out["inventory"] = [repr(tuple(row)) for row in patents]
    out["rules"] = [inventory_store.rules(store).to_json()]
    return out


@pytest.fixture
def store(store_url, tmp_path) -> Store:
    opened = build_store(store_url)
    service.load_demo(
        opened, opened.read_all(), INVENTORY_ROWS, 1, EDITOR
    )  # something for the rules to regrade
    yield opened
    opened.dispose()


def test_a_viewer_is_refused_by_every_write_path_and_nothing_is_written(store, tmp_path):
    before = snapshot(store)
    for name, path in WRITE_PATHS.items():
        for viewer in VIEWERS.values():
            with pytest.raises(NotAnEditor) as refused:
                path.write(store, viewer, tmp_path)
            assert "editor" in refused.value.text("en") and "编辑" in refused.value.text("zh"), name
            assert snapshot(store) == before, f"{name} wrote something for {viewer!r}"


def test_undo_refuses_a_viewer(store):
    batch = changes.batches(store)["batch"].iloc[0]
    before = snapshot(store)
    for viewer in VIEWERS.values():
        with pytest.raises(NotAnEditor):
            service.undo(store, batch, viewer)
    assert snapshot(store) == before


def test_an_editor_is_only_what_a_sign_in_gives():
    with pytest.raises(NotAnEditor):
        Editor("  ", "password")
    with pytest.raises(ValueError):
        Editor("王编辑", "guess")


@pytest.mark.parametrize("name", list(WRITE_PATHS))
def test_every_write_by_an_editor_is_in_the_history_and_undone_where_it_makes_sense(store, tmp_path, name):
    path = WRITE_PATHS[name]
    tables = store.read_all()
    before, log_before = what_people_see(store), changes.batches(store)
    path.write(store, Editor("李编辑", "password"), tmp_path)
    log = changes.batches(store)
    assert len(log) == (1 if name == "reset" else len(log_before) + 1)  # a reset starts the log again
    latest = log.iloc[0]
    assert latest["editor"] == "李编辑" and bool(latest["undoable"]) == path.undoable
    entries = changes.audit_frame(store)
    for lang in ("zh", "en"):
        shown = history.history_table(log, entries, tables, lang, history.zone_of(None))
        assert shown.iloc[0].astype(str).str.contains("李编辑").any()
        what = shown.iloc[0, 2]  # the "what" column: the change in words
        assert what and "{" not in what
        if name.startswith("inventory"):  # the records column counts the patents written, not one entry
            assert shown.iloc[0, 3] == inventory_store.state(store).records > 1
        kinds = set(history.entries_table(entries, tables, lang, history.zone_of(None)).iloc[:, 2])
        assert t(path.kind, lang) in kinds
    if not path.undoable:
        with pytest.raises(changes.ChangeError):
            service.undo(store, latest["batch"], EDITOR)
        return
    assert what_people_see(store) != before
    service.undo(store, latest["batch"], EDITOR)
    assert what_people_see(store) == before
    assert bool(changes.batches(store).set_index("batch").loc[latest["batch"], "undone"])
