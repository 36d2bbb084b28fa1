"""Plotly figures built from the core's frames. No Streamlit here: pages place the figures."""

from __future__ import annotations

import datetime as dt
from numbers import Real

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts import style
from dashboard.charts.style import MILESTONE_STYLE, PALETTE, QUALIFIER_SYMBOL, status_style, wrap
from dashboard.formatting import format_date, format_period, format_value, significant
from dashboard.i18n import t
from dashboard.i18n.numbers import system
from dashboard.periods import parse_period


def plot_date(period: str, year_at_end: bool = False) -> pd.Timestamp:
    """Where a period sits on a time axis: a full year in its middle (under its label), or at its end with
    `year_at_end`; a month or a day at its end."""
    p = parse_period(period)
    return pd.Timestamp(p.year, 7, 1) if p.is_full_year and not year_at_end else pd.Timestamp(p.end)


def value_axis_range(indicator: pd.Series) -> str:
    """Where a line chart's value axis starts: at zero for amounts and counts, whose size is read against it;
    near the figures for a rate or score, whose change is the point (public satisfaction's 80 → 82.81 points,
    drawn from zero, was a flat line with its figures under the target's star)."""
    return "normal" if indicator["measure"] == "rate" else "tozero"


def _layout(fig: go.Figure, title: str, height: int = 380, subtitle: str | None = None) -> go.Figure:
    return fig.update_layout(style.layout(title, height, subtitle))


def _in_chart_unit(fig: go.Figure, indicator: pd.Series, lang: str) -> str:
    """Every value drawn in the unit the language writes the indicator's figures in (亿元 on a Chinese chart, CNY
    billions on an English one, as its cards, hovers and slides say), the value axis numbered to match;
    returns the unit's name for the chart's unit line."""
    factor, unit = system(lang).chart_unit(indicator["unit"], indicator["unit_en"])
    if factor != 1:
        for trace in fig.data:
            if trace.y is not None:
                trace.y = [y * factor if isinstance(y, Real) else y for y in trace.y]
    _localise_value_axis(fig, lang)
    return unit


def _localise_value_axis(fig: go.Figure, lang: str) -> None:
    """The y axis's numbers as the language writes them (万/亿 on Chinese charts), from every value drawn."""
    values = [y for trace in fig.data if trace.y is not None for y in trace.y if isinstance(y, int | float)]
    fig.update_yaxes(**style.value_ticks(values, lang))


MONTH_TICK = {"zh": "%Y年%-m月", "en": "%b %Y"}


def series_figure(
    observations: pd.DataFrame,
    indicator: pd.Series,
    type_names: dict[str, str],
    lang: str,
    highlight_source: str | None = None,
    subtitle: str | None = None,
) -> go.Figure:
    """Every published figure of one indicator at its period, one line per institution type. A lower bound
    is drawn as an upward triangle, an approximate value as a diamond; figures from `highlight_source` are
    ringed, so shape and ring, not colour alone, carry the meaning."""
    rows = observations[observations["indicator"] == indicator.name].reset_index(drop=True)
    # A stock or a running total is a count on a day: where its series also has figures at a month or a day,
    # a year's figure (at the year's end) sits at the year's end, after them, not in the middle of its year
    # (an end-of-2025 total drawn at July 2025 fell before the August figure and read as a drop).
    dated = not rows["period"].map(lambda p: parse_period(p).is_full_year).all()
    year_at_end = dated and indicator["measure"] in ("stock", "cumulative")
    rows["date"] = rows["period"].map(lambda p: plot_date(p, year_at_end))
    # Figures within months of each other, some at a month or a day: an axis of months. Else an axis of years.
    by_month = dated and not rows.empty and rows["date"].max() - rows["date"].min() < pd.Timedelta(days=300)
    # Two figures for the same period (two sources, an exact count and a lower bound) stand side by side,
    # a little apart, not one on the other; the hover names each one's period.
    # The exact figure is the first of them, the one a line joins to the other years.
    step = pd.Timedelta(days=4 if by_month else 70)
    rows = rows.assign(bound=rows["qualifier"].ne("exact")).sort_values(["date", "bound"], kind="stable")
    same = rows.groupby(["institution_type", "date"])["date"]
    rank, size = same.cumcount(), same.transform("size")
    first = rank.eq(0)
    rows["date"] = rows["date"] + (rank - (size - 1) / 2) * step
    # One year's figures give no line to follow: each carries its value beside it (the left one of a pair to
    # its left), so that two marks side by side are never left for the hover to tell apart. So does a type's
    # lone figure among other types' lines (a dot in 2020 under lines that run to 2025).
    one_year = (
        not by_month and not rows.empty and rows["date"].max() - rows["date"].min() < pd.Timedelta(days=300)
    )
    rows["label_at"] = [
        "middle left" if n > 1 and r == 0 else "middle right" for r, n in zip(rank, size, strict=True)
    ]
    fig = go.Figure()
    groups = list(rows.sort_values("date").groupby("institution_type", sort=False))
    for n, (type_id, group) in enumerate(groups):
        colour = PALETTE[n % len(PALETTE)]
        name = type_names.get(type_id, type_id)
        labelled = one_year or len(group) == 1
        full = group[group["period"].map(lambda p: parse_period(p).is_full_year)]
        joined_years = full[first[full.index]]
        # Full years are joined by a line (one figure a year: a second for the same year stands beside it,
        # filled, unjoined); a part of a year (Jan–Sep, a month end, a day) stands alone, hollow, so that it is
        # never read as the next year.
        for part, joined, hollow in (
            (joined_years, True, False),
            (full.drop(joined_years.index), False, False),
            (group.drop(full.index), False, True),
        ):
            if part.empty:
                continue
            values = [
                format_value(r.value, indicator["unit"], r.qualifier, lang, indicator["unit_en"])
                for r in part.itertuples()
            ]
            hover = [
                f"{name} · {format_period(r.period, lang, indicator['measure'])}: {value}"
                for r, value in zip(part.itertuples(), values, strict=True)
            ]
            fig.add_trace(
                go.Scatter(
                    x=part["date"],
                    y=part["value"],
                    mode=("lines+markers" if joined else "markers") + ("+text" if labelled else ""),
                    name=name,
                    legendgroup=type_id,
                    showlegend=len(groups) > 1 and (joined or full.empty),
                    line={"color": colour, "width": 2, "dash": "dot"},
                    marker={
                        "size": 12,
                        "color": colour,
                        "symbol": [
                            QUALIFIER_SYMBOL[q] + ("-open" if hollow else "") for q in part["qualifier"]
                        ],
                        "line": {
                            "width": [3 if s == highlight_source else 0 for s in part["source"]],
                            "color": style.VERMILION,
                        },
                    },
                    customdata=hover,
                    hovertemplate="%{customdata}<extra></extra>",
                    text=values if labelled else None,
                    textposition=list(part["label_at"]) if labelled else None,
                    textfont={"color": colour},
                    cliponaxis=False,
                )
            )
    fig.update_yaxes(rangemode=value_axis_range(indicator))
    unit = _in_chart_unit(fig, indicator, lang)
    dates = rows["date"]
    if by_month:
        # Figures at months or days within months of each other: a year's label would fall outside the axis
        # and leave it bare, so the axis counts months, with a little room either side.
        # One tick a month for up to four months, else every second or third month: a half-width chart has
        # room for about four labels ("2025年7月") before Plotly turns them on their side.
        # The first tick is the first month's start on or after the earliest figure: one before it sat at the
        # axis's left edge, its label ("2025年7月") half under the value axis's "0".
        room = pd.Timedelta(days=20)
        months = (dates.max() - dates.min()).days / 30.4
        every = 1 if months <= 4 else 2 if months <= 8 else 3
        fig.update_xaxes(
            tickformat=MONTH_TICK[lang],
            dtick=f"M{every}",
            tick0=dates.min().normalize() + pd.offsets.MonthBegin(0),
            range=[dates.min() - room, dates.max() + room],
        )
    else:
        # A label under the middle of a year, where its figure sits: every year up to seven, else every second
        # (or fifth) year counted back from the latest, so that a half-width chart's labels stay level and
        # apart (eleven years turned on their side and ran into the legend).
        years = sorted({d.year for d in dates})
        if years:
            span = years[-1] - years[0] + 1
            every = 1 if span <= 7 else 2 if span <= 14 else 5
            shown = list(range(years[-1], years[0] - 1, -every))[::-1]
            fig.update_xaxes(
                tickvals=[pd.Timestamp(y, 7, 1) for y in shown], ticktext=[str(y) for y in shown]
            )
        if not dates.empty and dates.max() - dates.min() < pd.Timedelta(days=300):
            # One year's figures: the axis is widened so that its year shows under them ("2024", not a month).
            room = pd.Timedelta(days=250)
            fig.update_xaxes(range=[dates.min() - room, dates.max() + room])
    if len(groups) == 1:  # one line and no legend: the subtitle line names whose figures they are
        only = type_names.get(groups[0][0], groups[0][0])
        subtitle = f"{subtitle} · {only}" if subtitle else only
    _layout(fig, wrap(indicator[f"name_{lang}"]), height=400, subtitle=subtitle)
    return style.with_unit(fig, t("chart_unit", lang, unit=unit))


def timeline_figure(spans: pd.DataFrame, milestones: pd.DataFrame, lang: str, today: dt.date) -> go.Figure:
    """Each plan as a bar from issue to deadline (an open-ended pilot runs to the right edge), milestones as
    diamonds on their plan's row, and today's date as a vertical line."""
    right_edge = max([today, *[d.date() for d in spans["end"].dropna()]]) + dt.timedelta(days=120)
    fig = go.Figure()
    for n, span in enumerate(spans.itertuples()):
        end = span.end if not span.open_ended else pd.Timestamp(right_edge)
        # Dates in the hover as the page writes them (2024年2月27日 / 27 Feb 2024), not 2024-02-27.
        start_text = format_date(f"{span.start:%Y-%m-%d}", lang)
        end_text = (
            format_date(f"{span.end:%Y-%m-%d}", lang) if not span.open_ended else t("no_deadline", lang)
        )
        fig.add_trace(
            go.Bar(
                x=[(end - span.start).total_seconds() * 1000],
                base=[span.start],
                y=[span.label],
                orientation="h",
                # An open-ended pilot's bar says so: running to the chart's edge, it read as a deadline past it.
                text=[f"{t('no_deadline', lang)} →"] if span.open_ended else None,
                textposition="inside",
                insidetextanchor="middle",
                textfont={"color": style.BLACK},
                marker={"color": PALETTE[n % len(PALETTE)], "opacity": 0.35 if span.open_ended else 0.75},
                name=span.label,
                showlegend=False,
                hovertemplate=f"{span.name}<br>{start_text} → {end_text}<extra></extra>",
            )
        )
    if not milestones.empty:
        milestones = milestones.assign(
            evidence=[
                e if isinstance(e, str) and e else t("no_evidence", lang) for e in milestones["evidence"]
            ]
        )
        groups = milestones.groupby("state", sort=False) if "state" in milestones else [(None, milestones)]
        for state, group in groups:
            colour, symbol = MILESTONE_STYLE.get(state, (style.BLACK, "diamond"))
            fig.add_trace(
                go.Scatter(
                    x=group["due_date"],
                    y=group["label"],
                    mode="markers",
                    name=t(f"milestone_{state}", lang) if state else t("milestone", lang),
                    marker={
                        "symbol": symbol,
                        "size": 15,
                        "color": colour,
                        "line": {"color": colour, "width": 2},
                    },
                    text=[
                        f"{w}<br>{t('deadline', lang)}: {format_date(f'{d:%Y-%m-%d}', lang)}<br>"
                        f"{t('evidence', lang)}: {e}"
                        for w, d, e in zip(group["what"], group["due_date"], group["evidence"], strict=True)
                    ],
                    hovertemplate="%{text}<extra></extra>",
                )
            )
    fig.add_vline(
        x=pd.Timestamp(today).timestamp() * 1000, line={"color": style.VERMILION, "dash": "dash", "width": 2}
    )
    fig.add_annotation(
        x=pd.Timestamp(today),
        y=1,
        yref="paper",
        yanchor="bottom",  # above the plot, where the line (which ends at the plot's top) cannot cross it
        yshift=2,
        text=t("today", lang),
        showarrow=False,
        font={"color": style.VERMILION},
    )
    fig.update_xaxes(type="date", range=[pd.Timestamp("2021-01-01"), pd.Timestamp(right_edge)])
    fig.update_yaxes(autorange="reversed", gridcolor=style.TRANSPARENT)
    return _layout(fig, t("timeline_title", lang), height=120 + 48 * len(spans))


def trajectory_figure(item, lang: str) -> go.Figure:
    """One target's trajectory: published figures (part-year ones hollow), the baseline, the target at its
    deadline, the path needed to reach it and, until the deadline, the projection at the current pace. Past
    the deadline the verdict rests on the deadline year's own figure; a pace projected to a year already over
    read as an estimate of that figure (pledge financing's 66 % a year drew 2.35万亿元 for 2025, beside
    7,922亿元 for 2024's first nine months, and squeezed every published figure into the chart's foot). The
    method panel keeps it, marked as the method before the deadline."""
    a, indicator = item.assessment, item.indicator
    unit_en = indicator["unit_en"]
    colour = status_style(item.status).colour
    breaks = item.breaks if item.breaks is not None else pd.DataFrame(columns=["period"])
    break_dates = [pd.Timestamp(parse_period(p).start) for p in breaks["period"]]
    fig = go.Figure()

    def value_text(v: float) -> str:
        return format_value(v, indicator["unit"], "exact", lang, unit_en)

    def when(period) -> str:  # "2025年" / "2025" in the hovers, as the page writes periods
        return format_period(str(period), lang, indicator["measure"])

    obs = item.observations.copy()
    if not obs.empty:
        obs["date"] = obs["period"].map(plot_date)
        obs = obs.sort_values("date")
        full = obs[obs["period"].map(lambda p: parse_period(p).is_full_year)]
        partial = obs.drop(full.index)
        if break_dates and not full.empty:
            # No line across a series break: the two sides are different vintages.
            gaps = pd.DataFrame({"date": break_dates, "value": [None] * len(break_dates)})
            full = pd.concat([full, gaps.assign(period=None, qualifier="exact")], ignore_index=True)
            full = full.sort_values("date", kind="stable")
        for frame, name, open_marker in (
            (full, t("series_observed", lang), False),
            (partial, t("series_partial", lang), True),
        ):
            if frame.empty:
                continue
            fig.add_trace(
                go.Scatter(
                    x=frame["date"],
                    y=frame["value"],
                    name=name,
                    mode="lines+markers" if not open_marker else "markers",
                    line={"color": style.BLUE, "width": 2},
                    marker={
                        "size": 11,
                        "color": style.BLUE,
                        "symbol": [
                            QUALIFIER_SYMBOL[q] + ("-open" if open_marker else "") for q in frame["qualifier"]
                        ],
                    },
                    connectgaps=False,
                    text=[
                        f"{format_period(p, lang, indicator['measure'])}: "
                        f"{format_value(v, indicator['unit'], q, lang, unit_en)}"
                        if isinstance(p, str)
                        else ""
                        for p, v, q in zip(frame["period"], frame["value"], frame["qualifier"], strict=True)
                    ],
                    hovertemplate="%{text}<extra></extra>",
                )
            )
    deadline_x = pd.Timestamp(a.deadline_year, 7, 1)
    if a.base_value is not None and a.base_period:
        fig.add_trace(
            go.Scatter(
                x=[plot_date(a.base_period)],
                y=[a.base_value],
                name=t("series_baseline", lang),
                mode="markers",
                marker={"size": 14, "symbol": "square", "color": style.SUBTLE},
                hovertemplate=f"{t('series_baseline', lang)} {when(a.base_period)}: {value_text(a.base_value)}<extra></extra>",
            )
        )
    if a.target_value is not None:
        fig.add_trace(
            go.Scatter(
                x=[deadline_x],
                y=[a.target_value],
                name=t("series_target", lang),
                mode="markers",
                marker={
                    "size": 20,
                    "symbol": "star",
                    "color": style.ORANGE,
                    "line": {"color": style.INK, "width": 1},
                },
                hovertemplate=f"{t('series_target', lang)} {when(a.deadline_year)}: {value_text(a.target_value)}<extra></extra>",
            )
        )
        if a.base_value is not None and a.base_period and a.required_growth is not None:
            t0 = int(a.base_period[:4])
            years = list(range(t0, a.deadline_year + 1))
            if a.growth_model == "compound":
                path = [a.base_value * (1 + a.required_growth) ** (y - t0) for y in years]
            else:
                path = [a.base_value + a.required_growth * (y - t0) for y in years]
            fig.add_trace(
                go.Scatter(
                    x=[pd.Timestamp(y, 7, 1) for y in years],
                    y=path,
                    name=t("series_required", lang),
                    mode="lines",
                    line={"color": style.AXIS, "dash": "dot", "width": 2},
                    hoverinfo="skip",
                )
            )
    projected = a.projection is not None and a.latest_period and a.kind == "numeric" and a.years_to_deadline
    if projected and item.verdict is None:
        fig.add_trace(
            go.Scatter(
                x=[plot_date(a.latest_period), deadline_x],
                y=[a.latest_value, a.projection],
                name=t("series_projection", lang),
                mode="lines+markers",
                line={"color": colour, "dash": "dash", "width": 2},
                marker={"symbol": "circle-open", "size": 10},
                # An estimate, to three figures as the progress table gives it (not 2.3541万亿元 beside its 2.35万亿元).
                hovertemplate=f"{t('series_projection', lang)} {when(a.deadline_year)}: "
                f"{value_text(significant(a.projection))}<extra></extra>",
            )
        )
    for when in break_dates:
        fig.add_shape(
            type="line",
            xref="x",
            yref="paper",
            x0=when,
            x1=when,
            y0=0,
            y1=1,
            line={"color": style.SUBTLE, "dash": "dash", "width": 2},
        )
        fig.add_annotation(
            x=when,
            xref="x",
            y=1,
            yref="paper",
            text=t("series_break", lang),
            showarrow=False,
            xanchor="left",
            yanchor="top",
            xshift=4,
            font={"color": style.SUBTLE},
        )
    fig.update_yaxes(rangemode=value_axis_range(indicator))
    unit = _in_chart_unit(fig, indicator, lang)
    fig.update_xaxes(ticklabelmode="period", tickformat="%Y", dtick="M12")
    dates = [pd.Timestamp(x) for trace in fig.data if trace.x is not None for x in trace.x if x is not None]
    if dates and max(dates) - min(dates) < pd.Timedelta(days=400):
        # A single year of figures: widen the axis so that its year still shows under it.
        fig.update_xaxes(range=[min(dates) - pd.Timedelta(days=250), max(dates) + pd.Timedelta(days=250)])
    title = t("trajectory_title", lang, name=indicator[f"name_{lang}"])
    _layout(fig, wrap(title, 60), height=430)
    return style.with_unit(fig, t("chart_unit", lang, unit=unit))


# A stage's name broken after this many characters: on one line, the longest English one took three quarters of
# the chart's width in a 1000-px window, and the figures beside the bars ran past its edge.
STAGE_LABEL_WIDTH = 26


def stage_figure(stages: pd.DataFrame, lang: str, title: str) -> go.Figure:
    """Horizontal bars, one per stage (columns: label, value, text), in the order given, top to bottom."""
    fig = go.Figure(
        go.Bar(
            x=stages["value"],
            y=[wrap(label, STAGE_LABEL_WIDTH) for label in stages["label"]],
            orientation="h",
            text=stages["text"],
            textposition="outside",
            marker={"color": PALETTE[: len(stages)]},
            hovertemplate="%{y}: %{text}<extra></extra>",
            cliponaxis=False,
        )
    )
    fig.update_yaxes(autorange="reversed", gridcolor=style.TRANSPARENT)
    fig.update_xaxes(showticklabels=False, showgrid=False, range=[0, float(stages["value"].max()) * 1.9])
    return _layout(fig, title, height=110 + 62 * len(stages))
