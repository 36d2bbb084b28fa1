"""One deterministic fixture builder shared by the unit, app and browser tiers."""

from __future__ import annotations

from pathlib import Path

from dashboard.dataset import load_dataset
from dashboard.store import Store


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
    store.migrate()
    store.seed(load_dataset())
    return store


def copy_dataset(folder: Path) -> tuple[Path, Path]:
    """A writable copy of data/ and seeds/ for tests that break a file on purpose."""
    import shutil

    from dashboard.curated import DATA_DIR
    from dashboard.seeds import SEEDS_DIR

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
    from dashboard import demo
    from dashboard.geography import load_province_tiles

    return demo.generate(rows, seed, demo.published_anchors(load_dataset()), list(load_province_tiles()["id"]))


def build_inventory_store(url: str, rows: int = INVENTORY_ROWS, seed: int = INVENTORY_SEED) -> Store:
    """A seeded store holding the synthetic inventory, as `python -m dashboard demo` writes it."""
    from dashboard import demo, inventory_store

    store = build_store(url)
    anchors = demo.published_anchors(load_dataset())
    inventory_store.replace_inventory(store, inventory_records(rows, seed), "demo", True,
                                      demo.detail(rows, seed, anchors), "fixture")
    return store
