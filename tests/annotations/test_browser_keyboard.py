"""The reader from the keyboard: the theme picker and the side panel give
the focus back to where the reader was, and the panel keeps it while open."""

import pytest

from annotations import services
from annotations.models import Annotation
from tests.conftest import log_in

from .conftest import make_speech
from .test_browser_reader import (
    drag_select,
    margin_button,
    open_reader,
    pick_theme,
    wait_for_picker,
)

pytestmark = pytest.mark.browser

# What has the focus: its paragraph (the one it is in, or whose margin it is
# in), and its margin action if it is a margin button.
WHERE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return {body: true};
  let para = el.closest('p.para');
  const margin = el.closest('.para__margin');
  if (!para && margin) para = margin.previousElementSibling;
  return {
    para: para ? para.id : null,
    action: el.dataset.marginAction || null,
    inPanel: !!el.closest('.anno-panel'),
    inPicker: !!el.closest('.anno-popover'),
    tag: el.tagName,
  };
}"""

NOTHING_PENDING = "!document.querySelector('.hl--pending, [data-comment-id^=\"-\"]')"


@pytest.fixture
def speech(transactional_db):
    return make_speech()


def where(page):
    return page.evaluate(WHERE)


def open_picker_from_plus(page, paragraph):
    page.locator(f"#p{paragraph} .para__text").hover()
    margin_button(page, paragraph, "add").focus()
    page.keyboard.press("Enter")
    wait_for_picker(page)


def test_enter_in_the_picker_gives_the_focus_back_to_the_plus_button(
    page, annotator, speech, codebook
):
    log_in(page, annotator)
    open_reader(page, speech)
    open_picker_from_plus(page, 2)
    page.keyboard.type("rdjd")
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => document.querySelector('#p2 .hl') && {NOTHING_PENDING}")
    # The margin was rebuilt twice (the tag shown at once, then saved): the
    # focus is still on the paragraph's "+".
    assert where(page) == {"para": "p2", "action": "add", "inPanel": False,
                           "inPicker": False, "tag": "BUTTON"}
    assert Annotation.objects.get().paragraph.position == 2
    # The next Tab goes on from there, not from the end or the top of the page.
    page.keyboard.press("Tab")
    after = where(page)
    assert after.get("para") in {"p2", "p3"}, after


def test_esc_in_the_picker_gives_the_focus_back_to_the_plus_button(
    page, annotator, speech, codebook
):
    log_in(page, annotator)
    open_reader(page, speech)
    open_picker_from_plus(page, 3)
    page.keyboard.press("Escape")
    page.locator(".anno-popover").wait_for(state="hidden")
    assert where(page)["para"] == "p3" and where(page)["action"] == "add"
    assert not Annotation.objects.exists()


def test_after_a_selection_the_focus_goes_back_to_its_paragraph(
    page, annotator, speech, codebook
):
    log_in(page, annotator)
    open_reader(page, speech)
    drag_select(page, 4, 0, 4)
    wait_for_picker(page)
    page.keyboard.press("Escape")
    page.locator(".anno-popover").wait_for(state="hidden")
    assert where(page) == {"para": "p4", "action": None, "inPanel": False,
                           "inPicker": False, "tag": "P"}
    # The paragraph takes the focus from scripts, but is no Tab stop.
    assert page.get_attribute("#p4", "tabindex") == "-1"

    drag_select(page, 2, 0, 4)
    pick_theme(page, "rdjd")
    page.wait_for_function(f"() => document.querySelector('#p2 .hl') && {NOTHING_PENDING}")
    assert where(page)["para"] == "p2" and where(page)["tag"] == "P"


def test_the_panel_keeps_the_focus_closes_on_esc_and_gives_it_back(
    page, annotator, speech, codebook
):
    log_in(page, annotator)
    open_reader(page, speech)
    page.locator("#p2 .para__text").hover()
    margin_button(page, 2, "comments").focus()
    page.keyboard.press("Enter")
    panel = page.locator(".anno-panel")
    panel.wait_for(state="visible")
    assert where(page)["inPanel"]

    for _ in range(6):  # round and round: close button, textarea, Comment
        page.keyboard.press("Tab")
        assert where(page)["inPanel"], where(page)
    for _ in range(6):
        page.keyboard.press("Shift+Tab")
        assert where(page)["inPanel"], where(page)

    # A comment rebuilds the margin (its count changes) while the panel is open.
    panel.locator("textarea").fill("键盘写的评论")
    panel.get_by_role("button", name="评论", exact=True).click()
    page.wait_for_function(
        f"() => document.querySelector('.anno-comment[data-comment-id]') && {NOTHING_PENDING}")
    panel.locator("textarea").focus()
    page.keyboard.press("Escape")
    panel.wait_for(state="hidden")
    assert where(page)["para"] == "p2" and where(page)["action"] == "comments"


def test_esc_closes_the_panel_after_its_buttons_were_rebuilt(page, annotator, speech, codebook):
    paragraph = speech.paragraphs.get(position=3)
    services.tag_passage(paragraph=paragraph, start=0, end=4, quote=paragraph.text[:4],
                         themes=[codebook["rule-of-law"]], author=annotator)
    log_in(page, annotator)
    open_reader(page, speech)
    page.locator("#p3 .hl").click()
    panel = page.locator(".anno-panel")
    panel.wait_for(state="visible")
    page.once("dialog", lambda dialog: dialog.accept())
    with page.expect_response(lambda r: r.request.method == "DELETE"):
        panel.get_by_role("button", name="删除").click()
    page.wait_for_function("() => document.querySelectorAll('#p3 .hl').length === 0")
    page.keyboard.press("Escape")
    panel.wait_for(state="hidden")
    # Opened by a click on the text: back to that paragraph.
    assert where(page)["para"] == "p3" and where(page)["tag"] == "P"


def test_a_link_to_one_of_my_comments_opens_its_thread(page, annotator, speech):
    comment = services.write_comment(paragraph=speech.paragraphs.get(position=2),
                                     author=annotator, body="从“我的评论”来")
    log_in(page, annotator)
    page.goto("/annotations/mine/?show=comments")
    page.locator(".my-comment .passage__meta a").click()
    page.wait_for_selector("[data-annotations-loaded]")
    item = page.locator(f"#comment-{comment.pk}")
    item.wait_for(state="visible")
    assert "anno-comment--linked" in item.get_attribute("class")
    assert "第 2 段" in page.locator(".anno-panel h2").inner_text()
