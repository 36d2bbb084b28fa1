"""Views set through the address: each parameter renders as set, an unknown one falls back with a notice,
and the Targets page's method panel shows the same numbers as `python -m dashboard status`."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.i18n import t
from dashboard.programme.verdicts import OUTCOMES
from tests.app.conftest import drawn_charts, open_app
from tests.fixtures import as_read

ROOT = Path(__file__).resolve().parents[2]


def open_view(params: dict, page: str | None = None) -> AppTest:
    return open_app(page, **params)


@pytest.fixture(autouse=True)
def seeded(seeded_sqlite_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", seeded_sqlite_url)


def test_a_view_set_in_the_address_renders_as_set():
    at = open_view(
        {"lang": "en", "type": "university", "from": "2018", "to": "2022"}, "ui/pages/universities.py"
    )
    assert at.radio(key="lang").value == "en"
    assert at.selectbox(key="institution_type").value == "university"
    assert at.slider(key="years").value == (2018, 2022)
    assert at.title[0].value == "Universities and research institutes"
    assert not at.info or all("not known" not in i.value for i in at.info)
    # The year range narrows the figures: the contracts chart has 2018, 2021 and 2022 but not 2012.
    chart = drawn_charts(at)[0]
    years = {x[:4] for trace in chart["data"] for x in trace["x"]}
    assert years == {"2018", "2021", "2022"}


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"type": "hospital"}, "hospital"),
        ({"lang": "fr"}, "fr"),
        ({"from": "1900"}, "1900"),
        ({"from": "2024", "to": "2019"}, "2024–2019"),
    ],
)
def test_an_unknown_value_in_a_link_falls_back_with_a_notice(params, words):
    at = open_view(params)
    assert any(words in i.value for i in at.info), [i.value for i in at.info]
    assert at.selectbox(key="institution_type").value in ("all", "university")
    assert at.title[0].value in ("专利转化运用跟踪", "Patent commercialisation tracker")


def test_the_targets_page_opens_at_the_target_in_the_link():
    at = open_view({"lang": "en", "target": "ip_royalty_trade_2025"}, "ui/pages/targets.py")
    assert at.selectbox(key="target").value == "ip_royalty_trade_2025"
    unknown = open_view({"target": "no_such_target"}, "ui/pages/targets.py")
    assert any("no_such_target" in i.value.replace("\\", "") for i in unknown.info)  # quoted literally


def test_overview_cards_link_to_the_targets_page_at_their_target():
    at = open_view({"lang": "en", "type": "enterprise"})
    links = at.get("page_link")
    assert links, "each target card links to the Targets page"
    assert all("targets" in link.proto.page for link in links)
    assert any("target=sme_patent_industrialisation_2025" in link.proto.query_string for link in links)


def _cli_status(url: str, lang: str) -> list[dict]:
    result = subprocess.run(
        [sys.executable, "-m", "dashboard", "status", "--db", url, "--lang", lang, "--format", "json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(result.stdout)


def shown(text: object) -> object:
    """A Markdown-escaped cell as it renders: backslash escapes and invisible joiners removed."""
    return as_read(text) if isinstance(text, str) else text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_method_panel_shows_the_same_numbers_as_the_cli(seeded_sqlite_url, lang):
    rows = _cli_status(seeded_sqlite_url, lang)
    assert {r["status"] for r in rows} >= {"achieved", "awaiting_figures"}
    for row in rows:
        at = open_view({"lang": lang, "target": row["target"]}, "ui/pages/targets.py")
        # A static table escapes its text for Markdown; compare what the reader sees.
        panels = {
            shown(p.columns[0]): {shown(k): shown(v) for k, v in zip(p.iloc[:, 0], p.iloc[:, 1], strict=True)}
            for p in (table.value for table in at.table)
        }
        method = panels.get(t("method_panel", lang)) or panels[t("progress_method_after_deadline", lang)]
        progress = next((v for k, v in method.items() if k.startswith(("已完成进度", "Progress"))), None)
        if row["progress_pct"] is not None:
            assert f"{row['progress_pct']:,.1f}%" in progress  # past 100%: "over 100% (… by the formula)"
        assert any(row["status_label"] in m.value for m in at.markdown), row["status_label"]
        verdict = panels.get(t("v_item", lang))
        assert (verdict is not None) == (row["status"] in OUTCOMES)
        if verdict is not None and row["latest_value"] is not None:
            evidence = verdict.get(t("v_figure", lang)) or verdict[t("v_signal", lang)]
            assert row["latest_period"][:4] in evidence
            assert t("grade_word", lang, grade=row["evidence_grade"]) in " ".join(verdict.values())
