"""`python -m dashboard` as a user runs it: real processes, real files, exit codes and messages."""

import subprocess
import sys

import openpyxl
import pandas as pd
import pytest

from dashboard.curation.datafiles import DATA_DIR
from dashboard.editing.export import EXPORT_COLUMNS
from tests.fixtures import copy_dataset, replace_in_file

ROOT = DATA_DIR.parent


def run(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "dashboard", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_init_seeds_once_and_export_writes_every_observation(store_url, tmp_path):
    first = run("init", "--db", store_url)
    assert first.returncode == 0, first.stderr
    assert "seeded" in first.stdout and "observations" in first.stdout
    again = run("init", "--db", store_url)
    assert again.returncode == 0 and "already initialised" in again.stdout
    csv_path, xlsx_path = tmp_path / "obs.csv", tmp_path / "obs.xlsx"
    assert run("export", "--db", store_url, "-o", str(csv_path)).returncode == 0
    assert run("export", "--db", store_url, "--format", "xlsx", "-o", str(xlsx_path)).returncode == 0
    from_csv = pd.read_csv(csv_path, encoding="utf-8-sig", dtype={"period": str})
    assert list(from_csv.columns) == EXPORT_COLUMNS
    shipped = pd.read_csv(DATA_DIR / "observations.csv", dtype={"period": str})
    assert len(from_csv) == len(shipped)
    merged = from_csv.merge(
        shipped,
        on=["indicator", "period", "institution_type", "source"],
        validate="one_to_one",
        suffixes=("", "_shipped"),
    )
    assert merged["value"].tolist() == pytest.approx(merged["value_shipped"].tolist())
    sheet = openpyxl.load_workbook(xlsx_path).active
    assert [c.value for c in sheet[1]] == EXPORT_COLUMNS
    assert sheet.max_row == len(shipped) + 1


def test_init_reset_replaces_the_contents(sqlite_url):
    assert run("init", "--db", sqlite_url).returncode == 0
    reset = run("init", "--db", sqlite_url, "--reset")
    assert reset.returncode == 0 and "seeded" in reset.stdout


@pytest.mark.parametrize(
    ("args", "words"),
    [
        ([], "required"),
        (["bogus"], "invalid choice"),
        (["export"], "-o/--output"),
        (["export", "--format", "pdf", "-o", "x.pdf"], "invalid choice: 'pdf'"),
        (["export", "-o", "/no/such/folder/x.csv"], "does not exist"),
    ],
)
def test_usage_errors_exit_2_with_a_message_and_no_traceback(args, words):
    result = run(*args)
    assert result.returncode == 2
    assert words in result.stderr and "Traceback" not in result.stderr


def test_a_store_that_cannot_be_opened_exits_1_with_a_clear_message():
    result = run("init", "--db", "postgresql://nobody@127.0.0.1:1/none")
    assert result.returncode == 1
    assert "cannot open the store" in result.stderr and "Traceback" not in result.stderr


def test_a_malformed_data_file_fails_init_naming_file_row_and_column(tmp_path, sqlite_url):
    data_dir, seeds_dir = copy_dataset(tmp_path)
    replace_in_file(
        data_dir / "pilots.csv",
        "重庆,Chongqing,csrc_warrant_pilots,2022,",
        "重庆,Chongqing,csrc_warrant_pilots,20X2,",
    )
    result = run("init", "--db", sqlite_url, "--data-dir", str(data_dir), "--seeds-dir", str(seeds_dir))
    assert result.returncode == 1
    assert "pilots.csv, row 4, column 'approved_since'" in result.stderr and "Traceback" not in result.stderr


def test_check_and_curate_agree_with_the_shipped_data(tmp_path):
    data_dir, seeds_dir = copy_dataset(tmp_path)
    before = (data_dir / "observations.csv").read_text(encoding="utf-8")
    assert run("curate", "--data-dir", str(data_dir), "--seeds-dir", str(seeds_dir)).returncode == 0
    assert (data_dir / "observations.csv").read_text(encoding="utf-8") == before
    checked = run("check", "--data-dir", str(data_dir), "--seeds-dir", str(seeds_dir))
    assert checked.returncode == 0 and "are valid" in checked.stdout


def test_brief_writes_a_deck_and_a_handout_with_every_chart(sqlite_url, tmp_path):
    from pptx import Presentation
    from pypdf import PdfReader

    assert run("init", "--db", sqlite_url).returncode == 0
    slides = "summary,target:ip_royalty_trade_2025,page:finance"
    pptx_path, pdf_path = tmp_path / "deck.pptx", tmp_path / "deck.pdf"
    made = run(
        "brief",
        "--db",
        sqlite_url,
        "--lang",
        "en",
        "--slides",
        slides,
        "--format",
        "pptx",
        "-o",
        str(pptx_path),
    )
    assert made.returncode == 0, made.stderr
    deck = Presentation(str(pptx_path))
    assert len(deck.slides) == 4  # the title slide, then the three chosen
    assert deck.slide_width * 9 == deck.slide_height * 16
    pictures = [sum(s.shape_type == 13 for s in slide.shapes) for slide in deck.slides]
    assert pictures[2] == 1 and pictures[3] == 1  # the trajectory and the pledge-financing chart
    assert "State Council Information Office" in deck.slides[2].notes_slide.notes_text_frame.text
    made = run(
        "brief",
        "--db",
        sqlite_url,
        "--lang",
        "zh",
        "--institution-type",
        "enterprise",
        "--format",
        "pdf",
        "-o",
        str(pdf_path),
    )
    assert made.returncode == 0, made.stderr
    assert len(PdfReader(str(pdf_path)).pages) >= 4


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--format", "docx"], "unknown format 'docx'"),
        (["--format", "pptx", "--slides", "summary,target:nope"], "unknown slide(s) target:nope"),
        (["--format", "pptx", "--institution-type", "hospital"], "unknown institution type 'hospital'"),
        (["--format", "pptx", "--lang", "fr"], "unknown language 'fr'"),
    ],
)
def test_brief_refuses_unknown_formats_and_slides_with_exit_2(sqlite_url, tmp_path, args, words):
    result = run("brief", "--db", sqlite_url, *args, "-o", str(tmp_path / "x.out"))
    assert result.returncode == 2 and words in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "x.out").exists()
