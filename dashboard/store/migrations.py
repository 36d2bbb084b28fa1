"""Versioned schema migrations. Each runs once, in order, in its own transaction, and is recorded in
`schema_migrations`. Never edit a migration that has shipped: add the next one.

Migration 1 creates the tables as `dashboard.schema` describes them now, so every later migration must
also be safe on a store that migration 1 made after the change (check before altering)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection, inspect, select

from dashboard.store import schema


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    apply: Callable[[Connection], None]


def _v1_curated_tables(conn: Connection) -> None:
    schema.metadata.create_all(conn, tables=list(schema.CURATED.values()))


def _v2_observation_lookup_index(conn: Connection) -> None:
    # Pages read observations by indicator and institution type far more often than by anything else.
    conn.exec_driver_sql(
        "CREATE INDEX IF NOT EXISTS ix_observations_indicator_type ON observations (indicator, institution_type)"
    )


def _v3_milestone_completion(conn: Connection) -> None:
    # Stores made before this migration lack the column; stores made by migration 1 since then have it.
    if "evidence_complete" not in {c["name"] for c in inspect(conn).get_columns("milestones")}:
        conn.exec_driver_sql(
            "ALTER TABLE milestones ADD COLUMN evidence_complete BOOLEAN NOT NULL DEFAULT false"
        )


def _v4_slide_lists(conn: Connection) -> None:
    schema.slide_lists.create(conn, checkfirst=True)


def _v5_editing(conn: Connection) -> None:
    # Edits count revisions on the tables editors change, and every change is kept in the audit log.
    for table in schema.EDITABLE_KEYS:
        if inspect(conn).has_table(table) and "revision" not in {
            c["name"] for c in inspect(conn).get_columns(table)
        }:
            conn.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN revision INTEGER NOT NULL DEFAULT 1")
    schema.audit_log.create(conn, checkfirst=True)


def _v6_inventory(conn: Connection) -> None:
    # Check before creating, as migration 4 does, so that a store which already has them is left as it is.
    for table in schema.INVENTORY:
        table.create(conn, checkfirst=True)


SOURCE_RENAMES = {"title": "title_zh", "outlet": "outlet_zh"}


def _v7_bilingual_source_columns(conn: Connection) -> None:
    # Bilingual columns are named one way (*_zh / *_en): the sources' Chinese title and outlet get their
    # suffix, in the table and in the records the audit log keeps of sources (so that an undo still restores
    # them). A store made by migration 1 since has the new names already.
    if not inspect(conn).has_table("sources"):
        return
    columns = {c["name"] for c in inspect(conn).get_columns("sources")}
    for old, new in SOURCE_RENAMES.items():
        if old in columns and new not in columns:
            conn.exec_driver_sql(f"ALTER TABLE sources RENAME COLUMN {old} TO {new}")
    log = schema.audit_log
    rows = conn.execute(
        select(log.c.id, log.c.before, log.c.after).where(log.c.table_name == "sources")
    ).all()
    for row_id, before, after in rows:
        values = {name: _renamed(text) for name, text in (("before", before), ("after", after))}
        if values != {"before": before, "after": after}:
            conn.execute(log.update().where(log.c.id == row_id).values(**values))


def _renamed(text: str | None) -> str | None:
    if not text:
        return text
    record = json.loads(text)
    if not any(old in record for old in SOURCE_RENAMES):
        return text
    return json.dumps(
        {SOURCE_RENAMES.get(k, k): v for k, v in record.items()}, ensure_ascii=False, sort_keys=True
    )


# Columns migration 8 adds, as (table, column, SQL type and default).
_V8_COLUMNS = (
    ("indicators", "release_zh", "TEXT"),
    ("indicators", "release_en", "TEXT"),
    ("indicators", "release_month", "INTEGER"),
    ("indicators", "release_lag", "INTEGER"),
    ("observations", "basis", "VARCHAR(20)"),
    ("targets", "basis", "VARCHAR(20) NOT NULL DEFAULT 'level'"),
    ("targets", "basis_alternative", "VARCHAR(20)"),
    ("targets", "basis_assumption", "VARCHAR(80) REFERENCES assumptions (id)"),
    ("targets", "scope_zh", "TEXT NOT NULL DEFAULT ''"),
    ("targets", "scope_en", "TEXT NOT NULL DEFAULT ''"),
    ("targets", "scope_open", "BOOLEAN NOT NULL DEFAULT false"),
    ("targets", "signals", "TEXT"),
    ("milestones", "revision", "INTEGER NOT NULL DEFAULT 1"),
)


def _v8_verdicts(conn: Connection) -> None:
    # Verdicts need each target's basis and scope, each figure's own basis where it differs, each indicator's
    # usual release, the series breaks, and milestones editors can change. A store made by migration 1 since
    # has them all; an older store gets the columns (empty) and the table, and `init --reset` fills them.
    for table, column, sql_type in _V8_COLUMNS:
        if inspect(conn).has_table(table) and column not in {
            c["name"] for c in inspect(conn).get_columns(table)
        }:
            conn.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN {column} {sql_type}")
    schema.series_breaks.create(conn, checkfirst=True)


# Free text kept in the source's language (Chinese) gets its English beside it: `<field>_en`; assumptions get
# names people read in place of their ids.
ENGLISH_COMPANIONS = (
    ("assumptions", ("name_zh", "name_en")),
    ("sources", ("date_note_en", "reported_by_en", "note_en")),
    ("observations", ("formula_en", "where_en", "note_en")),
    ("targets", ("where_en", "note_en")),
    ("statements", ("where_en",)),
)


def _v9_english_notes(conn: Connection) -> None:
    # An older store gets the columns empty (pages then say the note is in Chinese only); `init --reset` fills
    # them from the seeds. A store made by migration 1 since has them.
    for table, columns in ENGLISH_COMPANIONS:
        if not inspect(conn).has_table(table):
            continue
        existing = {c["name"] for c in inspect(conn).get_columns(table)}
        for column in columns:
            if column not in existing:
                conn.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN {column} TEXT")


def _v10_store_generation(conn: Connection) -> None:
    # The data version's first part; a store made before has none until now (any token will do: the old
    # version numbers never met one).
    schema.store_generation.create(conn, checkfirst=True)
    if conn.execute(select(schema.store_generation.c.id)).first() is None:
        conn.execute(schema.store_generation.insert().values(id=1, token=uuid.uuid4().hex))


def _v11_sign_in_failures(conn: Connection) -> None:
    schema.sign_in_failures.create(conn, checkfirst=True)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1, "curated tables: sources, programmes, indicators, targets, observations, …", _v1_curated_tables
    ),
    Migration(2, "index observations by indicator and institution type", _v2_observation_lookup_index),
    Migration(3, "milestones record whether the evidence shows them met", _v3_milestone_completion),
    Migration(4, "saved slide lists for briefings", _v4_slide_lists),
    Migration(5, "revisions on editable tables and the audit log of every change", _v5_editing),
    Migration(6, "the stock-patent inventory: patents, its changes, the assessment rule sets", _v6_inventory),
    Migration(
        7, "sources: the Chinese title and outlet named title_zh and outlet_zh", _v7_bilingual_source_columns
    ),
    Migration(
        8,
        "verdicts: targets' basis and scope, figures' basis, indicators' release, series breaks",
        _v8_verdicts,
    ),
    Migration(
        9, "English beside every Chinese note, position and formula; assumptions' names", _v9_english_notes
    ),
    Migration(10, "a generation token: the data version never repeats across resets", _v10_store_generation),
    Migration(11, "failed sign-ins kept in the store, shared by every app process", _v11_sign_in_failures),
)

LATEST = MIGRATIONS[-1].version
