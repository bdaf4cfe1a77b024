"""More of the reader's annotation layer in Debian's Chromium: closing the
picker, the colours of highlights, their details, the filter, the margin
counts and the suggested themes."""

import re
from datetime import UTC, datetime

import pytest

from annotations.models import Annotation
from annotations.services.tagging import tag_passage
from tests.conftest import log_in

from .conftest import make_speech
from .test_browser_reader import (
    NOTHING_PENDING,
    annotator_named,
    drag_select,
    margin_button,
    open_reader,
    pick_theme,
    wait_for_picker,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def speech(transactional_db):
    return make_speech()


def tag(speech, position, start, end, themes, author, note=""):
    """An annotation written through the service, as the API would."""
    paragraph = speech.paragraphs.get(position=position)
    return tag_passage(paragraph=paragraph, start=start, end=end,
                       quote=paragraph.text[start:end], themes=themes, author=author, note=note)


def rgb(hex_colour):
    n = int(hex_colour[1:], 16)
    return (n >> 16) & 255, (n >> 8) & 255, n & 255


def tints(page, selector):
    """The colours (r, g, b) layered in an element's computed background."""
    image = page.locator(selector).evaluate("el => getComputedStyle(el).backgroundImage")
    found = re.findall(r"rgba?\((\d+), (\d+), (\d+)", image)
    return {tuple(int(x) for x in colour) for colour in found}


def test_escape_closes_the_theme_picker_and_tags_nothing(page, annotator, speech, codebook):
    requests = []
    page.on("request", lambda r: requests.append(r) if r.method != "GET" else None)
    log_in(page, annotator)
    open_reader(page, speech)
    drag_select(page, 2, 0, 6)
    wait_for_picker(page)
    # A theme is chosen and highlighted in the list: Enter would apply it now.
    page.keyboard.type("rdjd")
    assert page.locator(".anno-popover [aria-selected=true]").inner_text().strip().endswith(
        "Supervision by people's congresses")
    page.keyboard.press("Escape")

    page.locator(".anno-popover").wait_for(state="hidden")
    # Applying paints a pending highlight in the same task as it closes the
    # picker, so its absence now means nothing was applied.
    assert page.locator("#p2 .hl").count() == 0
    assert page.evaluate("!CSS.highlights.has('anno-selection')")  # the passage is unmarked
    # Enter after closing goes nowhere either.
    page.keyboard.press("Enter")
    assert page.locator(".anno-popover").is_hidden()
    assert page.locator(".hl").count() == 0
    assert [r for r in requests if "/api/" in r.url] == []
    assert not Annotation.objects.exists()


def test_highlights_take_their_themes_colours_and_overlaps_show_both(
        page, annotator, speech, supervision, rule_of_law):
    assert supervision.colour != rule_of_law.colour
    first = tag(speech, 2, 0, 10, [supervision], annotator)
    second = tag(speech, 2, 5, 15, [rule_of_law], annotator)
    log_in(page, annotator)
    open_reader(page, speech)

    # Three pieces: the first annotation alone, both, the second alone.
    pieces = page.locator("#p2 .hl")
    assert pieces.count() == 3
    ids = [pieces.nth(i).get_attribute("data-annotation-ids").split() for i in range(3)]
    assert ids == [[str(first.pk)], [str(first.pk), str(second.pk)], [str(second.pk)]]
    only_first, both, only_second = (f"#p2 .hl >> nth={i}" for i in range(3))
    assert tints(page, only_first) == {rgb(supervision.colour)}
    assert tints(page, only_second) == {rgb(rule_of_law.colour)}
    assert tints(page, both) == {rgb(supervision.colour), rgb(rule_of_law.colour)}
    # The overlap is marked apart from a single highlight, not only by its
    # colour (with the mouse away: hovering a highlight marks it too).
    page.mouse.move(0, 0)
    shadow = "el => getComputedStyle(el).boxShadow"
    assert page.locator(both).evaluate(shadow) != "none"
    assert page.locator(only_first).evaluate(shadow) == "none"

    # The colour is the theme's, read when the page loads: recolour it and reload.
    type(supervision).objects.filter(pk=supervision.pk).update(colour="#123456")
    page.reload()
    page.wait_for_selector("[data-annotations-loaded]")
    assert tints(page, only_first) == {(0x12, 0x34, 0x56)}


def test_a_clicked_highlight_shows_its_themes_note_author_and_date(
        page, annotator, speech, supervision, rule_of_law):
    alice = annotator_named("alice")
    annotation = tag(speech, 4, 4, 8, [supervision, rule_of_law], alice, note="振兴与监督并提")
    created = datetime(2024, 3, 5, 23, 30, tzinfo=UTC)
    Annotation.objects.filter(pk=annotation.pk).update(created_at=created)
    log_in(page, annotator)
    open_reader(page, speech)

    page.locator("#p4 .hl").click()
    item = page.locator(f".anno-panel [data-annotation-id='{annotation.pk}']")
    item.wait_for()
    assert item.locator(".anno-item__quote").inner_text() == "乡村振兴"
    assert item.locator(".anno-item__themes .theme-chip").all_inner_texts() == [
        supervision.name, rule_of_law.name]
    assert item.locator(".anno-item__note").inner_text() == "振兴与监督并提"
    # The date as the pages write it, in the site's time zone (Beijing), whatever the
    # browser's: 23:30 UTC is 07:30 the next morning.
    assert page.evaluate("document.documentElement.dataset.timeZone") == "Asia/Shanghai"
    when = "2024年3月6日 07:30"
    assert item.locator(".anno-item__meta").inner_text() == f"alice · {when}"
    # Someone else's annotation: an annotator may read it but not change it.
    assert item.get_by_role("button", name="编辑").count() == 0


def test_the_filter_shows_one_theme_or_only_mine(page, speech, supervision, codebook):
    rural = codebook["rural-revitalization"]
    alice, bob = annotator_named("alice"), annotator_named("bob")
    mine = tag(speech, 2, 0, 6, [supervision], alice)
    theirs = tag(speech, 4, 4, 8, [rural], bob)
    log_in(page, alice)
    open_reader(page, speech)
    fab = page.locator(".anno-fab")
    shown = "[...document.querySelectorAll('.hl')].map(e => e.dataset.annotationIds).join('|')"
    assert page.evaluate(shown) == f"{mine.pk}|{theirs.pk}"
    assert fab.locator(".anno-fab__count").inner_text() == "2"

    fab.click()
    panel = page.locator(".anno-panel")
    panel.locator(f"input[value='{rural.pk}']").check()
    page.wait_for_function(f"() => {shown} === '{theirs.pk}'")
    assert fab.locator(".anno-fab__count").inner_text() == "1/2"
    # The margin counts what is shown.
    assert page.locator("#p2 ~ .para__margin .anno-count--tags").count() == 0

    panel.locator(f"input[value='{rural.pk}']").uncheck()
    panel.locator("label.anno-check", has_text="只看我的标注").locator("input").check()
    page.wait_for_function(f"() => {shown} === '{mine.pk}'")
    assert fab.locator(".anno-fab__count").inner_text() == "1/2"
    assert page.locator("#p4 ~ .para__margin .anno-count--tags").count() == 0

    panel.get_by_role("button", name="全部显示").click()
    page.wait_for_function(f"() => {shown} === '{mine.pk}|{theirs.pk}'")
    assert fab.locator(".anno-fab__count").inner_text() == "2"


def test_the_margin_counts_a_paragraphs_annotations_and_lists_them(
        page, annotator, speech, codebook):
    log_in(page, annotator)
    open_reader(page, speech)
    text = speech.paragraphs.get(position=2).text
    law = text.index("依法行政")
    for (start, end), typed in (((0, 4), "rdjd"), ((law, len(text) - 1), "yfxz")):
        drag_select(page, 2, start, end)
        pick_theme(page, typed)
        page.wait_for_function(f"() => document.querySelector('#p2 .hl') && {NOTHING_PENDING}")
    count = margin_button(page, 2, "tags")
    page.wait_for_function("() => document.querySelector("
                           "'#p2 ~ .para__margin .anno-count--tags')?.textContent.endsWith('2')")
    assert count.get_attribute("aria-label") == "2 条标注"

    count.click()
    items = page.locator(".anno-panel .anno-item")
    items.first.wait_for()
    assert items.locator(".anno-item__quote").all_inner_texts() == [
        "各级人大", text[law:-1]]
    assert page.locator("#anno-panel-title").inner_text() == "第 2 段的标注"
    assert Annotation.objects.filter(paragraph__position=2).count() == 2


def test_a_suggested_theme_is_applied_by_one_click_and_never_without(
        page, annotator, speech, codebook):
    rural = codebook["rural-revitalization"]
    paragraph = speech.paragraphs.get(position=4)
    assert "乡村振兴" in paragraph.text and "乡村振兴" in rural.keywords
    log_in(page, annotator)
    open_reader(page, speech)
    chip = page.locator("#p4 ~ .para__margin .anno-suggestion", has_text=rural.name)
    chip.wait_for()
    # Faint: an offer, drawn apart from what has been tagged.
    style = chip.evaluate("el => [getComputedStyle(el).opacity, getComputedStyle(el).borderStyle]")
    assert float(style[0]) < 1 and style[1] == "dashed"
    # Shown, and loaded with everything else, but nothing was applied.
    assert page.locator("#p4 .hl").count() == 0
    assert not Annotation.objects.exists()

    chip.click()
    page.wait_for_function(f"() => document.querySelector('#p4 .hl') && {NOTHING_PENDING}")
    annotation = Annotation.objects.get()
    assert annotation.author == annotator
    assert (annotation.paragraph_id, annotation.start, annotation.end) == (
        paragraph.pk, 0, len(paragraph.text))
    assert annotation.quote == paragraph.text
    assert [t.slug for t in annotation.themes.all()] == ["rural-revitalization"]
    # The accepted offer goes; the paragraph's other suggestions stay offers.
    assert chip.count() == 0
    assert page.locator("#p4 ~ .para__margin .anno-suggestion").count() > 0
    assert Annotation.objects.count() == 1
