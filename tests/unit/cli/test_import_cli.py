"""`validate`, `import`, `history`, `undo`, `changes` and `hash-password` as people run them: real processes,
real files, exit codes 0 / 1 / 2 and the lines they print."""

import subprocess
import sys

import pytest

from dashboard.curation.datafiles import DATA_DIR
from dashboard.editing.access import verify_password
from dashboard.store.database import Store
from tests.fixtures import build_store, write_csv, write_xlsx

ROOT = DATA_DIR.parent
SOURCE = "2024-04-24-scio-stock-patent-inventory"
HEADER = ["indicator", "period", "value", "unit", "institution_type", "source", "qualifier", "note"]


def run(*args, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "dashboard", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        input=stdin,
        timeout=120,
    )


@pytest.fixture
def db(store_url):
    build_store(store_url).dispose()
    return store_url


def count(url) -> int:
    store = Store.open(url)
    try:
        return store.count("observations")
    finally:
        store.dispose()


def test_validate_then_import_then_undo(db, tmp_path):
    path = write_csv(
        tmp_path / "good.csv",
        HEADER,
        [
            ["univ_transfer_contracts", "2026年", "2.5万余", "", "高校", SOURCE, "", ""],
            [
                "univ_transfer_amount",
                "2026",
                "110.1亿元",
                "",
                "university",
                "某报，某统计，2026-05-01",
                "",
                "",
            ],
        ],
        encoding="gbk",
    )
    before = count(db)
    checked = run("validate", str(path), "--db", db)
    assert checked.returncode == 0, checked.stderr
    assert "valid, 2 rows: 2 to add, 0 corrected, 0 unchanged, 1 new source(s)" in checked.stdout
    assert count(db) == before  # validating writes nothing
    imported = run("import", str(path), "--db", db, "--editor", "王编辑")
    assert imported.returncode == 0, imported.stderr
    assert "2 added, 0 corrected, 0 unchanged" in imported.stdout
    assert count(db) == before + 2
    again = run("import", str(path), "--db", db)
    assert "0 added, 0 corrected, 2 unchanged" in again.stdout
    assert "(nothing written)" in again.stdout and "(change " not in again.stdout  # no change id to undo
    history = run("history", "--db", db)
    assert "王编辑" in history.stdout and "import good.csv" in history.stdout
    change = history.stdout.split()[0]
    assert run("undo", change, "--db", db).returncode == 0
    assert count(db) == before
    assert "(undone)" in run("history", "--db", db).stdout
    assert run("undo", change, "--db", db).returncode == 1  # already undone
    assert run("undo", "zzzz", "--db", db).returncode == 2
    changes = run("changes", "--since", "2000-01-01", "--db", db, "--format", "csv")
    assert changes.returncode == 0 and changes.stdout.startswith("table_name,record,change")


def test_an_invalid_sheet_prints_one_line_per_problem_and_imports_nothing(db, tmp_path):
    path = write_xlsx(
        tmp_path / "bad.xlsx",
        HEADER,
        [
            ["univ_transfer_contracts", 2026, 100, None, "university", SOURCE, None, None],
            ["univ_transfer_contracts", 2027, "many", None, "university", SOURCE, None, None],
            ["nope", 2027, 5, None, "university", SOURCE, None, None],
        ],
    )
    before = count(db)
    for command in ("validate", "import"):
        result = run(command, str(path), "--db", db)
        assert result.returncode == 1
        assert result.stdout.splitlines() == [
            "bad.xlsx: row 3, column value: 'many' is not a number",
            "bad.xlsx: row 4, column indicator: unknown indicator 'nope'",
        ]
        assert "nothing was imported" in result.stderr
    assert count(db) == before


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["validate", "missing.csv"], 2, "no such file"),
        (["validate"], 2, "required: FILE"),
        (["import", "{xlsx}", "--sheet", "nope"], 2, "no worksheet 'nope'"),
        (["validate", "{empty}"], 1, "empty"),
        (["validate", "{headerless}"], 1, "row 1"),
        (["changes", "--since", "yesterday"], 2, "not a date"),
    ],
)
def test_usage_errors_exit_2_and_bad_files_1(db, tmp_path, args, code, words):
    files = {
        "xlsx": write_xlsx(tmp_path / "a.xlsx", HEADER, []),
        "empty": tmp_path / "empty.csv",
        "headerless": write_csv(tmp_path / "h.csv", ["2026", "100", "university"], []),
    }
    files["empty"].write_bytes(b"")
    args = [a.format(**files) for a in args]
    result = run(*args, *(["--db", db] if len(args) > 1 else []))
    assert result.returncode == code, (result.stdout, result.stderr)
    assert words in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_init_reset_keeps_editors_changes_unless_told(db, tmp_path):
    path = write_csv(
        tmp_path / "one.csv",
        HEADER,
        [["univ_transfer_contracts", "2026", "1", "", "university", SOURCE, "", ""]],
    )
    assert run("import", str(path), "--db", db).returncode == 0
    refused = run("init", "--db", db, "--reset")
    assert refused.returncode == 1 and "--discard-edits" in refused.stderr
    assert "1 unchanged" in run("validate", str(path), "--db", db).stdout
    assert run("init", "--db", db, "--reset", "--discard-edits").returncode == 0
    assert "1 to add" in run("validate", str(path), "--db", db).stdout


def test_hash_password_prints_a_hash_that_verifies():
    result = run("hash-password", stdin="a long enough password\n")
    assert result.returncode == 0
    assert verify_password("a long enough password", result.stdout.strip())
    assert not verify_password("another password", result.stdout.strip())
    assert run("hash-password", stdin="short\n").returncode == 2
