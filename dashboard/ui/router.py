"""The router: page config, the shared sidebar, and `st.navigation` over the registry of pages."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboard.i18n import t
from dashboard.ui.components import set_document_language
from dashboard.ui.view import show_notices, sidebar

PAGES_DIR = Path(__file__).resolve().parent / "pages"
# The pages in the order the navigation lists them: file (and URL path), title's label key, icon.
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


def page_path(name: str) -> str:
    """A page's file as st.page_link and st.switch_page name it (relative to dashboard/app.py)."""
    return f"ui/pages/{name}.py"


def run() -> None:
    st.set_page_config(
        page_title="专利转化运用跟踪 · Patent commercialisation tracker", page_icon="📈", layout="wide"
    )
    view = sidebar()
    st.session_state["_view"] = view
    set_document_language(view.lang)
    navigation = st.navigation(
        [
            st.Page(
                PAGES_DIR / f"{name}.py",
                title=t(label, view.lang),
                icon=icon,
                url_path=name,
                default=(i == 0),
            )
            for i, (name, label, icon) in enumerate(PAGES)
        ]
    )
    show_notices()
    navigation.run()
