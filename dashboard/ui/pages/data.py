"""Data: import observation sheets, add or correct a figure, target or source, record a milestone's evidence,
and the history of every
change with undo and "what changed since". Anyone sees the history; only a signed-in editor imports or edits."""

import datetime as dt
import hashlib

import streamlit as st

from dashboard.editing.templates import UPLOAD_LIMIT_MB, UPLOAD_ROW_LIMIT
from dashboard.i18n import t
from dashboard.ui.auth import current_editor
from dashboard.ui.cache import open_store
from dashboard.ui.components import say_done
from dashboard.ui.panels import history, record_forms, sheet_import
from dashboard.ui.panels import inventory as inventory_panels
from dashboard.ui.view import current_view

view = current_view()
lang = view.lang
editor = current_editor()

st.title(t("data_title", lang))
st.caption(t("data_intro", lang))
say_done()
labels = [t("data_import", lang), t("data_edit", lang), t("data_history", lang)]
# The page opens on what the visitor may use: an editor on import, anyone else on the history (which a rerun,
# an undo for one, keeps open).
import_tab, edit_tab, history_tab = st.tabs(labels, default=labels[0] if editor else labels[2])

with import_tab:
    if not editor:
        st.info(t("editors_only", lang), icon="🔒")
    else:
        sheet_import.template_downloads(view)
        upload = st.file_uploader(
            t("upload_sheet", lang),
            type=["csv", "tsv", "txt", "xlsx"],
            key="upload_sheet",
            help=t("upload_help", lang, mb=UPLOAD_LIMIT_MB, rows=UPLOAD_ROW_LIMIT),
        )
        worksheet = st.text_input(
            t("worksheet", lang), key="upload_worksheet", help=t("worksheet_help", lang)
        )
        if upload is not None:
            content = upload.getvalue()
            digest = hashlib.sha256(content).hexdigest()
            sheet_import.import_preview(view, editor, upload.name, content, worksheet.strip() or None, digest)
        st.divider()
        inventory_panels.show_message()
        inventory_panels.import_panel(lang, key="data_inv_import", quiet=True)  # the patent-level inventory

with edit_tab:
    if not editor:
        st.info(t("editors_only", lang), icon="🔒")
    else:
        what = st.segmented_control(
            t("edit_what", lang),
            ["figure", "target", "source", "milestone"],
            default="figure",
            format_func=lambda k: t(f"edit_{k}", lang),
            key="edit_what",
        )
        if what == "target":
            record_forms.target_form(view, editor)
        elif what == "source":
            record_forms.source_form(view, editor)
        elif what == "milestone":
            record_forms.milestone_form(view, editor)
        else:
            record_forms.figure_form(view, editor)

with history_tab:
    store = open_store()
    st.header(t("changes_since_heading", lang))
    since = st.date_input(
        t("changes_since", lang),
        value=dt.date.today() - dt.timedelta(days=30),
        key="changes_since",
        format="YYYY-MM-DD",
    )
    history.show_changes_since(store, since, view.tables, lang)
    st.header(t("audit_heading", lang))
    history.show_history(store, editor, view.tables, lang)
