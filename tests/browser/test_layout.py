"""Page layout: on a phone (390 px wide) nothing pushes the page sideways or covers the
text; on a wide screen the reader's text stands in the middle, contents or not."""

import pytest

from tests.conftest import log_in

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESK = {"width": 1366, "height": 900}

PAGE_WIDTH = "document.documentElement.scrollWidth"


def open_export_menu(page, summary: str) -> dict:
    page.click(summary)
    page.wait_for_selector(".export-menu[open] .export-menu__panel")
    return page.locator(".export-menu[open] .export-menu__panel").bounding_box()


@pytest.mark.parametrize("role", ["editor", "viewer"])
def test_the_readers_export_menu_stays_on_a_phone_screen(page, request, role, seed_compilation):
    # Editors have "Correct the speaker" before the button, which moves it right.
    user = request.getfixturevalue(role)
    page.set_viewport_size(PHONE)
    log_in(page, user)
    page.goto(seed_compilation.speeches.get(speaker__name="王萍").get_absolute_url())
    assert page.locator("text=更正讲话人").count() == (1 if role == "editor" else 0)
    assert page.evaluate(PAGE_WIDTH) <= PHONE["width"]

    box = open_export_menu(page, ".reader__export summary")

    assert page.evaluate(PAGE_WIDTH) <= PHONE["width"]
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert page.locator(".export-menu__panel a:has-text('Markdown')").is_visible()


def test_export_menus_at_the_end_of_a_row_stay_on_a_phone_screen(page, viewer, seed_compilation):
    page.set_viewport_size(PHONE)
    log_in(page, viewer)
    for url in ("/search/?q=人大", "/speakers/王萍/", seed_compilation.get_absolute_url()):
        page.goto(url)
        box = open_export_menu(page, ".export-menu summary")
        assert page.evaluate(PAGE_WIDTH) <= PHONE["width"], url
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], url


def test_the_annotation_button_and_messages_leave_the_text_and_sheet_readable(
    page, annotator, seed_compilation
):
    page.set_viewport_size(PHONE)
    log_in(page, annotator)
    page.goto(seed_compilation.speeches.get(speaker__name="王萍").get_absolute_url())
    page.wait_for_selector("article.annotations-ready")
    page.wait_for_selector(".anno-fab")

    # Room under the text for the round button floating over its bottom right.
    room = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.reader__body')).paddingBottom)"
    )
    fab = page.locator(".anno-fab").bounding_box()
    assert room >= PHONE["height"] - fab["y"]

    # A message shown while the bottom sheet is open does not cover the sheet.
    page.click(".anno-fab")
    page.wait_for_selector(".anno-panel:not([hidden])")
    page.evaluate("import('/static/js/annotations/ui.js').then((ui) => ui.notify('saved', 'ok'))")
    page.wait_for_selector(".anno-toast")
    toast = page.locator(".anno-toasts").bounding_box()
    sheet = page.locator(".anno-panel").bounding_box()
    assert toast["y"] + toast["height"] <= sheet["y"]


def test_a_speechs_history_reads_as_cards_on_a_phone(page, viewer, seed_compilation):
    page.set_viewport_size(PHONE)
    log_in(page, viewer)
    speech = seed_compilation.speeches.get(speaker__name="王萍")
    page.goto(f"/speeches/{speech.pk}/history/")
    details = page.locator(".history__summary").first
    assert seed_compilation.title in details.inner_text()
    # The details get the card's width, not a squeezed last column.
    assert details.bounding_box()["width"] > PHONE["width"] * 0.8
    assert page.evaluate(PAGE_WIDTH) <= PHONE["width"]


@pytest.mark.parametrize("sections", [True, False])
def test_the_readers_text_stands_in_the_middle_with_or_without_contents(page, viewer, db, sections):
    from tests.speeches.browse_data import import_speech

    paragraphs = ["今天，我们召开会议。" * 8] * 3
    if sections:
        paragraphs = ["一、第一部分", *paragraphs, "二、第二部分", *paragraphs]
    speech = import_speech(title="讲话", speaker="王萍", paragraphs=paragraphs)
    page.set_viewport_size(DESK)
    log_in(page, viewer)
    page.goto(speech.get_absolute_url())
    assert page.locator("nav.reader__toc").count() == (1 if sections else 0)
    text = page.locator(".para").first.bounding_box()
    main = page.locator("main").bounding_box()
    width = page.evaluate("document.documentElement.clientWidth")
    # The text with its margin (9.5rem, 1.5rem from the text) is centred on the page, give or take
    # the number column; with contents, they push it right of the middle.
    left = text["x"]
    right = width - (text["x"] + text["width"] + 24 + 152)
    if sections:
        assert left > right
    else:
        assert abs(left - right) < 60
    assert main["x"] < left


def test_the_speakers_table_fits_a_phone(page, viewer, seed_compilation):
    page.set_viewport_size(PHONE)
    log_in(page, viewer)
    page.goto("/speakers/")
    table = page.locator(".speaker-table")
    assert table.locator("th:has-text('最近讲话')").is_visible()
    assert not table.locator("th:has-text('最早讲话')").is_visible()
    # Nothing is cut off at the table's right edge.
    assert page.evaluate(
        "(() => { const w = document.querySelector('.speaker-table').closest('.table-wrap');"
        " return w.scrollWidth <= w.clientWidth; })()"
    )


def test_a_linked_paragraph_starts_below_the_bars_on_a_phone(page, viewer, seed_compilation):
    """On a phone the site's bar and the reader's tool buttons stay at the
    top: a link to a paragraph (#pN) scrolls its first line below both."""
    speech = max(seed_compilation.speeches.all(), key=lambda s: s.paragraphs.count())
    page.set_viewport_size(PHONE)
    log_in(page, viewer)
    page.goto(speech.get_absolute_url() + "#p12")
    page.wait_for_selector("[data-annotations-loaded]")
    tools = page.locator(".reader__tools")
    assert tools.is_visible()
    bars = max(
        page.locator(".site-header").bounding_box()["y"]
        + page.locator(".site-header").bounding_box()["height"],
        tools.bounding_box()["y"] + tools.bounding_box()["height"],
    )
    # Just below them: the link was followed, to the paragraph's first line.
    assert bars <= page.locator("#p12").bounding_box()["y"] <= bars + 24
