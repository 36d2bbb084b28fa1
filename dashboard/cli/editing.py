"""Commands that keep figures current: validate and import sheets, what changed, history, undo, and the
editor password's hash."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import sys
from pathlib import Path

from dashboard.cli.common import (
    EXIT_ERROR,
    EXIT_OK,
    EXIT_USAGE,
    add_db,
    default_editor,
    error,
    note,
    open_store,
)
from dashboard.editing.access import MIN_PASSWORD_LENGTH, hash_password
from dashboard.editing.changes import (
    ChangeError,
    ConflictError,
    apply_import,
    batches,
    changes_since,
    reference,
)
from dashboard.editing.plans import ImportError_, plan_import
from dashboard.editing.sheets import SheetError, read_sheet
from dashboard.inventory import service as inventory_service


def register(sub) -> None:
    p = sub.add_parser("validate", help="check an observation sheet (CSV or XLSX) without importing it")
    _add_sheet_arguments(p)
    p.set_defaults(run=run_validate)

    p = sub.add_parser("import", help="import an observation sheet: every row or, on any problem, none")
    _add_sheet_arguments(p)
    p.add_argument("--editor", metavar="NAME", help="who imports, for the audit log (default: cli:$USER)")
    p.set_defaults(run=run_import)

    p = sub.add_parser("changes", help="what changed since a date: one row per figure, target or source")
    add_db(p)
    p.add_argument("--since", required=True, metavar="DATE", help="YYYY-MM-DD")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table", help="output format")
    p.set_defaults(run=run_changes)

    p = sub.add_parser("history", help="the audit log: one line per import, edit or undo, newest first")
    add_db(p)
    p.set_defaults(run=run_history)

    p = sub.add_parser("undo", help="revert one import or edit (by the change id `history` prints)")
    p.add_argument("change", metavar="CHANGE", help="the change id (or a unique start of it)")
    add_db(p)
    p.add_argument("--editor", metavar="NAME", help="who undoes, for the audit log (default: cli:$USER)")
    p.set_defaults(run=run_undo)

    p = sub.add_parser(
        "hash-password", help="read an editor password (twice) and print the hash to configure"
    )
    p.set_defaults(run=run_hash_password)


def _add_sheet_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="FILE", type=Path, help="CSV (UTF-8 or GBK, comma or tab) or XLSX")
    p.add_argument("--sheet", metavar="NAME", help="the XLSX worksheet to read (default: the first)")
    add_db(p)


def _plan_sheet(args: argparse.Namespace):
    """Read and check the sheet named on the command line: ((store, plan), EXIT_OK) or (None, exit code)."""
    if not args.file.is_file():
        error(f"{args.file}: no such file")
        return None, EXIT_USAGE
    try:
        sheet = read_sheet(args.file, sheet=args.sheet)
    except SheetError as exc:
        error(str(exc))
        return None, EXIT_USAGE if exc.usage else EXIT_ERROR
    store = open_store(args.db)
    large = len(sheet.rows) > 2000
    try:
        plan = plan_import(
            sheet,
            reference(store),
            (lambda done, total: note(f"checked {done}/{total} rows")) if large else None,
        )
    except ImportError_ as exc:
        print(f"{sheet.name}: row 1: {exc}")
        store.dispose()
        return None, EXIT_ERROR
    if not plan.ok:
        for line in plan.problem_lines():
            print(line)
        print(
            f"{sheet.name}: {len(plan.problems)} problem(s) in {plan.total_rows} rows; nothing was imported",
            file=sys.stderr,
        )
        store.dispose()
        return None, EXIT_ERROR
    return (store, plan), EXIT_OK


def _counts_line(counts: dict[str, int], verb: str) -> str:
    return f"{counts['add']} {verb}, {counts['correct']} corrected, {counts['unchanged']} unchanged"


def _new_sources(plan) -> str:
    new = f", {len(plan.new_sources)} new source(s)" if plan.new_sources else ""
    fixed = f", {len(plan.source_corrections)} source(s) corrected" if plan.source_corrections else ""
    return new + fixed


def run_validate(args: argparse.Namespace) -> int:
    planned, code = _plan_sheet(args)
    if planned is None:
        return code
    store, plan = planned
    store.dispose()
    ignored = f"; ignored columns: {', '.join(plan.ignored_columns)}" if plan.ignored_columns else ""
    print(
        f"{plan.file}: valid, {plan.total_rows} rows: {_counts_line(plan.counts(), 'to add')}"
        f"{_new_sources(plan)}{ignored}"
    )
    return EXIT_OK


def run_import(args: argparse.Namespace) -> int:
    planned, code = _plan_sheet(args)
    if planned is None:
        return code
    store, plan = planned
    total = len(plan.of("add")) + len(plan.of("correct"))
    if (
        total == 0 and not plan.new_sources and not plan.source_corrections
    ):  # a sheet equal to the store: nothing to write, no change to undo
        counts = {"add": 0, "correct": 0, "unchanged": len(plan.of("unchanged"))}
        print(f"{plan.file}: {_counts_line(counts, 'added')} (nothing written)")
        store.dispose()
        return EXIT_OK
    note(f"writing {total} rows")
    try:
        outcome = apply_import(
            store,
            plan,
            default_editor(args.editor),
            progress=lambda done, total: note(f"written {done}/{total} rows"),
        )
    except (ConflictError, ChangeError) as exc:
        error(str(exc))
        return EXIT_ERROR
    finally:
        store.dispose()
    counts = {"add": outcome.added, "correct": outcome.corrected, "unchanged": outcome.unchanged}
    print(f"{plan.file}: {_counts_line(counts, 'added')}{_new_sources(plan)} (change {outcome.batch[:12]})")
    return EXIT_OK


def run_changes(args: argparse.Namespace) -> int:
    try:
        since = dt.date.fromisoformat(args.since)
    except ValueError:
        error(f"--since {args.since!r} is not a date (YYYY-MM-DD)")
        return EXIT_USAGE
    store = open_store(args.db)
    try:
        frame = changes_since(store, since).drop(columns=["record_key", "before_record", "after_record"])
    finally:
        store.dispose()
    frame["last_at"] = frame["last_at"].map(lambda v: v.isoformat(timespec="seconds"))
    if args.format == "csv":
        sys.stdout.write(frame.to_csv(index=False, lineterminator="\n"))
    elif args.format == "json":
        sys.stdout.write(frame.to_json(orient="records", force_ascii=False, indent=2) + "\n")
    elif frame.empty:
        print(f"nothing changed since {since.isoformat()}")
    else:
        print(frame.to_string(index=False))
    return EXIT_OK


def run_history(args: argparse.Namespace) -> int:
    store = open_store(args.db)
    try:
        frame = batches(store)
    finally:
        store.dispose()
    if frame.empty:
        print("no changes yet")
        return EXIT_OK
    for row in frame.itertuples():
        state = " (undone)" if row.undone else ""
        print(
            f"{row.batch[:12]}  {row.at:%Y-%m-%d %H:%M} UTC  {row.editor}  {row.changes} change(s)  "
            f"{row.summary}{state}"
        )
    return EXIT_OK


def run_undo(args: argparse.Namespace) -> int:
    store = open_store(args.db)
    try:
        found = [b for b in batches(store)["batch"] if b.startswith(args.change)]
        if len(found) != 1:
            error(
                f"{'no' if not found else 'more than one'} change starts with {args.change!r}; "
                "see `python -m dashboard history`"
            )
            return EXIT_USAGE
        new = inventory_service.undo(store, found[0], default_editor(args.editor))
    except (ConflictError, ChangeError) as exc:
        error(str(exc))
        return EXIT_ERROR
    finally:
        store.dispose()
    print(f"undid change {found[0][:12]} (as change {new[:12]})")
    return EXIT_OK


def run_hash_password(args: argparse.Namespace) -> int:
    if sys.stdin.isatty():
        first, second = getpass.getpass("editor password: "), getpass.getpass("again: ")
    else:
        lines = sys.stdin.read().splitlines()
        first = second = lines[0] if lines else ""
    if first != second:
        error("the two passwords differ")
        return EXIT_USAGE
    if len(first) < MIN_PASSWORD_LENGTH:
        error(f"use at least {MIN_PASSWORD_LENGTH} characters")
        return EXIT_USAGE
    print(hash_password(first))
    return EXIT_OK
