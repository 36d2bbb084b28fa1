"""The store: one interface over SQLAlchemy for the embedded SQLite file and a shared PostgreSQL server."""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import re
import uuid
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine, create_engine, event, func, inspect, select
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

from dashboard.curation.catalogue import Tables
from dashboard.i18n import LocalizedError, Message
from dashboard.store import audit, schema
from dashboard.store.editors import Editor, require_editor
from dashboard.store.faults import Timeouts
from dashboard.store.faults import reason as fault_reason
from dashboard.store.migrations import LATEST, MIGRATIONS

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SQLITE_PATH = ROOT / "var" / "dashboard.sqlite"


class StoreError(LocalizedError):
    """The store cannot be opened or used; the message is meant for the person running the dashboard."""

    @property
    def advised(self) -> bool:
        """Whether the words already say what to do (a recognised fault), so a general hint would be noise."""
        return isinstance(self.message.params.get("reason"), Message) or self.message.key == "store_folder"


def failure(key: str, url: str, exc: BaseException, timeouts: Timeouts | None = None, **params) -> StoreError:
    """The StoreError for a database error `exc` met while doing what `key` says, at `url`: a recognised
    fault (damaged file, read-only, disk full, server refused, gone or slow) in words with what to do, else
    what the database said; on one line, and never a secret of the URL."""
    parsed = make_url(url)
    return StoreError(
        key, store=display_url(url), reason=fault_reason(exc, secrets_of(parsed), timeouts), **params
    )


_USER_PASSWORD = re.compile(r"(?P<user>[^:/@\s]*):(?P<password>[^@/\s]+)@")
_SECRET_PARAMETER = re.compile(
    r"(?P<key>[?&;]?[\w-]*(?:pass|secret|token|key)[\w-]*=)(?P<value>[^&;\s]*)", re.I
)


def masked_text(text: str) -> str:
    """Something meant as a store address that does not parse, with whatever looks like a password hidden."""
    text = _USER_PASSWORD.sub(lambda m: f"{m['user']}:***@", text)
    return _SECRET_PARAMETER.sub(lambda m: f"{m['key']}***", text)


def resolve_url(url: str | None = None) -> str:
    """--db URL, else DATABASE_URL, else the embedded SQLite file under var/."""
    url = url or os.environ.get("DATABASE_URL") or f"sqlite:///{DEFAULT_SQLITE_PATH}"
    # Accept the URLs PostgreSQL tools print (postgres://, postgresql://) and use the psycopg 3 driver.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


# Query parameters of a database URL whose values are secrets (psycopg and libpq take a password, an SSL key's
# passphrase, tokens …): a key containing any of these words is masked like the password.
SECRET_WORDS = ("pass", "pwd", "secret", "token", "key", "auth", "credential")
MASK = "***"


def display_url(url: str) -> str:
    """The URL as people may see it (pages, banners, logs, CLI messages): the password in the user part and
    every secret-looking query parameter replaced by ***; an unreadable URL is not echoed at all."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return "<unparseable database URL>"
    query = {
        name: (MASK if any(word in name.lower() for word in SECRET_WORDS) else value)
        for name, value in parsed.query.items()
    }
    shown = parsed.set(query=query).render_as_string(hide_password=True)
    return shown.replace("%2A%2A%2A", MASK)  # the mask as people read it, not URL-quoted


def secrets_of(url: URL) -> list[str]:
    """The parts of `url` that must never be shown: the password and every secret-looking query value."""
    found = [url.password] if url.password else []
    for name, value in url.query.items():
        if any(word in name.lower() for word in SECRET_WORDS):
            found.extend([value] if isinstance(value, str) else value)
    return [str(secret) for secret in found if secret]


def _sqlite_folder(url: URL) -> Path | None:
    """The folder an SQLite URL's file lives in (None for an in-memory database); a `file:` URI
    (`sqlite:///file:PATH?mode=ro&uri=true`) names its file after the scheme."""
    database = url.database or ""
    if url.query.get("uri") == "true" and database.startswith("file:"):
        if url.query.get("mode") == "memory":
            return None
        database = database.removeprefix("file:").split("?")[0]
    if database in ("", ":memory:"):
        return None
    return Path(database).parent


def _sqlite_enforce_foreign_keys(dbapi_connection, _record) -> None:
    # SQLite checks foreign keys only when asked to, per connection; PostgreSQL always does.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _records(frame: pd.DataFrame) -> list[dict]:
    """Rows as dicts with missing values as None (NaN is not NULL to a database)."""
    out = []
    for rec in frame.to_dict(orient="records"):
        out.append(
            {
                k: (None if (v is None or (isinstance(v, float) and math.isnan(v))) else v)
                for k, v in rec.items()
            }
        )
    return out


def _store_only_columns(table: str) -> list[str]:
    """Columns the store adds that data/ does not have: the observations' surrogate id."""
    return ["id"] if table == "observations" else []


class Store:
    """Open with `Store.open(url)`; `prepare(tables)` migrates and, on an empty store, seeds it."""

    def __init__(self, engine: Engine, timeouts: Timeouts | None = None):
        self.engine = engine
        self.timeouts = timeouts or Timeouts()

    @property
    def url(self) -> str:
        return display_url(self.engine.url.render_as_string(hide_password=False))

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @classmethod
    def open(cls, url: str | None = None) -> Store:
        """Connect (creating the SQLite file's folder when needed); raise StoreError if it cannot."""
        url = resolve_url(url)
        shown = display_url(url)
        try:
            parsed = make_url(url)
        except ArgumentError:
            raise StoreError("store_not_url", url=masked_text(url)) from None
        if parsed.get_backend_name() not in ("sqlite", "postgresql"):
            raise StoreError("store_backend", store=shown)
        try:
            timeouts = Timeouts.from_environ()
        except ValueError as exc:
            raise StoreError("store_bad_timeout", problem=str(exc)) from None
        sqlite = parsed.get_backend_name() == "sqlite"
        folder = _sqlite_folder(parsed) if sqlite else None
        if folder is not None:
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(
                    "store_folder", store=shown, folder=str(folder), reason=exc.strerror or str(exc)
                ) from None
        engine = None
        try:
            kwargs = {} if sqlite else {"connect_args": timeouts.connect_args(parsed)}
            engine = create_engine(parsed, pool_pre_ping=True, **kwargs)
            if sqlite:
                event.listen(engine, "connect", _sqlite_enforce_foreign_keys)
            with engine.connect() as conn:
                # Reading the schema reads the file's first page: a damaged file is found here, read only.
                conn.exec_driver_sql("SELECT count(*) FROM sqlite_master" if sqlite else "SELECT 1")
        except NoSuchModuleError:
            raise StoreError("store_no_driver", store=shown) from None
        except SQLAlchemyError as exc:
            if engine is not None:
                engine.dispose()
            raise failure("store_cannot_open", url, exc, timeouts) from None
        return cls(engine, timeouts)

    def reason(self, exc: BaseException) -> Message | str:
        """Why a database error happened, in words (see `failure`)."""
        return fault_reason(exc, secrets_of(self.engine.url), self.timeouts)

    def failure(self, key: str, exc: BaseException, **params) -> StoreError:
        """The StoreError for `exc`, met while doing what `key` says (see `failure`)."""
        return StoreError(key, store=self.url, reason=self.reason(exc), **params)

    def allow_long_statements(self, conn) -> None:
        """In this transaction, let a statement run past the statement timeout (a bulk write of every record)
        while still giving up, after that long, on a lock another connection holds."""
        if conn.dialect.name == "postgresql" and self.timeouts.statement:
            conn.exec_driver_sql("SET LOCAL statement_timeout = 0")
            conn.exec_driver_sql(f"SET LOCAL lock_timeout = {round(self.timeouts.statement * 1000)}")

    # --- schema -------------------------------------------------------------------------------------------
    def schema_version(self) -> int:
        if not inspect(self.engine).has_table("schema_migrations"):
            return 0
        with self.engine.connect() as conn:
            return conn.execute(select(func.max(schema.schema_migrations.c.version))).scalar() or 0

    def migrate(self) -> list[int]:
        """Apply the migrations this store has not had yet; return their versions."""
        applied = []
        try:
            with self.engine.begin() as conn:
                schema.schema_migrations.create(conn, checkfirst=True)
            current = self.schema_version()
            if current > LATEST:
                raise StoreError("store_newer_schema", store=self.url, version=current, latest=LATEST)
            for migration in MIGRATIONS:
                if migration.version <= current:
                    continue
                with self.engine.begin() as conn:
                    migration.apply(conn)
                    conn.execute(
                        schema.schema_migrations.insert().values(
                            version=migration.version,
                            description=migration.description,
                            applied_at=dt.datetime.now(dt.UTC),
                        )
                    )
                applied.append(migration.version)
        except SQLAlchemyError as exc:
            raise self.failure("store_cannot_migrate", exc) from None
        return applied

    # --- data ---------------------------------------------------------------------------------------------
    def count(self, table: str) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(schema.CURATED[table])).scalar_one()

    def is_seeded(self) -> bool:
        return self.schema_version() > 0 and self.count("sources") > 0

    def seed(self, tables: Tables, editor: Editor) -> dict[str, int]:
        """Reset: replace every curated table with `tables` and clear the audit log of changes to them, all in
        one transaction (all or nothing). The log then holds one entry: who reset the store, and to what."""
        require_editor(editor)
        return self._seed(tables, editor if self.is_seeded() else None)  # a first fill replaces nothing

    def _seed(self, tables: Tables, editor: Editor | None) -> dict[str, int]:
        """Seed, recording the reset when an editor is given (none for the first fill of an empty store)."""
        counts = {}
        try:
            with self.engine.begin() as conn:
                if inspect(conn).has_table("audit_log"):  # the changes it records are replaced too
                    conn.execute(schema.audit_log.delete())
                if inspect(conn).has_table(
                    "store_generation"
                ):  # what was cached of the old contents is stale
                    conn.execute(schema.store_generation.delete())
                    conn.execute(schema.store_generation.insert().values(id=1, token=uuid.uuid4().hex))
                for table in reversed(schema.CURATED.values()):
                    conn.execute(table.delete())
                for name, table in schema.CURATED.items():
                    rows = _records(getattr(tables, name))
                    if rows:
                        conn.execute(table.insert(), rows)
                    counts[name] = len(rows)
                if editor is not None:
                    batch, at = audit.new_batch()
                    audit.write(conn, batch, at, editor, "reset", audit.STORE, {}, None, counts, "reset")
        except SQLAlchemyError as exc:
            raise self.failure("store_seed_failed", exc) from None
        return counts

    def prepare(self, tables_loader) -> bool:
        """Migrate; seed from `tables_loader()` if the store is empty. Returns True when it seeded."""
        self.migrate()
        if self.is_seeded():
            return False
        self._seed(tables_loader(), None)
        return True

    def read(self, table: str) -> pd.DataFrame:
        """One curated table as a DataFrame, with the store's surrogate ids dropped and booleans as bool."""
        tbl = schema.CURATED[table]
        try:
            with self.engine.connect() as conn:
                frame = pd.read_sql(select(tbl), conn)
        except SQLAlchemyError as exc:
            raise self.failure("store_cannot_read", exc, table=table) from None
        frame = frame.drop(columns=[c for c in _store_only_columns(table) + ["revision"] if c in frame])
        for col in tbl.columns:
            if col.type.python_type is bool and col.name in frame:
                frame[col.name] = frame[col.name].astype(bool)
        return frame

    def read_with_revisions(self, table: str) -> pd.DataFrame:
        """An editable table with each row's revision, as the editing forms and the importer need it."""
        try:
            with self.engine.connect() as conn:
                frame = pd.read_sql(select(schema.CURATED[table]), conn)
        except SQLAlchemyError as exc:
            raise self.failure("store_cannot_read", exc, table=table) from None
        return frame.drop(columns=_store_only_columns(table))

    def data_version(self) -> str:
        """The key under which the app caches what it read: the store's generation, then the latest change's
        number and its own random id. It changes with every change editors make and never repeats: not after
        `init --reset` (a new generation), nor after a restore (a later change has a new random id)."""
        log = schema.audit_log
        try:
            with self.engine.connect() as conn:
                token = conn.execute(select(schema.store_generation.c.token)).scalar() or ""
                latest = conn.execute(
                    select(log.c.id, log.c.batch).order_by(log.c.id.desc()).limit(1)
                ).first()
        except SQLAlchemyError as exc:
            raise self.failure("store_cannot_read_log", exc) from None
        return f"{token}:{latest[0]}:{latest[1]}" if latest else f"{token}:0"

    def read_all(self) -> Tables:
        return Tables.from_mapping({name: self.read(name) for name in schema.CURATED})

    def save_slide_list(self, name: str, slide_ids: list[str], editor: Editor) -> None:
        """Keep a briefing's slide list (replacing one saved under the same name), with its audit entry."""
        require_editor(editor)
        batch, at = audit.new_batch()
        table = schema.slide_lists
        try:
            with self.engine.begin() as conn:
                stored = conn.execute(select(table.c.slide_ids).where(table.c.name == name)).scalar()
                before = {"slide_ids": json.loads(stored)} if stored else None
                after = {"slide_ids": list(slide_ids)}
                if before == after:
                    return
                conn.execute(table.delete().where(table.c.name == name))
                conn.execute(table.insert().values(name=name, slide_ids=json.dumps(slide_ids), updated_at=at))
                action = "add" if before is None else "correct"
                key = {"name": name}
                audit.write(conn, batch, at, editor, action, audit.SLIDE_LISTS, key, before, after, "slides")
        except SQLAlchemyError as exc:
            raise self.failure("store_cannot_save_slides", exc) from None

    def load_slide_list(self, name: str) -> list[str] | None:
        """A saved slide list, or None when nothing is saved under that name."""
        try:
            with self.engine.connect() as conn:
                found = conn.execute(
                    select(schema.slide_lists.c.slide_ids).where(schema.slide_lists.c.name == name)
                )
                value = found.scalar()
        except SQLAlchemyError as exc:
            raise self.failure("store_cannot_read", exc, table="slide_lists") from None
        return json.loads(value) if value else None

    def dispose(self) -> None:
        self.engine.dispose()
