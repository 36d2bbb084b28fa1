"""The PDF's embedded fonts: found where Debian installs them, or a clear message naming the package."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from dashboard.briefing import fonts
from dashboard.briefing.pdf import write_pdf
from dashboard.briefing.slides import DeckInfo, SlideContent
from dashboard.charts.images import ExportUnavailable


def without(package: str) -> tuple[fonts.FontFile, ...]:
    """The font files, with those of `package` pointing nowhere."""
    return tuple(
        dataclasses.replace(f, candidates=("/nonexistent/font.ttf",)) if f.package == package else f
        for f in fonts.FONT_FILES
    )


def test_this_machine_has_every_font_the_pdf_embeds():
    assert fonts.missing_packages() == []


@pytest.mark.parametrize("package", fonts.PACKAGES)
def test_a_missing_font_package_is_named_and_no_pdf_is_written(monkeypatch, tmp_path, package):
    monkeypatch.setattr(fonts, "FONT_FILES", without(package))
    monkeypatch.setattr(fonts, "_registered", False)
    assert fonts.missing_packages() == [package]
    target = tmp_path / "deck.pdf"
    with pytest.raises(ExportUnavailable) as caught:
        write_pdf(DeckInfo("t", dt.date(2026, 1, 1), "f", "en"), [SlideContent("s", "S")], {}, target)
    assert f"apt-get install {package}" in caught.value.text("en")
    assert package in caught.value.text("zh")
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []
