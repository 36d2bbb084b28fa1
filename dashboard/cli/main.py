"""`python -m dashboard`: the parser of every command, and running one with its errors as one line each."""

from __future__ import annotations

import argparse
import sys

from sqlalchemy.exc import SQLAlchemyError

from dashboard.cli import bench, briefing, data, editing, figures, inventory
from dashboard.cli.common import EXIT_ERROR, CommandParser, error
from dashboard.curation.problems import DataFileError
from dashboard.store.database import StoreError, failure, resolve_url

# Command groups, in the order `--help` lists them.
GROUPS = (data, figures, briefing, editing, inventory, bench)


def build_parser() -> argparse.ArgumentParser:
    parser = CommandParser(
        prog="python -m dashboard",
        description="Create and seed a store, rebuild data/ from seeds/, check the data, report status, write "
        "briefings, keep figures current and manage the patent-level inventory.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=CommandParser)
    sub.required = True
    for group in GROUPS:
        group.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except DataFileError as exc:
        error(f"the curated data is not valid ({len(exc.problems)} problem(s)):")
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return EXIT_ERROR
    except StoreError as exc:
        error(str(exc))
        return EXIT_ERROR
    except SQLAlchemyError as exc:  # a store fault met where no message had words for it: still one line
        error(str(failure("store_failed", resolve_url(getattr(args, "db", None)), exc)))
        return EXIT_ERROR
