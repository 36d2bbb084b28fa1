"""`brief`: the briefing deck (pptx) or handout (pdf) for a view, as the Present page exports it."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from dashboard.cli.common import (
    EXIT_ERROR,
    EXIT_OK,
    EXIT_USAGE,
    add_db,
    add_view,
    error,
    note,
    open_tables,
    selection,
    usage_errors,
    view_problems,
)
from dashboard.store.database import Store


def register(sub) -> None:
    p = sub.add_parser("brief", help="write the briefing deck (pptx) or handout (pdf)")
    add_db(p)
    add_view(p, "as for status (default: all)")
    p.add_argument(
        "--slides",
        metavar="IDS",
        help="comma-separated slide ids in order (default: every slide); "
        "summary, target:<target id>, page:universities|enterprises|finance|milestones|inventory",
    )
    p.add_argument("--format", required=True, metavar="FORMAT", help="pptx or pdf")
    p.add_argument("-o", "--output", required=True, metavar="PATH", help="file to write")
    p.set_defaults(run=run_brief)


def run_brief(args: argparse.Namespace) -> int:
    from dashboard.briefing.builders import default_slide_ids
    from dashboard.briefing.deck import FORMATS, make_deck
    from dashboard.charts.images import ExportUnavailable

    path = Path(args.output)
    problems = view_problems(args)
    if args.format not in FORMATS:
        problems.append(f"unknown format {args.format!r}; use pptx or pdf")
    if not path.parent.exists():
        problems.append(f"folder {path.parent} does not exist")
    if (code := usage_errors(problems)) is not None:
        return code
    tables = open_tables(args.db)
    if (code := usage_errors(view_problems(args, tables))) is not None:
        return code
    today = dt.date.today()
    sel = selection(args, tables, tables.year_span(today.year))
    inventory = _inventory(args.db, sel.years)
    available = default_slide_ids(tables, sel.types, today, inventory)
    slides = [s.strip() for s in args.slides.split(",") if s.strip()] if args.slides else available
    unknown = [s for s in slides if s not in available]
    if unknown or not slides:
        error(
            f"unknown slide(s) {', '.join(unknown) or '(none given)'}; for this institution type the "
            f"slides are: {', '.join(available)}"
        )
        return EXIT_USAGE
    try:
        images = make_deck(
            tables,
            sel,
            slides,
            args.format,
            path,
            today,
            inventory,
            lambda done, total: note(f"chart {done}/{total}"),
        )
    except ExportUnavailable as exc:
        error(str(exc))
        return EXIT_ERROR
    print(f"wrote {path} ({args.format}, {len(slides) + 1} slides, {images} chart images)")
    return EXIT_OK


def _inventory(db: str | None, years: tuple[int, int]):
    """The stored inventory for the briefing's inventory slide, or None when there is none."""
    from dashboard.briefing.slides import InventoryDeck
    from dashboard.inventory.engine import summarise
    from dashboard.inventory.service import load_engine_frame
    from dashboard.inventory.store import rules, state

    store = Store.open(db)
    try:
        current = state(store)
        if not current.records:
            return None
        return InventoryDeck(current, summarise(load_engine_frame(store)), years, rules(store))
    finally:
        store.dispose()
