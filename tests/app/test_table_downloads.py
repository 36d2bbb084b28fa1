"""The Targets page's CSV download holds numbers to compute with: the figure each status rests on as the
store's value, not the formatted text the table shows."""

import datetime as dt
import io

import pandas as pd
import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

from dashboard.i18n import t
from dashboard.programme.targets import assess_targets
from dashboard.store.database import Store
from tests.fixtures import as_read, type_filter


@pytest.fixture
def downloads(monkeypatch) -> dict[str, bytes]:
    """Every file the run offers for download, by its file name (kept as Streamlit stores it)."""
    files: dict[str, bytes] = {}
    keep = MemoryMediaFileStorage.load_and_get_id

    def load_and_get_id(self, path_or_data, mimetype, kind, filename=None):
        if filename and isinstance(path_or_data, bytes):
            files[filename] = path_or_data
        return keep(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", load_and_get_id)
    return files


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_targets_csv_download_holds_the_stored_figures_as_numbers(
    seeded_app, seeded_sqlite_url, downloads, lang
):
    at = seeded_app("targets", lang=lang)
    assert [b.proto.label for b in at.get("download_button")][:2] == ["CSV", "XLSX"]
    parsed = pd.read_csv(io.BytesIO(downloads["target-status.csv"]), encoding="utf-8-sig")
    value = parsed[t("col_latest", lang)]
    assert value.dtype == "float64"
    store = Store.open(seeded_sqlite_url)
    try:
        tables = store.read_all()
    finally:
        store.dispose()
    items = assess_targets(tables, type_filter(tables), dt.date.today())
    figures = [float(item.evidence["value"]) for item in items if item.evidence is not None]
    assert sorted(value.dropna()) == sorted(figures)
    assert value.isna().sum() == len(items) - len(figures)
    # the table on screen keeps its words, in a static table that wraps them (escaped for Markdown: as read)
    shown = at.table[0].value.map(lambda v: as_read(v) if isinstance(v, str) else v)
    assert not pd.api.types.is_float_dtype(shown[t("col_latest", lang)])
    # on screen: what and whether first, then the target beside the figure; the type within the indicator
    assert list(shown.columns[:4]) == [
        t(c, lang) for c in ("col_status", "col_indicator", "col_target", "col_latest")
    ]
    assert len(shown.columns) <= 7  # what fits a 1280-px page; the rest is in the file and the panels
    # the figure carries its period, as on the summary slide
    dated = [v for v in shown[t("col_latest", lang)] if v != t("no_figure", lang)]
    assert len(dated) == len(figures) and all(v.endswith((")", "）")) for v in dated)
    names = tables.type_names(lang)
    expected = [
        f"{item.indicator[f'name_{lang}']} · {names[item.target['institution_type']]}" for item in items
    ]
    assert sorted(shown[t("col_indicator", lang)]) == sorted(expected)


def test_a_static_table_writes_large_counts_with_separators_and_keeps_numbers_in_its_files(downloads):
    """The audit log's "1000000" records beside "1,000,000 records": a count of five figures or more reads
    with separators; a year keeps its four figures; the CSV keeps the numbers."""
    from streamlit.testing.v1 import AppTest

    def page():
        import pandas as pd

        from dashboard.ui.components import show_table

        show_table(pd.DataFrame({"Year": [2025], "Records": [1_000_000]}), "en", wrap_text=True, name="log")

    at = AppTest.from_function(page).run()
    assert not at.exception
    assert list(at.table[0].value.iloc[0]) == [2025, "1,000,000"]
    saved = pd.read_csv(io.BytesIO(downloads["log.csv"]), encoding="utf-8-sig")
    assert list(saved.iloc[0]) == [2025, 1_000_000]


def test_a_static_tables_bracketed_dates_break_before_them_not_inside(seeded_app):
    """The targets table at 1280 px broke "国务院新闻办公室（2026年1" / "月23日）": a cell's date in brackets
    now breaks before its bracket, not inside it."""
    from dashboard.formatting import WORD_JOINER

    at = seeded_app("targets", lang="zh")
    cells = [str(v) for v in at.table[0].value[t("col_source", "zh")]]
    dated = [c for c in cells if c.endswith("）") and "日" in c[c.rfind("（") :]]
    assert dated and all(WORD_JOINER in c[c.rfind("（") :] for c in dated), dated
