"""Sources: every source with its grade and the figures drawn from it, and the assumptions we made."""

import streamlit as st

from dashboard.formatting import literal
from dashboard.i18n import t
from dashboard.programme import computable, overview
from dashboard.programme.provenance import cite, free_text
from dashboard.ui.components import show_table
from dashboard.ui.view import current_view

view = current_view()
lang, tables = view.lang, view.tables

st.title(t("sources_heading", lang))
st.write(t("sources_intro", lang))
summaries = overview.source_summaries(tables, view.selection.types)
st.caption(t("sources_count", lang, n=len(summaries), m=int(summaries["n_observations"].sum())))
show_table(overview.sources_table(summaries, lang), lang, wrap_text=True, name="sources")

for _, source in summaries.iterrows():
    with st.expander(literal(f"[{source['grade']}] {cite(source, lang)}")):
        details = [f"**{t('col_kind', lang)}**: {t('kind_' + source['kind'], lang)}"]
        for field, label in (("date_note", "col_date"), ("reported_by", "reported_by"), ("note", "col_note")):
            if text := free_text(source, field, lang):
                details.append(f"**{t(label, lang)}**: {literal(text)}")
        if overview.present(source["url"]):
            details.append(f"{t('field_url', lang)}: {literal(source['url'])}")
        st.markdown("  \n".join(details))
        figures = overview.figures_of_source(tables, source["id"], view.selection)
        if figures.empty:
            st.caption(t("no_figures_for_filter", lang))
        else:
            st.markdown(f"**{t('figures_from_source', lang)}**")
            show_table(
                figures,
                lang,
                wrap_text=True,
                name=f"figures-{source['id']}",
                download=computable.source_figures_download(tables, source["id"], view.selection.types, lang),
            )

st.header(t("assumptions_heading", lang))
show_table(
    tables.assumptions[[f"name_{lang}", f"text_{lang}"]].rename(
        columns={f"name_{lang}": t("assumption_name", lang), f"text_{lang}": t("assumption", lang)}
    ),
    lang,
    wrap_text=True,
    name="assumptions",
)
