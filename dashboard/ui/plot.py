"""The chart element: a Plotly figure that stays on screen across reruns and is updated in place.

`st.plotly_chart` derives its element's identity from the figure, so a figure that changed is a new element:
the browser tears the old chart down and draws the new one from nothing. On the Inventory page that was
about half of what a filter change cost in the browser (`bench --browser`). This element is a keyed
components-v2 element whose identity is its key; its script (`plot.js`) keeps the plot and hands each new
figure to `Plotly.react`, which changes only what differs. It draws the figure as given (no Streamlit theme),
the same figure its PNG, SVG and slide show.

plotly.js is the file shipped in the plotly Python package, served by this app's own server (Streamlit serves
a declared component's folder; the folder is declared, never rendered as a component), so the page needs no
network beyond the server."""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

import plotly
import streamlit as st
from streamlit.components.v1 import declare_component

from dashboard.i18n import t

PLOTLY_JS = Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"
ELEMENT_JS = Path(__file__).resolve().with_name("plot.js").read_text(encoding="utf-8")
ELEMENT_NAME = "house_plot"


def _plotly_js_url() -> str:
    """Where the browser loads plotly.js from: this app's server, under its base path. Declaring the folder
    registers it with the server at this run (it is never rendered)."""
    served = declare_component("plotly_js", path=str(PLOTLY_JS.parent))
    base = st.get_option("server.baseUrlPath").strip("/")
    return f"{'/' + base if base else ''}/component/{served.name}/{PLOTLY_JS.name}"


def plot(fig, key: str, lang: str, place=None) -> None:
    """Draw `fig` under `key`: the same key at every run keeps the chart on screen and updates it in place."""
    element = st.components.v2.component(
        ELEMENT_NAME,
        html='<div class="house-plot" role="figure" style="width: 100%"></div>',
        js=ELEMENT_JS,
        isolate_styles=False,
    )
    height = int(fig.layout.height or 450)
    title = re.sub(r"<[^>]*>", " ", fig.layout.title.text or "").strip()
    with contextlib.nullcontext() if place in (None, st) else place:
        element(
            data={
                "figure": fig.to_json(),
                "height": height,
                "src": _plotly_js_url(),
                "label": t("chart_label", lang, title=title) if title else "",
                "fullscreen": t("chart_fullscreen", lang),
                "failed": t("chart_unavailable", lang),
            },
            key=key,
            height=height,
        )
