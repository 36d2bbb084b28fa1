"""`status`: one row per target, as the Targets page shows it."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from dashboard.cli.common import (
    EXIT_OK,
    add_db,
    add_view,
    open_tables,
    selection,
    usage_errors,
    view_problems,
)
from dashboard.programme.targets import assess_targets, readable_status_table, status_frame


def register(sub) -> None:
    p = sub.add_parser("status", help="one row per target: latest figure, target, deadline, progress, status")
    add_db(p)
    add_view(p, "all (every figure), university, research_institute, university_and_institute, enterprise")
    p.add_argument(
        "--format", choices=("table", "csv", "json"), default="table", help="output format (default: table)"
    )
    p.set_defaults(run=run_status)


def run_status(args: argparse.Namespace) -> int:
    if (code := usage_errors(view_problems(args))) is not None:
        return code
    tables = open_tables(args.db)
    if (code := usage_errors(view_problems(args, tables))) is not None:
        return code
    sel = selection(args, tables)
    items = assess_targets(tables, sel.types, dt.date.today())
    if args.format == "table":
        readable = readable_status_table(items, tables.type_names(sel.lang), sel.lang)
        readable.insert(0, "indicator", status_frame(items, sel.lang)["indicator"])
        print(readable.to_string(index=False))
        return EXIT_OK
    frame = status_frame(items, sel.lang)
    if args.format == "csv":
        sys.stdout.write(frame.to_csv(index=False, lineterminator="\n"))
    else:
        sys.stdout.write(frame.to_json(orient="records", force_ascii=False, indent=2) + "\n")
    return EXIT_OK
