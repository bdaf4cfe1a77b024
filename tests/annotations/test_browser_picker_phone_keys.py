"""Issue 15 in the browser: the theme picker on a phone (Esc from anywhere
inside, a close button, re-anchored to each new selection), tagging a span
from the keyboard (J/K, Shift+arrows, T), one notice at a time out of the
text's way, English theme names, and the paragraph numbers' contrast."""

import pytest

from annotations.models import Annotation
from tests.conftest import log_in

from .conftest import PARAGRAPHS, make_speech
from .test_browser_reader import margin_button, open_reader, wait_for_picker

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESK = {"width": 1366, "height": 900}
LONG = PARAGRAPHS + [f"第{n}段：各级人大常委会要依法开展执法检查，推进依法行政，建设法治政府。" * 3
                     for n in range(5, 31)]

# Selects code points [start, end) of paragraph ``n``'s text, as a finger or
# the keyboard would, without a mouse event.
SELECT = """([n, start, end]) => {
  const text = document.querySelector(`#p${n} .para__text`).firstChild;
  const chars = [...text.data];
  const a = chars.slice(0, start).join('').length, b = chars.slice(0, end).join('').length;
  getSelection().setBaseAndExtent(text, a, text, b);
}"""

PICKER_BOX = "(() => { const r = document.querySelector('.anno-popover').getBoundingClientRect();" \
             " return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; })()"


@pytest.fixture
def speech(transactional_db):
    return make_speech(LONG)


@pytest.fixture
def phone(browser_context, live_server):
    """A touch screen phone: coarse pointer, 390×844."""
    context = browser_context.browser.new_context(
        base_url=live_server.url, locale="zh-CN", viewport=PHONE, has_touch=True, is_mobile=True,
    )
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def open_phone_reader(page, speech):
    open_reader(page, speech)
    # On a phone the margin, with its + buttons, folds away behind a button.
    page.locator("[data-reader-toggle=margin]").tap()


def picker_box(page):
    return page.evaluate(PICKER_BOX)


def test_on_a_phone_the_picker_closes_on_esc_from_inside_and_has_a_close_button(
    phone, annotator, speech, codebook
):
    log_in(phone, annotator)
    open_phone_reader(phone, speech)
    assert phone.evaluate("matchMedia('(pointer: coarse)').matches")
    margin_button(phone, 2, "add").tap()
    picker = phone.locator(".anno-popover")
    picker.wait_for(state="visible")
    # The keyboard hints mean nothing here; a close button does.
    assert phone.locator(".anno-popover__hint").is_hidden()
    close = phone.locator(".anno-popover__close")
    assert close.is_visible()
    box = close.bounding_box()
    assert box["width"] >= 40 and box["height"] >= 40  # a finger's size
    # The focus is inside the picker (not on the body), and Esc closes it.
    assert phone.evaluate("document.activeElement.closest('.anno-popover') !== null")
    phone.keyboard.press("Escape")
    picker.wait_for(state="hidden")

    margin_button(phone, 2, "add").tap()
    picker.wait_for(state="visible")
    phone.locator(".anno-popover__option").first.hover()
    close.focus()
    phone.keyboard.press("Escape")  # from the close button, too
    picker.wait_for(state="hidden")

    margin_button(phone, 2, "add").tap()
    picker.wait_for(state="visible")
    close.tap()
    picker.wait_for(state="hidden")
    assert Annotation.objects.count() == 0


def test_on_a_phone_the_picker_moves_to_each_new_selection(phone, annotator, speech, codebook):
    log_in(phone, annotator)
    open_phone_reader(phone, speech)
    margin_button(phone, 2, "add").tap()
    phone.locator(".anno-popover").wait_for(state="visible")
    assert "整段" in phone.locator(".anno-popover__what").inner_text()

    # Scroll far down and select there with the picker still open.
    phone.locator("#p25").scroll_into_view_if_needed()
    phone.evaluate(SELECT, [25, 0, 4])
    phone.wait_for_function(
        "() => document.querySelector('.anno-popover__what').textContent.includes('第25段')"
    )
    box = picker_box(phone)
    assert box["top"] >= 0 and box["bottom"] <= PHONE["height"], box
    assert box["left"] >= 0 and box["right"] <= PHONE["width"], box
    # Next to the new selection, not where the + was.
    para = phone.locator("#p25").bounding_box()
    assert abs(box["top"] - (para["y"] + para["height"] / 2)) < PHONE["height"] / 2


def test_shift_arrows_select_a_span_from_the_keyboard_and_tag_it(
    page, annotator, speech, codebook
):
    log_in(page, annotator)
    open_reader(page, speech)
    # The skip link leads past the menus and the contents to the text.
    skip = page.locator("a.skip-link[href='#reader-text']")
    assert skip.count() == 1
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#reader-text"
    page.keyboard.press("Enter")
    # J goes to a paragraph, then on to the next one; K back.
    page.keyboard.press("j")
    first = page.evaluate("document.activeElement.id")
    assert first.startswith("p")
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("k")
    assert page.evaluate("document.activeElement.id") == f"p{int(first[1:]) + 1}"
    while page.evaluate("document.activeElement.id") != "p2":
        page.keyboard.press("k")

    # Shift+→ starts a selection at the paragraph's first character; more extend it.
    page.keyboard.down("Shift")
    for _ in range(4):
        page.keyboard.press("ArrowRight")
    page.keyboard.up("Shift")
    wait_for_picker(page)
    assert "各级人大" in page.locator(".anno-popover__what").inner_text()
    page.keyboard.type("rdjd")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('#p2 .hl:not(.hl--pending)') !== null")
    annotation = Annotation.objects.get()
    assert (annotation.start, annotation.end, annotation.quote) == (0, 4, "各级人大")


def test_extending_a_selection_with_the_focus_on_the_body_opens_the_picker(
    page, annotator, speech, codebook
):
    log_in(page, annotator)
    open_reader(page, speech)
    page.evaluate("document.activeElement.blur()")
    page.evaluate(SELECT, [4, 0, 2])
    page.keyboard.down("Shift")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.up("Shift")
    wait_for_picker(page)
    assert "全面推进" in page.locator(".anno-popover__what").inner_text()


def test_t_on_a_paragraph_opens_the_picker_for_all_of_it(page, annotator, speech, codebook):
    log_in(page, annotator)
    open_reader(page, speech)
    page.keyboard.press("j")
    page.keyboard.press("t")
    wait_for_picker(page)
    assert "整段" in page.locator(".anno-popover__what").inner_text()
    page.keyboard.press("Escape")
    page.locator(".anno-popover").wait_for(state="hidden")
    assert page.evaluate("document.activeElement.matches('p.para')")


def test_one_notice_at_a_time_beside_the_text(page, annotator, speech, codebook):
    page.set_viewport_size(DESK)
    log_in(page, annotator)
    open_reader(page, speech)
    for n in (2, 3, 4):
        margin_button(page, n, "add").focus()
        page.keyboard.press("Enter")
        wait_for_picker(page)
        page.keyboard.type("rdjd")
        page.keyboard.press("Enter")
        page.wait_for_function(
            f"() => document.querySelector('#p{n} .hl:not(.hl--pending)') !== null")
    page.wait_for_selector(".anno-toast--ok")
    assert page.locator(".anno-toast").count() == 1
    toast = page.locator(".anno-toast").bounding_box()
    text = page.locator("#p2 .para__text").bounding_box()
    assert toast["x"] + toast["width"] <= text["x"], (toast, text)


def test_a_tagged_notice_across_paragraphs_keeps_its_count_in_chinese(
    page, annotator, speech, codebook
):
    log_in(page, annotator)
    open_reader(page, speech)
    page.evaluate("""() => {
      const a = document.querySelector('#p2 .para__text').firstChild;
      const b = document.querySelector('#p4 .para__text').firstChild;
      getSelection().setBaseAndExtent(a, 2, b, 4);
    }""")
    page.locator("#p4 .para__text").dispatch_event("mouseup")
    wait_for_picker(page)
    page.keyboard.type("rdjd")
    page.keyboard.press("Enter")
    page.wait_for_selector(".anno-toast--ok")
    assert "已将 3 处标注为" in page.locator(".anno-toast--ok").inner_text()
    assert Annotation.objects.count() == 3


def test_english_pages_show_english_theme_names_in_the_picker_and_chips(
    page, annotator, speech, codebook
):
    log_in(page, annotator)
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": page.url}])
    open_reader(page, speech)
    margin_button(page, 2, "add").focus()
    page.keyboard.press("Enter")
    wait_for_picker(page)
    names = page.locator(".anno-popover__name").all_inner_texts()
    assert "Supervision by people's congresses" in names and "人大监督" not in names
    page.keyboard.type("rdjd")
    page.keyboard.press("Enter")
    page.wait_for_selector(".anno-toast--ok")
    assert "Supervision by people's congresses" in page.locator(".anno-toast--ok").inner_text()


CONTRAST = """() => {
  const rgb = (c) => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = getComputedStyle(e).backgroundColor;
      if (!c.startsWith('rgba') || !c.endsWith(', 0)')) return c;
    }
    return 'rgb(255, 255, 255)';
  };
  return [...document.querySelectorAll('.para__num')].map((el) => {
    const [a, b] = [lum(rgb(getComputedStyle(el).color)), lum(rgb(background(el)))];
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  });
}"""


@pytest.mark.parametrize("target", ["", "#p3"])
def test_paragraph_numbers_are_readable_at_aa_contrast(page, viewer, speech, target):
    log_in(page, viewer)
    page.goto(f"/speeches/{speech.pk}/{target}")
    ratios = page.evaluate(CONTRAST)
    assert ratios and min(ratios) >= 4.5, min(ratios)
