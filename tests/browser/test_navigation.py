"""The header: one calm row on a wide screen in both languages, a menu on a
phone, and the personal pages in the user menu."""

import re

import pytest

from tests.conftest import log_in

pytestmark = pytest.mark.browser

PRIMARY = {
    "zh": ["讲话", "讲话人", "日期", "会议", "汇编", "主题", "分析"],
    "en": ["Speeches", "Speakers", "Dates", "Meetings", "Compilations", "Themes", "Analysis"],
}


def switch_to_english(page):
    page.click("button[name=language][value=en]")
    page.wait_for_selector("html[lang=en]")


@pytest.mark.parametrize("language", ["zh", "en"])
def test_one_row_on_a_wide_screen(page, editor, language):
    log_in(page, editor)
    if language == "en":
        switch_to_english(page)
    header = page.locator(".site-header__inner").bounding_box()
    assert header["height"] < 64  # one row: nothing wrapped
    items = page.locator(".site-nav__list > li:visible > a")
    assert items.all_inner_texts() == PRIMARY[language]
    assert page.locator(".site-search input").is_visible()
    switch = "button[name=language]"
    assert page.locator(switch).bounding_box()["height"] < 30
    # The brand is the way home; there is no separate item for it.
    page.goto("/speeches/")
    assert page.locator(".site-nav a[aria-current]").inner_text() == PRIMARY[language][0]
    page.click(".brand")
    page.wait_for_url(re.compile(r"^https?://[^/]+/$"))
    assert page.locator(".site-nav a[aria-current]").count() == 0


def test_the_header_search_box_searches(page, viewer, seed_compilation):
    log_in(page, viewer)
    page.fill(".site-search input", "人大监督")
    page.press(".site-search input", "Enter")
    page.wait_for_url("**/search/?q=*")
    assert page.locator("#search-q").input_value() == "人大监督"
    assert page.locator(".site-search").count() == 0  # the page's own box is enough


def test_the_user_menu_holds_the_personal_pages(page, editor):
    log_in(page, editor)
    menu = page.locator(".user-menu")
    assert not page.locator(".user-menu .menu__panel").is_visible()
    page.click(".user-menu summary")
    links = menu.locator(".menu__panel a").all_inner_texts()
    assert links == ["我的标注", "导出", "上传", "修改密码", "API 令牌"]
    page.keyboard.press("Escape")
    assert not page.locator(".user-menu .menu__panel").is_visible()
    page.click(".user-menu summary")
    page.click("main")  # a click elsewhere closes it
    assert not page.locator(".user-menu .menu__panel").is_visible()
    page.click(".user-menu summary")
    page.click(".user-menu >> text=API 令牌")
    page.wait_for_url("**/accounts/tokens/")
    page.click(".user-menu summary")
    page.click(".user-menu button:has-text('退出')")
    page.wait_for_selector("a:has-text('登录')")


def test_viewers_and_admins_see_what_they_may_use(page, viewer, admin_user):
    log_in(page, viewer)
    page.click(".user-menu summary")
    assert page.locator(".user-menu .menu__panel a").all_inner_texts() == [
        "导出",
        "修改密码",
        "API 令牌",
    ]
    page.click(".user-menu button:has-text('退出')")
    log_in(page, admin_user)
    page.click(".user-menu summary")
    assert "管理后台" in page.locator(".user-menu .menu__panel a").all_inner_texts()


@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_phone_gets_a_menu_button(page, editor, language):
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, editor)
    if language == "en":
        switch_to_english(page)
    assert not page.locator(".site-nav").is_visible()
    header = page.locator(".site-header__inner").bounding_box()
    assert header["height"] < 64
    for selector in (".brand", "button[name=language]", ".user-menu summary", ".nav-toggle__label"):
        box = page.locator(selector).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, selector
    page.click(".nav-toggle__label")
    items = page.locator(".site-nav__list > li:visible > a").all_inner_texts()
    assert items == PRIMARY[language]
    assert page.locator(".site-search input").is_visible()
    page.click(".user-menu summary")
    panel = page.locator(".user-menu .menu__panel").bounding_box()
    assert panel["x"] >= 0 and panel["x"] + panel["width"] <= 390
