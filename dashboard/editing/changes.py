"""Writing editors' changes: imports, single edits and undos, each in one transaction with its audit entries.

Every change names its editor and is kept in the audit log with the record before and after. Conflicts are
caught by revisions: a change based on a revision that is no longer the stored one is refused whole, so the
second of two editors is told and nothing either of them entered is lost."""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Connection, and_, func, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from dashboard.editing.plans import KEY, ImportPlan, Reference
from dashboard.i18n import LocalizedError, message
from dashboard.store import audit, schema
from dashboard.store.database import Store
from dashboard.store.editors import Editor, require_editor

# How the audit log names an import (the history shows the file from it): this prefix, then the file.
IMPORT_PREFIX = "import "


class ConflictError(LocalizedError):
    """Someone changed the record since the change was prepared; nothing was written."""

    def __init__(self, key: str, current: dict | None = None, /, **params: object):
        super().__init__(key, **params)
        self.current = current


class ChangeError(LocalizedError, ValueError):
    """A change that cannot be made as asked (an unknown record, an undo of an undo …); nothing was written."""


@dataclass(frozen=True)
class Outcome:
    batch: str
    added: int
    corrected: int
    unchanged: int


def reference(store: Store) -> Reference:
    """What an import sheet is checked against, read from the store now."""
    return Reference(
        indicators=store.read("indicators"),
        institution_types=store.read("institution_types"),
        sources=store.read_with_revisions("sources"),
        observations=store.read_with_revisions("observations"),
        assumptions=store.read("assumptions"),
    )


def _loads(text: object) -> dict | None:
    """A record kept in the log as JSON; None where the log holds none (read back as None or NaN)."""
    return json.loads(text) if isinstance(text, str) and text else None


def _key_of(table: str, record: dict) -> dict:
    return {k: record[k] for k in schema.EDITABLE_KEYS[table]}


def _where_key(table: str, key: dict):
    tbl = schema.CURATED[table]
    return and_(*(tbl.c[k] == v for k, v in key.items()))


def _current(conn: Connection, table: str, key: dict) -> dict | None:
    tbl = schema.CURATED[table]
    row = conn.execute(select(tbl).where(_where_key(table, key))).mappings().first()
    if row is None:
        return None
    return {k: v for k, v in row.items() if not (table == "observations" and k == "id")}


def _describe(key: dict) -> str:
    return " · ".join(str(v) for v in key.values())


def _writable(table: str, record: dict) -> dict:
    columns = {c.name for c in schema.CURATED[table].columns} - {"revision"}
    if table == "observations":
        columns.discard("id")  # the surrogate id is the store's own
    return {k: audit.plain_value(v) for k, v in record.items() if k in columns}


def _update(conn: Connection, table: str, key: dict, values: dict, expected_revision: int) -> dict:
    """Write `values` over the record at `expected_revision`; ConflictError when it is not at that revision."""
    tbl = schema.CURATED[table]
    result = conn.execute(
        tbl.update()
        .where(_where_key(table, key), tbl.c.revision == expected_revision)
        .values(**values, revision=expected_revision + 1)
    )
    if result.rowcount != 1:
        current = _current(conn, table, key)
        raise _conflict(table, key, current)
    return _current(conn, table, key)


def _conflict(table: str, key: dict, current: dict | None) -> ConflictError:
    record = f"{table} {_describe(key)}"
    if current is None:
        return ConflictError("change_removed", current, record=record)
    changed = "value" in current and current["value"] is not None
    now = message("change_conflict_now", value=f"{current['value']:g}") if changed else ""
    return ConflictError("change_conflict", current, record=record, now=now)


def apply_import(
    store: Store,
    plan: ImportPlan,
    editor: Editor,
    summary: str | None = None,
    expected: dict[tuple, int | None] | None = None,
    progress: Callable[[int, int], None] | None = None,
    chunk: int = 500,
) -> Outcome:
    """Write a plan in one transaction: new sources, added rows, corrections, and their audit entries.

    `expected` maps an observation's key to the revision the editor saw (None: it did not exist); by default
    the revisions the plan was made against. Raises ChangeError for a plan with problems, ConflictError when
    the store moved on since; in both cases nothing is written."""
    require_editor(editor)
    if not plan.ok:
        raise ChangeError("change_plan_has_problems", file=plan.file, n=len(plan.problems))
    batch, at = audit.new_batch()
    summary = summary or f"{IMPORT_PREFIX}{plan.file}"
    obs = schema.observations
    adds, corrections = plan.of("add"), plan.of("correct")
    expected = dict(expected or {})
    total = len(adds) + len(corrections)
    try:
        with store.engine.begin() as conn:
            for source in plan.new_sources:
                if _current(conn, "sources", {"id": source["id"]}) is None:
                    conn.execute(schema.sources.insert().values(**_writable("sources", source)))
                    audit.write(
                        conn,
                        batch,
                        at,
                        editor,
                        "add",
                        "sources",
                        {"id": source["id"]},
                        None,
                        {**source, "revision": 1},
                        summary,
                    )
            for stored_source, given in plan.source_corrections:
                key = {"id": stored_source["id"]}
                after = _update(
                    conn, "sources", key, _writable("sources", given), int(stored_source["revision"])
                )
                audit.write(conn, batch, at, editor, "correct", "sources", key, stored_source, after, summary)
            for key, revision in expected.items():  # the editor's view of single records
                current = _current(conn, "observations", dict(zip(KEY, key, strict=True)))
                if (current["revision"] if current else None) != revision:
                    raise _conflict("observations", dict(zip(KEY, key, strict=True)), current)
            done = 0
            for start in range(0, len(adds), chunk):
                part = adds[start : start + chunk]
                conn.execute(obs.insert(), [_writable("observations", r.record) for r in part])
                done += len(part)
                if progress:
                    progress(done, total)
            for planned in corrections:
                key = _key_of("observations", planned.record)
                after = _update(
                    conn,
                    "observations",
                    key,
                    _writable("observations", planned.record),
                    int(planned.before["revision"]),
                )
                audit.write(
                    conn, batch, at, editor, "correct", "observations", key, planned.before, after, summary
                )
                done += 1
                if progress and (done % chunk == 0 or done == total):
                    progress(done, total)
            entries = [
                audit.entry(
                    batch,
                    at,
                    editor,
                    "add",
                    "observations",
                    _key_of("observations", p.record),
                    None,
                    {**_writable("observations", p.record), "revision": 1},
                    summary,
                )
                for p in adds
            ]
            for start in range(0, len(entries), chunk):
                conn.execute(schema.audit_log.insert(), entries[start : start + chunk])
    except IntegrityError as exc:
        raise ConflictError("change_added_meanwhile", reason=str(exc.orig).splitlines()[0]) from None
    except SQLAlchemyError as exc:
        raise store.failure("change_import_failed", exc) from None
    return Outcome(
        batch=batch, added=len(adds), corrected=len(corrections), unchanged=len(plan.of("unchanged"))
    )


def _same_values(current: dict, values: dict) -> bool:
    """Whether writing `values` over `current` would change nothing (numbers compared as numbers, NaN as NULL)."""
    for name, value in values.items():
        old = audit.plain_value(current.get(name))
        if isinstance(old, int | float) and isinstance(value, int | float) and not isinstance(old, bool):
            if not math.isclose(old, value, rel_tol=1e-12, abs_tol=1e-12):
                return False
        elif old != value and not (old in (None, "") and value in (None, "")):
            return False
    return True


def save_record(
    store: Store, table: str, record: dict, editor: Editor, expected_revision: int | None, summary: str
) -> str | None:
    """Add (expected_revision None) or correct one target, source or milestone. Returns the batch id, or None
    when the record equals what is stored: a correction that changes nothing writes nothing (no audit entry,
    no new revision)."""
    require_editor(editor)
    if table not in ("targets", "sources", "milestones"):
        raise ChangeError("change_not_editable", table=table)
    if table == "targets" and not record.get("source"):
        raise ChangeError("change_target_needs_source")
    evidence = any(
        record.get(k) for k in ("evidence_complete", "evidence_zh", "evidence_en", "evidence_date")
    )
    if table == "milestones" and evidence and not record.get("evidence_source"):
        raise ChangeError("change_evidence_needs_source", milestone=record.get("id"))
    batch, at = audit.new_batch()
    key = _key_of(table, record)
    values = _writable(table, record)
    try:
        with store.engine.begin() as conn:
            current = _current(conn, table, key)
            if expected_revision is None:
                if current is not None:
                    raise ConflictError("change_exists", current, record=f"{table} {_describe(key)}")
                conn.execute(schema.CURATED[table].insert().values(**values))
                audit.write(
                    conn, batch, at, editor, "add", table, key, None, _current(conn, table, key), summary
                )
            else:
                if current is None or current["revision"] != expected_revision:
                    raise _conflict(table, key, current)
                if _same_values(current, values):
                    return None
                after = _update(conn, table, key, values, expected_revision)
                audit.write(conn, batch, at, editor, "correct", table, key, current, after, summary)
    except IntegrityError as exc:
        raise ChangeError(
            "change_cannot_save", record=f"{table} {_describe(key)}", reason=str(exc.orig).splitlines()[0]
        ) from None
    except SQLAlchemyError as exc:
        raise store.failure("change_save_failed", exc) from None
    return batch


def audit_frame(store: Store, since: dt.datetime | None = None) -> pd.DataFrame:
    """The audit log, newest first (optionally only entries at or after `since`)."""
    query = select(schema.audit_log).order_by(schema.audit_log.c.id.desc())
    if since is not None:
        query = query.where(schema.audit_log.c.at >= since)
    with store.engine.connect() as conn:
        frame = pd.read_sql(query, conn)
    frame["at"] = pd.to_datetime(frame["at"], utc=True)
    return frame


def batches(store: Store, log: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per change (an import, an edit, an undo …), newest first, with whether it was undone and
    whether it can be; from `log` when the caller has read the audit log already."""
    log = audit_frame(store) if log is None else log
    if log.empty:
        return pd.DataFrame(
            columns=["batch", "at", "editor", "summary", "changes", "undone", "reverts", "undoable"]
        )
    replaced = log.groupby("batch", sort=False)["table_name"].agg(
        lambda names: bool(set(names) & {audit.INVENTORY, audit.STORE})
    )
    grouped = log.groupby("batch", sort=False).agg(
        at=("at", "first"),
        editor=("editor", "first"),
        summary=("summary", "first"),
        changes=("id", "count"),
        reverts=("reverts", "first"),
        last_id=("id", "max"),
    )
    undone = set(log["reverts"].dropna())
    grouped["undone"] = grouped.index.isin(undone)
    # What an editor may still undo: not undone, not itself an undo, not a whole inventory or store replaced.
    grouped["undoable"] = ~grouped["undone"] & grouped["reverts"].isna() & ~replaced.reindex(grouped.index)
    return grouped.sort_values("last_id", ascending=False).drop(columns="last_id").reset_index()


def entries_to_undo(store: Store, batch: str) -> pd.DataFrame:
    """The audit entries of a change that may be undone; ChangeError for an unknown change, an undo, or a
    change already undone."""
    log = audit_frame(store)
    entries = log[log["batch"] == batch]
    if entries.empty:
        raise ChangeError("change_unknown", batch=batch)
    if entries["reverts"].notna().any():
        raise ChangeError("change_undo_of_undo")
    if (log["reverts"] == batch).any():
        raise ChangeError("change_already_undone")
    return entries


def undo(store: Store, batch: str, editor: Editor) -> str:
    """Revert one change whole, as a new change in the log. ConflictError when a record it touched has been
    changed since; ChangeError for an unknown batch, an undo, or a change already undone, and for what undo
    cannot give back: an inventory import or demo (the records before it are not kept: import the earlier
    file again) and a reset. Grading rules are undone by `inventory.service.undo`, which regrades."""
    require_editor(editor)
    entries = entries_to_undo(store, batch)
    tables = set(entries["table_name"])
    if tables & {audit.INVENTORY, audit.STORE}:
        raise ChangeError("change_cannot_undo_replace")
    if audit.RULES in tables:
        raise ChangeError("change_undo_rules_elsewhere")
    new_batch, at = audit.new_batch()
    summary = f"undo: {entries['summary'].iloc[0]}"
    # Observations before the sources they cite, newest entry first.
    ordered = sorted(
        entries.to_dict(orient="records"), key=lambda e: (e["table_name"] == "sources", -e["id"])
    )
    try:
        with store.engine.begin() as conn:
            for entry in ordered:
                table, key = entry["table_name"], json.loads(entry["record_key"])
                after, before = _loads(entry["after"]), _loads(entry["before"])
                if table == audit.SLIDE_LISTS:
                    _undo_slide_list(conn, key, before, after, new_batch, at, editor, summary, batch)
                    continue
                tbl = schema.CURATED[table]
                if entry["action"] == "add":
                    current = _current(conn, table, key)
                    if current is None or current["revision"] != after["revision"]:
                        raise _conflict(table, key, current)
                    if (
                        table == "sources"
                        and conn.execute(
                            select(func.count())
                            .select_from(schema.observations)
                            .where(schema.observations.c.source == key["id"])
                        ).scalar_one()
                    ):
                        raise ConflictError("change_source_cited", source=key["id"])
                    conn.execute(tbl.delete().where(_where_key(table, key)))
                    audit.write(
                        conn, new_batch, at, editor, "undo_add", table, key, current, None, summary, batch
                    )
                elif entry["action"] == "correct":
                    current = _current(conn, table, key)
                    restored = _update(conn, table, key, _writable(table, before), int(after["revision"]))
                    audit.write(
                        conn,
                        new_batch,
                        at,
                        editor,
                        "undo_correct",
                        table,
                        key,
                        current,
                        restored,
                        summary,
                        batch,
                    )
                else:
                    raise ChangeError("change_cannot_undo_entry", action=entry["action"])
    except SQLAlchemyError as exc:
        raise store.failure("change_undo_failed", exc) from None
    return new_batch


def _undo_slide_list(conn, key, before, after, new_batch, at, editor, summary, batch) -> None:
    """Put back the slide list a change replaced (or remove the one it made), if nobody saved another since."""
    table = schema.slide_lists
    name = key["name"]
    stored = conn.execute(select(table.c.slide_ids).where(table.c.name == name)).scalar()
    current = {"slide_ids": json.loads(stored)} if stored else None
    if current != after:
        raise ConflictError("change_slides_changed", name=name)
    conn.execute(table.delete().where(table.c.name == name))
    if before is not None:
        conn.execute(
            table.insert().values(name=name, slide_ids=json.dumps(before["slide_ids"]), updated_at=at)
        )
    action = "undo_add" if before is None else "undo_correct"
    audit.write(conn, new_batch, at, editor, action, audit.SLIDE_LISTS, key, current, before, summary, batch)


def changes_since(store: Store, since: dt.date) -> pd.DataFrame:
    """What changed from the start of `since` (UTC) until now, one row per record: its value then and now (as
    text for the command line, and as the records themselves for `history` to put in words).

    Records changed several times show the first 'before' and the last 'after'; a record added and then
    removed again is left out, as is one that ended where it started."""
    start = dt.datetime.combine(since, dt.time(0), tzinfo=dt.UTC)
    log = audit_frame(store, start).sort_values("id")
    rows = []
    for (table, key), group in log.groupby(["table_name", "record_key"], sort=False):
        first, last = group.iloc[0], group.iloc[-1]
        before, after = _loads(first["before"]), _loads(last["after"])
        if before is None and after is None:
            continue
        if before is not None and after is not None and _same_content(before, after):
            continue
        kind = "added" if before is None else "removed" if after is None else "corrected"
        rows.append(
            {
                "table_name": table,
                "record": _describe(json.loads(key)),
                "change": kind,
                "before": _value_text(before),
                "after": _value_text(after),
                "last_at": last["at"],
                "editors": ", ".join(dict.fromkeys(group["editor"])),
                "record_key": key,
                "before_record": before,
                "after_record": after,
            }
        )
    columns = [
        "table_name",
        "record",
        "change",
        "before",
        "after",
        "last_at",
        "editors",
        "record_key",
        "before_record",
        "after_record",
    ]
    return (
        pd.DataFrame(rows, columns=columns)
        .sort_values("last_at", ascending=False, kind="stable")
        .reset_index(drop=True)
    )


def _same_content(a: dict, b: dict) -> bool:
    drop = {"revision"}
    return {k: v for k, v in a.items() if k not in drop} == {k: v for k, v in b.items() if k not in drop}


def _value_text(record: dict | None) -> str:
    if record is None:
        return ""
    if "value" in record:
        qualifier = {"more_than": " (more than)", "approx": " (approx.)"}.get(record.get("qualifier"), "")
        return f"{record['value']:g} {record.get('unit', '')}{qualifier}".strip()
    if "target_value" in record:
        value = record.get("target_value")
        return (
            f"{value:g} {record.get('unit', '')}".strip()
            if value is not None
            else record.get("wording_en", "")
        )
    if "evidence_complete" in record:
        state = "✓" if record["evidence_complete"] else "…"
        return " ".join(str(x) for x in (state, record.get("evidence_date"), record.get("evidence_zh")) if x)
    return record.get("title_zh", record.get("title", ""))


def edit_count(store: Store) -> int:
    """How many audit entries the store holds (init --reset would lose the edits behind them)."""
    log = schema.audit_log
    with store.engine.connect() as conn:
        return conn.execute(
            select(func.count()).select_from(log).where(log.c.table_name != audit.STORE)
        ).scalar_one()
