"""Screenshot every page in both languages and each institution type, for looking at what the app shows.

    python scripts/screenshots.py http://127.0.0.1:8501 OUTDIR [--pages overview,sources] [--types all,...]

Uses Debian's Chromium (/usr/bin/chromium) through Playwright; the app must already be running.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--pages", default="overview,sources")
    parser.add_argument(
        "--types", default="all,university,research_institute,university_and_institute,enterprise"
    )
    parser.add_argument("--langs", default="zh,en")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=3600)
    args = parser.parse_args()
    args.outdir.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        # Streamlit scrolls inside its own container, so a full-page shot needs a tall window.
        page = browser.new_page(viewport={"width": args.width, "height": args.height})
        for name in args.pages.split(","):
            for lang in args.langs.split(","):
                for kind in args.types.split(","):
                    path = "" if name == "overview" else name  # the default page lives at the root
                    page.goto(f"{args.url}/{path}?lang={lang}&type={kind}")
                    expect(page.locator("h1").first).to_be_visible(timeout=60_000)
                    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=60_000)
                    page.wait_for_load_state("networkidle")
                    expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=60_000)
                    # every Plotly chart has drawn its SVG
                    page.wait_for_function(
                        "[...document.querySelectorAll('[data-testid=stPlotlyChart]')]"
                        ".every(c => c.querySelector('.main-svg'))",
                        timeout=60_000,
                    )
                    out = args.outdir / f"{name}-{lang}-{kind}.png"
                    page.screenshot(path=str(out), full_page=True)
                    print(out)
        browser.close()


if __name__ == "__main__":
    main()
