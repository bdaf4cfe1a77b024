import pytest

from tests.conftest import log_in

pytestmark = pytest.mark.browser


def test_viewer_logs_in_and_sees_the_chinese_home_page(page, viewer):
    log_in(page, viewer)
    assert page.locator("h1").inner_text() == "讲话"
    assert page.locator(".user-menu__name").inner_text() == "viewer"


def test_language_switch_turns_the_page_english(page, viewer):
    log_in(page, viewer)
    page.click("button[name=language][value=en]")
    page.wait_for_selector("html[lang=en]")
    assert page.locator("h1").inner_text() == "Jianghua"
