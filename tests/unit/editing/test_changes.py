"""Editors' changes in the store, on SQLite and on PostgreSQL: imports all or nothing, a killed import,
conflicting edits, undo, "what changed since", and the export → import round trip."""

import datetime as dt
import signal
import subprocess
import sys

import pandas as pd
import pytest
import sqlalchemy as sa

from dashboard.curation.datafiles import DATA_DIR
from dashboard.editing.changes import (
    ChangeError,
    ConflictError,
    apply_import,
    audit_frame,
    batches,
    changes_since,
    reference,
    save_record,
    undo,
)
from dashboard.editing.export import export_frame, write_export
from dashboard.editing.plans import one_row_sheet, plan_import
from dashboard.editing.sheets import read_sheet
from dashboard.store import schema
from dashboard.store.editors import Editor
from tests.fixtures import build_store, write_csv

SOURCE = "2024-04-24-scio-stock-patent-inventory"
HEADER = ["indicator", "period", "value", "unit", "institution_type", "source", "qualifier", "note"]


@pytest.fixture
def store(store_url):
    store = build_store(store_url)
    yield store
    store.dispose()


def observation_count(store) -> int:
    return store.count("observations")


def plan_rows(store, rows, name="sheet.csv"):
    sheet = one_row_sheet(name, dict(zip(HEADER, rows[0], strict=True)))
    sheet.rows = [(i, list(r)) for i, r in enumerate(rows, start=2)]
    return plan_import(sheet, reference(store))


def stored(store, indicator, period, institution_type, source=SOURCE):
    frame = store.read_with_revisions("observations")
    match = frame[
        (frame.indicator == indicator)
        & (frame.period == period)
        & (frame.institution_type == institution_type)
        & (frame.source == source)
    ]
    return None if match.empty else match.iloc[0].to_dict()


def test_an_import_adds_corrects_and_records_who_and_what(store):
    existing = store.read("observations").iloc[0]
    plan = plan_rows(
        store,
        [
            ["univ_transfer_contracts", "2026", "2.5万余", "", "高校", SOURCE, "", "new"],
            [
                existing["indicator"],
                existing["period"],
                existing["value"] * 2,
                "",
                existing["institution_type"],
                existing["source"],
                existing["qualifier"],
                "",
            ],
        ],
    )
    assert plan.ok, plan.problem_lines()
    outcome = apply_import(store, plan, Editor("王编辑", "password"))
    assert (outcome.added, outcome.corrected) == (1, 1)
    assert stored(store, "univ_transfer_contracts", "2026", "university")["value"] == 25000
    corrected = stored(
        store, existing["indicator"], existing["period"], existing["institution_type"], existing["source"]
    )
    assert corrected["value"] == existing["value"] * 2 and corrected["revision"] == 2
    log = audit_frame(store)
    assert set(log["editor"]) == {"王编辑"} and sorted(log["action"]) == ["add", "correct"]
    correction = log[log["action"] == "correct"].iloc[0]
    assert f'"value": {existing["value"]:.1f}'.rstrip("0").rstrip(".") in correction["before"]


def test_an_import_that_meets_a_conflict_writes_nothing(store):
    existing = store.read("observations").iloc[0]
    before = observation_count(store)
    plan = plan_rows(
        store,
        [
            ["univ_transfer_contracts", "2026", "100", "", "university", SOURCE, "", ""],
            [
                existing["indicator"],
                existing["period"],
                existing["value"] + 1,
                "",
                existing["institution_type"],
                existing["source"],
                existing["qualifier"],
                "",
            ],
        ],
    )
    # Someone else corrects the same figure after the sheet was checked.
    other = plan_rows(
        store,
        [
            [
                existing["indicator"],
                existing["period"],
                existing["value"] + 5,
                "",
                existing["institution_type"],
                existing["source"],
                existing["qualifier"],
                "",
            ]
        ],
    )
    apply_import(store, other, Editor("other editor", "password"))
    with pytest.raises(ConflictError, match="changed by someone else"):
        apply_import(store, plan, Editor("late editor", "password"))
    assert observation_count(store) == before  # the row to add was not written either
    assert (
        stored(
            store, existing["indicator"], existing["period"], existing["institution_type"], existing["source"]
        )["value"]
        == existing["value"] + 5
    )
    assert set(audit_frame(store)["editor"]) == {"other editor"}


def test_an_import_with_problems_is_refused_whole(store):
    before = observation_count(store)
    plan = plan_rows(
        store,
        [
            ["univ_transfer_contracts", "2026", "100", "", "university", SOURCE, "", ""],
            ["univ_transfer_contracts", "2026", "lots", "", "university", SOURCE, "", ""],
        ],
    )
    with pytest.raises(ChangeError, match="problems"):
        apply_import(store, plan, Editor("editor", "password"))
    assert observation_count(store) == before and audit_frame(store).empty


def test_two_editors_correct_one_figure_the_second_is_told(store):
    target = store.read_with_revisions("targets").iloc[0].to_dict()
    seen = int(target["revision"])  # both open the form at this revision
    first = {**target, "note": "first editor's note"}
    second = {**target, "note": "second editor's note"}
    save_record(store, "targets", first, Editor("first", "password"), seen, "edit target")
    with pytest.raises(ConflictError) as conflict:
        save_record(store, "targets", second, Editor("second", "password"), seen, "edit target")
    assert conflict.value.current["note"] == "first editor's note"  # shown to the second editor
    now = store.read_with_revisions("targets").set_index("id").loc[target["id"]]
    assert now["note"] == "first editor's note" and now["revision"] == seen + 1
    # The second editor reloads and saves again: nothing of theirs is lost.
    save_record(store, "targets", second, Editor("second", "password"), seen + 1, "edit target")
    assert store.read("targets").set_index("id").loc[target["id"], "note"] == "second editor's note"


def test_a_figure_added_twice_at_once_is_a_conflict(store):
    key = ("univ_transfer_contracts", "2026", "university", SOURCE)
    plan_a = plan_rows(store, [["univ_transfer_contracts", "2026", "100", "", "university", SOURCE, "", ""]])
    plan_b = plan_rows(store, [["univ_transfer_contracts", "2026", "200", "", "university", SOURCE, "", ""]])
    apply_import(store, plan_a, Editor("a", "password"), expected={key: None})
    with pytest.raises(ConflictError):
        apply_import(store, plan_b, Editor("b", "password"), expected={key: None})
    assert stored(store, *key[:3])["value"] == 100


def test_a_target_needs_a_source_and_a_source_its_fields(store):
    target = store.read_with_revisions("targets").iloc[0].to_dict()
    with pytest.raises(ChangeError, match="source"):
        save_record(
            store,
            "targets",
            {**target, "source": None},
            Editor("e", "password"),
            int(target["revision"]),
            "edit",
        )
    with pytest.raises(ChangeError):
        save_record(
            store,
            "targets",
            {**target, "id": "new-target", "source": "no-such-source"},
            Editor("e", "password"),
            None,
            "add",
        )
    assert "new-target" not in set(store.read("targets")["id"])


def test_milestone_evidence_needs_a_source_is_audited_and_undone(store):
    stored = store.read_with_revisions("milestones").set_index("id")
    milestone = stored.loc["sme_plan_2025_goals"].to_dict() | {"id": "sme_plan_2025_goals"}
    evidence = {
        **milestone,
        "evidence_complete": True,
        "evidence_zh": "新证据",
        "evidence_date": "2026-01-08",
    }
    with pytest.raises(ChangeError, match="needs a source"):
        save_record(
            store,
            "milestones",
            {**evidence, "evidence_source": None},
            Editor("e", "password"),
            int(milestone["revision"]),
            "x",
        )
    assert (
        store.read("milestones").set_index("id").loc["sme_plan_2025_goals", "evidence_zh"]
        == milestone["evidence_zh"]
    )
    source = store.read("sources")["id"].iloc[0]
    batch = save_record(
        store,
        "milestones",
        {**evidence, "evidence_source": source},
        Editor("e", "password"),
        int(milestone["revision"]),
        "edit",
    )
    after = store.read("milestones").set_index("id").loc["sme_plan_2025_goals"]
    assert (bool(after["evidence_complete"]), after["evidence_source"]) == (True, source)
    assert (audit_frame(store)["table_name"] == "milestones").any()
    undo(store, batch, Editor("e", "password"))
    restored = store.read("milestones").set_index("id").loc["sme_plan_2025_goals"]
    assert (bool(restored["evidence_complete"]), restored["evidence_zh"]) == (
        bool(milestone["evidence_complete"]),
        milestone["evidence_zh"],
    )


def test_undo_reverts_a_whole_import_and_is_itself_recorded(store):
    existing = store.read("observations").iloc[0]
    before = store.read("observations")
    plan = plan_rows(
        store,
        [
            ["univ_transfer_contracts", "2026", "100", "", "university", "某报，某标题，2026-01-05", "", ""],
            [
                existing["indicator"],
                existing["period"],
                existing["value"] + 1,
                "",
                existing["institution_type"],
                existing["source"],
                existing["qualifier"],
                "",
            ],
        ],
    )
    outcome = apply_import(store, plan, Editor("editor", "password"))
    assert len(store.read("sources")) == len(store.read("sources").drop_duplicates())
    undo(store, outcome.batch, Editor("editor", "password"))
    pd.testing.assert_frame_equal(
        store.read("observations")
        .sort_values(["indicator", "period", "source", "institution_type"])
        .reset_index(drop=True),
        before.sort_values(["indicator", "period", "source", "institution_type"]).reset_index(drop=True),
    )
    assert not store.read("sources")["id"].str.startswith("cited-").any()
    history = batches(store)
    assert history.iloc[0]["reverts"] == outcome.batch and history.iloc[1]["undone"]
    with pytest.raises(ChangeError, match="already been undone"):
        undo(store, outcome.batch, Editor("editor", "password"))
    with pytest.raises(ChangeError, match="cannot itself be undone"):
        undo(store, history.iloc[0]["batch"], Editor("editor", "password"))


def test_undo_refuses_when_the_figure_changed_since(store):
    existing = store.read("observations").iloc[0]
    row = [
        existing["indicator"],
        existing["period"],
        None,
        "",
        existing["institution_type"],
        existing["source"],
        existing["qualifier"],
        "",
    ]
    first = apply_import(
        store, plan_rows(store, [[*row[:2], existing["value"] + 1, *row[3:]]]), Editor("a", "password")
    )
    apply_import(
        store, plan_rows(store, [[*row[:2], existing["value"] + 2, *row[3:]]]), Editor("b", "password")
    )
    with pytest.raises(ConflictError):
        undo(store, first.batch, Editor("a", "password"))
    assert (
        stored(
            store, existing["indicator"], existing["period"], existing["institution_type"], existing["source"]
        )["value"]
        == existing["value"] + 2
    )


def test_what_changed_since_a_date(store):
    existing = store.read("observations").iloc[0]
    apply_import(
        store,
        plan_rows(
            store,
            [
                ["univ_transfer_contracts", "2026", "100", "", "university", SOURCE, "", ""],
                [
                    existing["indicator"],
                    existing["period"],
                    existing["value"] + 1,
                    "",
                    existing["institution_type"],
                    existing["source"],
                    existing["qualifier"],
                    "",
                ],
            ],
        ),
        Editor("editor", "password"),
    )
    today = dt.datetime.now(dt.UTC).date()
    changed = changes_since(store, today)
    assert sorted(changed["change"]) == ["added", "corrected"]
    assert changes_since(store, today + dt.timedelta(days=1)).empty


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_then_import_into_a_fresh_store_reproduces_the_observations(store, store_url, tmp_path, fmt):
    path = tmp_path / f"observations.{fmt}"
    original = store.read("observations")
    write_export(export_frame(original, store.read("sources")), path, fmt)
    with store.engine.begin() as conn:  # a fresh store: the reference tables, no observations
        conn.execute(schema.observations.delete())
    plan = plan_import(read_sheet(path), reference(store))
    assert plan.ok, plan.problem_lines()[:5]
    apply_import(store, plan, Editor("round trip", "password"))
    again = store.read("observations")
    order = ["indicator", "institution_type", "period", "source"]
    pd.testing.assert_frame_equal(
        again.sort_values(order).reset_index(drop=True),
        original.sort_values(order).reset_index(drop=True),
        check_dtype=False,
    )


def test_a_killed_import_leaves_the_store_as_it_was(store, store_url, tmp_path):
    rows = [
        ["univ_transfer_contracts", str(1000 + i), str(i), "", "university", SOURCE, "", ""]
        for i in range(1500)
    ]
    path = write_csv(tmp_path / "big.csv", HEADER, rows)
    before = observation_count(store)
    # Hold a lock that the import's final writes (its audit entries) wait on, so the kill lands mid-transaction.
    blocker = sa.create_engine(store.engine.url).connect()
    transaction = blocker.begin()
    if store.dialect == "sqlite":
        blocker.exec_driver_sql("SELECT count(*) FROM audit_log").all()  # a reader's lock blocks the commit
    else:
        blocker.exec_driver_sql("LOCK TABLE audit_log IN ACCESS EXCLUSIVE MODE")
    process = subprocess.Popen(
        [sys.executable, "-m", "dashboard", "import", str(path), "--db", store_url],
        cwd=DATA_DIR.parent,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        for line in process.stderr:
            if line.startswith("written 1500/1500"):
                break
        else:
            pytest.fail(f"the import ended before writing: {process.wait()} {process.stdout.read()}")
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        transaction.rollback()
        blocker.close()
    assert process.returncode == -signal.SIGKILL
    assert observation_count(store) == before
    assert audit_frame(store).empty


@pytest.mark.parametrize("table", ["targets", "sources", "milestones"])
def test_saving_a_record_as_it_is_stored_writes_nothing(store, table):
    """A correction is a change: the same values again leave no audit entry and no new revision."""
    stored = store.read_with_revisions(table)
    record = stored.iloc[0].to_dict()
    revision = int(record.pop("revision"))
    entries = len(audit_frame(store))
    assert save_record(store, table, dict(record), Editor("e", "password"), revision, "same again") is None
    assert len(audit_frame(store)) == entries
    again = store.read_with_revisions(table).set_index("id").loc[record["id"]]
    assert int(again["revision"]) == revision
    words = {"targets": "wording_en", "sources": "title_en", "milestones": "what_en"}[table]
    changed = {**record, words: "A changed word"}
    assert save_record(store, table, changed, Editor("e", "password"), revision, "changed") is not None
    assert len(audit_frame(store)) == entries + 1
