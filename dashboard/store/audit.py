"""The audit log's entries: one row per record a change touched, with who, when, before and after as JSON.
Every write path writes them here (figures, targets, sources, milestones, slide lists, grading rules, the
inventory, a reset), so the history shows them all and undo finds what it needs."""

from __future__ import annotations

import datetime as dt
import json
import math
import uuid

from sqlalchemy import Connection

from dashboard.store import schema
from dashboard.store.editors import Editor

# Records that are not rows of a curated table, as the log names them.
SLIDE_LISTS = "slide_lists"
RULES = "inventory_rule_sets"
INVENTORY = "inventory_patents"
STORE = "store"  # a reset of the whole store from data/


def plain_value(value: object) -> object:
    """NaN as NULL and numpy scalars as Python values: what a database driver and JSON take."""
    if isinstance(value, float) and math.isnan(value):
        return None
    return value.item() if hasattr(value, "item") else value


def as_json(record: dict | None) -> str | None:
    if record is None:
        return None
    return json.dumps(
        {k: plain_value(v) for k, v in record.items()}, ensure_ascii=False, default=str, sort_keys=True
    )


def new_batch() -> tuple[str, dt.datetime]:
    """A change's own random id and its moment (UTC)."""
    return uuid.uuid4().hex, dt.datetime.now(dt.UTC)


def entry(
    batch: str,
    at: dt.datetime,
    editor: Editor,
    action: str,
    table: str,
    key: dict,
    before: dict | None,
    after: dict | None,
    summary: str,
    reverts: str | None = None,
) -> dict:
    return {
        "batch": batch,
        "at": at,
        "editor": editor.name,
        "action": action,
        "table_name": table,
        "record_key": as_json(key),
        "before": as_json(before),
        "after": as_json(after),
        "summary": summary,
        "reverts": reverts,
    }


def write(conn: Connection, *args, **kwargs) -> None:
    """Write one entry (the arguments of `entry`) in the caller's transaction."""
    conn.execute(schema.audit_log.insert().values(**entry(*args, **kwargs)))
