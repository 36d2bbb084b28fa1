"""One deterministic fixture builder shared by the unit, app and browser tiers."""

from __future__ import annotations

from pathlib import Path

from dashboard.dataset import load_dataset
from dashboard.store import Store


def sqlite_url(folder: Path, name: str = "fixture.sqlite") -> str:
    return f"sqlite:///{folder / name}"


def build_store(url: str) -> Store:
    """A migrated store seeded with the shipped dataset (data/, checked against seeds/)."""
    store = Store.open(url)
    store.migrate()
    store.seed(load_dataset())
    return store
