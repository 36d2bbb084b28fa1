"""`python -m dashboard bench --inventory`: how fast the Inventory page answers a filter change at scale.

The parent process prepares nothing itself: a child writes a synthetic inventory of N records into a fresh
SQLite store; a second child drives the real app through streamlit.testing's AppTest (one warm-up run loads
the inventory, then each rerun goes to a filter state not used before in that process) and then times, on the
same states, the page's floor (the engine and the building of its figures: a page cannot do less) and the
engine alone; a third child drives the naive peer (dashboard/bench/naive_app.py) on
the same states. Each child reports its own peak memory, so the page's figure is not inflated by the data
generation or by the peer. Times are medians; nothing here is asserted, only reported.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from dashboard.ui.router import page_path

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "dashboard" / "app.py"
NAIVE_APP = ROOT / "dashboard" / "bench" / "naive_app.py"
WIDGETS_APP = ROOT / "dashboard" / "bench" / "widgets_app.py"
PAGE = page_path("inventory")
CHOICES = ("all", "university", "research_institute", "university_and_institute")
SECTIONS = tuple("ABCDEFGH")
YEARS = (2012, 2026)


def filter_states(count: int, province_ids: list[str], seed: int = 7) -> list[dict]:
    """`count` distinct filter states (institution type, years, provinces, fields), none the page's default."""
    rng = random.Random(seed)
    states, seen = [], set()
    for i in itertools.count():
        if len(states) == count:
            break
        first = YEARS[0] + rng.randint(0, 6)
        state = {
            "choice": CHOICES[i % len(CHOICES)],
            "years": (first, rng.randint(first + 3, YEARS[1])),
            "provinces": sorted(rng.sample(province_ids, rng.randint(0, 12))),
            "sections": sorted(rng.sample(SECTIONS, rng.randint(0, 5))),
        }
        key = json.dumps(state, sort_keys=True)
        if key not in seen:
            seen.add(key)
            states.append(state)
    return states


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _drive(at, state: dict) -> None:
    at.selectbox(key="institution_type").set_value(state["choice"])
    at.slider(key="years").set_value(tuple(state["years"]))
    at.multiselect(key="province").set_value(state["provinces"])
    at.multiselect(key="field").set_value(state["sections"])


def _time_reruns(at, states: list[dict]) -> list[float]:
    times = []
    for state in states:
        _drive(at, state)
        started = time.perf_counter()
        at.run()
        times.append((time.perf_counter() - started) * 1000)
        if at.exception:
            raise RuntimeError(f"the page failed on {state}: {at.exception[0].value}")
    return times


def _writer():
    """Who writes the bench's throwaway store, for its audit log."""
    from dashboard.store.editors import Editor

    return Editor("bench", "cli")


# --- children ---------------------------------------------------------------------------------------------


def child_prepare(url: str, rows: int, seed: int) -> dict:
    from dashboard.curation.dataset import load_dataset
    from dashboard.inventory import demo
    from dashboard.inventory import store as inventory_store
    from dashboard.provinces import load_province_tiles
    from dashboard.store.database import Store

    store = Store.open(url)
    store.prepare(load_dataset)
    started = time.perf_counter()
    anchors = demo.published_anchors(store.read_all())
    records = demo.generate(rows, seed, anchors, list(load_province_tiles()["id"]))
    generated = time.perf_counter()
    inventory_store.replace_inventory(
        store, records, "demo", True, demo.detail(rows, seed, anchors), _writer()
    )
    return {
        "generate_s": generated - started,
        "write_s": time.perf_counter() - generated,
        "rss_mb": _peak_rss_mb(),
    }


def child_page(url: str, states: list[dict]) -> dict:
    from streamlit.testing.v1 import AppTest

    from dashboard.inventory import store as inventory_store
    from dashboard.inventory.charts import page_figures
    from dashboard.inventory.engine import Filters, summary_data
    from dashboard.inventory.records import INSTITUTION_TYPES
    from dashboard.inventory.tables import dataset_note, inventory_types
    from dashboard.programme.selection import TypeFilter
    from dashboard.provinces import load_province_tiles
    from dashboard.store.database import Store
    from dashboard.ui import cache

    os.environ["DATABASE_URL"] = url
    at = AppTest.from_file(str(APP), default_timeout=3600)
    at.query_params["lang"] = "zh"
    at.run()
    started = time.perf_counter()
    at.switch_page(PAGE).run()  # warm-up: loads the inventory into the shared engine cache
    load_s = time.perf_counter() - started
    if at.exception or not at.metric:
        raise RuntimeError(f"the Inventory page did not render: {[e.value for e in at.exception]}")
    reruns = _time_reruns(at, states)

    store = Store.open(url)
    key = inventory_store.state(store).cache_key
    before = time.perf_counter()
    summary = cache._inventory_summary(url, key)  # the object the page's runs used (shared cache)
    if time.perf_counter() - before > 1.0:
        raise RuntimeError("the engine cache did not answer: the floor would measure a second copy")
    tables = store.read_all()
    tiles = load_province_tiles()
    note = dataset_note(inventory_store.state(store), "zh")
    type_names = {k: v for k, v in tables.type_names("zh").items() if k in INSTITUTION_TYPES}
    floor, engine = [], []
    for state in states:
        filters = Filters(
            inventory_types(TypeFilter.of(state["choice"], tables.institution_types)),
            tuple(state["years"]),
            tuple(state["provinces"]),
            tuple(state["sections"]),
        )
        started = time.perf_counter()
        data = summary_data(summary, filters)
        computed = time.perf_counter()
        page_figures(data, tiles, type_names, "zh", note)  # the first screen and the first tab, as drawn
        engine.append((computed - started) * 1000)
        floor.append((time.perf_counter() - started) * 1000)
    return {
        "rerun_ms": statistics.median(reruns),
        "floor_ms": statistics.median(floor),
        "engine_ms": statistics.median(engine),
        "reruns_ms": reruns,
        "floor_all_ms": floor,
        "engine_all_ms": engine,
        "load_s": load_s,
        "rss_mb": _peak_rss_mb(),
    }


def child_naive(url: str, states: list[dict]) -> dict:
    from streamlit.testing.v1 import AppTest

    os.environ["DATABASE_URL"] = url
    at = AppTest.from_file(str(NAIVE_APP), default_timeout=3600)
    at.run()
    if at.exception:
        raise RuntimeError(f"the naive peer failed: {at.exception[0].value}")
    reruns = _time_reruns(at, states)
    return {"naive_ms": statistics.median(reruns), "naive_all_ms": reruns, "rss_mb": _peak_rss_mb()}


def child_engines(rows: int, seed: int, states: list[dict]) -> dict:
    """The page's aggregations in polars (the engine) and the same in DuckDB SQL, on the same frame."""
    try:
        import duckdb
    except ImportError:
        raise RuntimeError("bench --engines needs DuckDB: pip install -r requirements-test.txt") from None

    from dashboard.curation.dataset import load_dataset
    from dashboard.inventory import demo
    from dashboard.inventory.engine import Filters, page_data, prepare, summarise
    from dashboard.provinces import load_province_tiles

    tables = load_dataset()
    ids = list(load_province_tiles()["id"])
    raw = demo.generate(rows, seed, demo.published_anchors(tables), ids)
    frame = prepare(raw, ids)
    summary = summarise(frame)  # made once per data version, as the app does
    con = duckdb.connect()
    con.register("raw", raw.to_arrow())
    con.execute("CREATE TABLE inv AS SELECT * FROM raw")
    con.unregister("raw")
    types = tables.institution_types
    from dashboard.inventory.tables import inventory_types
    from dashboard.programme.selection import TypeFilter

    def duck(filters: Filters) -> list:
        def inlist(values) -> str:
            return ", ".join("'" + v + "'" for v in values)

        where = [
            f"institution_type IN ({inlist(filters.types)})",
            f"grant_year BETWEEN {filters.years[0]} AND {filters.years[1]}",
        ]
        if filters.provinces:
            where.append(f"province IN ({inlist(filters.provinces)})")
        if filters.sections:
            where.append(f"ipc_section IN ({inlist(filters.sections)})")
        w = " AND ".join(where)
        queries = [
            f"SELECT count(*) FROM inv WHERE {w}",
            f"SELECT stage, count(*) FROM inv WHERE {w} GROUP BY 1",
            f"SELECT institution_type, disposition, count(*) FROM inv WHERE {w} GROUP BY 1, 2",
            f"SELECT province, count(*), count(deal_type) FROM inv WHERE {w} GROUP BY 1",
            f"SELECT ipc_section, count(*), count(deal_type) FROM inv WHERE {w} GROUP BY 1",
            f"SELECT grant_year, count(*) FROM inv WHERE {w} GROUP BY 1",
            f"SELECT deal_type, count(*), sum(deal_value), median(deal_value) FROM inv WHERE {w} AND deal_type IS NOT NULL GROUP BY 1",
            f"SELECT institution, first(institution_type), first(province), count(*), count(deal_type) AS deals, "
            f"sum(deal_value) AS value FROM inv WHERE {w} GROUP BY 1 ORDER BY deals DESC, value DESC LIMIT 20",
            f"SELECT * FROM inv WHERE {w} LIMIT 50",
        ]
        return [con.sql(q).to_arrow_table() for q in queries]

    timings: dict[str, list[float]] = {"polars": [], "duckdb": []}
    for state in states:
        filters = Filters(
            inventory_types(TypeFilter.of(state["choice"], types)),
            tuple(state["years"]),
            tuple(state["provinces"]),
            tuple(state["sections"]),
        )
        for name, run in (
            ("polars", lambda f=filters: page_data(frame, f, summary=summary)),
            ("duckdb", lambda f=filters: duck(f)),
        ):
            started = time.perf_counter()
            run()
            timings[name].append((time.perf_counter() - started) * 1000)
    return {f"{k}_ms": statistics.median(v) for k, v in timings.items()}


CHILDREN = {"prepare": child_prepare, "page": child_page, "naive": child_naive, "engines": child_engines}


def _rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _child(kind: str, *args, memory_cap_mb: float | None = None) -> dict:
    """Run one child as `python -m dashboard.bench.inventory KIND ARGS…`; its last stdout line is JSON. A child
    that grows past `memory_cap_mb` is stopped (MemoryCapExceeded), so that it cannot starve the machine."""
    command = [sys.executable, "-m", "dashboard.bench.inventory", kind, *map(str, args)]
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        process = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=err, text=True)
        peak = 0.0
        while process.poll() is None:
            peak = max(peak, _rss_mb(process.pid))
            if memory_cap_mb and peak > memory_cap_mb:
                process.kill()
                process.wait()
                raise MemoryCapExceeded(f"{kind} grew past {memory_cap_mb:,.0f} MB and was stopped")
            time.sleep(0.2)
        out.seek(0)
        err.seek(0)
        lines, errors = out.read().strip().splitlines(), err.read()
    if process.returncode != 0 or not lines:
        tail = "\n".join(errors.strip().splitlines()[-15:])
        raise RuntimeError(f"bench step {kind!r} failed (exit {process.returncode}):\n{tail}")
    return json.loads(lines[-1])


class MemoryCapExceeded(RuntimeError):
    pass


def _memory_cap_mb() -> float:
    """Half the machine's memory: what a bench child may take without crowding out everything else."""
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**20 / 2


def format_line(rows: int, page: dict, naive: dict | None) -> str:
    """The one line; without a naive measurement (the peer could not hold the data) naive and speedup are n/a."""
    rerun, floor = page["rerun_ms"], page["floor_ms"]
    slow = f"{naive['naive_ms']:.0f}" if naive else "n/a"
    speedup = f"{naive['naive_ms'] / rerun:.1f}" if naive else "n/a"
    return (
        f"rows={rows} rerun_ms={rerun:.0f} floor_ms={floor:.0f} naive_ms={slow} ratio={rerun / floor:.2f} "
        f"speedup={speedup} rss_mb={page['rss_mb']:.0f} engine_ms={page['engine_ms']:.0f}"
    )


def run(rows: int, seed: int = 1, reruns: int = 9, log=print) -> str:
    """The whole bench; returns the one-line result (details go to `log` on the way)."""
    from dashboard.provinces import load_province_tiles

    states = filter_states(reruns, list(load_province_tiles()["id"]))
    with tempfile.TemporaryDirectory(prefix="inventory-bench-") as folder:
        url = f"sqlite:///{Path(folder) / 'bench.sqlite'}"
        log(f"inventory bench: writing {rows:,} synthetic records into {url} …")
        made = _child("prepare", url, rows, seed, memory_cap_mb=_memory_cap_mb())
        log(f"  generated in {made['generate_s']:.1f} s, written in {made['write_s']:.1f} s")
        states_json = json.dumps(states)
        log(f"  the page: warm-up, then {len(states)} reruns to new filter states, then the engine alone …")
        page = _child("page", url, states_json, memory_cap_mb=_memory_cap_mb())
        log(
            f"  first load {page['load_s']:.1f} s; reruns ms {[round(x) for x in page['reruns_ms']]}; "
            f"engine ms {[round(x) for x in page['engine_all_ms']]}; "
            f"engine and figures ms {[round(x) for x in page['floor_all_ms']]}"
        )
        log("  the naive peer on the same states …")
        try:
            naive = _child("naive", url, states_json, memory_cap_mb=_memory_cap_mb())
        except MemoryCapExceeded as exc:
            naive = None
            log(f"  the naive peer could not hold {rows:,} records: {exc}")
        else:
            log(
                f"  naive reruns ms {[round(x) for x in naive['naive_all_ms']]} "
                f"(its own peak memory {naive['rss_mb']:.0f} MB)"
            )
    return format_line(rows, page, naive)


def run_engines(rows: int, seed: int = 1, count: int = 12) -> str:
    from dashboard.provinces import load_province_tiles

    result = _child(
        "engines", rows, seed, json.dumps(filter_states(count, list(load_province_tiles()["id"])))
    )
    return f"engines rows={rows} polars_ms={result['polars_ms']:.1f} duckdb_ms={result['duckdb_ms']:.1f}"


def main(argv: list[str]) -> None:
    kind, *args = argv
    if kind == "prepare":
        out = child_prepare(args[0], int(args[1]), int(args[2]))
    elif kind == "engines":
        out = child_engines(int(args[0]), int(args[1]), json.loads(args[2]))
    else:
        out = CHILDREN[kind](args[0], json.loads(args[1]))
    sys.stdout.write("\n" + json.dumps(out) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
