"""Every page through streamlit.testing's AppTest: each language and institution type, the filter and the
language switch driving what is shown, and a clear banner when the store cannot be opened."""

import re

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.programme.selection import ALL_TYPES
from tests.app.conftest import APP, drawn_charts
from tests.fixtures import RAW_ID, as_read, chinese_outside_titles

TITLES = {
    "ui/pages/overview.py": ("专利转化运用跟踪", "Patent commercialisation tracker"),
    "ui/pages/targets.py": ("目标：是否实现", "Targets: were they met?"),  # past the deadline
    "ui/pages/universities.py": ("高校和科研机构", "Universities and research institutes"),
    "ui/pages/enterprises.py": ("企业和中小企业", "Enterprises and SMEs"),
    "ui/pages/finance.py": ("金融", "Finance"),
    "ui/pages/milestones.py": ("里程碑", "Milestones"),
    "ui/pages/sources.py": ("来源与可靠性", "Sources and their reliability"),
}
PAGES = list(TITLES)
LANGS = ["zh", "en"]
CHOICES = [ALL_TYPES, "university", "research_institute", "university_and_institute", "enterprise"]


@pytest.fixture
def app(seeded_app):
    def open_view(lang="zh", choice=None, page=None) -> AppTest:
        return seeded_app(page, lang=lang, **({"type": choice} if choice else {}))

    return open_view


def _captions(at) -> list[str]:
    return [c.value for c in at.caption]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("choice", CHOICES)
def test_every_page_renders_for_each_language_and_type(app, page, lang, choice):
    at = app(lang, choice, page)
    assert at.selectbox(key="institution_type").value == choice
    assert at.title[0].value == TITLES[page][LANGS.index(lang)]
    source_prefix = "来源：" if lang == "zh" else "Source"
    charts = drawn_charts(at)
    # every chart is followed by the line naming its sources
    assert sum(c.startswith(source_prefix) for c in _captions(at)) >= len(charts)
    # every chart is the house's element (kept and updated in place; st.plotly_chart would draw it anew at
    # each change, in Streamlit's theme), with axes that make room for their labels
    assert not at.get("plotly_chart")
    for chart in charts:
        layout = chart["layout"]
        axes = [layout[axis] for axis in layout if axis.startswith(("xaxis", "yaxis"))]
        assert all(axis.get("automargin") or axis.get("visible") is False for axis in axes)
        # and a title: it names the chart to a screen reader and in its PNG, SVG and slide
        assert layout["title"].get("text"), chart["data"][0].get("type")
    if page == "ui/pages/overview.py":
        assert charts, "the overview always shows the timeline"


def test_the_filter_changes_what_the_overview_shows(app):
    at = app("zh")
    everything = {m.label: m.value for m in at.metric}
    assert any(label.startswith("2018") for label in everything)  # the announcement's headline figures
    at.selectbox(key="institution_type").set_value("enterprise").run()
    enterprise = [m.value for m in at.metric]
    subheaders = [s.value for s in at.subheader]
    assert len(enterprise) < len(everything)
    assert "认股权综合服务试点" in subheaders and "中国科学院存量专利分级分类" not in subheaders
    assert not any(m.label.startswith("2018") for m in at.metric)
    assert at.query_params["type"] == "enterprise"
    at.selectbox(key="institution_type").set_value("research_institute").run()
    assert "中国科学院存量专利分级分类" in [s.value for s in at.subheader]
    assert "认股权综合服务试点" not in [s.value for s in at.subheader]


def test_a_combined_target_under_one_type_shows_only_that_types_figure(app):
    at = app("en", "university")
    labels = [m.label for m in at.metric]
    assert any(label.startswith("Universities · Latest") for label in labels)
    assert not any(label.startswith("Research institutes") for label in labels)


def test_a_lone_figure_of_one_type_names_its_type(seeded_app):
    # Research institutes only, on the target for universities and institutes together: its one rate is the
    # institutes', and says so (bare, it sat under "no figure published on this scope")
    at = seeded_app(
        "targets", lang="zh", type="research_institute", target="univ_inst_industrialisation_2025"
    )
    rates = [m.label for m in at.metric if m.label.startswith("有效发明专利产业化率")]
    assert rates and all("· 科研机构 ·" in label for label in rates)


def test_the_language_switch_changes_every_label(app):
    at = app("zh")
    assert at.title[0].value == "专利转化运用跟踪"
    at.radio(key="lang").set_value("en").run()
    assert at.title[0].value == "Patent commercialisation tracker"
    assert at.selectbox(key="institution_type").label == "Institution type"
    assert [h.value for h in at.header][0] == "The plans' result at the deadline"
    assert not any("目标" in m.label for m in at.metric)


def test_the_sources_page_lists_fewer_sources_under_one_type(app):
    everything = app("zh", ALL_TYPES, "ui/pages/sources.py")
    enterprise = app("zh", "enterprise", "ui/pages/sources.py")
    assert 0 < len(enterprise.main.expander) < len(everything.main.expander)
    # each starts with its grade (escaped, as every text from data is, so Markdown shows it as written)
    assert all(e.label.replace("\\", "").startswith("[") for e in everything.main.expander)


@pytest.mark.parametrize("lang", LANGS)
def test_the_sources_list_shows_every_title_whole(app, tables, lang):
    """A static table whose cells wrap: a grid cut the longer titles short with "…" at any width."""
    at = app(lang, ALL_TYPES, "ui/pages/sources.py")
    assert not at.main.dataframe
    listed = at.main.table[0].value
    shown = {as_read(str(v)) for v in listed.to_numpy().ravel()}
    titles = tables.sources[f"title_{lang}"].where(
        tables.sources[f"title_{lang}"].ne(""), tables.sources["title_zh"]
    )
    assert len(listed) > 20
    assert any(len(title) > 45 for title in titles), "a title long enough to have been cut"
    assert all(title in shown for title in titles if len(title) > 45)
    # dates as the citations under the table write them (23 Jan 2026), not 2026-01-23
    from dashboard.i18n import t

    dates = [as_read(d) for d in listed[t("col_date", lang)]]
    assert dates and not [d for d in dates if re.search(r"\d{4}-\d{2}", d)]


@pytest.mark.parametrize("lang", LANGS)
def test_the_sidebar_names_the_store_by_kind_its_address_behind_help(app, lang):
    from dashboard.i18n import t

    at = app(lang)
    shown = [c for c in at.sidebar.caption if c.value.startswith(t("store", lang))]
    assert len(shown) == 1
    assert shown[0].value == t("store_caption", lang, kind=t("store_kind_sqlite", lang))
    assert "sqlite:////" in as_read(shown[0].proto.help) and "sqlite:" not in shown[0].value


def test_an_unavailable_store_shows_a_banner_not_a_traceback(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")
    at = AppTest.from_file(APP, default_timeout=90).run()
    assert not at.exception
    shown = as_read(at.error[0].value)  # as a reader sees it: the address is shown literally, not as a link
    assert "无法打开数据库" in shown and "127.0.0.1:1" in shown
    assert not drawn_charts(at)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_overview_opens_with_the_scorecard_each_target_a_link(app, lang, tables):
    import datetime as dt

    from dashboard.i18n import t
    from dashboard.programme import outcomes
    from dashboard.programme.targets import assess_targets
    from tests.fixtures import type_filter

    at = app(lang)
    assert at.header[0].value == t("scorecard_heading", lang)
    groups = outcomes.scorecard(assess_targets(tables, type_filter(tables), dt.date.today()))
    metrics = {m.label: m.value for m in at.metric}
    for group, members in groups.items():
        assert metrics[t(f"scorecard_{group}", lang)] == str(len(members))
    links = [p for p in at.get("page_link") if "target=" in str(p.proto.query_string)]
    assert len(links) >= sum(len(m) for m in groups.values())
    assert t("next_steps_heading", lang) in [s.value for s in at.subheader]
    # the targets' table says what it is (not "…latest figures · Target")
    tables_of_targets = [e for e in at.expander if e.label == t("targets_as_table", lang)]
    assert len(tables_of_targets) == 1 and len(tables_of_targets[0].dataframe) == 1
    # a target not settled says why on its card: its figure alone can read as met
    unsettled = groups["not_settled"]
    assert unsettled, "the seed holds a target whose verdict is not settled"
    captions = [c.value for c in at.main.caption]
    for item in unsettled:
        reasons = outcomes.verdict_reason_texts(item, dt.date.today(), lang)
        assert reasons and reasons[0] in captions


@pytest.mark.parametrize(
    ("page", "choice"),
    [("finance", "university"), ("universities", "enterprise"), ("enterprises", "research_institute")],
)
def test_an_empty_section_offers_a_way_to_figures_and_each_way_leads_to_some(app, page, choice):
    nothing = "No figures here for the selected institution type or years."
    at = app("en", choice, page)
    empty = sum(1 for i in at.info if i.value == nothing)
    assert empty >= 1
    ways = [b for b in at.button if b.label.startswith("Show ")]
    assert ways, "an empty view must offer a way out"
    for label in {b.label for b in ways}:
        again = app("en", choice, page)
        next(b for b in again.button if b.label == label).click().run()
        assert not again.exception
        assert sum(1 for i in again.info if i.value == nothing) < empty, label  # it leads to figures
        assert again.query_params["lang"] in ("en", ["en"])  # and keeps the rest of the view


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", LANGS)
def test_tables_read_in_words_without_ids(app, page, lang):
    # Tables drawn on a canvas hide their cells from the browser walk; here every table's cells are read.
    at = app(lang, None, page)
    frames = [t.value for t in at.dataframe] + [t.value for t in at.table]
    for frame in frames:
        cells = [as_read(str(c)) for c in frame.columns]
        cells += [as_read(v) for v in frame.to_numpy().ravel() if isinstance(v, str)]
        assert [c for c in cells if RAW_ID.search(c)] == []
        if lang == "en":
            assert [c for c in cells if chinese_outside_titles(c)] == []


def test_a_static_tables_dates_cannot_break_across_lines(app):
    """Due dates are written as the evidence's dates are (31 Dec 2024, not 2024-12-31 beside 17 Jul 2025),
    and neither can break inside."""
    from dashboard.i18n import t

    at = app("en", None, "ui/pages/milestones.py")
    table = at.table[0].value
    due = list(table[t("col_due", "en")])
    assert all(re.fullmatch(r"\d{1,2}\u00a0[A-Z][a-z]{2}\u00a0\d{4}", d) for d in due), due
    dated = [
        d for d in table[t("col_evidence_dated", "en")] if re.search(r"\d [A-Z]", d.replace("\u00a0", " "))
    ]
    assert dated and not [d for d in dated if re.search(r"\d [A-Z]|[a-z] \d", d)]
