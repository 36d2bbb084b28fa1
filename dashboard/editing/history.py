"""The change history in words, for people: what kind of record, which figure by its name, its period,
institution type and source (outlet and date), before → after as formatted values, and times in the reader's
zone. The audit log and `changes_since` stay as stored (the command line prints them for scripts)."""

from __future__ import annotations

import json
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd

from dashboard.curation.catalogue import Tables
from dashboard.editing import changes
from dashboard.formatting import NO_VALUE, format_period, format_value
from dashboard.i18n import t
from dashboard.programme.provenance import date_words, grade_words
from dashboard.store import audit
from dashboard.store.editors import CLI_EDITOR

# The zone times are shown in when the browser does not say its own: the programme's.
DEFAULT_ZONE = "Asia/Shanghai"
RECORD_KINDS = {
    "observations": "record_figure",
    "targets": "record_target",
    "sources": "record_source",
    "milestones": "record_milestone",
    audit.SLIDE_LISTS: "record_slide_list",
    audit.RULES: "record_rules",
    audit.INVENTORY: "record_inventory",
    audit.STORE: "record_store",
}
# The grading rules' dimensions and grades, in the order people read them (as dashboard.inventory.grading).
RULE_DIMENSIONS, RULE_GRADES = ("technology", "market", "legal"), ("A", "B", "C", "D")


def zone_of(name: str | None) -> ZoneInfo:
    """The reader's time zone by its IANA name, else the programme's."""
    try:
        return ZoneInfo(name) if name else ZoneInfo(DEFAULT_ZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_ZONE)


def local_time(at: object, zone: ZoneInfo) -> str:
    """A stored UTC time as the reader's clock shows it, to the minute: '2026-11-29 14:03'."""
    stamp = pd.Timestamp(at)
    stamp = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp
    return stamp.tz_convert(zone).strftime("%Y-%m-%d %H:%M")


def when_column(zone: ZoneInfo, lang: str) -> str:
    return t("col_when_zone", lang, zone=str(zone.key))


def record_kind(table: str, lang: str) -> str:
    return t(RECORD_KINDS.get(table, "record_other"), lang)


def record_words(table: str, record: dict | None, tables: Tables, lang: str) -> str:
    """Which record, by what people call it: a figure by indicator · institution type · period · source."""
    if not record:
        return ""
    if table == "observations":
        indicator = _row(tables.indicators, record.get("indicator"))
        parts = [
            _name(indicator, "name", lang) or t("record_unknown", lang),
            _name(_row(tables.institution_types, record.get("institution_type")), "name", lang),
            format_period(str(record.get("period")), lang, _measure(indicator))
            if record.get("period")
            else "",
            _source_words(record.get("source"), tables, lang),
        ]
        return " · ".join(p for p in parts if p)
    if table == "targets":
        indicator = _row(tables.indicators, record.get("indicator"))
        parts = [
            _name(indicator, "name", lang),
            _name(_row(tables.institution_types, record.get("institution_type")), "name", lang),
            str(record.get("deadline") or ""),
        ]
        return " · ".join(p for p in parts if p) or str(record.get(f"wording_{lang}") or "")
    if table == "sources":
        return t(
            "source_outlet_date",
            lang,
            outlet=record.get(f"outlet_{lang}") or record.get(f"title_{lang}") or "",
            date=date_words(record.get("published"), lang),
        )
    if table == "milestones":
        return str(record.get(f"what_{lang}") or "")
    if table == audit.SLIDE_LISTS:
        return t("slide_list_shared", lang)
    if table == audit.RULES:
        return t("rules_in_force", lang)
    if table == audit.INVENTORY:
        return t("inventory_whole", lang)
    if table == audit.STORE:
        return t("record_store", lang)
    return t("record_unknown", lang)


def value_words(table: str, record: dict | None, tables: Tables, lang: str) -> str:
    """What a record says, as a reader compares it: a formatted value, a target, a grade, an evidence state."""
    if not record:
        return ""
    if table == "observations":
        indicator = _row(tables.indicators, record.get("indicator"))
        return format_value(
            float(record["value"]),
            str(record.get("unit") or ""),
            str(record.get("qualifier") or "exact"),
            lang,
            None if indicator is None else indicator["unit_en"],
        )
    if table == "targets":
        value = record.get("target_value")
        if value is None or pd.isna(value):
            return str(record.get(f"wording_{lang}") or "")
        indicator = _row(tables.indicators, record.get("indicator"))
        return format_value(
            float(value),
            str(record.get("unit") or ""),
            "exact",
            lang,
            None if indicator is None else indicator["unit_en"],
        )
    if table == "sources":
        title = record.get(f"title_{lang}") or record.get("title_zh") or ""
        return f"{grade_words(str(record.get('grade')), lang)} · {title}"
    if table == "milestones":
        state = t(
            "milestone_evidence_met" if record.get("evidence_complete") else "milestone_evidence_open", lang
        )
        date = record.get("evidence_date")
        return f"{state} ({date})" if date else state
    if table == audit.SLIDE_LISTS:
        return t("slides_n", lang, n=len(record.get("slide_ids") or []))
    if table == audit.RULES:
        return rules_words(record, lang)
    if table == audit.INVENTORY:
        n = f"{int(record.get('records') or 0):,}"
        if record.get("synthetic"):
            return t("inventory_records_synthetic", lang, n=n)
        return t("inventory_records_file", lang, n=n, file=record.get("file") or "?")
    if table == audit.STORE:
        return t("store_reset_to", lang, n=f"{int(record.get('observations') or 0):,}")
    return ""


def rules_words(rules: dict, lang: str) -> str:
    """A grading rule set (as its JSON holds it) in a line: weights, grade thresholds, grade → disposition."""
    weights = {d: float(rules["weights"][d]) for d in RULE_DIMENSIONS}
    total = sum(weights.values()) or 1.0
    parts = [
        " · ".join(f"{t(f'inv_dim_{d}', lang)} {weights[d] / total:.0%}" for d in RULE_DIMENSIONS),
        " · ".join(f"{g} ≥ {float(rules['thresholds'][g]):g}" for g in RULE_GRADES[:-1]),
        " · ".join(f"{g} → {t('inv_disposition_' + rules['disposition'][g], lang)}" for g in RULE_GRADES),
    ]
    return t("list_sep", lang).join(parts)


def change_words(before: dict | None, after: dict | None, lang: str) -> str:
    return t(
        "change_added" if before is None else "change_removed" if after is None else "change_changed", lang
    )


def changes_since_table(frame: pd.DataFrame, tables: Tables, lang: str, zone: ZoneInfo) -> pd.DataFrame:
    """`changes.changes_since` in words, one row per record."""
    rows = [
        {
            t("col_record_kind", lang): record_kind(row.table_name, lang),
            t("col_record", lang): record_words(
                row.table_name, row.after_record or row.before_record, tables, lang
            ),
            t("col_change", lang): change_words(row.before_record, row.after_record, lang),
            # an added record has nothing before it, a deleted one nothing after: "—", not a blank cell
            t("col_before", lang): value_words(row.table_name, row.before_record, tables, lang) or NO_VALUE,
            t("col_after", lang): value_words(row.table_name, row.after_record, tables, lang) or NO_VALUE,
            when_column(zone, lang): local_time(row.last_at, zone),
            t("col_editor", lang): ", ".join(editor_words(e, lang) for e in str(row.editors).split(", ")),
        }
        for row in frame.itertuples()
    ]
    return pd.DataFrame(rows)


def entries_table(entries: pd.DataFrame, tables: Tables, lang: str, zone: ZoneInfo) -> pd.DataFrame:
    """Every audit entry in words, newest first: one record changed by one change."""
    rows = []
    for entry in entries.itertuples():
        before, after = _loads(entry.before), _loads(entry.after)
        rows.append(
            {
                when_column(zone, lang): local_time(entry.at, zone),
                t("col_editor", lang): editor_words(entry.editor, lang),
                t("col_record_kind", lang): record_kind(entry.table_name, lang),
                t("col_record", lang): record_words(entry.table_name, after or before, tables, lang),
                t("col_change", lang): change_words(before, after, lang),
                t("col_before", lang): value_words(entry.table_name, before, tables, lang) or NO_VALUE,
                t("col_after", lang): value_words(entry.table_name, after, tables, lang) or NO_VALUE,
            }
        )
    return pd.DataFrame(rows)


def what_words(batch: pd.Series, entries: pd.DataFrame, tables: Tables, lang: str, zone: ZoneInfo) -> str:
    """One change (an import, an edit, an undo) in a line: an import by its file, an edit by its record, an
    undo by the change it reverts."""
    own = entries[entries["batch"] == batch["batch"]]
    if isinstance(batch.get("reverts"), str) and batch["reverts"]:
        reverted = entries[entries["batch"] == batch["reverts"]]
        when = local_time(reverted["at"].iloc[0], zone) if not reverted.empty else ""
        return t("history_undo", lang, when=when)
    summary = str(batch.get("summary") or "")
    if summary.startswith(changes.IMPORT_PREFIX):
        key = "history_import_one" if len(own) == 1 else "history_import"
        return t(key, lang, file=summary[len(changes.IMPORT_PREFIX) :], n=len(own))
    if (entry := _replacement(own)) is not None:
        return t(
            "history_replace",
            lang,
            kind=record_kind(entry["table_name"], lang),
            record=value_words(entry["table_name"], _loads(entry["after"]), tables, lang),
        )
    if len(own) == 1:
        entry = own.iloc[0]
        record = _loads(entry["after"]) or _loads(entry["before"])
        return t(
            "history_edit",
            lang,
            kind=record_kind(entry["table_name"], lang),
            record=record_words(entry["table_name"], record, tables, lang),
        )
    return t("history_records", lang, n=len(own))


def editor_words(editor: object, lang: str) -> str:
    """Who made a change, as people read it: a signed-in editor by name; the command line as such, with the
    account that ran it ("command line (root)", not "cli:root")."""
    name = str(editor)
    if name == CLI_EDITOR:
        return t("editor_cli", lang)
    if name.startswith(f"{CLI_EDITOR}:"):
        return t("editor_cli_account", lang, account=name[len(CLI_EDITOR) + 1 :])
    return name


def history_table(log: pd.DataFrame, entries: pd.DataFrame, tables: Tables, lang: str, zone: ZoneInfo):
    """`changes.batches` in words, newest first: when, who, what, how many records, whether undone."""
    rows = [
        {
            when_column(zone, lang): local_time(batch["at"], zone),
            t("col_editor", lang): editor_words(batch["editor"], lang),
            t("col_what", lang): what_words(batch, entries, tables, lang, zone),
            t("col_records", lang): records_written(batch, entries),
            t("col_undone", lang): t("word_yes" if batch["undone"] else "word_no", lang),
        }
        for _, batch in log.iterrows()
    ]
    return pd.DataFrame(rows)


def records_written(batch: pd.Series, entries: pd.DataFrame) -> int:
    """How many records a change wrote: its audited entries, except that a replaced inventory or a reset store
    is audited as one entry that names how many records it now holds (1,000,000 patents, not 1)."""
    entry = _replacement(entries[entries["batch"] == batch["batch"]])
    if entry is not None:
        held = (_loads(entry["after"]) or {}).get(
            "records" if entry["table_name"] == audit.INVENTORY else "observations"
        )
        if held is not None:
            return int(held)
    return int(batch["changes"])


def _replacement(own: pd.DataFrame) -> pd.Series | None:
    """A change's one entry when it replaced the whole inventory or reset the store, else None."""
    if len(own) == 1 and own.iloc[0]["table_name"] in (audit.INVENTORY, audit.STORE):
        return own.iloc[0]
    return None


def undo_label(batch: pd.Series, entries: pd.DataFrame, tables: Tables, lang: str, zone: ZoneInfo) -> str:
    """How the undo box names one change: when, who, what."""
    what = what_words(batch, entries, tables, lang, zone)
    return f"{local_time(batch['at'], zone)} · {editor_words(batch['editor'], lang)} · {what}"


def _loads(text: object) -> dict | None:
    return json.loads(text) if isinstance(text, str) and text else None


def _row(frame: pd.DataFrame, key: object) -> pd.Series | None:
    if not isinstance(key, str):
        return None
    match = frame[frame["id"] == key]
    return None if match.empty else match.iloc[0]


def _name(row: pd.Series | None, field: str, lang: str) -> str:
    return "" if row is None else str(row[f"{field}_{lang}"])


def _measure(indicator: pd.Series | None) -> str:
    return "stock" if indicator is None else str(indicator["measure"])


def _source_words(source_id: object, tables: Tables, lang: str) -> str:
    source = _row(tables.sources, source_id)
    if source is None:
        return t("source_not_in_store", lang)
    return record_words("sources", source.to_dict(), tables, lang)
