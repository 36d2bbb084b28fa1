"""The router's once-per-process setup, in a process of its own: after it, the full garbage collection that
Streamlit runs after every run walks only what the runs made, not the modules loaded at start."""

import subprocess
import sys

from dashboard.bench.inventory import ROOT

PROBE = """
import gc, sys
from dashboard.ui import router
before = len(gc.get_objects())
router.freeze_long_lived_objects()
frozen, left = gc.get_freeze_count(), len(gc.get_objects())
router.freeze_long_lived_objects()  # once per process: a second call freezes nothing more
print(before, frozen, left, gc.get_freeze_count(), "dashboard.inventory.charts" in sys.modules)
"""


def test_the_first_run_freezes_what_lives_as_long_as_the_process():
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, check=True)
    before, frozen, left, again, imported = done.stdout.split()
    assert imported == "True"  # the pages' modules were loaded before freezing, not after
    assert int(frozen) >= int(before) > 10 * int(left)
    assert int(again) == int(frozen)
