"""Versioned schema migrations. Each runs once, in order, in its own transaction, and is recorded in
`schema_migrations`. Never edit a migration that has shipped: add the next one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection

from dashboard import schema


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


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "curated tables: sources, programmes, indicators, targets, observations, …", _v1_curated_tables),
    Migration(2, "index observations by indicator and institution type", _v2_observation_lookup_index),
)

LATEST = MIGRATIONS[-1].version
