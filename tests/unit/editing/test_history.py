"""The change history in words: records by their names, values formatted, times in the reader's zone, no ids
or table names; on SQLite and PostgreSQL."""

import datetime as dt
import re

import pandas as pd
import pytest

from dashboard.editing import history
from dashboard.editing.changes import audit_frame, batches, changes_since, undo
from dashboard.formatting import NO_VALUE, format_value
from dashboard.i18n import t
from dashboard.store.editors import Editor
from tests.fixtures import build_store, corrected_row, import_sheet_rows

SOURCE = "2024-04-24-scio-stock-patent-inventory"
CJK = re.compile(r"[\u3400-\u9fff]")
# What a person should never read in the history: snake_case ids, source ids, store tables, change ids.
RAW = re.compile(r"\b[a-z]+_[a-z_]+\b|\b\d{4}-\d{2}(-\d{2})?-[a-z]|\bobservations\b|\b[0-9a-f]{12}\b")


@pytest.fixture
def store(store_url):
    store = build_store(store_url)
    yield store
    store.dispose()


def an_added_and_a_corrected_figure(store):
    existing = store.read("observations").iloc[0]
    added = ["univ_transfer_contracts", "2026", "12345", "", "university", SOURCE, "", ""]
    outcome = import_sheet_rows(
        store, [added, corrected_row(existing, 1)], "figures 2026.csv", Editor("ana", "password")
    )
    return existing, outcome


def cells(frame: pd.DataFrame) -> list[str]:
    return [str(v) for v in frame.to_numpy().ravel()] + [str(c) for c in frame.columns]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_changes_since_name_each_record_and_format_its_values(store, tables, lang):
    existing, _ = an_added_and_a_corrected_figure(store)
    frame = changes_since(store, dt.datetime.now(dt.UTC).date())
    shown = history.changes_since_table(frame, tables, lang, history.zone_of("Asia/Shanghai"))

    assert len(shown) == 2
    assert not [c for c in cells(shown) if RAW.search(c)], "raw ids or table names in the history"
    if lang == "en":
        assert not [c for c in cells(shown) if CJK.search(c)]
    indicators = tables.indicators.set_index("id")
    added = shown[shown.iloc[:, 0].notna() & shown.iloc[:, 3].eq(NO_VALUE)]  # no 'before': the added figure
    record = added.iloc[0, 1]
    assert indicators.loc["univ_transfer_contracts", f"name_{lang}"] in record
    source = tables.sources.set_index("id").loc[SOURCE]
    assert source[f"outlet_{lang}"] in record
    unit = indicators.loc["univ_transfer_contracts"]
    assert added.iloc[0, 4] == format_value(12345, unit["unit"], "exact", lang, unit["unit_en"])
    meta = indicators.loc[existing["indicator"]]
    corrected = shown[shown.iloc[:, 3] != NO_VALUE].iloc[0]
    assert corrected.iloc[3] == format_value(
        existing["value"], meta["unit"], existing["qualifier"], lang, meta["unit_en"]
    )
    assert corrected.iloc[4] == format_value(
        existing["value"] + 1, meta["unit"], existing["qualifier"], lang, meta["unit_en"]
    )


def test_times_are_shown_in_the_readers_zone_to_the_minute():
    at = pd.Timestamp("2026-11-29T22:05:31Z")
    assert history.local_time(at, history.zone_of("Asia/Shanghai")) == "2026-11-30 06:05"
    assert history.local_time(at, history.zone_of("Europe/London")) == "2026-11-29 22:05"
    # A zone the browser names wrongly, or none, is the programme's.
    assert history.zone_of("Mars/Olympus").key == history.DEFAULT_ZONE
    assert history.zone_of(None).key == history.DEFAULT_ZONE


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_audit_log_says_what_each_change_was_without_its_id(store, tables, lang):
    _, outcome = an_added_and_a_corrected_figure(store)
    undo(store, outcome.batch, Editor("ben", "password"))
    entries = audit_frame(store)
    log = batches(store, entries)
    zone = history.zone_of("Asia/Shanghai")
    shown = history.history_table(log, entries, tables, lang, zone)

    assert not [c for c in cells(shown) if RAW.search(c) and "figures 2026.csv" not in c]
    what = list(shown.iloc[:, 2])
    imported_at = history.local_time(log[log["batch"] == outcome.batch]["at"].iloc[0], zone)
    assert any(imported_at in w for w in what[:1]), "the undo names when the change it reverts was made"
    assert "figures 2026.csv" in what[1] and "2" in what[1]
    if lang == "en":
        assert what[1].endswith("(2 records)")
    details = history.entries_table(entries, tables, lang, zone)
    assert len(details) == len(entries)
    assert not [c for c in cells(details) if RAW.search(c)]
    labels = [history.undo_label(row, entries, tables, lang, zone) for _, row in log.iterrows()]
    assert not [label for label in labels if re.search(r"[0-9a-f]{12}", label)]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_command_line_is_named_as_such_and_an_editor_by_name(lang, monkeypatch):
    from dashboard.cli.common import default_editor

    monkeypatch.setattr("getpass.getuser", lambda: "wang")
    shown = history.editor_words(default_editor(None).name, lang)
    assert shown == t("editor_cli_account", lang, account="wang") and "cli:" not in shown
    assert history.editor_words(default_editor("王编辑").name, lang) == "王编辑"
