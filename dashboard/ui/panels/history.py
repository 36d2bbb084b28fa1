"""The Data page's history: what changed since a date, the audit log, and undo for editors."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from dashboard.editing import changes
from dashboard.formatting import literal
from dashboard.i18n import t
from dashboard.store.database import StoreError
from dashboard.ui.components import done, show_table


def show_changes_since(store, since: dt.date, lang: str) -> None:
    frame = changes.changes_since(store, since)
    if frame.empty:
        st.caption(t("nothing_changed_since", lang, date=since.isoformat()))
        return
    shown = frame.drop(columns="record_key").rename(
        columns={
            "table_name": t("col_table", lang),
            "record": t("col_record", lang),
            "change": t("col_change", lang),
            "before": t("col_before", lang),
            "after": t("col_after", lang),
            "last_at": t("col_when", lang),
            "editors": t("col_editor", lang),
        }
    )
    show_table(shown, lang, name=f"changes-since-{since.isoformat()}")


def show_history(store, editor: str | None, lang: str) -> None:
    entries = changes.audit_frame(store)
    log = changes.batches(store, entries)
    if log.empty:
        st.caption(t("no_changes_yet", lang))
        return
    shown = log.assign(at=log["at"].dt.strftime("%Y-%m-%d %H:%M UTC"), batch=log["batch"].str[:12])
    shown = shown[["batch", "at", "editor", "summary", "changes", "undone"]].rename(
        columns={
            "batch": t("col_change_id", lang),
            "at": t("col_when", lang),
            "editor": t("col_editor", lang),
            "summary": t("col_what", lang),
            "changes": t("col_records", lang),
            "undone": t("col_undone", lang),
        }
    )
    show_table(shown, lang, name="audit-log")
    with st.expander(t("audit_details", lang)):
        st.dataframe(
            entries.drop(columns=["id"]).assign(batch=entries["batch"].str[:12]),
            hide_index=True,
            width="stretch",
        )
    if not editor:
        return
    undoable = log[~log["undone"] & log["reverts"].isna()]
    if undoable.empty:
        return
    batch_of = {
        f"{r.batch[:12]} · {r.at:%Y-%m-%d %H:%M} · {r.editor} · {r.summary}": r.batch
        for r in undoable.itertuples()
    }
    pick = st.selectbox(t("undo_pick", lang), list(batch_of), key="undo_pick")
    if st.button(t("undo_button", lang), key="undo_button"):
        try:
            changes.undo(store, batch_of[pick], editor)
        except (changes.ConflictError, changes.ChangeError, StoreError) as exc:
            st.error(literal(exc.text(lang)), icon="⚠️")
            return
        done(t("undone", lang))
