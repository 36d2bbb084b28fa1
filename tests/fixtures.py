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
