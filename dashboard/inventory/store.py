"""The inventory in the store: replacing it whole (one transaction), reading it back as one polars frame,
its data version and origin, and the assessment rule set in force.

Writes go through the store's own SQLAlchemy engine in one transaction, in bulk (SQLite's executemany,
PostgreSQL's COPY), so a failed or killed import leaves the store as it was. Reads go through Arrow
(ADBC drivers for SQLite and PostgreSQL), so a million records load in seconds without per-row Python.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Callable
from dataclasses import dataclass

import polars as pl
import pyarrow as pa
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from dashboard.inventory.grading import DEFAULT_RULES, RuleSet, grade_frame
from dashboard.inventory.records import SCHEMA
from dashboard.store import audit, schema
from dashboard.store.database import Store, StoreError
from dashboard.store.editors import Editor, require_editor

COLUMNS = list(SCHEMA)
CHUNK = 100_000
LOAD_BATCH = 50_000  # rows per Arrow batch read from SQLite
COMPACT_ROWS = 500_000  # typed batches are copied into one block this size as they arrive
Progress = Callable[[int, int], None]
RULES_KEY = {"rules": "in force"}  # how the audit log names the rule set


@dataclass(frozen=True)
class InventoryState:
    """The inventory's data version (0: never loaded), its size, and where it came from."""

    version: int
    records: int
    synthetic: bool
    kind: str | None  # import or demo: how the records came (a later rules change keeps it)
    detail: dict
    editor: str | None
    changed_at: dt.datetime | None

    @property
    def cache_key(self) -> str:
        """What the app caches the records under: the version and the moment it was made. A restored store's
        next change has the same version number as a change made before the restore, never the same moment."""
        return f"{self.version}:{self.changed_at.isoformat() if self.changed_at else ''}"


EMPTY = InventoryState(0, 0, False, None, {}, None, None)


def _fail(store: Store, key: str, exc: Exception) -> StoreError:
    """The store's error for a failed write (`key`: store_inventory_write_failed or store_rules_failed)."""
    return store.failure(key, exc)


def state(store: Store) -> InventoryState:
    """The latest change to the inventory (EMPTY when there is none), with the records' origin."""
    changes = schema.inventory_changes
    try:
        with store.engine.connect() as conn:
            latest = (
                conn.execute(select(changes).order_by(changes.c.version.desc()).limit(1)).mappings().first()
            )
            if latest is None:
                return EMPTY
            origin = conn.execute(
                select(changes.c.kind, changes.c.detail)
                .where(changes.c.kind.in_(["import", "demo"]))
                .order_by(changes.c.version.desc())
                .limit(1)
            ).first()
    except SQLAlchemyError as exc:
        raise store.failure("store_cannot_read_inventory_state", exc) from None
    return InventoryState(
        version=latest["version"],
        records=latest["records"],
        synthetic=bool(latest["synthetic"]),
        kind=origin[0] if origin else None,
        detail=json.loads(origin[1]) if origin else {},
        editor=latest["editor"],
        changed_at=latest["changed_at"],
    )


def version(store: Store) -> int:
    """The data version: cheap enough to ask on every page run."""
    with store.engine.connect() as conn:
        return conn.execute(select(func.max(schema.inventory_changes.c.version))).scalar() or 0


def _sqlite_rows(frame: pl.DataFrame):
    out = frame.with_columns(pl.col("deal_date").cast(pl.String), pl.col(pl.Float32).cast(pl.Float64))
    for start in range(0, out.height, CHUNK):
        yield out.slice(start, CHUNK).iter_rows()


def _write_records(conn, frame: pl.DataFrame, progress: Progress | None) -> None:
    """Bulk-insert `frame` through the transaction's own DBAPI connection."""
    raw = conn.connection.dbapi_connection
    names = ", ".join(f'"{c}"' for c in COLUMNS)
    total, done = frame.height, 0
    if conn.dialect.name == "postgresql":
        text = frame.with_columns(pl.col("deal_date").cast(pl.String))
        with (
            raw.cursor() as cursor,
            cursor.copy(f"COPY inventory_patents ({names}) FROM STDIN (FORMAT csv)") as copy,
        ):
            for start in range(0, total, CHUNK):
                part = text.slice(start, CHUNK)
                buffer = io.BytesIO()
                part.write_csv(buffer, include_header=False, null_value="", quote_style="necessary")
                copy.write(buffer.getvalue())
                done += part.height
                if progress:
                    progress(done, total)
        return
    placeholders = ", ".join("?" for _ in COLUMNS)
    cursor = raw.cursor()
    try:
        for rows in _sqlite_rows(frame):
            batch = list(rows)
            cursor.executemany(f"INSERT INTO inventory_patents ({names}) VALUES ({placeholders})", batch)
            done += len(batch)
            if progress:
                progress(done, total)
    finally:
        cursor.close()


def _clear(conn) -> None:
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("TRUNCATE inventory_patents")
    else:
        conn.execute(schema.inventory_patents.delete())


def _record_change(
    conn, kind: str, synthetic: bool, detail: dict, records: int, editor: Editor, at: dt.datetime
) -> int:
    result = conn.execute(
        schema.inventory_changes.insert().values(
            kind=kind,
            synthetic=synthetic,
            detail=json.dumps(detail, ensure_ascii=False, sort_keys=True),
            records=records,
            editor=editor.name,
            changed_at=at,
        )
    )
    return int(result.inserted_primary_key[0])


def _inventory_summary(conn) -> dict | None:
    """The inventory as the audit log describes it: how many records, how they came, synthetic or not."""
    changes = schema.inventory_changes
    latest = conn.execute(select(changes).order_by(changes.c.version.desc()).limit(1)).mappings().first()
    if latest is None or not latest["records"]:
        return None
    return {"records": latest["records"], "synthetic": bool(latest["synthetic"])}


def replace_inventory(
    store: Store,
    records: pl.DataFrame,
    kind: str,
    synthetic: bool,
    detail: dict,
    editor: Editor,
    progress: Progress | None = None,
) -> int:
    """Replace the whole inventory with `records` (checked ones: see dashboard.inventory) in one transaction,
    with its audit entry; returns the new data version."""
    require_editor(editor)
    if kind not in ("import", "demo"):
        raise ValueError(f"unknown kind of change {kind!r}")
    records = records.select(COLUMNS).cast(SCHEMA)
    batch, at = audit.new_batch()
    after = {"records": records.height, "synthetic": synthetic, "kind": kind, **detail}
    try:
        with store.engine.begin() as conn:
            store.allow_long_statements(conn)  # one COPY of the whole inventory
            before = _inventory_summary(conn)
            _clear(conn)
            _write_records(conn, records, progress)
            audit.write(
                conn, batch, at, editor, kind, audit.INVENTORY, {}, before, after, f"inventory {kind}"
            )
            return _record_change(conn, kind, synthetic, detail, records.height, editor, at)
    except SQLAlchemyError as exc:
        raise _fail(store, "store_inventory_write_failed", exc) from None
    except Exception as exc:  # the DBAPI's own errors from the bulk path
        if type(exc).__module__.split(".")[0] in ("sqlite3", "psycopg"):
            raise _fail(store, "store_inventory_write_failed", exc) from None
        raise


def _adbc_connect(store: Store):
    url = store.engine.url
    if url.get_backend_name() == "sqlite":
        import adbc_driver_sqlite.dbapi

        return adbc_driver_sqlite.dbapi.connect(url.database or ":memory:")
    import adbc_driver_postgresql.dbapi

    url = url.set(drivername="postgresql")
    if store.timeouts.connect_seconds and "connect_timeout" not in url.query:  # give up as the engine does
        url = url.update_query_dict({"connect_timeout": str(store.timeouts.connect_seconds)})
    return adbc_driver_postgresql.dbapi.connect(url.render_as_string(hide_password=False))


def _compact(parts: list[pl.DataFrame]) -> pl.DataFrame:
    """Typed batches copied into one block. The batches still hold the buffers they were cut from, and text
    columns keep theirs even through a rechunk; a pass through Arrow's plain string layout lets them go.
    Together this keeps a loaded inventory at about half the memory it would otherwise hold."""
    block = pl.concat(parts, rechunk=True)
    text = [name for name, dtype in block.schema.items() if dtype == pl.String]
    return block.with_columns(
        pl.from_arrow(block[name].to_arrow().cast(pa.large_string())).alias(name) for name in text
    )


def load_inventory(store: Store, dtypes: dict | None = None) -> pl.DataFrame:
    """Every record, typed as dashboard.inventory.SCHEMA overridden by `dtypes` (an empty frame when there is
    none). Arrow batches are typed one by one as they arrive, so the peak memory stays near the size of the
    typed records rather than of the raw text."""
    names = ", ".join(f'"{c}"' for c in COLUMNS)
    types = {**SCHEMA, **(dtypes or {})}
    dates = pl.col("deal_date").cast(pl.String).str.to_date("%Y-%m-%d")
    blocks, pending, pending_rows = [], [], 0
    try:
        with _adbc_connect(store) as conn, conn.cursor() as cursor:
            if store.engine.url.get_backend_name() == "sqlite":
                cursor.adbc_statement.set_options(**{"adbc.sqlite.query.batch_rows": str(LOAD_BATCH)})
            cursor.execute(f"SELECT {names} FROM inventory_patents")
            for batch in cursor.fetch_record_batch():
                part = pl.from_arrow(batch)
                assert isinstance(part, pl.DataFrame)
                pending.append(part.with_columns(dates).cast(types))
                pending_rows += part.height
                if pending_rows >= COMPACT_ROWS:
                    blocks.append(_compact(pending))
                    pending, pending_rows = [], 0
    except Exception as exc:
        raise store.failure("store_cannot_read_inventory", exc) from None
    if pending:
        blocks.append(_compact(pending))
    if not blocks:
        return pl.DataFrame(schema=types)
    return pl.concat(blocks, rechunk=False)


def rules(store: Store) -> RuleSet:
    """The rule set in force: the latest saved, else the default."""
    table = schema.inventory_rule_sets
    with store.engine.connect() as conn:
        saved = conn.execute(select(table.c.rules).order_by(table.c.version.desc()).limit(1)).scalar()
    return RuleSet.from_json(saved) if saved else DEFAULT_RULES


def save_rules(
    store: Store,
    new_rules: RuleSet,
    editor: Editor,
    progress: Progress | None = None,
    reverts: str | None = None,
) -> int:
    """Save `new_rules` as the rule set in force and regrade every stored record with it, in one transaction
    with its audit entry (`reverts`: the change an undo gives back); returns the new data version."""
    require_editor(editor)
    new_rules.checked()
    current = state(store)
    before = json.loads(rules(store).to_json())
    graded = grade_frame(load_inventory(store), new_rules) if current.records else None
    batch, at = audit.new_batch()
    after = json.loads(new_rules.to_json())
    action = "undo_correct" if reverts else "correct"
    try:
        with store.engine.begin() as conn:
            store.allow_long_statements(conn)  # every record regraded and written again
            conn.execute(
                schema.inventory_rule_sets.insert().values(
                    rules=new_rules.to_json(), editor=editor.name, saved_at=at
                )
            )
            if graded is not None:
                _clear(conn)
                _write_records(conn, graded, progress)
            summary = "undo: rules" if reverts else "rules"
            audit.write(
                conn, batch, at, editor, action, audit.RULES, RULES_KEY, before, after, summary, reverts
            )
            return _record_change(
                conn, "rules", current.synthetic, {"rules": after}, current.records, editor, at
            )
    except SQLAlchemyError as exc:
        raise _fail(store, "store_rules_failed", exc) from None
