"""Every read the app caches, in one place: the store (one per process), the curated tables (per data
version, so an edit in any session or process is read on the next run), the inventory's engine frame and its
summary (one per data version, shared by every session: Streamlit computes a cached value once however many
sessions ask for it at the same moment), the Inventory page's numbers and tables per filter state, and the
province tiles. Nothing else in the app caches."""

from __future__ import annotations

import argparse
import sys
import threading

import pandas as pd
import polars as pl
import streamlit as st

from dashboard.curation.catalogue import Tables
from dashboard.curation.dataset import load_dataset
from dashboard.provinces import load_province_tiles
from dashboard.store.database import Store, resolve_url
from dashboard.store.editors import Editor

SLIDE_LIST = "default"


def database_url() -> str:
    """`streamlit run dashboard/app.py -- --db URL`, else DATABASE_URL, else the embedded SQLite file."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--db")
    known, _ = parser.parse_known_args(sys.argv[1:])
    return resolve_url(known.db)


@st.cache_resource(show_spinner=False)
def _open_store(url: str) -> Store:
    store = Store.open(url)
    store.prepare(load_dataset)
    return store


@st.cache_data(show_spinner=False, max_entries=4)
def _read_tables(url: str, data_version: str) -> Tables:
    return _open_store(url).read_all()


def open_store() -> Store:
    """The store this app reads and editors write (opened once per process)."""
    return _open_store(database_url())


def read_tables() -> Tables:
    """The curated tables as the store holds them now (StoreError, DataFileError when it cannot be read)."""
    url = database_url()
    return _read_tables(url, _open_store(url).data_version())


@st.cache_resource(show_spinner=False, max_entries=1)
def _inventory_frame(url: str, cache_key: str) -> pl.DataFrame:
    """The inventory as the engine keeps it, loaded once per data version (`InventoryState.cache_key`) and
    shared by every session (the previous version is dropped when a new one is loaded)."""
    from dashboard.inventory.service import load_engine_frame

    return load_engine_frame(_open_store(url))


def inventory_frame(cache_key: str) -> pl.DataFrame:
    return _inventory_frame(database_url(), cache_key)


@st.cache_resource(show_spinner=False, max_entries=1)
def _inventory_summary(url: str, cache_key: str):
    """The inventory's Summary (engine.Summary: its counts by every column the page filters or counts by),
    made once per data version from the shared frame and shared like it."""
    from dashboard.inventory.engine import summarise

    return summarise(_inventory_frame(url, cache_key))


# One engine pass over the records at a time in this process. Each pass holds working memory of its own
# (measured at 1 M records: six at once took 316 MB above the loaded inventory, six one after another 53 MB),
# and a pass already uses every core, so queuing costs the sessions next to nothing.
_ENGINE_PASS = threading.Lock()


@st.cache_data(show_spinner=False, max_entries=256)
def _inventory_page(url: str, cache_key: str, filters: tuple):
    from dashboard.inventory.engine import Filters, summary_data

    return summary_data(_inventory_summary(url, cache_key), Filters(*filters))


def _key(filters) -> tuple:
    return (filters.types, filters.years, filters.provinces, filters.sections)


def inventory_page_data(cache_key: str, filters):
    """The engine's PageData for `filters` (engine.Filters), without the tables: the first screen's numbers
    and every tab's charts, summed from the Summary. Computed once per data version and filter state whichever
    sessions ask at the same moment (Streamlit holds the others until the first answers)."""
    return _inventory_page(database_url(), cache_key, _key(filters))


@st.cache_data(show_spinner=False, max_entries=64)
def _inventory_league(url: str, cache_key: str, filters: tuple):
    from dashboard.inventory.engine import Filters, league

    frame = _inventory_frame(url, cache_key)
    with _ENGINE_PASS:
        return league(frame, Filters(*filters))


def inventory_league(cache_key: str, filters):
    """The institutions' league under `filters` (engine.league), from the records, one pass at a time."""
    return _inventory_league(database_url(), cache_key, _key(filters))


@st.cache_data(show_spinner=False, max_entries=256)
def _inventory_records_page(url: str, cache_key: str, filters: tuple, shown: int, page: int):
    from dashboard.inventory.engine import Filters, records_page

    frame = _inventory_frame(url, cache_key)
    with _ENGINE_PASS:
        return records_page(frame, Filters(*filters), shown, page)


def inventory_records_page(cache_key: str, filters, shown: int, page: int):
    """One page of the records under `filters` (engine.records_page: rows, page, pages)."""
    return _inventory_records_page(database_url(), cache_key, _key(filters), int(shown), int(page))


@st.cache_resource(show_spinner=False)
def province_tiles() -> pd.DataFrame:
    """The shipped tile grid of the provinces (read once per process)."""
    return load_province_tiles()


def saved_slide_list() -> list[str] | None:
    return open_store().load_slide_list(SLIDE_LIST)


def save_slide_list(slide_ids: list[str], editor: Editor) -> None:
    open_store().save_slide_list(SLIDE_LIST, slide_ids, editor)


def briefing_inventory(years: tuple[int, int] | None):
    """The stored inventory as briefings show it (the engine's summary from the shared cache), or None."""
    from dashboard.briefing.slides import InventoryDeck
    from dashboard.inventory.store import rules, state

    store = open_store()
    current = state(store)
    if not current.records:
        return None
    return InventoryDeck(
        current, _inventory_summary(database_url(), current.cache_key), tuple(years), rules(store)
    )
