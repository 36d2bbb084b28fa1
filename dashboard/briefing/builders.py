"""The slides of a briefing for one view: the status summary, one per target, one per programme page and the
inventory's; their ids, names and contents (dashboard.briefing.slides). Pure: no Streamlit."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from dashboard.briefing import inventory_slide
from dashboard.briefing.slides import INVENTORY, SUMMARY, InventoryDeck, SlideContent, UnknownSlide
from dashboard.charts import programme as charts
from dashboard.curation.catalogue import Tables
from dashboard.formatting import format_period, format_value
from dashboard.i18n import t
from dashboard.programme import outcomes, targets
from dashboard.programme.overview import latest_observation, timeline_frames
from dashboard.programme.provenance import assumption_text, short_source_line, source_line
from dashboard.programme.selection import Selection, TypeFilter

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
        "firms_matchmaking",
    ),
    "finance": ("ip_pledge_financing", "ip_royalty_trade", "warrant_pilot_markets"),
}
PAGE_TITLE = {
    "universities": "page_universities",
    "enterprises": "page_enterprises",
    "finance": "page_finance",
    "milestones": "page_milestones",
}


def default_slide_ids(
    tables: Tables, types: TypeFilter, today: dt.date, inventory: InventoryDeck | None = None
) -> list[str]:
    """The status summary, each target the filter shows, then each programme page with something to show,
    then the inventory's slide when there is an inventory for the types shown."""
    ids = [SUMMARY]
    ids += [f"target:{item.target['id']}" for item in targets.assess_targets(tables, types, today)]
    obs = types.apply(tables.observations)
    for page in PAGE_SLIDES:
        if page == "milestones":
            has_content = not types.apply(tables.milestones).empty
        else:
            has_content = obs["indicator"].isin([*PAGE_NUMBERS[page], PAGE_CHART[page]]).any()
        if has_content:
            ids.append(f"page:{page}")
    if inventory_slide.available(inventory, types):
        ids.append(INVENTORY)
    return ids


def slide_name(slide_id: str, tables: Tables, lang: str) -> str:
    """A slide's name for pickers: the summary, a target's indicator and type, or a page's title."""
    if slide_id == SUMMARY:
        return t("slide_summary", lang)
    kind, _, key = slide_id.partition(":")
    if kind == "page" and key in PAGE_TITLE:
        return t(PAGE_TITLE[key], lang)
    if slide_id == INVENTORY:
        return t("page_inventory", lang)
    if kind == "target":
        found = tables.targets[tables.targets["id"] == key]
        if not found.empty:
            target = found.iloc[0]
            indicator = tables.indicators.set_index("id").loc[target["indicator"]]
            type_name = tables.institution_types.set_index("id").loc[
                target["institution_type"], f"name_{lang}"
            ]
            return f"{indicator[f'name_{lang}']} · {type_name}"
    raise UnknownSlide(slide_id)


def filters_text(tables: Tables, sel: Selection) -> str:
    """The view in words, for the title slide: institution type and years."""
    lang = sel.lang
    type_text = t("filter_all", lang) if sel.types.everything else tables.type_names(lang)[sel.choice]
    years = f" · {t('years', lang)}: {sel.years[0]}–{sel.years[1]}" if sel.years else ""
    return f"{t('institution_type', lang)}: {type_text}{years}"


def _notes(lang: str, sources: str, method: list[str], assumptions: list[str]) -> str:
    parts = [sources]
    if method:
        parts.append(t("notes_method", lang) + " " + " ".join(method))
    if assumptions:
        parts.append(t("notes_assumptions", lang) + " " + " ".join(assumptions))
    return "\n\n".join(p for p in parts if p)


def _summary_slide(tables: Tables, sel: Selection, today: dt.date) -> SlideContent:
    lang = sel.lang
    items = targets.assess_targets(tables, sel.types, today)
    table = targets.readable_status_table(items, tables.type_names(lang), lang, tables.sources)
    # The slide keeps what reads across a room (every target on one slide); the basis, the deadline and the
    # progress stay on the page and in the notes, the period goes beside the figure.
    table = targets.merge_type_and_period(table, lang)
    grade = t("col_evidence_grade", lang)
    table[grade] = table[grade].str.replace(t("grade_word", lang, grade=""), "", regex=False).str.strip()
    table = table.rename(columns={grade: t("col_grade", lang)})
    table = table.drop(
        columns=[
            t(c, lang)
            for c in (
                "col_institution_type",
                "col_latest_period",
                "col_basis",
                "col_deadline",
                "col_progress",
            )
        ]
    )
    groups = outcomes.scorecard(items)
    if any(groups.values()):
        # Every group in three numbers: achieved (final + provisional), not achieved + not settled, awaiting.
        # The parts of a number are written as a sum ("1 / 3" read as "one of three").
        n = {g: len(m) for g, m in groups.items()}
        numbers = [
            (t("scorecard_key_achieved", lang), f"{n['achieved_final']} + {n['achieved_provisional']}"),
            (t("scorecard_key_open", lang), f"{n['not_achieved']} + {n['not_settled']}"),
            (t("scorecard_awaiting_figures", lang), str(n["awaiting_figures"])),
        ]
    else:
        counts = pd.Series([i.status for i in items]).value_counts()
        numbers = [(t(f"status_{s}", lang), str(int(counts[s]))) for s in counts.index[:3]]
    sources = {s for item in items for s in outcomes.cited_sources(item)}
    method = [outcomes.thresholds_text(lang)]
    if any(groups.values()):
        method.insert(0, t("scorecard_intro", lang))
        method += [f"{t(f'scorecard_{g}', lang)}: {len(m)}." for g, m in groups.items()]
    return SlideContent(
        id=SUMMARY,
        title=t("slide_summary", lang),
        key_numbers=numbers,
        table=table,
        source_line=short_source_line(sources, tables.sources, lang),
        notes=_notes(lang, source_line(sources, tables.sources, lang), method, []),
    )


def _target_slide(tables: Tables, sel: Selection, today: dt.date, target_id: str) -> SlideContent:
    lang = sel.lang
    items = {i.target["id"]: i for i in targets.assess_targets(tables, sel.types, today)}
    if target_id not in items:
        raise UnknownSlide(f"target:{target_id}")
    item = items[target_id]
    a = item.assessment
    numbers = dict(targets.method_numbers(item, lang))
    if item.verdict is not None:
        key_numbers = outcomes.verdict_key_numbers(item, tables, lang)
    else:
        keys = ["latest", "target", "progress" if a.kind == "numeric" else "actual"]
        # A slide gives the progress short ("over 100%"); the method panel adds the formula's own number.
        numbers[t("m_progress", lang)] = targets.progress_text(
            None if a.progress is None else a.progress * 100, lang
        )
        key_numbers = [
            (t(f"key_{k}", lang), numbers[t(f"m_{k}", lang)]) for k in keys if t(f"m_{k}", lang) in numbers
        ]
    figure = charts.trajectory_figure(item, lang) if not item.observations.empty else None
    source_ids = [*outcomes.cited_sources(item), *outcomes.driver_sources(item)]
    method = [f"{label}: {value}." for label, value in outcomes.verdict_numbers(item, tables.sources, lang)]
    method += outcomes.verdict_reason_texts(item, today, lang)
    if item.drivers is not None:
        method.append(t("drivers_heading", lang) + ": " + outcomes.driver_caption(item, tables, lang))
        method += [
            "; ".join(f"{k}: {v}" for k, v in row.items() if v) + "."
            for row in outcomes.driver_table(item, tables, lang).to_dict("records")
        ]
    method += [f"{label}: {value}." for label, value in targets.method_numbers(item, lang)]
    method += targets.reason_texts(item, lang) + outcomes.break_texts(item, lang)
    assumptions = [
        x
        for x in {assumption_text(a_id, tables.assumptions, lang) for a_id in outcomes.assumption_ids(item)}
        if x
    ]
    line = source_line(source_ids, tables.sources, lang)
    short = short_source_line(source_ids, tables.sources, lang)
    return SlideContent(
        id=f"target:{target_id}",
        title=slide_name(f"target:{target_id}", tables, lang),
        key_numbers=key_numbers,
        status=item.status,
        status_label=targets.status_label(item, lang),
        figure=figure,
        source_line=short,
        notes=_notes(lang, line, method, sorted(assumptions)),
    )


def _page_slide(tables: Tables, sel: Selection, today: dt.date, page: str) -> SlideContent:
    lang = sel.lang
    indicators = tables.indicators.set_index("id")
    obs = sel.types.apply(tables.observations)
    type_names = tables.type_names(lang)
    title = t(PAGE_TITLE[page], lang)
    if page == "milestones":
        spans, milestones = timeline_frames(tables, sel, today)
        states = milestones
        counts = states["state"].value_counts()
        numbers = [(t(f"milestone_{s}", lang), str(int(counts[s]))) for s in counts.index[:3]]
        ids = [*tables.programmes["source"], *states["evidence_source"].dropna()]
        line = source_line(ids, tables.sources, lang)
        short = short_source_line(ids, tables.sources, lang)
        return SlideContent(
            id=f"page:{page}",
            title=title,
            key_numbers=numbers,
            figure=charts.timeline_figure(spans, milestones, lang, today),
            source_line=short,
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
        # Where the indicator is published for several types, the label says whose figure this is (on the
        # universities slide, a national count must not read as the universities' own).
        whose = (
            f" · {type_names[latest['institution_type']]}" if rows["institution_type"].nunique() > 1 else ""
        )
        numbers.append(
            (
                f"{meta[f'name_{lang}']}{whose} · {format_period(latest['period'], lang, meta['measure'])}",
                value,
            )
        )
        used_sources.append(latest["source"])
        text = assumption_text(latest["assumption"], tables.assumptions, lang)
        if text:
            assumptions.add(text)
    chart_rows = obs[obs["indicator"] == PAGE_CHART[page]]
    figure = None
    if len(chart_rows) > 1:
        figure = charts.series_figure(chart_rows, indicators.loc[PAGE_CHART[page]], type_names, lang)
        used_sources += list(chart_rows["source"])
    line = source_line(used_sources, tables.sources, lang)
    short = short_source_line(used_sources, tables.sources, lang)
    return SlideContent(
        id=f"page:{page}",
        title=title,
        key_numbers=numbers[:3],
        figure=figure,
        source_line=short,
        notes=_notes(lang, line, [], sorted(assumptions)),
    )


def build_slide(
    slide_id: str, tables: Tables, sel: Selection, today: dt.date, inventory: InventoryDeck | None = None
) -> SlideContent:
    """One slide of the current view; UnknownSlide if the id names none."""
    if slide_id == SUMMARY:
        return _summary_slide(tables, sel, today)
    kind, _, key = slide_id.partition(":")
    if kind == "target":
        return _target_slide(tables, sel, today, key)
    if kind == "page" and key in PAGE_SLIDES:
        return _page_slide(tables, sel, today, key)
    if slide_id == INVENTORY and inventory is not None and inventory_slide.available(inventory, sel.types):
        return inventory_slide.build(inventory, tables, sel)
    raise UnknownSlide(slide_id)
