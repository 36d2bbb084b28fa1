"""`bench --browser` on a small inventory: it completes and prints its line, every figure positive. Only the
line's shape is checked: the times on a shared machine are the bench's to report, not a test's to assert."""

import re

from dashboard.bench import browser as browser_bench

LINE = re.compile(
    r"browser rows=2000 ours_ms=(\S+) naive_ms=(\S+) floor_ms=(\S+) speedup=(\S+) ratio=(\S+) "
    r"rss_mb=(\S+) rss6_mb=(\S+)"
)


def test_the_browser_bench_prints_its_line():
    notes = []
    line = browser_bench.run(2000, seed=1, log=notes.append, count=2)
    match = LINE.fullmatch(line)
    assert match, line
    assert all(float(value) > 0 for value in match.groups()), line
    assert any("floor" in note for note in notes)
