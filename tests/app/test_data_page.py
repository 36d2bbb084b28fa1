"""The Data page through AppTest: viewers cannot reach importing or editing; an editor signs in, previews a
sheet (rows to add, corrections, problems), imports it and undoes it; two editors correcting one target; and
text from a sheet shown as text."""

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.editing.access import ENV_PASSWORD_HASH
from dashboard.formatting import format_value
from tests.app.conftest import APP, open_app
from tests.fixtures import EDITOR_PASSWORD, build_store, editor_password_hash, sqlite_url

SOURCE = "2024-04-24-scio-stock-patent-inventory"


@pytest.fixture
def store(tmp_path, monkeypatch):
    url = sqlite_url(tmp_path)
    store = build_store(url)
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv(ENV_PASSWORD_HASH, editor_password_hash())
    yield store  # failed sign-ins are counted in this store: each test starts without earlier ones
    store.dispose()


def open_data_page(lang="zh") -> AppTest:
    return open_app("data", lang=lang)


def sign_in(at: AppTest, password: str = EDITOR_PASSWORD, name: str = "王编辑") -> AppTest:
    at.text_input(key="sign_in_name").input(name)
    at.text_input(key="sign_in_password").input(password)
    next(
        b for b in at.button if b.key and b.key.startswith("FormSubmitter:editor_sign_in_form")
    ).click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def button(at: AppTest, key: str):
    return next(b for b in at.button if b.key == key or (b.key or "").startswith(key))


def test_a_viewer_cannot_reach_importing_or_editing(store):
    at = open_data_page("en")
    assert not at.get("file_uploader")
    assert [i.value for i in at.info].count(
        "Importing and editing are for signed-in editors. Sign in under “Editor sign-in” in the sidebar."
    ) == 2
    assert not [s for s in at.selectbox if s.key in ("figure_pick", "target_pick", "source_pick")]
    assert not [b for b in at.button if b.key in ("import_commit", "undo_button")]
    assert at.text_input(key="sign_in_password")  # the way in is offered


def test_wrong_passwords_are_refused_and_slow_down_further_attempts(store):
    at = open_data_page("en")
    for _ in range(2):
        sign_in(at, "not the password")
        assert "Wrong name or password." in [e.value for e in at.error][0]
    sign_in(at, "not the password")
    assert "try again in" in at.error[0].value
    sign_in(at)  # even the right password waits until the delay has passed
    assert "try again in" in at.error[0].value and not at.get("file_uploader")


def test_an_editor_previews_imports_and_undoes_a_sheet(store):
    observations = store.read("observations")
    existing = observations[observations["qualifier"] == "exact"].iloc[0]  # the sheet gives no qualifier
    at = sign_in(open_data_page("en"))
    assert "Signed in as editor: 王编辑" in [c.value for c in at.caption]
    sheet = (
        "指标,年份,数值,机构类型,来源,备注\n"
        f"高校专利转让及许可合同数量,2026年,2.5万余,高校,{SOURCE},<b>not bold</b>\n"
        f"{existing['indicator']},{existing['period']},{existing['value'] + 1:g},{existing['institution_type']},"
        f"{existing['source']},\n"
    ).encode("gbk")
    at.get("file_uploader")[0].set_value(("figures.csv", sheet, "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {"To add": "1", "Corrections": "1", "Unchanged": "0", "Rows with problems": "0"}
    corrections = next(e for e in at.expander if e.label.startswith("Corrections"))
    table = corrections.dataframe[0].value
    meta = store.read("indicators").set_index("id").loc[existing["indicator"]]
    assert table["Old value"].tolist() == [
        format_value(existing["value"], meta["unit"], existing["qualifier"], "en", meta["unit_en"])
    ]
    assert table["New value"].tolist() == [
        format_value(existing["value"] + 1, meta["unit"], existing["qualifier"], "en", meta["unit_en"])
    ]
    before = store.count("observations")
    button(at, "import_commit").click().run()
    assert at.success[0].value == "Imported: 1 added, 1 corrected, 0 unchanged."
    assert store.count("observations") == before + 1
    log = at.dataframe  # the audit log lists the import under the editor's name
    assert any("王编辑" in frame.value.to_string() for frame in log)
    at.selectbox(key="undo_pick").select_index(0)
    button(at, "undo_button").click().run()
    assert at.success[0].value.startswith("Undone")
    assert store.count("observations") == before


def test_a_sheet_with_problems_shows_them_by_row_and_cannot_be_imported(store):
    at = sign_in(open_data_page("en"))
    sheet = (
        f"indicator,period,value,institution_type,source\nnope,2026,1,university,{SOURCE}\n"
        f"univ_transfer_contracts,2026,lots,university,{SOURCE}\n"
    ).encode()
    at.get("file_uploader")[0].set_value(("bad.csv", sheet, "text/csv")).run()
    problems = at.dataframe[0].value
    assert problems[["Row", "Column"]].values.tolist() == [[2, "indicator"], [3, "value"]]
    assert button(at, "import_commit").disabled


def test_two_editors_correct_one_target_and_the_second_is_told(store):
    first, second = sign_in(open_data_page("en"), name="甲"), sign_in(open_data_page("en"), name="乙")
    target_id = store.read("targets")["id"].iloc[0]
    for at in (first, second):
        at.segmented_control(key="edit_what").set_value("target").run()
        at.selectbox(key="target_pick").set_value(target_id).run()
    first.text_area[0].input("甲's note")
    button(first, "FormSubmitter:target_form").click().run()
    assert first.success[0].value.startswith("Saved")
    second.text_area[0].input("乙's note")
    button(second, "FormSubmitter:target_form").click().run()
    assert "changed by someone else" in second.error[0].value
    assert second.text_area[0].value == "乙's note"  # what the second editor typed is still there
    assert store.read("targets").set_index("id").loc[target_id, "note"] == "甲's note"


def test_markup_in_a_citation_shows_as_text_on_the_sources_page(store):
    at = sign_in(open_data_page("en"))
    citation = "<b>Bold outlet</b>, [click](http://example.org) **title**, 2026-05-01"
    sheet = f'indicator,period,value,institution_type,source\nuniv_transfer_contracts,2026,1,university,"{citation}"\n'
    at.get("file_uploader")[0].set_value(("markup.csv", sheet.encode(), "text/csv")).run()
    button(at, "import_commit").click().run()
    at.switch_page("ui/pages/sources.py").run()
    labels = [e.label for e in at.expander if "Bold outlet" in e.label]
    assert labels and all("\\<b\\>" in label and "\\[click\\]" in label for label in labels)


def test_where_oidc_is_configured_editors_are_offered_its_sign_in(store):
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["lang"] = "en"
    at.secrets["auth"] = {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "x" * 32,
        "company": {
            "client_id": "id",
            "client_secret": "s",
            "server_metadata_url": "https://idp.example.org/.well-known/openid-configuration",
        },
    }
    at.secrets["editor_emails"] = ["editor@example.org"]
    at.run()
    at.switch_page("ui/pages/data.py").run()
    assert not at.exception, [e.value for e in at.exception]
    labels = [b.label for b in at.button]
    assert "Sign in with company" in labels and "Sign in" in labels  # OIDC beside the password
    assert not at.get("file_uploader")  # nobody is signed in yet


def test_problems_are_told_in_chinese_and_oversized_sheets_refused(store):
    at = sign_in(open_data_page("zh"))
    sheet = f"指标,年份,数值,机构类型,来源\n高校专利转让及许可合同数量,去年,1,高校,{SOURCE}\n".encode()
    at.get("file_uploader")[0].set_value(("坏表.csv", sheet, "text/csv")).run()
    problems = at.dataframe[0].value
    assert problems.values.tolist() == [[2, "年份", "“去年”不是期间（可写 2023、2023年6月、2024-04-24 等）"]]
    from dashboard.editing.templates import UPLOAD_ROW_LIMIT

    rows = "".join(
        f"高校专利转让及许可合同数量,{1000 + i},1,高校,{SOURCE}\n" for i in range(UPLOAD_ROW_LIMIT + 1)
    )
    at.get("file_uploader")[0].set_value(
        ("大表.csv", ("指标,年份,数值,机构类型,来源\n" + rows).encode(), "text/csv")
    ).run()
    assert f"超过上限 {UPLOAD_ROW_LIMIT} 行" in at.error[0].value
    assert not [b for b in at.button if b.key == "import_commit"]


def test_the_data_page_offers_editors_the_inventory_import_too(store):
    viewer = open_data_page("en")
    assert len(viewer.get("file_uploader")) == 0
    editor = sign_in(open_data_page("en"))
    uploaders = editor.get("file_uploader")
    assert len(uploaders) == 2  # the observation sheet, and the patent-level inventory
    assert [b for b in editor.button if b.key == "data_inv_import_go"]


def test_an_editor_records_milestone_evidence_and_a_missing_source_is_refused(store):
    at = sign_in(open_data_page("en"))
    at.segmented_control(key="edit_what").set_value("milestone").run()
    at.selectbox(key="milestone_pick").set_value("sme_plan_2025_goals").run()
    before = store.read("milestones").set_index("id").loc["sme_plan_2025_goals"]
    source = next(s for s in at.selectbox if s.label == "Evidence source")
    at.checkbox[0].check()
    source.set_value("")  # none
    button(at, "FormSubmitter:milestone_form").click().run()
    assert "Evidence source: evidence needs its source." in [e.value.replace("\\", "") for e in at.error]
    after = store.read("milestones").set_index("id").loc["sme_plan_2025_goals"]
    assert after.equals(before)  # nothing written
    next(s for s in at.selectbox if s.label == "Evidence source").set_value(SOURCE)
    next(i for i in at.text_input if i.label == "Date the evidence refers to").input("2026-01-08")
    button(at, "FormSubmitter:milestone_form").click().run()
    assert not at.error and not at.exception
    saved = store.read("milestones").set_index("id").loc["sme_plan_2025_goals"]
    assert (bool(saved["evidence_complete"]), saved["evidence_source"], saved["evidence_date"]) == (
        True,
        SOURCE,
        "2026-01-08",
    )
    milestones = open_app("milestones", lang="en")
    states = milestones.table[0].value.iloc[:, 0].map(lambda s: s.replace("\\", "")).tolist()
    assert "Done late" in states  # evidence dated after its due date
