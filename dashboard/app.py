"""The dashboard's entry point: `streamlit run dashboard/app.py` (the router is dashboard.ui.router)."""

import sys
from pathlib import Path

# `streamlit run dashboard/app.py` puts dashboard/ on the path, not the project root the package lives in.
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from dashboard.ui import router  # noqa: E402

router.run()
