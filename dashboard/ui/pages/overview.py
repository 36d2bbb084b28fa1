"""Overview: the 2025 targets with their latest figures, the announcement's headline figures, the timeline."""

import datetime as dt

import streamlit as st

from dashboard.charts import programme as charts
from dashboard.formatting import format_percent, format_value, literal
from dashboard.i18n import t
from dashboard.i18n.numbers import system
from dashboard.programme import computable, outcomes, overview, targets, verdicts
from dashboard.programme.provenance import assumption_text
from dashboard.ui.components import (
    caption_sources,
    chart_footer,
    show_chart,
    show_table,
    status_badge,
    timeline_chart,
)
from dashboard.ui.router import page_path
from dashboard.ui.view import current_view

view = current_view()
lang, tables = view.lang, view.tables
shown = view.selection.types.shown

st.title(t("app_title", lang))
st.caption(t("app_subtitle", lang))
today = dt.date.today()
items = targets.assess_targets(tables, view.selection.types, today)
assessed = {item.target["id"]: item for item in items}

# --- The scorecard: the plans' result, then what comes next -----------------------------------------------
st.header(t("scorecard_heading", lang))
groups = outcomes.scorecard(items)
if not any(groups.values()):
    st.info(t("scorecard_before_deadline", lang))
else:
    st.caption(t("scorecard_intro", lang))
    type_names = tables.type_names(lang)
    # Cards as wide as their words, side by side where they fit and wrapped where they do not: in equal
    # columns at 1280 px, "Achieved (provisional)" was cut short.
    row = st.container(horizontal=True, wrap=True)
    for group, members in groups.items():
        row.container(border=True, width="content").metric(t(f"scorecard_{group}", lang), len(members))
    # Each target under its group, at full width so that its name reads whole.
    for group, members in groups.items():
        if not members:
            continue
        # The badge beside its group's first target, so that where a group ends is plain.
        label, links = st.columns([1, 3], vertical_alignment="top")
        status_badge(members[0].status, t(f"scorecard_{group}", lang), label)
        with links:
            for item in members:
                st.page_link(
                    page_path("targets"),
                    label=f"{item.indicator[f'name_{lang}']} · {type_names[item.target['institution_type']]}",
                    query_params=view.selection.link_params(target=item.target["id"]),
                )
    caption_sources({s for item in items for s in outcomes.cited_sources(item)}, view)
steps = overview.next_steps(tables, view.selection.types)
st.subheader(t("next_steps_heading", lang))
if steps.empty:
    st.caption(t("next_steps_none", lang))
else:
    st.write(t("next_steps_intro", lang))
    st.markdown("\n".join(f"- {literal(text)}" for text in steps[f"text_{lang}"]))
    caption_sources(steps["source"], view)

# --- Targets -----------------------------------------------------------------------------------------------
st.header(t("targets_heading", lang))
st.write(t("targets_intro", lang))
cards = overview.target_cards(tables, view.selection)
if not cards:
    st.info(t("no_targets", lang))
for row_start in range(0, len(cards), 3):
    for column, card in zip(st.columns(3), cards[row_start : row_start + 3], strict=False):
        with column.container(border=True):
            st.markdown(f"**{literal(card['indicator_name'])}**")  # names come from the store: shown as text
            st.caption(literal(f"{card['programme']} · {card['institution_type']}"))
            item = assessed[card["id"]]
            status_badge(item.status, targets.status_label(item, lang))
            if item.verdict is not None and item.verdict.outcome == verdicts.NOT_SETTLED:
                # Why a verdict could not be reached, beside it (the figure alone, more than 1 trillion against
                # 800 billion, reads as met): the first reason, the one that leaves it open; the rest are on the
                # Targets page, a link away.
                st.caption(outcomes.verdict_reason_texts(item, today, lang)[0])
            for text in outcomes.awaiting_texts(item, today, lang):  # a latest figure may pass the target
                st.caption(text)
            st.metric(f"{t('target', lang)} · {card['deadline']}", card["target_value"])
            st.caption(literal(card["wording"]))
            if card["split_by_part"]:
                st.caption(t("components_figure", lang))
            for latest in card["latest"]:
                label = f"{t('latest', lang)} · {latest['period']}"
                if card["split_by_part"]:
                    label = f"{latest['institution_type']} · {label}"
                st.metric(label, latest["value"])
                if latest["partial_year"]:
                    st.caption(f"⚠ {t('partial_year', lang)}")
            if not card["latest"]:
                st.markdown(f"{t('latest', lang)}: **{t('no_figure', lang)}**")
            if card["baseline"]:
                st.caption(f"{t('baseline', lang)}: {literal(card['baseline'])}")
            if card["combined"]:
                st.caption(t("combined_figure", lang))
            for text in card["assumptions"]:
                st.caption(f"{t('assumption', lang)}: {literal(text)}")  # from the store: shown as text
            caption_sources(card["sources"], view)
            st.page_link(
                page_path("targets"),
                label=t("view_on_targets", lang),
                icon=":material/arrow_forward:",
                query_params=view.selection.link_params(target=card["id"]),
            )
if cards:
    with st.expander(t("targets_as_table", lang)):
        show_table(
            overview.targets_table(cards, lang),
            lang,
            name="targets",
            download=computable.target_cards_download(cards, tables, lang),
        )
        caption_sources([s for c in cards for s in c["sources"]], view)

# --- The announcement's headline figures --------------------------------------------------------------------
st.header(t("headline_heading", lang))
indicators = tables.indicators.set_index("id")
if "university" in shown:
    headline = overview.headline_growth(tables)
    columns = st.columns(len(headline))
    for column, (indicator, (growth, rows)) in zip(columns, headline.items(), strict=True):
        meta = indicators.loc[indicator]
        first, last = rows.iloc[0], rows.iloc[1]
        with column.container(border=True):
            st.markdown(f"**{meta[f'name_{lang}']}**")
            start = format_value(first["value"], meta["unit"], first["qualifier"], lang, meta["unit_en"])
            end = format_value(last["value"], meta["unit"], last["qualifier"], lang, meta["unit_en"])
            st.metric(
                f"{growth.start_period} → {growth.end_period}",
                end,
                f"{t('from', lang)} {start}",
                delta_color="off",
            )
            a, b = st.columns(2)
            a.metric(t("multiple", lang), f"×{growth.multiple:.2f}")
            b.metric(t("annual_growth", lang), format_percent(growth.annual_growth, lang))
            # The two amounts as the card above writes them (CNY bn on an English page).
            scale, _ = system(lang).chart_unit(meta["unit"], meta["unit_en"])
            multiple_formula, growth_formula = growth.formulas(lang, scale)
            formulas = t("list_sep", lang).join((multiple_formula, growth_formula))
            st.caption(t("formula_line", lang, formulas=formulas))
            if "more_than" in set(rows["qualifier"]):
                st.caption(t("lower_bounds_note", lang))
            st.caption(
                f"{t('assumption', lang)}: {assumption_text(first['assumption'], tables.assumptions, lang)}"
            )
    series = tables.observations[tables.observations["indicator"].isin(overview.HEADLINE_INDICATORS)]
    st.subheader(t("series_chart_title", lang))
    type_names = tables.type_names(lang)
    for column, indicator in zip(st.columns(2), overview.HEADLINE_INDICATORS, strict=True):
        show_chart(
            charts.series_figure(
                series, indicators.loc[indicator], type_names, lang, overview.ANNOUNCEMENT_SOURCE
            ),
            indicator,
            lang,
            column,
            chart_footer(series[series["indicator"] == indicator]["source"], view),
        )
    st.caption(t("marker_legend", lang))
    caption_sources(series["source"], view)
if "research_institute" in shown:
    cas = overview.statement(tables, "cas_review")
    with st.container(border=True):
        st.subheader(t("cas_heading", lang))
        st.write(cas[f"text_{lang}"])
        a, b = st.columns(2)
        a.markdown(f"**{t('cas_dimensions', lang)}**  \n{t('cas_dimension_list', lang)}")
        b.markdown(f"**{t('cas_outcomes', lang)}**  \n{t('cas_outcome_list', lang)}")
        caption_sources([cas["source"]], view)
if "enterprise" in shown:
    pilots = overview.statement(tables, "warrant_pilots")
    with st.container(border=True):
        st.subheader(t("pilots_heading", lang))
        st.write(pilots[f"text_{lang}"])
        show_table(overview.pilots_table(tables, lang), lang, name="warrant-pilots")
        caption_sources(tables.pilots["source"], view)

# --- Timeline --------------------------------------------------------------------------------------------
st.header(t("timeline_heading", lang))
milestones, timeline_sources = timeline_chart(view, "plans-timeline", today)
show_table(overview.milestones_table(milestones, lang), lang, wrap_text=True, name="milestones")
caption_sources(timeline_sources, view)
