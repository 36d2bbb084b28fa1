"""Briefing slides: what one screen of the presentation, one slide of the deck and one PDF page show.

Each slide has a title, up to three key numbers, a status where there is one, a chart (or the status table),
the source line, and speaker notes naming the sources, the method and the assumptions. Pure: no Streamlit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts import programme as charts
from dashboard.formatting import format_period, format_value
from dashboard.i18n import t
from dashboard.programme import sections, targets
from dashboard.programme.overview import latest_observation, timeline_frames
from dashboard.programme.progress import THRESHOLDS
from dashboard.programme.provenance import assumption_text, source_line
from dashboard.programme.selection import ALL_TYPES, apply_filter

SUMMARY = "summary"
PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
PAGE_SLIDES = ("universities", "enterprises", "finance", "milestones")
# The indicator each programme page's slide charts, and the key numbers it shows.
PAGE_CHART = {
    "universities": "univ_transfer_contracts",
    "enterprises": "invention_industrialisation_rate",
    "finance": "ip_pledge_financing",
}
PAGE_NUMBERS = {
    "universities": (
        "stock_patents_inventoried",
        "stock_inventions_industrialised",
        "transfer_licence_recordals",
    ),
    "enterprises": (
        "patent_intensive_product_output",
        "patent_intensive_products_certified",
        "firms_patent_valuation",
    ),
    "finance": ("ip_pledge_financing", "ip_royalty_trade", "warrant_pilot_markets"),
}
PAGE_TITLE = {
    "universities": "page_universities",
    "enterprises": "page_enterprises",
    "finance": "page_finance",
    "milestones": "page_milestones",
}


@dataclass
class DeckInfo:
    """What the title slide says: the deck's title, its date, the filters and the language."""

    title: str
    date: dt.date
    filters: str
    lang: str


@dataclass
class SlideContent:
    id: str  # "summary", "target:<target id>" or "page:<page>"
    title: str
    key_numbers: list[tuple[str, str]] = field(default_factory=list)  # at most three (label, value)
    status: str | None = None  # a status id of dashboard.progress, for its colour
    status_label: str | None = None  # the status in words
    figure: go.Figure | None = None  # the chart, when the slide has one
    table: pd.DataFrame | None = None  # the table, when the slide has one (the status summary)
    source_line: str = ""
    notes: str = ""  # speaker notes: sources, method, assumptions


class UnknownSlide(ValueError):
    """A slide id that names no slide of the current view."""


def default_slide_ids(tables: dict[str, pd.DataFrame], choice: str, today: dt.date) -> list[str]:
    """The status summary, each target the filter shows, then each programme page with something to show."""
    ids = [SUMMARY]
    ids += [f"target:{item.target['id']}" for item in targets.assess_targets(tables, choice, today)]
    obs = apply_filter(tables["observations"], choice, tables["institution_types"])
    for page in PAGE_SLIDES:
        if page == "milestones":
            has_content = not apply_filter(tables["milestones"], choice, tables["institution_types"]).empty
        else:
            has_content = obs["indicator"].isin([*PAGE_NUMBERS[page], PAGE_CHART[page]]).any()
        if has_content:
            ids.append(f"page:{page}")
    # The inventory's slide, when the caller put an inventory in `tables`.
    from dashboard.briefing import inventory_slide as inventory_slides

    if inventory_slides.available(tables, choice):
        ids.append(inventory_slides.SLIDE_ID)
    return ids


def slide_name(slide_id: str, tables: dict[str, pd.DataFrame], lang: str) -> str:
    """A slide's name for pickers: the summary, a target's indicator and type, or a page's title."""
    if slide_id == SUMMARY:
        return t("slide_summary", lang)
    kind, _, key = slide_id.partition(":")
    if kind == "page" and key in PAGE_TITLE:
        return t(PAGE_TITLE[key], lang)
    if slide_id == "page:inventory":
        return t("page_inventory", lang)
    if kind == "target":
        found = tables["targets"][tables["targets"]["id"] == key]
        if not found.empty:
            target = found.iloc[0]
            indicator = tables["indicators"].set_index("id").loc[target["indicator"]]
            type_name = (
                tables["institution_types"].set_index("id").loc[target["institution_type"], f"name_{lang}"]
            )
            return f"{indicator[f'name_{lang}']} · {type_name}"
    raise UnknownSlide(slide_id)


def filters_text(tables: dict[str, pd.DataFrame], choice: str, years: tuple[int, int], lang: str) -> str:
    types = tables["institution_types"].set_index("id")
    type_text = t("filter_all", lang) if choice == ALL_TYPES else types.loc[choice, f"name_{lang}"]
    return f"{t('institution_type', lang)}: {type_text} · {t('years', lang)}: {years[0]}–{years[1]}"


def _notes(lang: str, sources: str, method: list[str], assumptions: list[str]) -> str:
    parts = [sources]
    if method:
        parts.append(t("notes_method", lang) + " " + " ".join(method))
    if assumptions:
        parts.append(t("notes_assumptions", lang) + " " + " ".join(assumptions))
    return "\n\n".join(p for p in parts if p)


def _summary_slide(tables, choice, lang, today) -> SlideContent:
    items = targets.assess_targets(tables, choice, today)
    type_names = dict(
        zip(tables["institution_types"]["id"], tables["institution_types"][f"name_{lang}"], strict=True)
    )
    table = targets.readable_status_table(items, type_names, lang)
    counts = pd.Series([i.assessment.status for i in items]).value_counts()
    numbers = [(t(f"status_{s}", lang), str(int(counts[s]))) for s in counts.index[:3]]
    sources = {s for item in items for s in [item.target["source"], *item.observations["source"]]}
    th = THRESHOLDS
    return SlideContent(
        id=SUMMARY,
        title=t("slide_summary", lang),
        key_numbers=numbers,
        table=table,
        source_line=source_line(sources, tables["sources"], lang),
        notes=_notes(
            lang,
            source_line(sources, tables["sources"], lang),
            [
                t(
                    "m_thresholds",
                    lang,
                    on_track=th.on_track,
                    acceleration=th.acceleration,
                    marked=f"{th.trend_marked:.1%}",
                    moderate=f"{th.trend_moderate:.1%}",
                )
            ],
            [],
        ),
    )


def _target_slide(tables, choice, lang, today, target_id) -> SlideContent:
    items = {i.target["id"]: i for i in targets.assess_targets(tables, choice, today)}
    if target_id not in items:
        raise UnknownSlide(f"target:{target_id}")
    item = items[target_id]
    a = item.assessment
    numbers = dict(targets.method_numbers(item, lang))
    keys = [
        t("m_latest", lang),
        t("m_target", lang),
        t("m_progress", lang) if a.kind == "numeric" else t("m_actual", lang),
    ]
    key_numbers = [(k.split(" ")[0] if lang == "zh" else k, numbers[k]) for k in keys if k in numbers]
    figure = charts.trajectory_figure(item, lang) if not item.observations.empty else None
    source_ids = [item.target["source"], *item.observations["source"]]
    method = [f"{label}: {value}." for label, value in targets.method_numbers(item, lang)]
    method += targets.reason_texts(item, lang)
    assumptions = [
        x
        for x in {
            assumption_text(a_id, tables["assumptions"], lang)
            for a_id in [item.target["assumption"], *item.observations["assumption"]]
        }
        if x
    ]
    line = source_line(source_ids, tables["sources"], lang)
    return SlideContent(
        id=f"target:{target_id}",
        title=slide_name(f"target:{target_id}", tables, lang),
        key_numbers=key_numbers,
        status=a.status,
        status_label=targets.status_label(a, lang),
        figure=figure,
        source_line=line,
        notes=_notes(lang, line, method, sorted(assumptions)),
    )


def _page_slide(tables, choice, lang, today, page) -> SlideContent:
    indicators = tables["indicators"].set_index("id")
    obs = apply_filter(tables["observations"], choice, tables["institution_types"])
    type_names = dict(
        zip(tables["institution_types"]["id"], tables["institution_types"][f"name_{lang}"], strict=True)
    )
    title = t(PAGE_TITLE[page], lang)
    if page == "milestones":
        spans, milestones = timeline_frames(tables, choice, lang)
        states = sections.milestone_frame(tables, choice, today)
        milestones = milestones.merge(states[["id", "state"]], on="id", validate="one_to_one")
        counts = states["state"].value_counts()
        numbers = [(t(f"milestone_{s}", lang), str(int(counts[s]))) for s in counts.index[:3]]
        ids = [*tables["programmes"]["source"], *states["evidence_source"].dropna()]
        line = source_line(ids, tables["sources"], lang)
        return SlideContent(
            id=f"page:{page}",
            title=title,
            key_numbers=numbers,
            figure=charts.timeline_figure(spans, milestones, lang, today),
            source_line=line,
            notes=_notes(lang, line, [t("milestones_intro", lang)], []),
        )
    numbers, used_sources, assumptions = [], [], set()
    for indicator in PAGE_NUMBERS[page]:
        meta = indicators.loc[indicator]
        rows = obs[obs["indicator"] == indicator]
        if rows.empty:
            continue
        # The broadest figure of the latest year among the types shown.
        candidates = [
            latest_observation(rows, indicator, type_id) for type_id in rows["institution_type"].unique()
        ]
        latest = max(candidates, key=lambda row: (row["period"][:4], row["value"]))
        value = format_value(latest["value"], meta["unit"], latest["qualifier"], lang, meta["unit_en"])
        numbers.append(
            (f"{meta[f'name_{lang}']} · {format_period(latest['period'], lang, meta['measure'])}", value)
        )
        used_sources.append(latest["source"])
        text = assumption_text(latest["assumption"], tables["assumptions"], lang)
        if text:
            assumptions.add(text)
    chart_rows = obs[obs["indicator"] == PAGE_CHART[page]]
    figure = None
    if len(chart_rows) > 1:
        figure = charts.series_figure(chart_rows, indicators.loc[PAGE_CHART[page]], type_names, lang)
        used_sources += list(chart_rows["source"])
    line = source_line(used_sources, tables["sources"], lang)
    return SlideContent(
        id=f"page:{page}",
        title=title,
        key_numbers=numbers[:3],
        figure=figure,
        source_line=line,
        notes=_notes(lang, line, [], sorted(assumptions)),
    )


def build_slide(
    slide_id: str, tables: dict[str, pd.DataFrame], choice: str, lang: str, today: dt.date
) -> SlideContent:
    """One slide of the current view; UnknownSlide if the id names none."""
    if slide_id == SUMMARY:
        return _summary_slide(tables, choice, lang, today)
    kind, _, key = slide_id.partition(":")
    if kind == "target":
        return _target_slide(tables, choice, lang, today, key)
    if kind == "page" and key in PAGE_SLIDES:
        return _page_slide(tables, choice, lang, today, key)
    from dashboard.briefing import inventory_slide as inventory_slides

    if slide_id == inventory_slides.SLIDE_ID and inventory_slides.available(tables, choice):
        return inventory_slides.build(tables, choice, lang)
    raise UnknownSlide(slide_id)


def make_deck(
    tables: dict[str, pd.DataFrame],
    choice: str,
    years: tuple[int, int],
    lang: str,
    slide_ids: list[str],
    fmt: str,
    path,
    today: dt.date,
    progress=None,
) -> int:
    """Write the deck (pptx) or the handout (pdf) for these slides; returns how many chart images were drawn.

    All chart images come from one export browser kept alive for the whole deck. `progress(done, total)` is
    called after each image. Raises images.ExportUnavailable without Chromium, UnknownSlide for a bad id."""
    from dashboard.briefing import deck_files as deck
    from dashboard.charts.images import ImageExporter

    slides = [build_slide(i, tables, choice, lang, today) for i in slide_ids]
    info = DeckInfo(t("deck_title", lang), today, filters_text(tables, choice, years, lang), lang)
    with_figures = [s for s in slides if s.figure is not None]
    images: dict[str, bytes] = {}
    if with_figures:
        with ImageExporter() as exporter:
            for done, slide in enumerate(with_figures, start=1):
                # Drawn at the shape the slide leaves for it, twice as sharp: it fills the width, and its type
                # keeps its own size instead of shrinking with a picture squeezed into the space.
                width, height = deck.chart_area(slide)
                images[slide.id] = exporter.png(slide.figure, width=int(width), height=int(height), scale=2)
                if progress:
                    progress(done, len(with_figures))
    writer = {"pptx": deck.write_pptx, "pdf": deck.write_pdf}[fmt]
    writer(info, slides, images, path)
    return len(images)
