"""The annotation layer of the reader, driven in Debian's Chromium."""

import pytest
from django.contrib.auth.models import Group, User

from annotations.models import Annotation, Comment
from tests.conftest import log_in

from .conftest import make_speech

pytestmark = pytest.mark.browser

# Client rectangles of the first and last characters of a span given in
# code points of a paragraph's text, so the mouse can drag across them.
CHAR_RECTS = """([selector, start, end]) => {
  const span = document.querySelector(selector + ' .para__text');
  const walker = document.createTreeWalker(span, NodeFilter.SHOW_TEXT);
  const nodes = []; let n;
  while ((n = walker.nextNode())) nodes.push(n);
  function point(cp) {
    let seen = 0;
    for (const node of nodes) {
      const chars = [...node.data];
      if (cp < seen + chars.length) {
        return [node, chars.slice(0, cp - seen).join('').length, chars[cp - seen].length];
      }
      seen += chars.length;
    }
  }
  function rect(cp) {
    const [node, offset, width] = point(cp);
    const r = document.createRange(); r.setStart(node, offset); r.setEnd(node, offset + width);
    const box = r.getBoundingClientRect();
    return {x: box.left, y: box.top + box.height / 2, w: box.width};
  }
  return [rect(start), rect(end - 1)];
}"""


def drag_select(page, paragraph, start, end):
    selector = f"#p{paragraph}"
    page.locator(f"{selector} .para__text").scroll_into_view_if_needed()
    first, last = page.evaluate(CHAR_RECTS, [selector, start, end])
    page.mouse.move(first["x"] + 1, first["y"])
    page.mouse.down()
    page.mouse.move(last["x"] + last["w"] / 2, last["y"], steps=5)
    page.mouse.move(last["x"] + last["w"] - 1, last["y"], steps=2)
    page.mouse.up()


def wait_for_picker(page):
    """Wait until the theme picker is open and has the focus.

    The picker opens on mouseup; keys typed before it has the focus would go
    to the page instead (a slow machine makes that gap visible).
    """
    page.locator(".anno-popover").wait_for(state="visible")
    page.wait_for_function("() => document.activeElement?.closest('.anno-popover') != null")


def pick_theme(page, typed):
    """Type into the theme picker once it has the focus, then apply."""
    wait_for_picker(page)
    page.keyboard.type(typed)
    page.keyboard.press("Enter")


def margin_button(page, paragraph, kind):
    """A margin button of a paragraph (the margin is in or right after the <p>)."""
    p, button = f"#p{paragraph}", f".anno-count--{kind}"
    return page.locator(f"{p} ~ .para__margin {button}, {p} {button}").first


NOTHING_PENDING = "!document.querySelector('[data-comment-id^=\"-\"], .hl--pending')"


def open_reader(page, speech):
    page.goto(f"/speeches/{speech.pk}/")
    page.wait_for_selector("[data-annotations-loaded]")


@pytest.fixture
def speech(transactional_db):
    return make_speech()


def annotator_named(name):
    user = User.objects.create_user(name, password="pw-" + name)
    user.groups.add(Group.objects.get_or_create(name="annotator")[0])
    return user


def test_tag_with_the_keyboard_reload_edit_and_delete(page, annotator, speech, codebook):
    log_in(page, annotator)
    open_reader(page, speech)
    text = speech.paragraphs.get(position=3).text
    start = text.index("𠀀字")
    drag_select(page, 3, start, start + 5)
    pick_theme(page, "yfxz")  # pinyin initials of 依法行政与法治
    page.wait_for_function(
        "() => document.querySelectorAll('#p3 .hl:not(.hl--pending)').length > 0")
    annotation = Annotation.objects.get()
    assert annotation.quote == text[start : start + 5] == "𠀀字很少见"
    assert (annotation.start, annotation.end) == (start, start + 5)
    assert [t.slug for t in annotation.themes.all()] == ["rule-of-law"]

    page.reload()
    page.wait_for_selector("[data-annotations-loaded]")
    assert page.locator("#p3 .hl").inner_text() == "𠀀字很少见"
    assert page.locator("#p3 .para__text").inner_text() == text  # the text is untouched

    page.locator("#p3 .hl").click()
    panel = page.locator(".anno-panel")
    panel.get_by_role("button", name="编辑").click()
    panel.locator("label.anno-check", has_text="人大监督").locator("input").check()
    panel.locator("textarea").fill("古字的例子")
    panel.get_by_role("button", name="保存").click()
    page.wait_for_function("() => document.querySelector('.anno-toast--ok') !== null")
    annotation.refresh_from_db()
    assert annotation.note == "古字的例子"
    assert {t.slug for t in annotation.themes.all()} == {
        "rule-of-law", "people-s-congress-supervision"}

    page.reload()
    page.wait_for_selector("[data-annotations-loaded]")
    page.locator("#p3 .hl").click()
    assert "古字的例子" in panel.inner_text()
    page.once("dialog", lambda dialog: dialog.accept())
    panel.get_by_role("button", name="删除").click()
    page.wait_for_function("() => document.querySelectorAll('#p3 .hl').length === 0")
    page.wait_for_function("() => document.querySelector('.anno-toast--ok') !== null")
    assert not Annotation.objects.exists()
    page.reload()
    page.wait_for_selector("[data-annotations-loaded]")
    assert page.locator(".hl").count() == 0


def test_recent_themes_by_number_and_whole_paragraph(page, annotator, speech, codebook):
    log_in(page, annotator)
    open_reader(page, speech)
    drag_select(page, 2, 0, 4)
    pick_theme(page, "xcz")  # 乡村振兴
    page.wait_for_function(
        "() => document.querySelectorAll('#p2 .hl:not(.hl--pending)').length === 1")
    page.locator("#p4 .para__text").hover()
    margin_button(page, 4, "add").click()
    page.locator(".anno-popover").wait_for(state="visible")
    assert page.locator(".anno-popover kbd").first.inner_text() == "1"
    page.keyboard.press("1")
    page.wait_for_function(
        "() => document.querySelectorAll('#p4 .hl:not(.hl--pending)').length === 1")
    whole = Annotation.objects.get(paragraph__position=4)
    assert whole.quote == whole.paragraph.text
    assert [t.slug for t in whole.themes.all()] == ["rural-revitalization"]


def test_a_refused_tag_rolls_back_with_a_message(page, annotator, speech, codebook):
    log_in(page, annotator)
    open_reader(page, speech)
    # The paragraph's text on the server is not what the page shows any more.
    speech.paragraphs.filter(position=2).update(text="全新的段落文字，与页面不同，长度也不一样。")
    drag_select(page, 2, 0, 6)
    pick_theme(page, "rdjd")
    page.wait_for_function("() => document.querySelector('.anno-toast--error') !== null")
    assert "刷新" in page.locator(".anno-toast--error").inner_text()
    assert page.locator("#p2 .hl").count() == 0
    assert not Annotation.objects.exists()


def test_comments_and_replies(page, annotator, editor, speech):
    log_in(page, annotator)
    open_reader(page, speech)
    page.locator("#p2 .para__text").hover()
    margin_button(page, 2, "comments").click()
    panel = page.locator(".anno-panel")
    panel.locator("textarea").fill("参见 https://example.org/law?id=1 。<b>不是粗体</b>")
    panel.get_by_role("button", name="评论", exact=True).click()
    page.wait_for_function(
        "() => "
        "document.querySelector('.anno-comment[data-comment-id]:not([data-comment-id^=\"-\"])')")
    comment = panel.locator(".anno-comment").first
    assert comment.locator("a[href='https://example.org/law?id=1']").count() == 1
    assert "<b>不是粗体</b>" in comment.inner_text()
    comment.get_by_role("button", name="回复").click()
    comment.locator("textarea").fill("同意")
    comment.get_by_role("button", name="回复").last.click()
    page.wait_for_function(
        f"() => document.querySelectorAll('.anno-comment').length === 2 && {NOTHING_PENDING}")
    root = Comment.objects.get(parent=None)
    reply = Comment.objects.get(parent=root)
    assert reply.body == "同意" and reply.author == annotator

    comment.get_by_role("button", name="编辑").first.click()
    comment.locator("textarea").first.fill("改过的评论")
    # The page shows changes at once; wait for the server's answers too.
    with page.expect_response(lambda r: r.request.method == "PATCH"):
        comment.get_by_role("button", name="保存").click()
    page.wait_for_function("() => document.querySelector('.anno-comment__edited') !== null")
    page.once("dialog", lambda dialog: dialog.accept())
    with page.expect_response(lambda r: r.request.method == "DELETE"):
        panel.locator(f"[data-comment-id='{reply.pk}']").get_by_role("button", name="删除").click()
    page.wait_for_function("() => document.querySelector('.anno-comment__body--deleted') !== null")
    root.refresh_from_db()
    reply.refresh_from_db()
    assert root.body == "改过的评论" and root.edited_at is not None
    assert reply.deleted_at is not None

    page.reload()
    page.wait_for_selector("[data-annotations-loaded]")
    assert margin_button(page, 2, "comments").inner_text().strip().endswith("1")


def test_viewers_see_no_tagging_controls_and_cannot_write(page, viewer, annotator, speech,
                                                          codebook):
    Comment.objects.create(paragraph=speech.paragraphs.get(position=1), author=annotator,
                           body="已有评论")
    log_in(page, viewer)
    open_reader(page, speech)
    assert page.locator(".anno-count--add").count() == 0
    assert page.locator(".anno-suggestion").count() == 0
    drag_select(page, 2, 0, 6)
    page.wait_for_timeout(300)
    assert page.locator(".anno-popover").count() == 0
    margin_button(page, 1, "comments").click()
    assert "已有评论" in page.locator(".anno-panel").inner_text()
    assert page.locator(".anno-panel textarea").count() == 0
    status = page.evaluate("""async (paragraphId) => {
      const token = document.cookie.match(/csrftoken=([^;]+)/)?.[1] || '';
      const response = await fetch('/api/annotations', {method: 'POST',
        headers: {'Content-Type': 'application/json', 'X-CSRFToken': token},
        body: JSON.stringify({paragraph_id: paragraphId, start: 0, end: 2, quote: '一、',
                              theme_ids: [1]})});
      return [response.status, (await response.json()).code];
    }""", speech.paragraphs.get(position=1).pk)
    assert status == [403, "forbidden"]
    assert not Annotation.objects.exists()


def test_two_annotators_tagging_one_paragraph_at_once(browser_context, speech, codebook):
    first = annotator_named("alice")
    annotator_named("bob")
    page_a = browser_context.new_page()
    log_in(page_a, first)
    # A second browser context: another person with their own session.
    other_context = browser_context.browser.new_context(
        locale="zh-CN", viewport={"width": 1280, "height": 800}
    )
    try:
        page_b = other_context.new_page()
        base = page_a.evaluate("location.origin")
        page_b.goto(base + "/accounts/login/")
        page_b.fill("input[name=username]", "bob")
        page_b.fill("input[name=password]", "pw-bob")
        page_b.click("main button[type=submit]")
        page_b.wait_for_url(lambda url: "/accounts/login/" not in url)
        open_reader(page_a, speech)
        page_b.goto(f"{base}/speeches/{speech.pk}/")
        page_b.wait_for_selector("[data-annotations-loaded]")
        # Both open the picker on the same paragraph before either applies.
        drag_select(page_a, 2, 0, 6)
        drag_select(page_b, 2, 4, 12)
        for page, typed in ((page_a, "rdjd"), (page_b, "yfxz")):
            wait_for_picker(page)
            page.keyboard.type(typed)
        page_a.keyboard.press("Enter")
        page_b.keyboard.press("Enter")
        for page in (page_a, page_b):
            page.wait_for_function(
                f"() => document.querySelectorAll('#p2 .hl').length > 0 && {NOTHING_PENDING}")
        assert Annotation.objects.filter(paragraph__position=2).count() == 2
        for page in (page_a, page_b):
            page.reload()
            page.wait_for_selector("[data-annotations-loaded]")
            ids = page.evaluate(
                "new Set([...document.querySelectorAll('#p2 .hl')]"
                ".flatMap(e => e.dataset.annotationIds.split(' '))).size"
            )
            assert ids == 2
    finally:
        other_context.close()


def test_a_selection_across_paragraphs_is_split(page, annotator, speech, codebook):
    log_in(page, annotator)
    open_reader(page, speech)
    first, _ = page.evaluate(CHAR_RECTS, ["#p1", 5, 6])
    _, last = page.evaluate(CHAR_RECTS, ["#p2", 0, 4])
    page.mouse.move(first["x"] + 1, first["y"])
    page.mouse.down()
    page.mouse.move(last["x"] + last["w"] - 1, last["y"], steps=8)
    page.mouse.up()
    page.locator(".anno-popover").wait_for(state="visible")
    assert "2" in page.locator(".anno-popover__what").inner_text()
    pick_theme(page, "rdjd")
    page.wait_for_function(
        f"() => document.querySelectorAll('#p2 .hl').length > 0 && {NOTHING_PENDING}")
    spans = sorted(Annotation.objects.values_list("paragraph__position", "start", "end", "quote"))
    p1 = speech.paragraphs.get(position=1).text
    assert spans == [(1, 5, len(p1), p1[5:]), (2, 0, 4, "各级人大")]
