"""The store against real databases: SQLite and a throwaway PostgreSQL server (both, for every test)."""

import pandas as pd
import pytest
import sqlalchemy as sa

from dashboard.store.database import Store, StoreError, display_url, resolve_url
from dashboard.store.migrations import LATEST, MIGRATIONS
from tests.fixtures import EDITOR


@pytest.fixture
def dataset(tables):
    return tables


def test_migrations_run_once_in_order(store_url):
    store = Store.open(store_url)
    try:
        assert store.schema_version() == 0
        assert store.migrate() == [m.version for m in MIGRATIONS]  # every version, in order (gaps allowed)
        assert store.migrate() == []
        assert store.schema_version() == LATEST
        inspector = sa.inspect(store.engine)
        assert "ix_observations_indicator_type" in {i["name"] for i in inspector.get_indexes("observations")}
    finally:
        store.dispose()


def test_seeded_store_reads_back_the_dataset(store_url, dataset):
    store = Store.open(store_url)
    try:
        assert store.prepare(lambda: dataset) is True
        assert store.prepare(lambda: pytest.fail("a seeded store must not be seeded again")) is False
        for name, expected in dataset.items():
            got = store.read(name)
            assert list(got.columns) == list(expected.columns), name
            assert len(got) == len(expected), name
        obs = store.read("observations").sort_values(["indicator", "institution_type", "period", "source"])
        want = dataset.observations.sort_values(["indicator", "institution_type", "period", "source"])
        assert obs["value"].tolist() == pytest.approx(want["value"].tolist())
        assert store.read("indicators")["higher_is_better"].dtype == bool
    finally:
        store.dispose()


def test_seeding_is_all_or_nothing(store_url, dataset):
    store = Store.open(store_url)
    try:
        store.migrate()
        store.seed(dataset, EDITOR)
        # The last table to be written refers to a source that does not exist: the whole seed must roll back.
        broken = dataset.replace(
            pilots=dataset.pilots.assign(source="no-such-source"), observations=dataset.observations.iloc[:3]
        )
        with pytest.raises(StoreError, match="nothing was written"):
            store.seed(broken, EDITOR)
        assert store.count("observations") == len(dataset.observations)
    finally:
        store.dispose()


def test_one_row_per_indicator_period_type_and_source(store_url, dataset):
    store = Store.open(store_url)
    try:
        store.migrate()
        doubled = dataset.replace(
            observations=pd.concat([dataset.observations, dataset.observations.iloc[:1]])
        )
        with pytest.raises(StoreError):
            store.seed(doubled, EDITOR)
    finally:
        store.dispose()


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("not a url", "is not a database URL"),
        ("mysql://u@127.0.0.1/x", "only SQLite and PostgreSQL"),
        (
            "postgresql://nobody@127.0.0.1:1/none",
            "cannot open the store at postgresql+psycopg://nobody@127.0.0.1:1",
        ),
    ],
)
def test_a_store_that_cannot_be_opened_says_why(url, words):
    with pytest.raises(StoreError, match=words.replace("+", r"\+")):
        Store.open(url)


def test_passwords_are_hidden_in_messages():
    with pytest.raises(StoreError) as caught:
        Store.open("postgresql://user:secret@127.0.0.1:1/db")
    assert "secret" not in str(caught.value)


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://user:hunter2@127.0.0.1:1/db",
        "postgresql://user@127.0.0.1:1/db?password=hunter2",
        "postgresql://user@127.0.0.1:1/db?sslmode=disable&sslpassword=hunter2",
        "postgresql://user@127.0.0.1:1/db?PASSWORD=hunter2&auth_token=hunter2",
    ],
)
def test_a_secret_in_the_user_part_or_a_query_parameter_is_never_shown(url):
    shown = display_url(url)
    assert "hunter2" not in shown and "***" in shown
    assert shown.startswith("postgresql://user") and "127.0.0.1:1/db" in shown  # the rest stays readable
    with pytest.raises(StoreError) as caught:
        Store.open(url)
    assert "hunter2" not in str(caught.value)
    assert "hunter2" not in caught.value.text("zh")


def test_a_query_parameter_that_is_no_secret_is_shown_as_it_is():
    assert display_url("postgresql://u@h/db?sslmode=require") == "postgresql://u@h/db?sslmode=require"


def test_urls_resolve_from_option_then_environment_then_default(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://a@h/db")
    assert resolve_url(None) == "postgresql+psycopg://a@h/db"
    assert resolve_url("sqlite:///x.sqlite") == "sqlite:///x.sqlite"
    monkeypatch.delenv("DATABASE_URL")
    assert resolve_url(None).endswith("var/dashboard.sqlite")


def test_migration_7_renames_the_sources_chinese_columns_and_their_audit_records(store_url, dataset):
    import json

    store = Store.open(store_url)
    try:
        store.migrate()
        store.seed(dataset, EDITOR)
        with store.engine.begin() as conn:  # as a store made before migration 7 has them
            conn.exec_driver_sql("ALTER TABLE sources RENAME COLUMN title_zh TO title")
            conn.exec_driver_sql("ALTER TABLE sources RENAME COLUMN outlet_zh TO outlet")
            conn.exec_driver_sql(
                "INSERT INTO audit_log (batch, at, editor, action, table_name, record_key, before, after, summary)"
                " VALUES ('b', '2026-01-01', 'e', 'correct', 'sources', '{\"id\": \"x\"}',"
                ' \'{"title": "旧", "outlet": "甲"}\', \'{"title": "新", "outlet": "甲"}\', \'s\')'
            )
            conn.exec_driver_sql("DELETE FROM schema_migrations WHERE version >= 7")
        assert store.migrate() == list(range(7, LATEST + 1))
        sources = store.read("sources")
        assert {"title_zh", "outlet_zh"} <= set(sources.columns) and "title" not in sources.columns
        assert sorted(sources["title_zh"]) == sorted(dataset.sources["title_zh"])
        with store.engine.connect() as conn:
            before, after = conn.exec_driver_sql(
                "SELECT before, after FROM audit_log WHERE batch = 'b'"
            ).one()
        assert json.loads(before) == {"title_zh": "旧", "outlet_zh": "甲"}
        assert json.loads(after)["title_zh"] == "新"
    finally:
        store.dispose()


def test_migration_9_gives_an_older_store_the_english_columns_empty(store_url, dataset):
    from dashboard.store.migrations import ENGLISH_COMPANIONS

    store = Store.open(store_url)
    try:
        store.migrate()
        store.seed(dataset, EDITOR)
        with store.engine.begin() as conn:  # as a store made before migration 9 has them
            for table, columns in ENGLISH_COMPANIONS:
                for column in columns:
                    conn.exec_driver_sql(f"ALTER TABLE {table} DROP COLUMN {column}")
            conn.exec_driver_sql("DELETE FROM schema_migrations WHERE version >= 9")
        assert store.migrate() == list(range(9, LATEST + 1))
        for table, columns in ENGLISH_COMPANIONS:
            frame = store.read(table)
            assert set(columns) <= set(frame.columns)
            assert frame[list(columns)].isna().all().all()  # empty until `init --reset` fills them
            assert len(frame) == len(getattr(dataset, table))  # nothing lost
    finally:
        store.dispose()


def _edit(store, by: float) -> None:
    from tests.fixtures import corrected_row, import_sheet_rows

    import_sheet_rows(store, [corrected_row(store.read("observations").iloc[0].to_dict(), by)], "edit.csv")


def test_the_data_version_never_repeats_across_edits_and_resets(store_url, dataset):
    store = Store.open(store_url)
    try:
        store.migrate()
        store.seed(dataset, EDITOR)
        seen = [store.data_version()]
        for step in range(2):
            _edit(store, step + 1)
            seen.append(store.data_version())
            store.seed(dataset, EDITOR)  # `init --reset`: the audit log starts again, the contents are new
            seen.append(store.data_version())
        assert len(set(seen)) == len(seen), seen
    finally:
        store.dispose()


def test_a_change_after_a_restore_has_a_version_of_its_own(tmp_path, dataset):
    import shutil

    path = tmp_path / "store.sqlite"
    store = Store.open(f"sqlite:///{path}")
    store.migrate()
    store.seed(dataset, EDITOR)
    store.dispose()
    shutil.copy(path, tmp_path / "backup.sqlite")
    store = Store.open(f"sqlite:///{path}")
    _edit(store, 1)
    before_restore = store.data_version()
    store.dispose()
    shutil.copy(tmp_path / "backup.sqlite", path)  # restore, then a different change gets the same number
    store = Store.open(f"sqlite:///{path}")
    try:
        _edit(store, 2)
        after = store.data_version()
        assert after.split(":")[:2] == before_restore.split(":")[:2]  # same generation, same change number
        assert after != before_restore
    finally:
        store.dispose()


@pytest.mark.parametrize(
    "typed", ["mysql//ana:s3cret-pw@db.example.org/x", "pg:/ana@host/db?sslpassword=s3cret-pw&x=1"]
)
def test_an_address_that_does_not_parse_is_named_without_its_secret(typed):
    with pytest.raises(StoreError) as refused:
        Store.open(typed)
    for lang in ("zh", "en"):
        assert "s3cret-pw" not in refused.value.text(lang) and "***" in refused.value.text(lang)
