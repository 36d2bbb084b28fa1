"""The deck files: the PowerPoint deck and the PDF handout built from the real slides of the shipped data.

Charts are stand-in PNGs drawn with PIL, so no Chromium is needed. pypdf extracts the PDF's Chinese (set
in the embedded WenQuanYi Zen Hei, its Latin runs in Liberation Sans) as well as its English, so the text
checks run for both languages.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import re
from pathlib import Path

import pandas as pd
import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE, MSO_SHAPE_TYPE
from pptx.oxml.ns import qn
from pptx.util import Inches, Pt
from pypdf import PdfReader

from dashboard.briefing.builders import build_slide, default_slide_ids, filters_text
from dashboard.briefing.layout import chart_area
from dashboard.briefing.pdf import write_pdf
from dashboard.briefing.pptx import write_pptx
from dashboard.briefing.slides import SUMMARY, DeckInfo, SlideContent
from dashboard.briefing.text import FONT, pdf_runs
from dashboard.charts.style import status_style
from dashboard.formatting import display_width, period_apart, period_on_label
from dashboard.i18n import LANGUAGE_NAMES, t
from dashboard.programme.provenance import SHORT_LINE_WIDTH
from tests.fixtures import selection, type_filter

TODAY = dt.date(2026, 11, 24)
CASES = [("all", "zh"), ("all", "en"), ("enterprise", "zh"), ("enterprise", "en")]


def png(width: int = 1600, height: int = 900) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(out, format="PNG")
    return out.getvalue()


def squeeze(text: str) -> str:
    """Text without any whitespace: wrapping puts line breaks where the source had spaces or none."""
    return "".join(text.split())


@pytest.fixture(scope="module", params=CASES, ids=[f"{c}-{lang}" for c, lang in CASES])
def deck(request, tables, tmp_path_factory):
    choice, lang = request.param
    slides = [
        build_slide(i, tables, selection(tables, choice, lang), TODAY)
        for i in default_slide_ids(tables, type_filter(tables, choice), TODAY)
    ]
    images = {s.id: png() for s in slides if s.figure is not None}
    info = DeckInfo(
        t("deck_title", lang),
        TODAY,
        filters_text(tables, selection(tables, choice, lang, (2020, 2026))),
        lang,
    )
    folder = tmp_path_factory.mktemp(f"deck-{choice}-{lang}")
    write_pptx(info, slides, images, folder / "deck.pptx")
    write_pdf(info, slides, images, folder / "deck.pdf")
    return info, slides, images, folder


def shape_texts(page) -> list[str]:
    return [shape.text_frame.text for shape in page.shapes if shape.has_text_frame]


# --- PowerPoint ---------------------------------------------------------------------------------------


def test_pptx_has_a_title_slide_then_one_16_9_slide_per_content(deck):
    info, slides, _, folder = deck
    prs = Presentation(folder / "deck.pptx")
    assert len(prs.slides) == len(slides) + 1
    assert prs.slide_height == Inches(7.5)
    assert prs.slide_width / prs.slide_height == pytest.approx(16 / 9, abs=1e-3)
    assert [page.shapes.title.text for page in list(prs.slides)[1:]] == [s.title for s in slides]
    assert slides[0].id == SUMMARY and len(slides) > 3


def test_pptx_title_slide_names_title_date_filters_and_language(deck):
    info, _, _, folder = deck
    cover = "\n".join(shape_texts(Presentation(folder / "deck.pptx").slides[0]))
    for expected in (info.title, info.date.isoformat(), info.filters, LANGUAGE_NAMES[info.lang]):
        assert expected in cover
    assert info.filters and "2020" in info.filters


def test_pptx_charts_tables_and_placeholders(deck):
    _, slides, _, folder = deck
    pages = list(Presentation(folder / "deck.pptx").slides)[1:]
    assert any(s.figure is not None for s in slides) and any(
        s.figure is None and s.table is None for s in slides
    )
    for slide, page in zip(slides, pages, strict=True):
        pictures = [s for s in page.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        tables = [s for s in page.shapes if s.has_table]
        assert len(pictures) == (1 if slide.figure is not None else 0), slide.id
        assert len(tables) == (1 if slide.table is not None else 0), slide.id
        if slide.figure is None and slide.table is None:
            assert "—" in shape_texts(page), slide.id


def test_pptx_summary_table_is_native_with_a_bold_header(deck):
    _, slides, _, folder = deck
    page = Presentation(folder / "deck.pptx").slides[1]
    frame = slides[0].table
    (table,) = [s.table for s in page.shapes if s.has_table]
    assert len(table.rows) == len(frame) + 1 and len(table.columns) == len(frame.columns)
    assert [table.cell(0, c).text for c in range(len(frame.columns))] == list(frame.columns)
    assert [table.cell(1, c).text for c in range(len(frame.columns))] == [str(v) for v in frame.iloc[0]]
    header_runs = [
        r for c in range(len(frame.columns)) for p in table.cell(0, c).text_frame.paragraphs for r in p.runs
    ]
    body_runs = [r for p in table.cell(1, 0).text_frame.paragraphs for r in p.runs]
    assert header_runs and all(r.font.bold for r in header_runs)
    assert body_runs and not any(r.font.bold for r in body_runs)
    assert all(Pt(8) <= r.font.size <= Pt(12) for r in header_runs + body_runs)


def test_pptx_badge_numbers_source_and_notes(deck):
    _, slides, _, folder = deck
    pages = list(Presentation(folder / "deck.pptx").slides)[1:]
    assert any(s.status_label for s in slides)
    for slide, page in zip(slides, pages, strict=True):
        badges = [
            s
            for s in page.shapes
            if s.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE and s.auto_shape_type == MSO_SHAPE.ROUNDED_RECTANGLE
        ]
        if slide.status_label:
            (badge,) = badges
            assert badge.text_frame.text == slide.status_label  # the words, not colour alone
            assert str(badge.fill.fore_color.rgb) == status_style(slide.status).colour.lstrip("#").upper()
        else:
            assert badges == []
        by_text = {s.text_frame.text: s for s in page.shapes if s.has_text_frame}
        sizes = []
        for label, value in slide.key_numbers[:3]:
            # the figure in big type, its period (if any) on the label's line under it
            under, figure = period_on_label(label, value)
            assert under in by_text and figure in by_text, (slide.id, label, value)
            sizes.append(by_text[figure].text_frame.paragraphs[0].runs[0].font.size)
        if sizes:
            assert max(sizes) == Pt(28), slide.id  # big numbers; only long words shrink
        notes = page.notes_slide.notes_text_frame.text
        assert notes == slide.notes
        if slide.source_line:  # empty only on a page with nothing to show for the filter
            source = by_text[slide.source_line].text_frame.paragraphs[0].runs[0].font
            assert Pt(10) <= source.size <= Pt(11)
            # A short line on the slide (outlet, date, grade; "and N more"); the full citations in the notes.
            assert display_width(slide.source_line) <= SHORT_LINE_WIDTH + 40
            shown = re.findall(
                r"[；;] ?([^；;（(]+)[（(]", "；" + slide.source_line.split("：", 1)[-1].split(": ", 1)[-1]
            )
            assert shown and all(outlet.strip() in notes for outlet in shown), (slide.id, shown)
    assert sum(bool(s.source_line) for s in slides) >= len(slides) - 1


def test_pptx_runs_name_a_chinese_font_for_latin_and_east_asian_text(deck):
    _, _, _, folder = deck
    runs = [
        r
        for page in Presentation(folder / "deck.pptx").slides
        for shape in page.shapes
        if shape.has_text_frame
        for p in shape.text_frame.paragraphs
        for r in p.runs
    ]
    assert len(runs) > 20
    for run in runs:
        rpr = run._r.find(qn("a:rPr"))
        assert rpr.find(qn("a:latin")).get("typeface") == FONT
        assert rpr.find(qn("a:ea")).get("typeface") == FONT


def test_pptx_shapes_stay_on_the_slide_and_apart(deck):
    _, _, _, folder = deck
    prs = Presentation(folder / "deck.pptx")
    for n, page in enumerate(prs.slides):
        boxes = [(s.name, s.left, s.top, s.left + s.width, s.top + s.height) for s in page.shapes]
        for name, left, top, right, bottom in boxes:
            assert min(left, top) >= 0, (n, name)
            assert right <= prs.slide_width and bottom <= prs.slide_height, (n, name)
        for a, b in itertools.combinations(boxes, 2):
            apart = a[3] <= b[1] or b[3] <= a[1] or a[4] <= b[2] or b[4] <= a[2]
            assert apart, (n, a[0], b[0])


# --- PDF ----------------------------------------------------------------------------------------------


def test_pdf_has_a_title_page_then_one_16_9_page_per_slide_then_the_notes(deck):
    info, slides, _, folder = deck
    reader = PdfReader(folder / "deck.pdf")
    assert len(reader.pages) > len(slides) + 1  # the notes follow on pages of their own
    notes_title = squeeze(t("pdf_notes_title", info.lang))
    assert notes_title not in squeeze(reader.pages[len(slides)].extract_text())
    assert squeeze(reader.pages[len(slides) + 1].extract_text()).startswith(notes_title)
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == (960, 540)
    cover = squeeze(reader.pages[0].extract_text())
    for expected in (info.title, info.date.isoformat(), info.filters, LANGUAGE_NAMES[info.lang]):
        assert squeeze(expected) in cover


def test_pdf_pages_show_titles_badges_numbers_and_sources(deck):
    _, slides, _, folder = deck
    pages = PdfReader(folder / "deck.pdf").pages[1 : len(slides) + 1]
    for slide, page in zip(slides, pages, strict=True):
        text = squeeze(page.extract_text())
        assert squeeze(slide.title) in text, slide.id
        if slide.status_label:
            assert squeeze(slide.status_label) in text, slide.id
        for _label, value in slide.key_numbers[:3]:  # labels: subscripts print as x_t in the PDF
            figure, period = period_apart(value)
            assert squeeze(figure) in text and squeeze(period) in text, (slide.id, value)
        assert squeeze(slide.source_line) in text, slide.id
    summary = squeeze(pages[0].extract_text())
    assert all(squeeze(c) in summary for c in slides[0].table.columns)


def test_pdf_notes_pages_hold_every_slides_notes_and_slides_only_the_short_line(deck):
    _, slides, _, folder = deck
    reader = PdfReader(folder / "deck.pdf")
    heading = squeeze(t("pdf_notes_title", deck[0].lang))
    notes = "".join(  # each notes page opens with the heading; a paragraph may run on over the break
        squeeze(page.extract_text()).removeprefix(heading) for page in reader.pages[len(slides) + 1 :]
    )
    for slide, page in zip(slides, reader.pages[1:], strict=False):
        assert display_width(slide.source_line) <= SHORT_LINE_WIDTH + 40, slide.id
        shown = squeeze(page.extract_text())
        for paragraph in slide.notes.split("\n\n"):
            paragraph = "".join(run for _, run in pdf_runs(paragraph))  # subscripts print as x_t
            assert squeeze(paragraph) in notes, (slide.id, paragraph[:40])
            if display_width(paragraph) > SHORT_LINE_WIDTH + 40:
                assert squeeze(paragraph) not in shown, slide.id  # the wall of citations stays off the page
    assert notes.count(squeeze(slides[1].title)) >= 1


def pdf_fonts(reader: PdfReader) -> dict[str, bool]:
    """Every font a page uses, by base name: whether its file is embedded."""
    found: dict[str, bool] = {}
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            described = descendants[0].get_object() if descendants else font
            descriptor = described.get("/FontDescriptor")
            embedded = descriptor is not None and any(
                k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            found[str(font["/BaseFont"])] = embedded
    return found


def test_pdf_fonts_are_all_embedded_subsets_chinese_and_latin(deck):
    info, _, _, folder = deck
    found = pdf_fonts(PdfReader(folder / "deck.pdf"))
    assert found and all(found.values()), found
    assert all(re.match(r"/[A-Z]{6}\+", name) for name in found), found  # subsets
    names = " ".join(found)
    assert "WenQuanYi" in names and "LiberationSans" in names


def test_pdf_draws_each_chart(deck):
    _, slides, _, folder = deck
    pages = PdfReader(folder / "deck.pdf").pages[1 : len(slides) + 1]
    for slide, page in zip(slides, pages, strict=True):
        assert len(page.images) == (1 if slide.figure is not None else 0), slide.id


# --- failing safely -----------------------------------------------------------------------------------


@pytest.mark.parametrize("write", [write_pptx, write_pdf], ids=["pptx", "pdf"])
def test_a_missing_folder_raises_and_writes_nothing(deck, tmp_path, write):
    info, slides, images, _ = deck
    target = tmp_path / "missing" / "deck.out"
    with pytest.raises(FileNotFoundError):
        write(info, slides, images, target)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("write", [write_pptx, write_pdf], ids=["pptx", "pdf"])
def test_a_failing_write_leaves_the_old_file_and_no_partial_one(deck, tmp_path, write):
    info, slides, images, _ = deck
    target = tmp_path / "deck.out"
    target.write_bytes(b"the previous deck")
    last_chart = [s.id for s in slides if s.id in images][-1]  # fails midway, after earlier pages are drawn
    broken = {**images, last_chart: b"\x89PNG\r\n\x1a\n not really a picture"}
    with pytest.raises(ValueError, match="not a readable PNG"):
        write(info, slides, broken, target)
    assert target.read_bytes() == b"the previous deck"
    assert list(tmp_path.iterdir()) == [target]


def half_write(target) -> None:
    """What a save dying halfway (a full disk) leaves: some bytes wherever it was writing, then an error."""
    if hasattr(target, "write"):
        target.write(b"half a deck")
    else:
        Path(target).write_bytes(b"half a deck")
    raise OSError("No space left on device")


def pptx_save_failing(self, file) -> None:
    half_write(file)


def pdf_save_failing(self) -> None:
    half_write(self._filename)  # reportlab's Canvas keeps the file it was given


@pytest.mark.parametrize(
    "write, saver, failing",
    [
        (write_pptx, "pptx.presentation.Presentation.save", pptx_save_failing),
        (write_pdf, "reportlab.pdfgen.canvas.Canvas.save", pdf_save_failing),
    ],
    ids=["pptx", "pdf"],
)
def test_a_save_failing_halfway_leaves_the_old_file_and_no_partial_one(
    deck, tmp_path, monkeypatch, write, saver, failing
):
    info, slides, images, _ = deck
    target = tmp_path / "deck.out"
    target.write_bytes(b"the previous deck")
    monkeypatch.setattr(saver, failing)
    with pytest.raises(OSError, match="No space left"):
        write(info, slides, images, target)
    assert target.read_bytes() == b"the previous deck"
    assert list(tmp_path.iterdir()) == [target]


@pytest.mark.parametrize("write", [write_pptx, write_pdf], ids=["pptx", "pdf"])
def test_a_successful_write_replaces_the_old_file(deck, tmp_path, write):
    info, slides, images, _ = deck
    target = tmp_path / "deck.out"
    target.write_bytes(b"the previous deck")
    write(info, slides, images, target)
    assert target.read_bytes()[:4] in (b"PK\x03\x04", b"%PDF")
    assert list(tmp_path.iterdir()) == [target]


# --- a table too long for one slide ---------------------------------------------------------------------


def test_a_long_table_shrinks_then_drops_rows_to_stay_above_the_source(tmp_path):
    frame = pd.DataFrame(
        {
            "Indicator": [f"Indicator number {i} with a fairly long name" for i in range(80)],
            "Value": [f"{i * 1.5:.1f}" for i in range(80)],
        }
    )
    slide = SlideContent(
        id=SUMMARY,
        title="Long table",
        key_numbers=[("Rows", "80")],
        table=frame,
        source_line="Source: a test.",
        notes="Source: a test.",
    )
    info = DeckInfo("Deck", TODAY, "All", "en")
    write_pptx(info, [slide], {}, tmp_path / "long.pptx")
    write_pdf(info, [slide], {}, tmp_path / "long.pdf")
    page = Presentation(tmp_path / "long.pptx").slides[1]
    (table_shape,) = [s for s in page.shapes if s.has_table]
    (source,) = [s for s in page.shapes if s.has_text_frame and s.text_frame.text == "Source: a test."]
    assert table_shape.top + sum(r.height for r in table_shape.table.rows) <= source.top
    rows = table_shape.table.rows
    assert 2 < len(rows) < 81
    assert rows[len(rows) - 1].cells[0].text == f"… +{80 - (len(rows) - 2)}"
    assert table_shape.table.cell(1, 0).text_frame.paragraphs[0].runs[0].font.size == Pt(8)
    text = squeeze(PdfReader(tmp_path / "long.pdf").pages[1].extract_text())
    assert "Indicatornumber0" in text and "Source:atest." in text


def test_a_chart_drawn_for_its_area_fills_the_width(tables, tmp_path):
    slides = [
        build_slide(i, tables, selection(tables, "all", "en"), TODAY)
        for i in default_slide_ids(tables, type_filter(tables), TODAY)
    ]
    slide = next(s for s in slides if s.figure is not None and s.status_label)
    width, height = chart_area(slide)
    assert 600 < width <= 888 and 150 < height < 540
    info = DeckInfo("Deck", TODAY, "All", "en")
    write_pptx(info, [slide], {slide.id: png(round(width * 2), round(height * 2))}, tmp_path / "fit.pptx")
    (picture,) = [
        s
        for s in Presentation(tmp_path / "fit.pptx").slides[1].shapes
        if s.shape_type == MSO_SHAPE_TYPE.PICTURE
    ]
    assert picture.width == pytest.approx(Pt(width), rel=0.01)
    assert picture.height == pytest.approx(Pt(height), rel=0.01)
