"""The PDF handout's fonts, embedded (as subsets) so that it prints the same on any machine.

reportlab embeds TrueType fonts only (not the CFF outlines of Noto Sans CJK, which the charts use), so the
PDF takes its Chinese from WenQuanYi Zen Hei (Debian: fonts-wqy-zenhei) and its Latin from Liberation Sans
(Debian: fonts-liberation, which Chromium already depends on; metric-compatible with Helvetica/Arial). They
are registered the first time a PDF is measured or written; when a file is missing, `require()` raises
ExportUnavailable naming the packages to install, and nothing is written."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from dashboard.charts.images import ExportUnavailable

CHINESE, LATIN, LATIN_BOLD = "PDF-WenQuanYiZenHei", "PDF-LiberationSans", "PDF-LiberationSans-Bold"


@dataclass(frozen=True)
class FontFile:
    name: str  # the name reportlab knows it by
    package: str  # the Debian package that installs it
    candidates: tuple[str, ...]  # where Debian puts it
    subfont: int = 0  # the face within a .ttc collection


FONT_FILES = (
    FontFile(
        CHINESE,
        "fonts-wqy-zenhei",
        ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",),
    ),
    FontFile(
        LATIN,
        "fonts-liberation",
        (
            "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
            "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
        ),
    ),
    FontFile(
        LATIN_BOLD,
        "fonts-liberation",
        (
            "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
            "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf",
        ),
    ),
)
PACKAGES = tuple(dict.fromkeys(f.package for f in FONT_FILES))


def _found(font: FontFile) -> Path | None:
    return next((Path(p) for p in font.candidates if Path(p).is_file()), None)


def missing_packages() -> list[str]:
    """The Debian font packages the PDF needs that this machine lacks (empty when it can write PDFs)."""
    return list(dict.fromkeys(f.package for f in FONT_FILES if _found(f) is None))


_registered = False


def require() -> None:
    """Register the PDF's fonts (once), or raise ExportUnavailable naming the packages that are missing."""
    global _registered
    if _registered:
        return
    missing = missing_packages()
    if missing:
        raise ExportUnavailable("export_no_pdf_fonts", packages=" ".join(missing))
    for font in FONT_FILES:
        pdfmetrics.registerFont(TTFont(font.name, str(_found(font)), subfontIndex=font.subfont))
    _registered = True
