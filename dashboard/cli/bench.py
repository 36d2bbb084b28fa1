"""`bench`: measure the deck's chart images and the Inventory page at scale (dashboard.bench)."""

from __future__ import annotations

import argparse
import datetime as dt

from dashboard.cli.common import EXIT_ERROR, EXIT_OK, add_db, error, note, open_tables, positive
from dashboard.programme.selection import Selection


def register(sub) -> None:
    p = sub.add_parser(
        "bench", help="measure the deck's chart images and the Inventory page at scale (inventory line last)"
    )
    add_db(p, "; for the deck only (the inventory bench uses a store of its own)")
    p.add_argument(
        "--rows",
        type=positive,
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
        "--browser",
        action="store_true",
        help="only the Inventory page in Chromium: ours, the naive peer and bare Plotly.js, settled after each "
        "filter change; and the server's peak memory for one session and for six at once",
    )
    only.add_argument(
        "--engines",
        action="store_true",
        help="only the engines: the page's aggregations in polars and in DuckDB on the same records",
    )
    p.set_defaults(run=run_bench)


def run_bench(args: argparse.Namespace) -> int:
    if not args.inventory and not args.engines and not args.browser:
        code = _bench_deck(args)
        if code != EXIT_OK or args.deck:
            return code
    from dashboard.bench import inventory as inventory_bench

    try:
        if args.engines:
            print(inventory_bench.run_engines(args.rows, args.seed))
            return EXIT_OK
        if args.browser:
            from dashboard.bench import browser as browser_bench

            print(browser_bench.run(args.rows, args.seed, log=note))
            return EXIT_OK
        print(inventory_bench.run(args.rows, args.seed, log=note))
    except RuntimeError as exc:
        error(str(exc))
        return EXIT_ERROR
    return EXIT_OK


def _bench_deck(args: argparse.Namespace) -> int:
    from dashboard.bench.deck import bench_deck_images, format_bench_line
    from dashboard.briefing.builders import build_slide, default_slide_ids
    from dashboard.charts.images import ExportUnavailable

    tables = open_tables(args.db)
    today = dt.date.today()
    sel = Selection.of("zh", "all", tables.institution_types)
    slides = [build_slide(i, tables, sel, today) for i in default_slide_ids(tables, sel.types, today)]
    try:
        result = bench_deck_images([s.figure for s in slides if s.figure is not None])
    except ExportUnavailable as exc:
        error(str(exc))
        return EXIT_ERROR
    print(format_bench_line(result), flush=True)
    return EXIT_OK
