"""The router: page config, the shared sidebar, and `st.navigation` over the registry of pages."""

from __future__ import annotations

import gc
import importlib
import pkgutil
from pathlib import Path

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from dashboard.i18n import DEFAULT_LANGUAGE, t
from dashboard.store.database import StoreError
from dashboard.ui.components import set_document_language
from dashboard.ui.view import show_notices, sidebar, store_banner

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


def freeze_long_lived_objects() -> None:
    """Once per process, before its first run: import every module a page may use, then move every object
    alive to the garbage collector's permanent generation (`gc.freeze`).

    Streamlit collects garbage after every run (`runner.postScriptGC`), a full collection that walked every
    object in the process, some 180,000 of them modules, classes and plotly's validators that live as long as
    the process: about 0.15 s of each run, and the browser waits for it (`bench --browser`). Frozen objects are
    still freed by reference counting; only a cycle among them would never be collected."""
    if gc.get_freeze_count():
        return
    for module in pkgutil.walk_packages([str(PAGES_DIR.parents[1])], "dashboard."):
        if not module.name.startswith(
            ("dashboard.ui.pages", "dashboard.bench", "dashboard.__main__", "dashboard.app")
        ):
            importlib.import_module(module.name)
    gc.collect()
    gc.freeze()


def run() -> None:
    freeze_long_lived_objects()
    st.set_page_config(
        page_title="专利转化运用跟踪 · Patent commercialisation tracker", page_icon="📈", layout="wide"
    )
    try:
        view = sidebar()
    except (StoreError, SQLAlchemyError) as exc:  # e.g. the sign-in's read of the store, after the tables
        store_banner(exc, st.session_state.get("lang", DEFAULT_LANGUAGE), "store_failed_heading")
        st.stop()
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
    try:
        navigation.run()
    except (StoreError, SQLAlchemyError) as exc:
        # A page that met a store fault it had no words for (the server went away mid-run, a read failed):
        # the banner in the page's language, never a traceback.
        store_banner(exc, view.lang, "store_failed_heading")
