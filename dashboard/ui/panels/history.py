"""The Data page's history: what changed since a date, the audit log, and undo for editors; all in words
(`editing.history`), times in the reader's zone."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from dashboard.curation.catalogue import Tables
from dashboard.editing import changes, history
from dashboard.formatting import literal
from dashboard.i18n import t
from dashboard.inventory import service as inventory_service
from dashboard.store.database import StoreError
from dashboard.store.editors import Editor, NotAnEditor
from dashboard.ui.components import done, show_table


def reader_zone():
    """The browser's time zone where it says one, else the programme's."""
    return history.zone_of(st.context.timezone)


def show_changes_since(store, since: dt.date, tables: Tables, lang: str) -> None:
    frame = changes.changes_since(store, since)
    if frame.empty:
        st.caption(t("nothing_changed_since", lang, date=since.isoformat()))
        return
    shown = history.changes_since_table(frame, tables, lang, reader_zone())
    show_table(shown, lang, wrap_text=True, name=f"changes-since-{since.isoformat()}")


def show_history(store, editor: Editor | None, tables: Tables, lang: str) -> None:
    entries = changes.audit_frame(store)
    log = changes.batches(store, entries)
    if log.empty:
        st.caption(t("no_changes_yet", lang))
        return
    zone = reader_zone()
    show_table(
        history.history_table(log, entries, tables, lang, zone), lang, wrap_text=True, name="audit-log"
    )
    with st.expander(t("audit_details", lang)):
        show_table(history.entries_table(entries, tables, lang, zone), lang, name="audit-entries")
    if not editor:
        return
    undoable = log[log["undoable"]]
    if undoable.empty:
        return
    batch_of = {
        history.undo_label(row, entries, tables, lang, zone): row["batch"] for _, row in undoable.iterrows()
    }
    pick = st.selectbox(t("undo_pick", lang), list(batch_of), key="undo_pick")
    if st.button(t("undo_button", lang), key="undo_button"):
        try:
            inventory_service.undo(store, batch_of[pick], editor)
        except (changes.ConflictError, changes.ChangeError, StoreError, NotAnEditor) as exc:
            st.error(literal(exc.text(lang)), icon="⚠️")
            return
        done(t("undone", lang))
