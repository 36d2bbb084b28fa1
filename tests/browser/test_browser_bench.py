"""`bench --browser` on a small inventory: it completes and prints its line, every figure positive. Only the
line's shape is checked: the times on a shared machine are the bench's to report, not a test's to assert."""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINE = re.compile(
    r"browser rows=2000 ours_ms=(\S+) naive_ms=(\S+) floor_ms=(\S+) speedup=(\S+) ratio=(\S+) "
    r"rss_mb=(\S+) rss6_mb=(\S+) streamlit_ms=(\S+)"
)
# In a process of its own: the tier's session already runs Playwright's sync API, which cannot start twice.
RUN = "from dashboard.bench import browser; print(browser.run(2000, 1, count=2))"


def test_the_browser_bench_prints_its_line():
    result = subprocess.run(
        [sys.executable, "-c", RUN], cwd=ROOT, capture_output=True, text=True, timeout=1200
    )
    assert result.returncode == 0, result.stderr[-3000:]
    lines = result.stdout.strip().splitlines()
    match = LINE.fullmatch(lines[-1])
    assert match, lines[-1]
    assert all(float(value) > 0 for value in match.groups()), lines[-1]
    assert any(line.startswith("  floor") for line in lines)
    assert any(line.startswith("  streamlit alone") for line in lines)
