"""One deterministic fixture builder shared by the unit, app and browser tiers."""

from __future__ import annotations

import re
from pathlib import Path

from dashboard.curation.dataset import load_dataset
from dashboard.store.database import Store
from dashboard.store.editors import Editor


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def sqlite_url(folder: Path, name: str = "fixture.sqlite") -> str:
    return f"sqlite:///{folder / name}"


def build_store(url: str) -> Store:
    """A migrated store seeded with the shipped dataset (data/, checked against seeds/)."""
    store = Store.open(url)
    store.prepare(load_dataset)
    return store


def snapshot(store: Store) -> dict[str, list]:
    """Every row of every table of the schema, in a stable order: the store as it is."""
    import sqlalchemy as sa

    from dashboard.store import schema

    out = {}
    with store.engine.connect() as conn:
        for table in schema.metadata.sorted_tables:
            rows = conn.execute(sa.select(table)).all()
            out[table.name] = sorted((tuple(map(repr, row)) for row in rows), key=str)
    return out


def copy_dataset(folder: Path) -> tuple[Path, Path]:
    """A writable copy of data/ and seeds/ for tests that break a file on purpose."""
    import shutil

    from dashboard.curation.datafiles import DATA_DIR
    from dashboard.curation.seeds import SEEDS_DIR

    data_dir, seeds_dir = folder / "data", folder / "seeds"
    shutil.copytree(DATA_DIR, data_dir)
    shutil.copytree(SEEDS_DIR, seeds_dir)
    return data_dir, seeds_dir


def replace_in_file(path: Path, old: str, new: str, count: int = 1) -> None:
    """Edit a copied file; fail loudly if `old` is not there, so a test never breaks nothing."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


# --- The stock-patent inventory (synthetic demo data, small) ----------------------------------------------------
INVENTORY_ROWS = 3000  # small on purpose: scale is measured by `python -m dashboard bench`, never in tests
INVENTORY_SEED = 11


def inventory_records(rows: int = INVENTORY_ROWS, seed: int = INVENTORY_SEED):
    """A deterministic synthetic inventory (polars frame in the import columns), shaped on the shipped data."""
    from dashboard.inventory import demo
    from dashboard.provinces import load_province_tiles

    return demo.generate(
        rows, seed, demo.published_anchors(load_dataset()), list(load_province_tiles()["id"])
    )


def build_inventory_store(url: str, rows: int = INVENTORY_ROWS, seed: int = INVENTORY_SEED) -> Store:
    """A seeded store holding the synthetic inventory, as `python -m dashboard demo` writes it."""
    from dashboard.inventory import demo
    from dashboard.inventory import store as inventory_store

    store = build_store(url)
    anchors = demo.published_anchors(load_dataset())
    inventory_store.replace_inventory(
        store, inventory_records(rows, seed), "demo", True, demo.detail(rows, seed, anchors), EDITOR
    )
    return store


# --- editors and import sheets ---------------------------------------------------------------------------------

EDITOR_PASSWORD = "patent-editor-test-password"
EDITOR = Editor("王编辑", "password")  # an editor signed in, as the write functions require


def editor_password_hash() -> str:
    """The hash the test apps are configured with (a fixed salt, so every tier agrees)."""
    from dashboard.editing.access import hash_password

    return hash_password(EDITOR_PASSWORD, salt=b"dashboard-tests!")


def write_csv(
    path: Path, header: list[str], rows: list[list[object]], encoding: str = "utf-8", delimiter: str = ","
) -> Path:
    """A sheet as people save it: the given encoding and separator, cells written as given."""
    import csv
    import io

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def write_xlsx(
    path: Path,
    header: list[str],
    rows: list[list[object]],
    sheet: str = "Sheet1",
    number_formats: dict[int, str] | None = None,
    first_sheet: str | None = None,
) -> Path:
    """An XLSX workbook with real cells (numbers, dates) as given; `number_formats` maps a column index to a
    cell format (e.g. '0.00%'); `first_sheet` puts another worksheet before the data."""
    from openpyxl import Workbook

    workbook = Workbook()
    worksheet = workbook.active
    if first_sheet:
        worksheet.title = first_sheet
        worksheet = workbook.create_sheet(sheet)
    else:
        worksheet.title = sheet
    worksheet.append(header)
    for row in rows:
        worksheet.append(row)
    for column, fmt in (number_formats or {}).items():
        for cells in worksheet.iter_rows(min_row=2, min_col=column + 1, max_col=column + 1):
            for cell in cells:
                cell.number_format = fmt
    workbook.save(path)
    return path


# --- views -------------------------------------------------------------------------------------------------------


def selection(tables, choice: str = "all", lang: str = "zh", years: tuple[int, int] | None = None):
    """The view a test asks for, as the sidebar or the command line would resolve it."""
    from dashboard.programme.selection import Selection

    return Selection.of(lang, choice, tables.institution_types, years)


def type_filter(tables, choice: str = "all"):
    from dashboard.programme.selection import TypeFilter

    return TypeFilter.of(choice, tables.institution_types)


SHEET_HEADER = ["indicator", "period", "value", "unit", "institution_type", "source", "qualifier", "note"]


def import_sheet_rows(store: Store, rows: list[list[object]], name: str, editor: Editor = EDITOR):
    """Import rows in the template's columns (`SHEET_HEADER`) as an editor would upload them; the outcome."""
    from dashboard.editing.changes import apply_import, reference
    from dashboard.editing.plans import one_row_sheet, plan_import

    sheet = one_row_sheet(name, dict(zip(SHEET_HEADER, rows[0], strict=True)))
    sheet.rows = [(i, list(r)) for i, r in enumerate(rows, start=2)]
    return apply_import(store, plan_import(sheet, reference(store)), editor)


def corrected_row(row: dict, by: float) -> list[object]:
    """A sheet row correcting a stored figure's value by `by`, all else as stored."""
    return [
        row["indicator"],
        row["period"],
        row["value"] + by,
        "",
        row["institution_type"],
        row["source"],
        row["qualifier"],
        "",
    ]


# The names `record_some_changes` writes into the history: an editor's and files' own names, Chinese on purpose.
HISTORY_NAMES = ("王编辑", "2026年数据.csv", "更正.xlsx")


def record_some_changes(store: Store, editor: Editor = EDITOR) -> None:
    """A history to read: an import that adds a figure and corrects another, and a second correction that is
    undone again (three changes in the log, two records changed since today)."""
    from dashboard.editing.changes import undo

    first, second = store.read("observations").iloc[:2].to_dict(orient="records")
    added = ["univ_transfer_contracts", "2026", "12345", "", "university", first["source"], "", ""]
    import_sheet_rows(store, [added, corrected_row(first, 1)], "2026年数据.csv", editor)
    undo(store, import_sheet_rows(store, [corrected_row(second, 2)], "更正.xlsx", editor).batch, editor)


# --- what a person should never read --------------------------------------------------------------------------
# Ids in words: snake_case names, source ids (2024-02-28-xinhua-…), the store's table names.
RAW_ID = re.compile(r"\b[a-z][a-z0-9]*_[a-z0-9_]+\b|\b20\d\d-\d\d(?:-\d\d)?-[a-z][a-z0-9-]*|\bobservations\b")
_CJK = re.compile(r"[\u3400-\u9fff]+")
_CHINESE_TITLE = re.compile(r"《[^》]*》")


def as_read(shown: str) -> str:
    """Text as a person reads it where the app showed it literally: Markdown escapes and the invisible word
    joiner (which keeps addresses from turning into links, and short Chinese cells on one line) taken out
    again, and a space that does not break read as a space."""
    from dashboard.formatting import WORD_JOINER

    return re.sub(r"\\(.)", r"\1", shown).replace(WORD_JOINER, "").replace("\u00a0", " ")


def chinese_outside_titles(text: str, names: tuple[str, ...] = ()) -> bool:
    """Whether `text` holds Chinese other than a Chinese source's title in 《》 (what an English page may quote)
    and the proper names in `names` (an editor's name, a file's name: shown as given, in any language)."""
    for name in names:
        text = text.replace(name, "")
    return bool(_CJK.search(_CHINESE_TITLE.sub("", text)))
