"""The bench's bare page: the Inventory page's two multiselects (the same labels, options and keys, in a
fragment as there) and nothing else, its long-lived objects kept from the garbage collector as the app's are
(dashboard.ui.router.freeze_long_lived_objects). Driven through the same filter changes as the page, it
measures what Streamlit itself takes from a choice to a settled page, before any figure is sent or drawn: the
part of `bench --browser`'s ours_ms that no page built of Streamlit widgets can go under. Run only by
`python -m dashboard bench --browser`, never by the dashboard."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from dashboard.i18n import t  # noqa: E402
from dashboard.inventory.records import IPC_SECTIONS  # noqa: E402
from dashboard.provinces import load_province_tiles  # noqa: E402
from dashboard.ui.router import freeze_long_lived_objects  # noqa: E402

freeze_long_lived_objects()  # once per process, as the app's router does

LANG = "zh"  # the bench drives the page in Chinese
tiles = load_province_tiles()
province_names = dict(zip(tiles["id"], tiles[f"name_{LANG}"], strict=True))


@st.fragment
def filters() -> None:
    left, right = st.columns(2)
    left.multiselect(
        t("inv_province", LANG),
        list(tiles["id"]),
        key="province",
        format_func=province_names.get,
        placeholder=t("inv_province_all", LANG),
    )
    right.multiselect(
        t("inv_field", LANG),
        IPC_SECTIONS,
        key="field",
        placeholder=t("inv_field_all", LANG),
        format_func=lambda s: f"{s} {t(f'inv_ipc_{s}', LANG)}",
    )


filters()
