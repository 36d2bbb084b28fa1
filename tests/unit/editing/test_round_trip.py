"""Export → import across stores: the export of a store that holds figures from a source made from a citation
(ungraded), from a source an editor added, and a source an editor corrected imports into a fresh store on the
other backend, reproducing every observation and source, and back into itself changing nothing. SQLite →
PostgreSQL → SQLite."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.editing.changes import apply_import, reference, save_record
from dashboard.editing.export import export_frame, write_export
from dashboard.editing.plans import plan_import
from dashboard.editing.sheets import read_sheet
from dashboard.store.database import Store
from tests.fixtures import EDITOR, SHEET_HEADER, build_store, import_sheet_rows, sqlite_url

pytestmark = pytest.mark.postgres

CITATION = "某某日报，2026年专利转化运用调查，2026-03-01"
ADDED_SOURCE = {
    "id": "2026-05-10-editor-added-bulletin",
    "title_zh": "编辑添加的统计公报",
    "title_en": "A bulletin an editor added",
    "outlet_zh": "国家知识产权局",
    "outlet_en": "CNIPA",
    "published": "2026-05-10",
    "kind": "statistical_bulletin",
    "language": "zh",
    "grade": "B",
    "note": "测试用来源",
    "note_en": "a source for the test",
}


def make_edits(store: Store) -> None:
    """Figures from a cited (ungraded) source and from an editor's own source, and a corrected source."""
    save_record(store, "sources", dict(ADDED_SOURCE), EDITOR, None, "add source")
    import_sheet_rows(
        store,
        [
            ["univ_transfer_contracts", "2026", "31000", "", "university", CITATION, "", "调查所得"],
            ["univ_transfer_contracts", "2027", "32000", "", "university", ADDED_SOURCE["id"], "", ""],
        ],
        "新数据.csv",
    )
    cited = store.read_with_revisions("sources").set_index("id")
    corrected = cited.iloc[0].to_dict() | {"id": cited.index[0], "note_en": "corrected by an editor"}
    save_record(store, "sources", corrected, EDITOR, int(corrected["revision"]), "correct source")


def contents(store: Store) -> dict[str, pd.DataFrame]:
    observations = store.read("observations").drop(columns=["id"], errors="ignore")
    order = ["indicator", "institution_type", "period", "source"]
    return {
        "observations": observations.sort_values(order).reset_index(drop=True),
        "sources": store.read("sources").sort_values("id").reset_index(drop=True),
    }


def export_and_import(origin: Store, target: Store, path) -> dict[str, int]:
    write_export(export_frame(origin.read("observations"), origin.read("sources")), path, path.suffix[1:])
    plan = plan_import(read_sheet(path), reference(target))
    assert plan.ok, plan.problem_lines()[:5]
    counts = {**plan.counts(), "new sources": len(plan.new_sources), "sources": len(plan.source_corrections)}
    if counts["add"] or counts["correct"] or counts["new sources"] or counts["sources"]:
        apply_import(target, plan, EDITOR)
    return counts


def assert_same(a: Store, b: Store) -> None:
    for name, frame in contents(a).items():
        pd.testing.assert_frame_equal(frame, contents(b)[name], check_dtype=False, obj=name)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_export_rebuilds_the_store_on_the_other_backend_and_changes_nothing_at_home(
    tmp_path, postgres_url, fmt
):
    home = build_store(sqlite_url(tmp_path, "home.sqlite"))
    shared = build_store(postgres_url)
    back = build_store(sqlite_url(tmp_path, "back.sqlite"))
    try:
        make_edits(home)
        assert "U" in set(home.read("sources")["grade"])  # the cited source is not yet graded

        counts = export_and_import(home, shared, tmp_path / f"home.{fmt}")  # SQLite → PostgreSQL
        assert (counts["add"], counts["new sources"], counts["sources"]) == (2, 2, 1)
        assert_same(home, shared)

        again = export_and_import(home, home, tmp_path / f"again.{fmt}")  # into itself: nothing to do
        assert (again["add"], again["correct"], again["new sources"], again["sources"]) == (0, 0, 0, 0)

        export_and_import(shared, back, tmp_path / f"shared.{fmt}")  # and back: PostgreSQL → SQLite
        assert_same(home, back)
    finally:
        for store in (home, shared, back):
            store.dispose()


def test_a_row_carrying_a_broken_source_is_refused_by_row_and_column(tmp_path, seeded_sqlite_url):
    store = Store.open(seeded_sqlite_url)
    try:
        frame = export_frame(store.read("observations").head(1), store.read("sources"))
        frame.loc[0, ["source", "source_grade", "source_kind"]] = ["2026-no-such-source", "Z", "rumour"]
        path = tmp_path / "broken.csv"
        write_export(frame, path, "csv")
        plan = plan_import(read_sheet(path), reference(store))
        assert {(p.row, p.column) for p in plan.problems} == {(2, "source_grade"), (2, "source_kind")}
        assert SHEET_HEADER[0] == frame.columns[0]  # the export keeps the template's columns first
    finally:
        store.dispose()
