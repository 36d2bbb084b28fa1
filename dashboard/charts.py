"""Plotly figures built from the core's frames. No Streamlit here: pages place the figures."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from dashboard.formatting import format_period, format_value
from dashboard.i18n import t
from dashboard.periods import parse_period

FONT = "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif"
# Colour-blind-safe palette (Okabe–Ito); marks also differ in shape, so colour is never the only cue.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
QUALIFIER_SYMBOL = {"exact": "circle", "more_than": "triangle-up", "approx": "diamond"}


def plot_date(period: str) -> pd.Timestamp:
    """Where a period sits on a time axis: a full year in its middle (under its label), a month or a day
    at its end."""
    p = parse_period(period)
    return pd.Timestamp(p.year, 7, 1) if p.is_full_year else pd.Timestamp(p.end)


def _layout(fig: go.Figure, title: str, height: int = 380, subtitle: str | None = None) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 17},
               **({"subtitle": {"text": subtitle, "font": {"size": 12, "color": "#555"}}} if subtitle else {})},
        font={"family": FONT, "size": 13},
        height=height,
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
        plot_bgcolor="white",
        legend={"orientation": "h", "y": -0.15},
    )
    fig.update_xaxes(showgrid=False, linecolor="#999")
    fig.update_yaxes(gridcolor="#e5e5e5", zeroline=False)
    return fig


def wrap(text: str, width: int = 42) -> str:
    """Break a long chart title into lines (Plotly does not wrap titles)."""
    if len(text) <= width:
        return text
    words, lines, line = text.split(" "), [], ""
    if len(words) == 1:  # Chinese: no spaces, cut by characters
        return "<br>".join(text[i : i + width // 2] for i in range(0, len(text), width // 2))
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "<br>".join([*lines, line])


def series_figure(observations: pd.DataFrame, indicator: pd.Series, type_names: dict[str, str], lang: str,
                  highlight_source: str | None = None, subtitle: str | None = None) -> go.Figure:
    """Every published figure of one indicator at its period, one line per institution type. A lower bound
    is drawn as an upward triangle, an approximate value as a diamond; figures from `highlight_source` are
    ringed, so shape and ring, not colour alone, carry the meaning."""
    rows = observations[observations["indicator"] == indicator.name].copy()
    rows["date"] = rows["period"].map(plot_date)
    fig = go.Figure()
    groups = list(rows.sort_values("date").groupby("institution_type", sort=False))
    for n, (type_id, group) in enumerate(groups):
        hover = [
            f"{type_names.get(type_id, type_id)} · {format_period(r.period, lang, indicator['measure'])}: "
            f"{format_value(r.value, indicator['unit'], r.qualifier, lang, indicator['unit_en'])}"
            for r in group.itertuples()
        ]
        colour = PALETTE[n % len(PALETTE)]
        fig.add_trace(go.Scatter(
            x=group["date"], y=group["value"], mode="lines+markers", name=type_names.get(type_id, type_id),
            showlegend=len(groups) > 1, line={"color": colour, "width": 2, "dash": "dot"},
            marker={"size": 12, "symbol": [QUALIFIER_SYMBOL[q] for q in group["qualifier"]], "color": colour,
                    "line": {"width": [3 if s == highlight_source else 0 for s in group["source"]],
                             "color": "#D55E00"}},
            text=hover, hovertemplate="%{text}<extra></extra>",
        ))
    unit = indicator["unit"] if lang == "zh" else indicator["unit_en"]
    fig.update_yaxes(rangemode="tozero", title={"text": unit})
    fig.update_xaxes(ticklabelmode="period", tickformat="%Y", dtick="M12")
    return _layout(fig, wrap(indicator[f"name_{lang}"]), height=400, subtitle=subtitle)


def timeline_figure(spans: pd.DataFrame, milestones: pd.DataFrame, lang: str, today: dt.date) -> go.Figure:
    """Each plan as a bar from issue to deadline (an open-ended pilot runs to the right edge), milestones as
    diamonds on their plan's row, and today's date as a vertical line."""
    right_edge = max([today, *[d.date() for d in spans["end"].dropna()]]) + dt.timedelta(days=120)
    fig = go.Figure()
    for n, span in enumerate(spans.itertuples()):
        end = span.end if not span.open_ended else pd.Timestamp(right_edge)
        start_text = span.start.strftime("%Y-%m-%d")
        end_text = span.end.strftime("%Y-%m-%d") if not span.open_ended else "—"
        fig.add_trace(go.Bar(
            x=[(end - span.start).total_seconds() * 1000], base=[span.start], y=[span.label], orientation="h",
            marker={"color": PALETTE[n % len(PALETTE)], "opacity": 0.35 if span.open_ended else 0.75},
            name=span.label, showlegend=False,
            hovertemplate=f"{span.name}<br>{start_text} → {end_text}<extra></extra>",
        ))
    if not milestones.empty:
        evidence = [e if isinstance(e, str) and e else t("no_evidence", lang) for e in milestones["evidence"]]
        fig.add_trace(go.Scatter(
            x=milestones["due_date"], y=milestones["label"], mode="markers", name=t("milestone", lang),
            marker={"symbol": "diamond", "size": 15, "color": "#000", "line": {"color": "white", "width": 1.5}},
            text=[f"{w}<br>{t('deadline', lang)}: {d:%Y-%m-%d}<br>{t('evidence', lang)}: {e}"
                  for w, d, e in zip(milestones["what"], milestones["due_date"], evidence, strict=True)],
            hovertemplate="%{text}<extra></extra>",
        ))
    fig.add_vline(x=pd.Timestamp(today).timestamp() * 1000, line={"color": "#D55E00", "dash": "dash", "width": 2})
    fig.add_annotation(x=pd.Timestamp(today), y=1.02, yref="paper", text=t("today", lang), showarrow=False,
                       font={"color": "#D55E00"})
    fig.update_xaxes(type="date", range=[pd.Timestamp("2021-01-01"), pd.Timestamp(right_edge)])
    fig.update_yaxes(autorange="reversed", gridcolor="rgba(0,0,0,0)")
    return _layout(fig, t("timeline_title", lang), height=120 + 48 * len(spans))
