"""The dashboard's router: page config, the shared sidebar, and `st.navigation` over the pages."""

import sys
from pathlib import Path

# `streamlit run dashboard/app.py` puts dashboard/ on the path, not the project root the package lives in.
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from dashboard.i18n import t  # noqa: E402
from dashboard.ui import edge as ui  # noqa: E402

VIEWS = Path(__file__).resolve().parent / "ui" / "pages"
PAGES = (
    ("overview", "page_overview", ":material/dashboard:"),
    ("targets", "page_targets", ":material/flag:"),
    ("universities", "page_universities", ":material/school:"),
    ("enterprises", "page_enterprises", ":material/factory:"),
    ("finance", "page_finance", ":material/account_balance:"),
    ("milestones", "page_milestones", ":material/event:"),
    ("inventory", "page_inventory", ":material/inventory_2:"),
    ("sources", "page_sources", ":material/menu_book:"),
    ("data", "page_data", ":material/edit_note:"),
    ("present", "page_present", ":material/slideshow:"),
)

st.set_page_config(
    page_title="专利转化运用跟踪 · Patent commercialisation tracker", page_icon="📈", layout="wide"
)
view = ui.sidebar(ui.load_tables)
st.session_state["_view"] = view
navigation = st.navigation(
    [
        st.Page(VIEWS / f"{name}.py", title=t(label, view.lang), icon=icon, url_path=name, default=(i == 0))
        for i, (name, label, icon) in enumerate(PAGES)
    ]
)
ui.show_notices()
navigation.run()
