"""`python -m dashboard inventory …`, `demo` and `bench --inventory` as a user runs them: real processes,
real files, both store backends, exit codes and messages; a killed import leaves the store as it was."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys

import polars as pl
import pytest

from dashboard.inventory import store as inventory_store
from dashboard.store.database import Store
from tests.fixtures import inventory_records
from tests.unit.cli.test_cli import ROOT, run


def stored(url: str) -> inventory_store.InventoryState:
    store = Store.open(url)
    try:
        return inventory_store.state(store)
    finally:
        store.dispose()


def test_demo_then_import_then_status(store_url, tmp_path):
    made = run("demo", "--rows", "1500", "--seed", "4", "--db", store_url)
    assert made.returncode == 0, made.stderr
    assert "1,500 records of synthetic demo data (合成演示数据)" in made.stdout
    state = stored(store_url)
    assert (state.records, state.synthetic, state.detail["seed"]) == (1500, True, 4)

    path = tmp_path / "real.parquet"
    inventory_records(800, 9).write_parquet(path)
    imported = run("inventory", "import", str(path), "--db", store_url, "--editor", "tester")
    assert imported.returncode == 0, imported.stderr
    assert (
        "imported 800 records" in imported.stdout
        and "replacing 1,500 synthetic demo records" in imported.stdout
    )
    state = stored(store_url)
    assert (state.records, state.synthetic, state.kind, state.editor) == (800, False, "import", "tester")

    refused = run("demo", "--rows", "100", "--db", store_url)
    assert refused.returncode == 1 and "add --replace" in refused.stderr
    assert stored(store_url).records == 800
    status = run("inventory", "status", "--db", store_url)
    assert "800 records" in status.stdout and "imported from real.parquet" in status.stdout
    assert "rules in force: technology 40%" in status.stdout
    assert run("demo", "--rows", "100", "--replace", "--db", store_url).returncode == 0
    assert stored(store_url).records == 100


def test_a_bad_file_is_refused_whole_naming_row_and_column(sqlite_url, tmp_path):
    assert run("demo", "--rows", "300", "--db", sqlite_url).returncode == 0
    before = stored(sqlite_url)
    records = inventory_records(50, 2).with_columns(pl.all().cast(pl.String))
    bad = records.with_columns(
        pl.when(pl.int_range(pl.len()) == 30)
        .then(pl.lit("9x"))
        .otherwise(pl.col("tech_score"))
        .alias("tech_score")
    )
    path = tmp_path / "bad.csv"
    bad.write_csv(path)
    result = run("inventory", "import", str(path), "--db", sqlite_url)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "was not imported (1 problem(s)); nothing in the store changed" in result.stderr
    assert f"{path}, row 32, column 'tech_score': '9x' is not a number" in result.stderr
    assert stored(sqlite_url) == before


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["demo", "--rows", "0"], "must be at least 1"),
        (["inventory"], "required"),
        (["inventory", "import"], "FILE"),
        (["bench", "--deck", "--inventory"], "not allowed with"),
    ],
)
def test_usage_errors_exit_2(args, words):
    result = run(*args)
    assert result.returncode == 2 and words in result.stderr and "Traceback" not in result.stderr


def test_a_killed_import_leaves_the_store_as_it_was(store_url, tmp_path):
    assert run("demo", "--rows", "200", "--db", store_url).returncode == 0
    before = stored(store_url)
    path = tmp_path / "big.parquet"
    inventory_records(200_000, 3).write_parquet(path)  # two chunks: killed once the first is written
    process = subprocess.Popen(
        [sys.executable, "-m", "dashboard", "inventory", "import", str(path), "--db", store_url],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        for line in process.stderr:
            if line.strip().startswith("written 100,000 of 200,000"):
                os.kill(process.pid, signal.SIGKILL)
                break
        else:
            pytest.fail("the import never reported writing its first chunk")
    finally:
        process.wait(timeout=120)
    assert process.returncode == -signal.SIGKILL
    assert stored(store_url) == before


def test_bench_prints_its_one_line_last():
    result = subprocess.run(
        [sys.executable, "-m", "dashboard", "bench", "--inventory", "--rows", "2000"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    last = result.stdout.strip().splitlines()[-1]
    found = re.fullmatch(
        r"rows=2000 rerun_ms=(\d+) floor_ms=(\d+) naive_ms=(\d+) ratio=([\d.]+) speedup=([\d.]+) "
        r"rss_mb=(\d+) engine_ms=(\d+)",
        last,
    )
    assert found, last
    rerun, floor, naive, ratio, speedup, _, engine = map(float, found.groups())
    assert engine <= floor  # the floor is the engine and the figures
    assert ratio == pytest.approx(
        rerun / max(floor, 1), rel=0.5
    )  # the line's ratio is rerun/floor, as rounded
    assert speedup == pytest.approx(naive / rerun, rel=0.5)


def test_brief_puts_the_inventory_in_the_deck_marked_synthetic(sqlite_url, tmp_path):
    from pptx import Presentation

    assert run("demo", "--rows", "800", "--db", sqlite_url).returncode == 0
    path = tmp_path / "deck.pptx"
    made = run(
        "brief",
        "--db",
        sqlite_url,
        "--lang",
        "en",
        "--slides",
        "page:inventory",
        "--format",
        "pptx",
        "-o",
        str(path),
    )
    assert made.returncode == 0, made.stderr
    slide = Presentation(str(path)).slides[1]
    text = " ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
    assert "Stock-patent inventory · synthetic demo data" in text
    assert sum(shape.shape_type == 13 for shape in slide.shapes) == 1  # the funnel, as a picture
    assert "made up by" in slide.notes_slide.notes_text_frame.text
