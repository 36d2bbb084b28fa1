"""Commands on the patent-level inventory: import a file, show what is stored, load the synthetic demo."""

from __future__ import annotations

import argparse
from pathlib import Path

from dashboard.cli.common import (
    EXIT_ERROR,
    EXIT_OK,
    CommandParser,
    add_db,
    default_editor,
    error,
    note,
    open_store,
    positive,
    progress_printer,
)
from dashboard.store.database import Store


def register(sub) -> None:
    p = sub.add_parser("inventory", help="the stock-patent inventory: import a file, or show what is stored")
    actions = p.add_subparsers(dest="action", metavar="ACTION", parser_class=CommandParser)
    actions.required = True
    q = actions.add_parser(
        "import", help="replace the inventory with a CSV, XLSX or Parquet file (all or nothing)"
    )
    q.add_argument("file", metavar="FILE", type=Path)
    add_db(q)
    q.add_argument(
        "--editor",
        metavar="NAME",
        help="who made the change, as recorded with it (default: cli:$USER)",
    )
    q.set_defaults(run=run_import)
    q = actions.add_parser("status", help="the inventory's data version, size, origin and rule set")
    add_db(q)
    q.set_defaults(run=run_status)

    p = sub.add_parser(
        "demo", help='write a deterministic synthetic inventory ("synthetic demo data") into the store'
    )
    p.add_argument(
        "--rows",
        type=positive,
        metavar="N",
        help="records (default: the latest published national count of inventoried stock patents)",
    )
    p.add_argument(
        "--seed", type=int, default=1, metavar="S", help="seed (default: 1); same rows and seed, same data"
    )
    p.add_argument(
        "--replace",
        action="store_true",
        help="replace an imported (real) inventory too; without it only an empty store or an earlier demo is "
        "replaced",
    )
    add_db(p)
    p.set_defaults(run=run_demo)


def run_import(args: argparse.Namespace) -> int:
    from dashboard.inventory.records import InventoryFileError
    from dashboard.inventory.service import import_file

    store = open_store(args.db)
    try:
        note(f"reading {args.file} …")
        try:
            done = import_file(
                store,
                args.file,
                default_editor(args.editor),
                name=str(args.file),
                progress=progress_printer(),
                checked=lambda n: note(f"checked {n:,} records; writing …"),
            )
        except InventoryFileError as exc:
            error(f"{args.file} was not imported ({exc.total} problem(s)); nothing in the store changed:")
            note(str(exc))
            return EXIT_ERROR
    finally:
        store.dispose()
    before = done.before
    replaced = (
        f" (replacing {before.records:,} {'synthetic demo' if before.synthetic else 'imported'} records)"
        if before.records
        else ""
    )
    print(
        f"imported {done.records:,} records from {args.file} into {store.url}{replaced}; data version {done.version}"
    )
    return EXIT_OK


def run_status(args: argparse.Namespace) -> int:
    store = open_store(args.db)
    try:
        return _status(store)
    finally:
        store.dispose()


def _status(store: Store) -> int:
    from dashboard.inventory.store import rules, state
    from dashboard.inventory.tables import rules_text

    current = state(store)
    if not current.records:
        print(f"{store.url}: no inventory (load one with `inventory import FILE` or `demo --rows N`)")
        return EXIT_OK
    origin = (
        "synthetic demo data" if current.synthetic else f"imported from {current.detail.get('file', '?')}"
    )
    print(
        f"{store.url}: {current.records:,} records, data version {current.version}, {origin}; "
        f"last changed {current.changed_at:%Y-%m-%d %H:%M} by {current.editor or 'unknown'}"
    )
    print(f"rules in force: {rules_text(rules(store), 'en')}")
    return EXIT_OK


def run_demo(args: argparse.Namespace) -> int:
    from dashboard.inventory.service import ImportedInventoryInTheWay, load_demo

    store = open_store(args.db)
    try:
        try:
            done = load_demo(
                store,
                store.read_all(),
                args.rows,
                args.seed,
                default_editor(getattr(args, "editor", None)),
                replace_imported=args.replace,
                progress=progress_printer(),
                generating=lambda rows: note(f"generating {rows:,} synthetic records (seed {args.seed}) …"),
            )
        except ImportedInventoryInTheWay as exc:
            before = exc.before
            error(
                f"{store.url} holds an imported inventory of {before.records:,} records "
                f"(from {before.detail.get('file', '?')}); the demo would replace it: add --replace to do so"
            )
            return EXIT_ERROR
        except LookupError as exc:
            error(f"cannot shape the demo on published figures: {exc}")
            return EXIT_ERROR
    finally:
        store.dispose()
    replaced = f", replacing {done.before.records:,} records" if done.before.records else ""
    print(
        f"wrote {done.records:,} records of synthetic demo data (合成演示数据) into {store.url}{replaced}; "
        f"data version {done.version}"
    )
    return EXIT_OK
