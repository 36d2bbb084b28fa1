"""Sources: every source with its grade and the figures drawn from it, and the assumptions we made."""

import streamlit as st

from dashboard.formatting import literal
from dashboard.i18n import t
from dashboard.programme import overview
from dashboard.programme.provenance import cite
from dashboard.ui import edge as ui

view = ui.current_view()
lang, tables = view.lang, view.tables

st.title(t("sources_heading", lang))
st.write(t("sources_intro", lang))
summaries = overview.source_summaries(tables, view.choice)
st.caption(t("sources_count", lang, n=len(summaries), m=int(summaries["n_observations"].sum())))
ui.show_table(overview.sources_table(summaries, lang), name="sources")

for _, source in summaries.iterrows():
    with st.expander(literal(f"[{source['grade']}] {cite(source, lang)}")):
        details = [f"**{t('col_kind', lang)}**: {t('kind_' + source['kind'], lang)}"]
        for field, label in (("date_note", "col_date"), ("reported_by", "reported_by"), ("note", "col_note")):
            if overview.present(source[field]):
                details.append(f"**{t(label, lang)}**: {literal(source[field])}")
        if overview.present(source["url"]):
            details.append(f"URL: {literal(source['url'])}")
        st.markdown("  \n".join(details))
        figures = overview.figures_of_source(tables, source["id"], view.choice, lang)
        if figures.empty:
            st.caption(t("no_figures_for_filter", lang))
        else:
            st.markdown(f"**{t('figures_from_source', lang)}**")
            ui.show_table(figures, wrap_text=True, name=f"figures-{source['id']}")

st.header(t("assumptions_heading", lang))
ui.show_table(
    tables["assumptions"][["id", f"text_{lang}"]].rename(
        columns={"id": "ID", f"text_{lang}": t("assumption", lang)}
    ),
    wrap_text=True,
    name="assumptions",
)
