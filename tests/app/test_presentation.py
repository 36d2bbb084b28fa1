"""Presentation mode through AppTest: slides in order, buttons move, the slide is in the address, the view's
filters and language hold, and a picked slide list is saved for next time."""

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.briefing.builders import default_slide_ids, slide_name
from tests.app.conftest import drawn_charts, open_app
from tests.fixtures import type_filter


@pytest.fixture
def present(tmp_path, monkeypatch):
    from tests.fixtures import build_store, sqlite_url

    url = sqlite_url(tmp_path)  # its own store: the test saves a slide list
    build_store(url).dispose()
    monkeypatch.setenv("DATABASE_URL", url)

    def open_present(editor: str | None = None, **params) -> AppTest:
        return open_app("present", editor=editor, **params)

    return open_present


@pytest.mark.parametrize(
    ("lang", "choice"), [("zh", "all"), ("en", "all"), ("en", "enterprise"), ("zh", "university")]
)
def test_slides_follow_the_view_and_the_buttons(present, lang, choice, tables):
    ids = default_slide_ids(tables, type_filter(tables, choice), dt.date.today())
    at = present(lang=lang, type=choice)
    assert at.title[0].value == slide_name(ids[0], tables, lang)
    at.button(key="next_slide").click().run()
    assert at.title[0].value == slide_name(ids[1], tables, lang)
    assert at.query_params["slide"] == "2"
    at.button(key="previous_slide").click().run()
    assert at.title[0].value == slide_name(ids[0], tables, lang)
    assert at.button(key="previous_slide").disabled


def test_a_link_opens_at_its_slide_and_an_unknown_one_falls_back(present, tables):
    ids = default_slide_ids(tables, type_filter(tables, "all"), dt.date.today())
    at = present(lang="en", slide="3")
    assert at.title[0].value == slide_name(ids[2], tables, "en")
    bad = present(lang="en", slide="99")
    assert bad.title[0].value == slide_name(ids[0], tables, "en")
    assert any("99" in i.value for i in bad.info)


def test_a_viewer_keeps_a_picked_list_for_the_session_but_only_an_editor_saves_it(present, tables):
    viewer = present(lang="en")
    viewer.multiselect(key="slide_picker").set_value(["page:finance", "summary"]).run()
    assert viewer.title[0].value == slide_name("page:finance", tables, "en")
    assert not [b for b in viewer.button if b.label == "Save the list"]
    assert any("needs an editor to sign in" in c.value for c in viewer.caption)
    assert present(lang="en").title[0].value != slide_name("page:finance", tables, "en")  # nothing saved

    at = present(lang="en", editor="王编辑")
    picked = ["page:finance", "summary"]
    at.multiselect(key="slide_picker").set_value(picked).run()
    assert at.title[0].value == slide_name("page:finance", tables, "en")
    next(b for b in at.button if b.label == "Save the list").click().run()
    assert any(s.value == "Slide list saved." for s in at.success)
    again = present(lang="en")  # a new session, a viewer's, reads the saved list
    assert again.title[0].value == slide_name("page:finance", tables, "en")
    again.button(key="next_slide").click().run()
    assert again.title[0].value == slide_name("summary", tables, "en")
    assert again.button(key="next_slide").disabled


def test_without_chromium_the_export_controls_say_so_and_the_rest_works(present, monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    at = present(lang="en", slide="2")
    texts = [w.value for w in at.warning] + [c.value for c in at.caption]
    assert any("No Chromium on this machine" in x for x in texts)
    assert drawn_charts(at), "the slide's chart still shows"
    assert not [b for b in at.get("download_button") if b.proto.label in ("PNG", "SVG")]


def pdf_pages(data: bytes) -> list[tuple[str, list[bytes]]]:
    """Each page of a PDF: its text and its images' pixels."""
    import io

    from PIL import Image
    from pypdf import PdfReader

    pages = []
    for page in PdfReader(io.BytesIO(data)).pages:
        pixels = [Image.open(io.BytesIO(image.data)).convert("RGB").tobytes() for image in page.images]
        pages.append((page.extract_text(), pixels))
    return pages


@pytest.mark.parametrize(("lang", "choice"), [("zh", "all"), ("en", "enterprise")])
def test_the_present_pages_export_is_the_briefing_the_command_line_writes(present, tmp_path, lang, choice):
    """One export path: the PDF made on the Present page has the same pages, texts and chart images as
    `python -m dashboard brief` for the same view (figures built in the app process included)."""
    import os
    import subprocess
    import sys

    at = present(lang=lang, type=choice)
    at.button(key="make_pdf").click().run(timeout=600)
    assert not at.exception, [e.value for e in at.exception]
    from_page = at.session_state["deck_pdf"]
    out = tmp_path / "brief.pdf"
    subprocess.run(
        [sys.executable, "-m", "dashboard", "brief", "--lang", lang, "--institution-type", choice]
        + ["--format", "pdf", "-o", str(out)],
        check=True,
        capture_output=True,
        env=os.environ,
        timeout=600,
    )
    page_pdf, cli_pdf = pdf_pages(from_page), pdf_pages(out.read_bytes())
    assert len(page_pdf) == len(cli_pdf)
    assert [text for text, _ in page_pdf] == [text for text, _ in cli_pdf]
    assert sum(len(images) for _, images in page_pdf) > 0
    for (_, ours), (_, theirs) in zip(page_pdf, cli_pdf, strict=True):
        assert ours == theirs  # the same pixels: the same figure drawn the same way
