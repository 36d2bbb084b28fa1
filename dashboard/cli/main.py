"""`python -m dashboard`: create and seed a store, rebuild data/ from seeds/, check the data, export figures."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from dashboard.curation.seeds import SEEDS_DIR
from dashboard.curation.tables import DATA_DIR, DataFileError
from dashboard.store.database import Store, StoreError

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse that says what went wrong and exits 2, without a traceback."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _add_dirs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", type=Path, default=DATA_DIR, help="curated tables (default: data/)")
    parser.add_argument(
        "--seeds-dir", type=Path, default=SEEDS_DIR, help="source documents (default: seeds/)"
    )


def _positive(text: str) -> int:
    try:
        value = int(text.replace(",", "").replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} must be at least 1")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m dashboard", description=__doc__)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    db_help = "database URL (default: DATABASE_URL, else the embedded SQLite file var/dashboard.sqlite)"

    p = sub.add_parser("init", help="create the store's schema and seed it from data/")
    p.add_argument("--db", metavar="URL", help=db_help)
    p.add_argument(
        "--reset", action="store_true", help="replace the store's contents with data/ even if seeded"
    )
    p.add_argument(
        "--discard-edits", action="store_true", help="with --reset: also when editors changed figures"
    )
    _add_dirs(p)

    p = sub.add_parser("status", help="one row per target: latest figure, target, deadline, progress, status")
    p.add_argument("--db", metavar="URL", help=db_help)
    p.add_argument(
        "--institution-type",
        default="all",
        metavar="TYPE",
        help="all (every figure), university, research_institute, university_and_institute, enterprise",
    )
    p.add_argument("--lang", default="zh", metavar="LANG", help="zh (default) or en")
    p.add_argument(
        "--format", choices=("table", "csv", "json"), default="table", help="output format (default: table)"
    )

    p = sub.add_parser("brief", help="write the briefing deck (pptx) or handout (pdf)")
    p.add_argument("--db", metavar="URL", help=db_help)
    p.add_argument("--institution-type", default="all", metavar="TYPE", help="as for status (default: all)")
    p.add_argument("--lang", default="zh", metavar="LANG", help="zh (default) or en")
    p.add_argument(
        "--slides",
        metavar="IDS",
        help="comma-separated slide ids in order (default: every slide); "
        "summary, target:<target id>, page:universities|enterprises|finance|milestones|inventory",
    )
    p.add_argument("--format", required=True, metavar="FORMAT", help="pptx or pdf")
    p.add_argument("-o", "--output", required=True, metavar="PATH", help="file to write")

    p = sub.add_parser(
        "bench", help="measure the deck's chart images and the Inventory page at scale (inventory line last)"
    )
    p.add_argument(
        "--db",
        metavar="URL",
        help=db_help + "; for the deck only (the inventory bench uses a store of its own)",
    )
    p.add_argument(
        "--rows",
        type=_positive,
        default=1_000_000,
        metavar="N",
        help="synthetic records for the inventory bench (default: 1,000,000)",
    )
    p.add_argument("--seed", type=int, default=1, metavar="S", help="the demo's seed (default: 1)")
    only = p.add_mutually_exclusive_group()
    only.add_argument(
        "--deck", action="store_true", help="only the deck: seconds per chart image vs a bare kaleido image"
    )
    only.add_argument(
        "--inventory", action="store_true", help="only the Inventory page: rerun, engine floor, naive peer"
    )
    only.add_argument(
        "--engines",
        action="store_true",
        help="only the engines: the page's aggregations in polars and in DuckDB on the same records",
    )

    p = sub.add_parser("inventory", help="the stock-patent inventory: import a file, or show what is stored")
    inventory = p.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    inventory.required = True
    q = inventory.add_parser(
        "import", help="replace the inventory with a CSV, XLSX or Parquet file (all or nothing)"
    )
    q.add_argument("file", metavar="FILE", type=Path)
    q.add_argument("--db", metavar="URL", help=db_help)
    q.add_argument(
        "--editor",
        metavar="NAME",
        default=os.environ.get("USER"),
        help="who made the change, as recorded with it (default: $USER)",
    )
    q = inventory.add_parser("status", help="the inventory's data version, size, origin and rule set")
    q.add_argument("--db", metavar="URL", help=db_help)

    p = sub.add_parser(
        "demo", help='write a deterministic synthetic inventory ("synthetic demo data") into the store'
    )
    p.add_argument(
        "--rows",
        type=_positive,
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
    p.add_argument("--db", metavar="URL", help=db_help)

    _add_dirs(
        sub.add_parser(
            "curate", help="rebuild data/'s generated tables (sources, observations, …) from seeds/"
        )
    )
    _add_dirs(sub.add_parser("check", help="validate data/ and seeds/ without touching a store"))

    p = sub.add_parser("export", help="write every observation to CSV or XLSX")
    p.add_argument("--db", metavar="URL", help=db_help)
    p.add_argument(
        "--format", choices=("csv", "xlsx"), help="file format (default: from -o's extension, else csv)"
    )
    p.add_argument("-o", "--output", required=True, metavar="PATH", help="file to write")

    p = sub.add_parser("validate", help="check an observation sheet (CSV or XLSX) without importing it")
    _add_sheet_arguments(p, db_help)

    p = sub.add_parser("import", help="import an observation sheet: every row or, on any problem, none")
    _add_sheet_arguments(p, db_help)
    p.add_argument("--editor", metavar="NAME", help="who imports, for the audit log (default: cli:$USER)")

    p = sub.add_parser("changes", help="what changed since a date: one row per figure, target or source")
    p.add_argument("--db", metavar="URL", help=db_help)
    p.add_argument("--since", required=True, metavar="DATE", help="YYYY-MM-DD")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table", help="output format")

    p = sub.add_parser("history", help="the audit log: one line per import, edit or undo, newest first")
    p.add_argument("--db", metavar="URL", help=db_help)

    p = sub.add_parser("undo", help="revert one import or edit (by the change id `history` prints)")
    p.add_argument("change", metavar="CHANGE", help="the change id (or a unique start of it)")
    p.add_argument("--db", metavar="URL", help=db_help)
    p.add_argument("--editor", metavar="NAME", help="who undoes, for the audit log (default: cli:$USER)")

    sub.add_parser("hash-password", help="read an editor password (twice) and print the hash to configure")
    return parser


def _add_sheet_arguments(p: argparse.ArgumentParser, db_help: str) -> None:
    p.add_argument("file", metavar="FILE", type=Path, help="CSV (UTF-8 or GBK, comma or tab) or XLSX")
    p.add_argument("--sheet", metavar="NAME", help="the XLSX worksheet to read (default: the first)")
    p.add_argument("--db", metavar="URL", help=db_help)


def _init(args) -> int:
    from dashboard.curation.dataset import load_dataset
    from dashboard.editing.changes import edit_count

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
            print(
                f"error: {store.url} holds {edits} recorded change(s) by editors (imports, edits); --reset would "
                "replace them with data/. Export what you need first, then add --discard-edits.",
                file=sys.stderr,
            )
            return EXIT_ERROR
        counts = store.seed(tables)
    finally:
        store.dispose()
    if applied:
        print(f"applied schema migrations {', '.join(map(str, applied))}")
    print(f"{store.url}: seeded " + ", ".join(f"{n} {name}" for name, n in counts.items()))
    return EXIT_OK


def _curate(args) -> int:
    from dashboard.curation.seeds import curate

    for path in curate(args.data_dir, args.seeds_dir):
        print(f"wrote {path}")
    return EXIT_OK


def _check(args) -> int:
    from dashboard.curation.dataset import load_dataset

    tables = load_dataset(args.data_dir, args.seeds_dir)
    print("data/ and seeds/ are valid: " + ", ".join(f"{len(f)} {name}" for name, f in tables.items()))
    return EXIT_OK


def _export(args) -> int:
    from dashboard.curation.dataset import load_dataset
    from dashboard.downloads import export_frame, format_for, write_export

    path = Path(args.output)
    if not path.parent.exists():
        print(f"error: folder {path.parent} does not exist", file=sys.stderr)
        return EXIT_USAGE
    fmt = format_for(path, args.format)
    store = Store.open(args.db)
    try:
        store.prepare(load_dataset)
        observations = store.read("observations")
    finally:
        store.dispose()
    frame = export_frame(observations)
    try:
        write_export(frame, path, fmt)
    except OSError as exc:
        print(f"error: cannot write {path}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_ERROR
    print(f"wrote {len(frame)} observations to {path} ({fmt})")
    return EXIT_OK


def _view_problems(args, tables: dict | None = None) -> list[str]:
    """What is wrong with --lang and (once the tables are read) --institution-type."""
    from dashboard.i18n import LANGUAGES
    from dashboard.programme.selection import filter_choices

    problems = []
    if args.lang not in LANGUAGES:
        problems.append(f"unknown language {args.lang!r}; use one of: {', '.join(LANGUAGES)}")
    if tables is not None:
        choices = filter_choices(tables["institution_types"])
        if args.institution_type not in choices:
            problems.append(
                f"unknown institution type {args.institution_type!r}; use one of: {', '.join(choices)}"
            )
    return problems


def _usage_errors(problems: list[str]) -> int | None:
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    return EXIT_USAGE if problems else None


def _status(args) -> int:
    import datetime as dt

    from dashboard.programme.targets import assess_targets, readable_status_table, status_frame

    if (code := _usage_errors(_view_problems(args))) is not None:
        return code
    tables = _open_tables(args.db)
    if (code := _usage_errors(_view_problems(args, tables))) is not None:
        return code
    items = assess_targets(tables, args.institution_type, dt.date.today())
    if args.format == "table":
        types = tables["institution_types"]
        names = dict(zip(types["id"], types[f"name_{args.lang}"], strict=True))
        readable = readable_status_table(items, names, args.lang)
        readable.insert(0, "indicator", status_frame(items, args.lang)["indicator"])
        print(readable.to_string(index=False))
        return EXIT_OK
    frame = status_frame(items, args.lang)
    if args.format == "csv":
        sys.stdout.write(frame.to_csv(index=False, lineterminator="\n"))
    else:
        sys.stdout.write(frame.to_json(orient="records", force_ascii=False, indent=2) + "\n")
    return EXIT_OK


def _open_tables(db: str | None) -> dict:
    store = _open_store(db)
    try:
        return store.read_all()
    finally:
        store.dispose()


def _brief(args) -> int:
    import datetime as dt

    from dashboard.briefing import builders as briefing
    from dashboard.charts.images import ExportUnavailable

    path = Path(args.output)
    problems = _view_problems(args)
    if args.format not in ("pptx", "pdf"):
        problems.append(f"unknown format {args.format!r}; use pptx or pdf")
    if not path.parent.exists():
        problems.append(f"folder {path.parent} does not exist")
    if (code := _usage_errors(problems)) is not None:
        return code
    tables = _open_tables(args.db)
    if (code := _usage_errors(_view_problems(args, tables))) is not None:
        return code
    today = dt.date.today()
    years = tuple(sorted(int(p[:4]) for p in tables["observations"]["period"]))
    years = (years[0], max(years[-1], today.year))
    tables = _with_inventory(tables, args.db, years)
    available = briefing.default_slide_ids(tables, args.institution_type, today)
    slides = [s.strip() for s in args.slides.split(",") if s.strip()] if args.slides else available
    unknown = [s for s in slides if s not in available]
    if unknown or not slides:
        print(
            f"error: unknown slide(s) {', '.join(unknown) or '(none given)'}; for this institution type the "
            f"slides are: {', '.join(available)}",
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        images = briefing.make_deck(
            tables,
            args.institution_type,
            years,
            args.lang,
            slides,
            args.format,
            path,
            today,
            lambda done, total: print(f"chart {done}/{total}", file=sys.stderr),
        )
    except ExportUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    print(f"wrote {path} ({args.format}, {len(slides) + 1} slides, {images} chart images)")
    return EXIT_OK


def _with_inventory(tables: dict, db: str | None, years: tuple[int, int]) -> dict:
    """`tables` with the stored inventory for the briefing's inventory slide, when there is one."""
    from dashboard.briefing.inventory_slide import InventoryDeck
    from dashboard.charts.maps import load_province_tiles
    from dashboard.inventory import store as inventory_store
    from dashboard.inventory.engine import engine_types

    store = Store.open(db)
    try:
        state = inventory_store.state(store)
        if not state.records:
            return tables
        frame = inventory_store.load_inventory(store, engine_types(list(load_province_tiles()["id"])))
        return {**tables, "inventory": InventoryDeck(state, frame, years, inventory_store.rules(store))}
    finally:
        store.dispose()


def _bench(args) -> int:
    if not args.inventory and not args.engines:
        code = _bench_deck(args)
        if code != EXIT_OK or args.deck:
            return code
    from dashboard.bench import inventory as inventory_bench

    def log(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    try:
        if args.engines:
            print(inventory_bench.run_engines(args.rows, args.seed))
            return EXIT_OK
        print(inventory_bench.run(args.rows, args.seed, log=log))
    except RuntimeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_OK


def _bench_deck(args) -> int:
    import datetime as dt

    from dashboard.briefing import builders as briefing
    from dashboard.charts.images import ExportUnavailable, bench_deck_images, format_bench_line

    tables = _open_tables(args.db)
    today = dt.date.today()
    slides = [
        briefing.build_slide(i, tables, "all", "zh", today)
        for i in briefing.default_slide_ids(tables, "all", today)
    ]
    try:
        result = bench_deck_images([s.figure for s in slides if s.figure is not None])
    except ExportUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    print(format_bench_line(result), flush=True)
    return EXIT_OK


def _default_editor(given: str | None) -> str:
    import getpass

    if given and given.strip():
        return given.strip()
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


def _plan_sheet(args):
    """Read and check the sheet named on the command line: (store, plan) or an exit code."""
    from dashboard.editing.changes import reference
    from dashboard.editing.plans import ImportError_, plan_import
    from dashboard.editing.sheets import SheetError, read_sheet

    if not args.file.is_file():
        print(f"error: {args.file}: no such file", file=sys.stderr)
        return None, EXIT_USAGE
    try:
        sheet = read_sheet(args.file, sheet=args.sheet)
    except SheetError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return None, EXIT_USAGE if exc.usage else EXIT_ERROR
    store = _open_store(args.db)
    large = len(sheet.rows) > 2000
    try:
        plan = plan_import(
            sheet,
            reference(store),
            (lambda done, total: print(f"checked {done}/{total} rows", file=sys.stderr, flush=True))
            if large
            else None,
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


def _validate(args) -> int:
    planned, code = _plan_sheet(args)
    if planned is None:
        return code
    store, plan = planned
    store.dispose()
    ignored = f"; ignored columns: {', '.join(plan.ignored_columns)}" if plan.ignored_columns else ""
    print(
        f"{plan.file}: valid, {plan.total_rows} rows: {_counts_line(plan.counts(), 'to add')}"
        f"{', ' + str(len(plan.new_sources)) + ' new source(s)' if plan.new_sources else ''}{ignored}"
    )
    return EXIT_OK


def _import(args) -> int:
    from dashboard.editing.changes import ChangeError, ConflictError, apply_import

    planned, code = _plan_sheet(args)
    if planned is None:
        return code
    store, plan = planned
    total = len(plan.of("add")) + len(plan.of("correct"))
    print(f"writing {total} rows", file=sys.stderr, flush=True)
    try:
        outcome = apply_import(
            store,
            plan,
            _default_editor(args.editor),
            progress=lambda done, total: print(f"written {done}/{total} rows", file=sys.stderr, flush=True),
        )
    except (ConflictError, ChangeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    finally:
        store.dispose()
    counts = {"add": outcome.added, "correct": outcome.corrected, "unchanged": outcome.unchanged}
    print(
        f"{plan.file}: {_counts_line(counts, 'added')}"
        f"{', ' + str(len(plan.new_sources)) + ' new source(s)' if plan.new_sources else ''} (change "
        f"{outcome.batch[:12]})"
    )
    return EXIT_OK


def _open_store(db: str | None) -> Store:
    """The store at `db` (or the default), migrated and, when empty, seeded from data/."""
    from dashboard.curation.dataset import load_dataset

    store = Store.open(db)
    try:
        store.prepare(load_dataset)
    except BaseException:
        store.dispose()
        raise
    return store


def _inventory(args) -> int:
    from dashboard.charts.maps import load_province_tiles
    from dashboard.inventory import store as inventory_store
    from dashboard.inventory.records import InventoryFileError, read_records

    store = _open_store(args.db)
    try:
        if args.action == "status":
            return _inventory_status(store)
        before = inventory_store.state(store)
        print(f"reading {args.file} …", file=sys.stderr, flush=True)
        try:
            records = read_records(args.file, load_province_tiles(), inventory_store.rules(store))
        except InventoryFileError as exc:
            print(
                f"error: {args.file} was not imported ({exc.total} problem(s)); nothing in the store changed:",
                file=sys.stderr,
            )
            print(str(exc), file=sys.stderr)
            return EXIT_ERROR
        print(f"checked {records.height:,} records; writing …", file=sys.stderr, flush=True)
        version = inventory_store.replace_inventory(
            store, records, "import", False, {"file": args.file.name}, args.editor, _progress_printer()
        )
    finally:
        store.dispose()
    replaced = (
        f" (replacing {before.records:,} {'synthetic demo' if before.synthetic else 'imported'} records)"
        if before.records
        else ""
    )
    print(
        f"imported {records.height:,} records from {args.file} into {store.url}{replaced}; data version {version}"
    )
    return EXIT_OK


def _progress_printer():
    last = {"shown": -1}

    def progress(done: int, total: int) -> None:
        step = done * 10 // max(total, 1)
        if step != last["shown"]:
            last["shown"] = step
            print(f"  written {done:,} of {total:,}", file=sys.stderr, flush=True)

    return progress


def _inventory_status(store: Store) -> int:
    from dashboard.inventory import store as inventory_store
    from dashboard.inventory.tables import rules_text

    state = inventory_store.state(store)
    if not state.records:
        print(f"{store.url}: no inventory (load one with `inventory import FILE` or `demo --rows N`)")
        return EXIT_OK
    origin = "synthetic demo data" if state.synthetic else f"imported from {state.detail.get('file', '?')}"
    print(
        f"{store.url}: {state.records:,} records, data version {state.version}, {origin}; "
        f"last changed {state.changed_at:%Y-%m-%d %H:%M} by {state.editor or 'unknown'}"
    )
    print(f"rules in force: {rules_text(inventory_store.rules(store), 'en')}")
    return EXIT_OK


def _demo(args) -> int:
    from dashboard.charts.maps import load_province_tiles
    from dashboard.inventory import demo
    from dashboard.inventory import store as inventory_store

    store = _open_store(args.db)
    try:
        before = inventory_store.state(store)
        if before.records and not before.synthetic and not args.replace:
            print(
                f"error: {store.url} holds an imported inventory of {before.records:,} records "
                f"(from {before.detail.get('file', '?')}); the demo would replace it: add --replace to do so",
                file=sys.stderr,
            )
            return EXIT_ERROR
        try:
            anchors = demo.published_anchors(store.read_all())
        except LookupError as exc:
            print(f"error: cannot shape the demo on published figures: {exc}", file=sys.stderr)
            return EXIT_ERROR
        rows = args.rows or int(anchors.inventoried)
        print(f"generating {rows:,} synthetic records (seed {args.seed}) …", file=sys.stderr, flush=True)
        records = demo.generate(
            rows, args.seed, anchors, list(load_province_tiles()["id"]), inventory_store.rules(store)
        )
        version = inventory_store.replace_inventory(
            store,
            records,
            "demo",
            True,
            demo.detail(rows, args.seed, anchors),
            os.environ.get("USER"),
            _progress_printer(),
        )
    finally:
        store.dispose()
    replaced = f", replacing {before.records:,} records" if before.records else ""
    print(
        f"wrote {rows:,} records of synthetic demo data (合成演示数据) into {store.url}{replaced}; "
        f"data version {version}"
    )


def _changes(args) -> int:
    import datetime as dt

    from dashboard.editing.changes import changes_since

    try:
        since = dt.date.fromisoformat(args.since)
    except ValueError:
        print(f"error: --since {args.since!r} is not a date (YYYY-MM-DD)", file=sys.stderr)
        return EXIT_USAGE
    store = _open_store(args.db)
    try:
        frame = changes_since(store, since).drop(columns="record_key")
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


def _history(args) -> int:
    from dashboard.editing.changes import batches

    store = _open_store(args.db)
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


def _undo(args) -> int:
    from dashboard.editing.changes import ChangeError, ConflictError, batches, undo

    store = _open_store(args.db)
    try:
        found = [b for b in batches(store)["batch"] if b.startswith(args.change)]
        if len(found) != 1:
            print(
                f"error: {'no' if not found else 'more than one'} change starts with {args.change!r}; "
                "see `python -m dashboard history`",
                file=sys.stderr,
            )
            return EXIT_USAGE
        new = undo(store, found[0], _default_editor(args.editor))
    except (ConflictError, ChangeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    finally:
        store.dispose()
    print(f"undid change {found[0][:12]} (as change {new[:12]})")
    return EXIT_OK


def _hash_password(args) -> int:
    import getpass

    from dashboard.editing.access import MIN_PASSWORD_LENGTH, hash_password

    if sys.stdin.isatty():
        first, second = getpass.getpass("editor password: "), getpass.getpass("again: ")
    else:
        lines = sys.stdin.read().splitlines()
        first = second = lines[0] if lines else ""
    if first != second:
        print("error: the two passwords differ", file=sys.stderr)
        return EXIT_USAGE
    if len(first) < MIN_PASSWORD_LENGTH:
        print(f"error: use at least {MIN_PASSWORD_LENGTH} characters", file=sys.stderr)
        return EXIT_USAGE
    print(hash_password(first))
    return EXIT_OK


COMMANDS = {
    "init": _init,
    "status": _status,
    "brief": _brief,
    "bench": _bench,
    "curate": _curate,
    "check": _check,
    "export": _export,
    "validate": _validate,
    "import": _import,
    "changes": _changes,
    "history": _history,
    "undo": _undo,
    "hash-password": _hash_password,
    "inventory": _inventory,
    "demo": _demo,
}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except DataFileError as exc:
        print(f"error: the curated data is not valid ({len(exc.problems)} problem(s)):", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return EXIT_ERROR
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERROR
