"""The chart element: a Plotly figure that stays on screen across reruns and is updated in place.

`st.plotly_chart` derives its element's identity from the figure, so a figure that changed is a new element:
the browser tears the old chart down and draws the new one from nothing. On the Inventory page that was
about half of what a filter change cost in the browser (`bench --browser`). This element is a keyed
components-v2 element whose identity is its key; its script (`plot.js`) keeps the plot and hands each new
figure to `Plotly.react`, which changes only what differs. It draws the figure as given (no Streamlit theme),
the same figure its PNG, SVG and slide show.

plotly.js is the file shipped in the plotly Python package, served by this app's own server, so the page needs
no network beyond the server (`_plotly_js_url` says from where)."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
from pathlib import Path

import plotly
import plotly.graph_objects as go
import streamlit as st
from streamlit.components.v1 import declare_component

from dashboard.charts.style import unwrap
from dashboard.i18n import t

PLOTLY_JS = Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"
# The app's static folder (next to dashboard/app.py), which Streamlit serves at /app/static/.
STATIC_PLOTLY_JS = Path(__file__).resolve().parents[1] / "static" / f"plotly-{plotly.__version__}.min.js"
ELEMENT_JS = Path(__file__).resolve().with_name("plot.js").read_text(encoding="utf-8")
ELEMENT_NAME = "house_plot"


def _plotly_js_url() -> str:
    """Where the browser loads plotly.js from: this app's server, under its base path.

    Best from the app's static folder (`dashboard/static/`, served with `server.enableStaticServing`): there
    the browser keeps the file and the code it compiled from it between visits (a visit that had to compile
    4.8 MB of JavaScript anew waited about 1.5 s for its first chart on this machine). The file is copied
    there once, named by plotly's version so that a new plotly is never taken for the old. Where the copy
    cannot be made (a read-only install) or static serving is off, the plotly package's own folder, declared
    as a component's and so served by Streamlit (never rendered), gives the same file, fetched anew at each
    visit."""
    base = st.get_option("server.baseUrlPath").strip("/")
    prefix = f"/{base}" if base else ""
    if st.get_option("server.enableStaticServing") and _copied_to_static():
        return f"{prefix}/app/static/{STATIC_PLOTLY_JS.name}"
    served = declare_component("plotly_js", path=str(PLOTLY_JS.parent))
    return f"{prefix}/component/{served.name}/{PLOTLY_JS.name}"


def _copied_to_static() -> bool:
    """plotly.js is in the app's static folder, copied whole (through a temporary file, then renamed) with
    the package file's time, so that the browser's cache sees the file's true age."""
    if STATIC_PLOTLY_JS.exists():
        return True
    part = STATIC_PLOTLY_JS.with_name(f"{STATIC_PLOTLY_JS.name}.{os.getpid()}.part")
    try:
        STATIC_PLOTLY_JS.parent.mkdir(exist_ok=True)
        shutil.copy2(PLOTLY_JS, part)
        os.replace(part, STATIC_PLOTLY_JS)
    except OSError:
        with contextlib.suppress(OSError):
            part.unlink(missing_ok=True)
        return False
    return True


def plot(fig, key: str, lang: str, place=None, fit_below: int | None = None) -> None:
    """Draw `fig` under `key`: the same key at every run keeps the chart on screen and updates it in place.
    With `fit_below` (a slide's chart), the chart is no taller than leaves that many pixels of the screen
    under it (plot.js), so the slide reads on one screen."""
    element = st.components.v2.component(
        ELEMENT_NAME,
        html='<div class="house-plot" role="figure" style="width: 100%"></div>',
        js=ELEMENT_JS,
        isolate_styles=False,
    )
    height = int(fig.layout.height or 450)
    if fit_below is not None and (fig.layout.legend.y or 0) < 0:
        # A fitted chart is shorter than drawn: a legend set below the plot by a share of its height came up
        # over the year labels. Pinned to the figure's bottom instead, it keeps clear at any height.
        fig = go.Figure(fig).update_layout(legend={"yref": "container", "y": 0, "yanchor": "bottom"})
    # The accessible name reads the title as one line (a Chinese title broken into lines gets no space).
    title = re.sub(r"<[^>]*>", "", unwrap(fig.layout.title.text or "")).strip()
    with contextlib.nullcontext() if place in (None, st) else place:
        element(
            data={
                "figure": fig.to_json(),
                "height": height,
                "src": _plotly_js_url(),
                "label": t("chart_label", lang, title=title) if title else "",
                "fullscreen": t("chart_fullscreen", lang),
                "failed": t("chart_unavailable", lang),
                "fitBelow": fit_below,
            },
            key=key,
            height=height if fit_below is None else "content",
        )
