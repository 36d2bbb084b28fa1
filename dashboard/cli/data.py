"""Commands on the curated data and the store as a whole: init, curate, check, export."""

from __future__ import annotations

import argparse
from pathlib import Path

from dashboard.cli.common import EXIT_ERROR, EXIT_OK, EXIT_USAGE, add_db, default_editor, error, open_store
from dashboard.curation.datafiles import DATA_DIR
from dashboard.curation.dataset import load_dataset
from dashboard.curation.seeds import SEEDS_DIR, curate
from dashboard.editing.changes import edit_count
from dashboard.editing.export import export_frame, format_for, write_export
from dashboard.store.database import Store


def register(sub) -> None:
    p = sub.add_parser("init", help="create the store's schema and seed it from data/")
    add_db(p)
    p.add_argument(
        "--reset", action="store_true", help="replace the store's contents with data/ even if seeded"
    )
    p.add_argument(
        "--discard-edits", action="store_true", help="with --reset: also when editors changed figures"
    )
    _add_dirs(p)
    p.set_defaults(run=run_init)

    p = sub.add_parser(
        "curate", help="rebuild data/'s generated tables (sources, observations, …) from seeds/"
    )
    _add_dirs(p)
    p.set_defaults(run=run_curate)

    p = sub.add_parser("check", help="validate data/ and seeds/ without touching a store")
    _add_dirs(p)
    p.set_defaults(run=run_check)

    p = sub.add_parser("export", help="write every observation to CSV or XLSX")
    add_db(p)
    p.add_argument(
        "--format", choices=("csv", "xlsx"), help="file format (default: from -o's extension, else csv)"
    )
    p.add_argument("-o", "--output", required=True, metavar="PATH", help="file to write")
    p.set_defaults(run=run_export)


def _add_dirs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", type=Path, default=DATA_DIR, help="curated tables (default: data/)")
    parser.add_argument(
        "--seeds-dir", type=Path, default=SEEDS_DIR, help="source documents (default: seeds/)"
    )


def run_init(args: argparse.Namespace) -> int:
    tables = load_dataset(args.data_dir, args.seeds_dir)
    store = Store.open(args.db)
    try:
        applied = store.migrate()
        if store.is_seeded() and not args.reset:
            print(
                f"{store.url}: already initialised (schema version {store.schema_version()}, "
                f"{store.count('observations')} observations); nothing changed. Use --reset to reseed from data/."
            )
            return EXIT_OK
        if args.reset and (edits := edit_count(store)) and not args.discard_edits:
            error(
                f"{store.url} holds {edits} recorded change(s) by editors (imports, edits); --reset would "
                "replace them with data/. Export what you need first, then add --discard-edits."
            )
            return EXIT_ERROR
        counts = store.seed(tables, default_editor(None))
    finally:
        store.dispose()
    if applied:
        print(f"applied schema migrations {', '.join(map(str, applied))}")
    print(f"{store.url}: seeded " + ", ".join(f"{n} {name}" for name, n in counts.items()))
    return EXIT_OK


def run_curate(args: argparse.Namespace) -> int:
    for path in curate(args.data_dir, args.seeds_dir):
        print(f"wrote {path}")
    return EXIT_OK


def run_check(args: argparse.Namespace) -> int:
    tables = load_dataset(args.data_dir, args.seeds_dir)
    print("data/ and seeds/ are valid: " + ", ".join(f"{len(f)} {name}" for name, f in tables.items()))
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    path = Path(args.output)
    if not path.parent.exists():
        error(f"folder {path.parent} does not exist")
        return EXIT_USAGE
    fmt = format_for(path, args.format)
    store = open_store(args.db)
    try:
        observations, sources = store.read("observations"), store.read("sources")
    finally:
        store.dispose()
    frame = export_frame(observations, sources)
    try:
        write_export(frame, path, fmt)
    except OSError as exc:
        error(f"cannot write {path}: {exc.strerror or exc}")
        return EXIT_ERROR
    print(f"wrote {len(frame)} observations to {path} ({fmt})")
    return EXIT_OK
