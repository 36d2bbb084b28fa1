"""Notes in the page's language: the English beside each Chinese note, and what shows where none was written."""

import re

from dashboard.programme.provenance import free_text


def test_a_note_shows_in_the_pages_language_and_says_so_where_no_english_was_written():
    both = {"note": "按当年额判断", "note_en": "Judged on the year's turnover"}
    assert free_text(both, "note", "zh") == "按当年额判断"
    assert free_text(both, "note", "en") == "Judged on the year's turnover"
    chinese_only = {"note": "按当年额判断", "note_en": None}
    shown = free_text(chinese_only, "note", "en")
    assert "按当年额判断" in shown and shown != "按当年额判断"  # marked as Chinese, not passed off as English
    assert free_text({"note": None, "note_en": "stray"}, "note", "en") == ""


def test_every_shipped_note_reads_in_english_on_an_english_page(tables):
    cjk = re.compile(r"[\u3400-\u9fff]")
    outside_titles = re.compile(r"《[^》]*》")
    for table, fields in (
        ("observations", ("where", "note", "formula")),
        ("sources", ("date_note", "reported_by", "note")),
        ("targets", ("where", "note")),
        ("statements", ("where",)),
    ):
        for _, row in getattr(tables, table).iterrows():
            for field in fields:
                text = outside_titles.sub("", free_text(row, field, "en"))
                assert not cjk.search(text), (table, field, text)
