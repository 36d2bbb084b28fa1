"""Replacing the inventory, as the command line and the pages both do it: an import file checked and written
whole, or the synthetic demo generated and written whole; and the inventory loaded as the engine keeps it."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from dashboard.curation.catalogue import Tables
from dashboard.editing import changes
from dashboard.i18n import LocalizedError
from dashboard.inventory import demo
from dashboard.inventory.engine import engine_types
from dashboard.inventory.grading import RuleSet
from dashboard.inventory.records import read_records
from dashboard.inventory.store import (
    InventoryState,
    load_inventory,
    replace_inventory,
    rules,
    save_rules,
    state,
)
from dashboard.provinces import load_province_tiles
from dashboard.store import audit
from dashboard.store.database import Store
from dashboard.store.editors import Editor, require_editor

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Replaced:
    """What a replacement wrote: how many records, the new data version, and the inventory it replaced."""

    records: int
    version: int
    before: InventoryState


class ImportedInventoryInTheWay(LocalizedError):
    """The demo would replace an imported (real) inventory, and the caller did not ask for that."""

    def __init__(self, before: InventoryState):
        super().__init__("inv_demo_replaces_import", n=f"{before.records:,}")
        self.before = before


def import_file(
    store: Store,
    path: Path,
    editor: Editor,
    name: str | None = None,
    progress: Progress | None = None,
    checked: Callable[[int], None] | None = None,
) -> Replaced:
    """Read and check every record of an import file (InventoryFileError on any problem, nothing written),
    then replace the inventory with them in one transaction. `name` is how messages call the file;
    `checked(n)` is called once the file's n records passed every check."""
    require_editor(editor)
    before = state(store)
    records = read_records(path, load_province_tiles(), rules(store), name=name)
    if checked:
        checked(records.height)
    file_name = Path(name).name if name else Path(path).name
    version = replace_inventory(store, records, "import", False, {"file": file_name}, editor, progress)
    return Replaced(records.height, version, before)


def load_demo(
    store: Store,
    tables: Tables,
    rows: int | None,
    seed: int,
    editor: Editor,
    replace_imported: bool = False,
    progress: Progress | None = None,
    generating: Callable[[int], None] | None = None,
) -> Replaced:
    """Generate the synthetic demo (`rows` records, default the latest published national count) and replace
    the inventory with it. An imported inventory is replaced only with `replace_imported`
    (ImportedInventoryInTheWay otherwise); LookupError when the curated data lacks a figure the demo rests on."""
    require_editor(editor)
    before = state(store)
    if before.records and not before.synthetic and not replace_imported:
        raise ImportedInventoryInTheWay(before)
    anchors = demo.published_anchors(tables)
    rows = rows or int(anchors.inventoried)
    if generating:
        generating(rows)
    records = demo.generate(rows, seed, anchors, list(load_province_tiles()["id"]), rules(store))
    version = replace_inventory(
        store, records, "demo", True, demo.detail(rows, seed, anchors), editor, progress
    )
    return Replaced(rows, version, before)


def load_engine_frame(store: Store) -> pl.DataFrame:
    """Every stored record, typed as the engine keeps them (enums for vocabularies)."""
    return load_inventory(store, engine_types(list(load_province_tiles()["id"])))


def undo(store: Store, batch: str, editor: Editor, progress: Progress | None = None) -> str:
    """Undo any change an editor made: a saved rule set by saving the one before it again (which regrades
    every record), everything else through `editing.changes.undo`. Returns the undo's own change id."""
    require_editor(editor)
    entries = changes.entries_to_undo(store, batch)
    if audit.RULES not in set(entries["table_name"]):
        return changes.undo(store, batch, editor)
    entry = entries.iloc[0]
    in_force = json.loads(rules(store).to_json())
    if in_force != json.loads(entry["after"]):
        raise changes.ConflictError("change_rules_changed")
    previous = RuleSet.from_json(entry["before"])
    save_rules(store, previous, editor, progress, reverts=batch)
    undone = changes.audit_frame(store)
    return str(undone.loc[undone["reverts"] == batch, "batch"].iloc[0])
