"""The programme's dataset as shipped: data/ read through its sidecars and checked against seeds/."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.curation.catalogue import GENERATED_FROM_SEEDS, Tables
from dashboard.curation.datafiles import DATA_DIR, load_all
from dashboard.curation.problems import DataFileError, DataProblem
from dashboard.curation.seeds import SEEDS_DIR, build_tables, load_seeds
from dashboard.i18n import message


def _normalise(frame: pd.DataFrame) -> pd.DataFrame:
    """Compare tables as text, as they are written to CSV (so 21000.0 equals 21000)."""
    return (
        frame.astype(object)
        .where(frame.notna(), None)
        .map(lambda v: None if v is None else (f"{v:.10g}" if isinstance(v, float) else str(v)))
        .reset_index(drop=True)
    )


def stale_tables(tables: Tables, seeds_dir: Path = SEEDS_DIR) -> list[str]:
    """The generated tables in data/ that differ from what seeds/ builds."""
    built = build_tables(load_seeds(seeds_dir), tables.indicators)
    stale = []
    for name in GENERATED_FROM_SEEDS:
        frame = getattr(tables, name)
        have, want = _normalise(frame), _normalise(built[name][frame.columns])
        if have.shape != want.shape or not have.equals(want):
            stale.append(name)
    return stale


def load_dataset(data_dir: Path = DATA_DIR, seeds_dir: Path = SEEDS_DIR) -> Tables:
    """Every curated table, validated; raise DataFileError if a file is malformed or data/ lags seeds/."""
    tables = load_all(data_dir)
    stale = stale_tables(tables, seeds_dir)
    if stale:
        raise DataFileError(
            [
                DataProblem(
                    f"data/{name}.csv",
                    None,
                    None,
                    message("data_stale"),
                )
                for name in stale
            ]
        )
    return tables
