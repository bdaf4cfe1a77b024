"""A button that opens a menu or a panel is named by its words alone: its arrow is drawn
(the ``chevron`` class), so a screen reader says "alice" or "导出", not "alice ▾".

Generated text (``::after { content: "▾" }``) joins a control's accessible name as typed
text would, so the names are read from Chromium's own accessibility tree, as a screen
reader gets them, and from Playwright's ARIA snapshot."""

import re

import pytest

from annotations.models import Theme
from tests.conftest import log_in

pytestmark = pytest.mark.browser

ARROWS = re.compile("[▾▴▼▲⌄⌃]")
# What Chromium calls a button: a <button>, a <summary>, a select's button, a menu item.
CONTROLS = {"button", "DisclosureTriangle", "PopUpButton", "menuitem"}


def control_names(page) -> list[tuple[str, str]]:
    """(role, name) of every button on the page, from Chromium's accessibility tree."""
    cdp = page.context.new_cdp_session(page)
    try:
        nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        cdp.detach()
    return [
        (node["role"]["value"], node.get("name", {}).get("value", ""))
        for node in nodes
        if not node.get("ignored") and node.get("role", {}).get("value") in CONTROLS
    ]


@pytest.fixture
def menu_pages(seed_compilation):
    """Pages with the user menu and each kind of export or download menu: the URL and the
    menu buttons it has besides the user's ("annotator")."""
    theme = Theme.objects.create(slug="panel-names", name="依法行政", colour="#2f6b3a")
    speech = seed_compilation.speeches.get(speaker__name="王萍")
    return {
        "/speeches/": [],
        speech.get_absolute_url(): ["导出"],
        seed_compilation.get_absolute_url(): ["导出"],
        "/search/?q=人大": ["导出"],
        "/speakers/王萍/": ["导出"],
        theme.get_absolute_url(): ["导出"],
        "/analysis/": ["下载"],
        "/analysis/cooccurrence/": ["下载"],
    }


def test_no_menu_button_has_an_arrow_in_its_name(page, annotator, menu_pages):
    log_in(page, annotator)
    for url, menus in menu_pages.items():
        page.goto(url)
        controls = control_names(page)
        arrows = [(role, name) for role, name in controls if ARROWS.search(name)]
        assert not arrows, (url, arrows)
        # The menus are there, each a disclosure named by its words and nothing else.
        disclosures = [name for role, name in controls if role == "DisclosureTriangle"]
        for name in ["annotator", *menus]:
            assert name in disclosures, (url, controls)
        for menu in page.locator("details[data-menu]").all():
            snapshot = menu.aria_snapshot()
            assert not ARROWS.search(snapshot), (url, snapshot)


def test_in_english_too_and_while_open(page, annotator, menu_pages):
    log_in(page, annotator)
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": page.url}])
    page.goto("/analysis/")
    page.locator(".export-menu > summary").click()
    page.locator(".user-menu > summary").click()
    names = [name for role, name in control_names(page) if role == "DisclosureTriangle"]
    assert "Download" in names and "annotator" in names, names
    assert not [name for name in names if ARROWS.search(name)], names


def test_a_sorted_column_is_named_by_its_words_and_says_its_order(
    page, annotator, seed_compilation
):
    """The sort arrow is drawn for the eye; the header's aria-sort tells the order."""
    log_in(page, annotator)
    page.goto("/speeches/?sort=-date")
    cdp = page.context.new_cdp_session(page)
    try:
        nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        cdp.detach()
    headers = {
        node.get("name", {}).get("value", ""): {
            prop["name"]: prop["value"].get("value") for prop in node.get("properties", [])
        }
        for node in nodes
        if not node.get("ignored") and node.get("role", {}).get("value") == "columnheader"
    }
    assert "日期" in headers, headers
    assert page.locator('th[aria-sort="descending"]').inner_text().strip().startswith("日期")
    assert not [name for name in headers if "↓" in name or "↑" in name], headers
    links = [
        node.get("name", {}).get("value", "")
        for node in nodes
        if not node.get("ignored") and node.get("role", {}).get("value") == "link"
    ]
    assert "日期" in links and not [name for name in links if "↓" in name], links
    drawn = page.locator("th[aria-sort] > a").evaluate(
        "a => getComputedStyle(a, '::after').content"
    )
    assert "↓" in drawn, drawn
