def test_page_blank(page):
    page.set_content("<h1>你好</h1>")
    assert page.locator("h1").inner_text() == "你好"
    assert page.evaluate("navigator.language") == "zh-CN"
    assert page.viewport_size == {"width": 1400, "height": 1000}


def test_app_health(streamlit_app, page):
    page.goto(streamlit_app + "/_stcore/health")
    assert "ok" in page.content()
