"""What every command shares: exit codes, a parser that exits 2 on usage errors, opening the store, the view
asked for on the command line, progress lines."""

from __future__ import annotations

import argparse
import getpass
import sys

from dashboard.curation.catalogue import Tables
from dashboard.curation.dataset import load_dataset
from dashboard.i18n import LANGUAGES
from dashboard.programme.selection import Selection, filter_choices
from dashboard.store.database import Store
from dashboard.store.editors import CLI_EDITOR, Editor

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2
DB_HELP = "database URL (default: DATABASE_URL, else the embedded SQLite file var/dashboard.sqlite)"


class CommandParser(argparse.ArgumentParser):
    """argparse that says what went wrong and exits 2, without a traceback."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def add_db(parser: argparse.ArgumentParser, note: str = "") -> None:
    parser.add_argument("--db", metavar="URL", help=DB_HELP + note)


def add_view(parser: argparse.ArgumentParser, type_help: str) -> None:
    parser.add_argument("--institution-type", default="all", metavar="TYPE", help=type_help)
    parser.add_argument("--lang", default="zh", metavar="LANG", help="zh (default) or en")


def positive(text: str) -> int:
    try:
        value = int(text.replace(",", "").replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} must be at least 1")
    return value


def error(text: str) -> None:
    print(f"error: {text}", file=sys.stderr)


def note(text: str) -> None:
    """A progress line (standard error, so that standard output stays the command's result)."""
    print(text, file=sys.stderr, flush=True)


def open_store(db: str | None) -> Store:
    """The store at `db` (or the default), migrated and, when empty, seeded from data/."""
    store = Store.open(db)
    try:
        store.prepare(load_dataset)
    except BaseException:
        store.dispose()
        raise
    return store


def open_tables(db: str | None) -> Tables:
    store = open_store(db)
    try:
        return store.read_all()
    finally:
        store.dispose()


def view_problems(args: argparse.Namespace, tables: Tables | None = None) -> list[str]:
    """What is wrong with --lang and (once the tables are read) --institution-type."""
    problems = []
    if args.lang not in LANGUAGES:
        problems.append(f"unknown language {args.lang!r}; use one of: {', '.join(LANGUAGES)}")
    if tables is not None:
        choices = filter_choices(tables.institution_types)
        if args.institution_type not in choices:
            problems.append(
                f"unknown institution type {args.institution_type!r}; use one of: {', '.join(choices)}"
            )
    return problems


def usage_errors(problems: list[str]) -> int | None:
    for problem in problems:
        error(problem)
    return EXIT_USAGE if problems else None


def selection(args: argparse.Namespace, tables: Tables, years: tuple[int, int] | None = None) -> Selection:
    """The view the command line asks for (checked by view_problems first)."""
    return Selection.of(args.lang, args.institution_type, tables.institution_types, years)


def default_editor(given: str | None) -> Editor:
    """Who the command line writes as: the name given with --editor, else the account running it. Whoever holds
    the store's address may write to it anyway; the name is for the audit log."""
    if given and given.strip():
        return Editor(given.strip(), "cli")
    try:
        return Editor(f"{CLI_EDITOR}:{getpass.getuser()}", "cli")
    except (KeyError, OSError):
        return Editor(CLI_EDITOR, "cli")


def progress_printer(verb: str = "written"):
    """progress(done, total) that prints a line at each tenth of the way."""
    last = {"shown": -1}

    def progress(done: int, total: int) -> None:
        step = done * 10 // max(total, 1)
        if step != last["shown"]:
            last["shown"] = step
            note(f"  {verb} {done:,} of {total:,}")

    return progress
