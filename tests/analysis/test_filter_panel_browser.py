"""The filter panel in a browser, on every page that has one (the four analyses, the
search, the speech list and a theme's page): on a phone (390×844) the results start on the
first screen and the folded form opens from its button, by keyboard, and submits; on a
laptop (1366×768) the form stands open beside the results as before, with or without
script."""

from dataclasses import dataclass
from urllib.parse import quote

import pytest

from tests.analysis.reuse_texts import computed_archive
from tests.conftest import log_in, make_user

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}


@dataclass(frozen=True)
class FilterPage:
    url: str
    result: str  # the first result: a table, a chart, a hit
    speaker: str  # the speaker select inside the form (the speech list: its facet's links)
    button: str = "筛选"  # what the panel's button says with no filter in force
    reuse: bool = False  # built on the text-reuse archive rather than the coded one


PAGES = {
    "crosstab": FilterPage("/analysis/?by=year", "table.heat-table", "#id_speaker"),
    "cooccurrence": FilterPage("/analysis/cooccurrence/", "table.matrix", "#id_speaker"),
    "trends": FilterPage(
        "/analysis/trends/?terms=" + quote("依法行政\n人大监督"), "[data-chart] svg", "#id_speaker",
        button="检索词与筛选",
    ),
    "reuse": FilterPage("/analysis/reuse/", "table.reuse-pairs", "#id_speaker", reuse=True),
    "search": FilterPage("/search/?q=" + quote("依法行政"), "ol.hits > li", "#f-speaker"),
    "speeches": FilterPage(
        "/speeches/", "table.speech-list tbody tr", ".facets a[href*='speaker=']"
    ),
    "theme": FilterPage("/themes/law/", "ol.passages > li", "#id_speaker"),
}


def choose_wang(page, speaker) -> None:
    """Filter by 王萍 as a reader would: a facet's link, or a select (whose option may
    carry a count: 王萍 (3)) and the form's button."""
    if speaker.first.evaluate("(e) => e.tagName") == "A":
        speaker.filter(has_text="王萍").click()
        return
    speaker.select_option(value=speaker.locator("option", has_text="王萍").get_attribute("value"))
    page.locator("[data-filter-panel] button[type=submit]").click()


def disclosure(page) -> tuple[str, bool]:
    """The panel's button as a screen reader gets it: a disclosure, its name, whether it is
    expanded."""
    cdp = page.context.new_cdp_session(page)
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    summary = cdp.send(
        "DOM.querySelector", {"nodeId": root, "selector": "[data-filter-panel] > summary"}
    )["nodeId"]
    node = cdp.send("Accessibility.getPartialAXTree", {"nodeId": summary, "fetchRelatives": False})[
        "nodes"
    ][0]
    properties = {p["name"]: p["value"]["value"] for p in node.get("properties", [])}
    assert node["role"]["value"] == "DisclosureTriangle" and properties["focusable"], node
    return node["name"]["value"], properties["expanded"]


@pytest.fixture(params=list(PAGES))
def filter_page(request, transactional_db):
    """One page with a filter panel, over data that gives it results."""
    spec = PAGES[request.param]
    if spec.reuse:
        computed_archive()
    else:
        request.getfixturevalue("archive")
    return spec


def test_on_a_phone_the_results_come_first_and_the_folded_form_opens_and_submits(
    page, filter_page
):
    page.set_viewport_size(PHONE)
    log_in(page, make_user("reader", "viewer"))
    page.goto(filter_page.url)
    result = page.locator(filter_page.result).first
    result.wait_for()
    assert result.bounding_box()["y"] < PHONE["height"], result.bounding_box()
    speaker = page.locator(filter_page.speaker).first
    assert speaker.is_hidden()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # The button is a control with a name; the keyboard opens it, and the form follows it.
    button = page.locator("[data-filter-panel] > summary")
    assert disclosure(page) == (filter_page.button, False)
    button.focus()
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    page.keyboard.press("Enter")
    assert speaker.is_visible()
    assert disclosure(page) == (filter_page.button, True)
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.closest('[data-filter-panel]') !== null")
    assert focused, "the next stop after the button is a field of the form"

    choose_wang(page, page.locator(filter_page.speaker))
    page.wait_for_url("**speaker=**")
    # Filtered: still results first, and the button counts the filter.
    result.wait_for()
    assert result.bounding_box()["y"] < PHONE["height"]
    assert speaker.is_hidden()
    assert button.inner_text() == f"{filter_page.button}（已选 1 项）"


def test_on_a_laptop_the_form_stands_open_beside_the_results(page, filter_page):
    page.set_viewport_size(LAPTOP)
    log_in(page, make_user("reader", "viewer"))
    page.goto(filter_page.url)
    result = page.locator(filter_page.result).first
    result.wait_for()
    speaker = page.locator(filter_page.speaker).first
    assert speaker.is_visible()
    assert page.locator("[data-filter-panel] > summary").is_hidden()
    form, results = speaker.bounding_box(), result.bounding_box()
    assert form["x"] + form["width"] < results["x"], (form, results)
    assert form["y"] < LAPTOP["height"]


@pytest.fixture
def nojs_page(browser_context, live_server):
    """A page in a browser context of its own with JavaScript turned off."""
    context = browser_context.browser.new_context(
        base_url=live_server.url, locale="zh-CN", java_script_enabled=False
    )
    context.set_default_timeout(10_000)
    try:
        yield context.new_page()
    finally:
        context.close()


def test_without_script_a_phone_gets_it_folded_and_a_laptop_open(nojs_page, archive):
    page = nojs_page
    log_in(page, archive["alice"])
    spec = PAGES["crosstab"]
    speaker = page.locator(spec.speaker)
    page.set_viewport_size(PHONE)
    page.goto(spec.url)
    assert page.locator(spec.result).bounding_box()["y"] < PHONE["height"]
    assert speaker.is_hidden()
    page.locator("[data-filter-panel] > summary").click()
    assert speaker.is_visible()
    # On a laptop the stylesheet alone shows the form, and no button stands before it.
    page.set_viewport_size(LAPTOP)
    page.goto(spec.url)
    assert speaker.is_visible()
    assert page.locator("[data-filter-panel] > summary").is_hidden()


def resize(page, viewport):
    """Resize, then wait two frames: a media query's change is reported before a frame."""
    page.set_viewport_size(viewport)
    page.evaluate("() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")


def test_a_window_widened_opens_the_panel_and_narrowed_gives_it_back(page, archive):
    # What the script adds to the stylesheet: a panel open on a wide screen in every browser,
    # and, back at a phone's width, the state the reader left it in there.
    log_in(page, archive["alice"])
    page.set_viewport_size(PHONE)
    page.goto(PAGES["crosstab"].url)
    panel = page.locator("[data-filter-panel]")
    is_open = "(panel) => panel.open"
    assert panel.evaluate(is_open) is False
    resize(page, LAPTOP)
    assert panel.evaluate(is_open) is True
    resize(page, PHONE)
    assert panel.evaluate(is_open) is False
    page.locator("[data-filter-panel] > summary").click()
    resize(page, LAPTOP)
    resize(page, PHONE)
    assert panel.evaluate(is_open) is True


def test_an_opened_panel_drops_only_a_heading_that_says_filters_again(page, archive):
    # The search's column starts with its own "筛选" heading, which the button says already;
    # the speech list's starts with a facet's, "讲话人", which names the links below it.
    log_in(page, archive["alice"])
    page.set_viewport_size(PHONE)
    for url, heading, shown in (
        (PAGES["search"].url, "筛选", False),
        (PAGES["speeches"].url, "讲话人", True),
    ):
        page.goto(url)
        page.locator("[data-filter-panel] > summary").click()
        first = page.locator("[data-filter-panel] .facets > h2").first
        assert first.inner_text() == heading, url
        assert first.is_visible() is shown, url


def test_a_refused_filter_is_brought_into_view_on_a_phone(page, archive):
    # The speech list's date fields come last in a long column of facets: a date that reads
    # as none opens the panel, and its message must not wait below the first screen.
    log_in(page, archive["alice"])
    page.set_viewport_size(PHONE)
    page.goto(PAGES["speeches"].url + "?from=2024-13")
    assert page.locator("[data-filter-panel]").evaluate("(panel) => panel.open") is True
    message = page.locator("[data-filter-panel] .field--error .errorlist")
    box = message.bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], box
    # Scrolled to, not focused: no phone keyboard opens over the page.
    assert page.evaluate("() => document.activeElement === document.body")
