"""Text reuse in a browser: the reader links a shared paragraph to the
speeches that hold it, and the side-by-side view aligns the passage with its
differences marked, on a desktop and on a phone. Screenshots go to
$ANALYSIS_SCREENSHOTS when it is set (to look at them)."""

import pytest

from tests.analysis.reuse_texts import computed_archive
from tests.analysis.test_browser import _shot
from tests.conftest import log_in, make_user

pytestmark = pytest.mark.browser


@pytest.fixture
def speeches(transactional_db):
    return computed_archive()


def test_from_the_reader_to_the_side_by_side_view(page, speeches):
    page.set_default_timeout(60_000)
    log_in(page, make_user("reader", "viewer"))
    model, copy = speeches["model"], speeches["copy"]

    page.goto(model.get_absolute_url())
    link = page.locator("#p2 + .para__margin a.reuse-link")
    link.wait_for()
    assert link.text_content() == "此段也见于另外 2 篇讲话"
    # Only the shared paragraph has one, and its text is untouched.
    assert page.locator("a.reuse-link").count() == 1
    assert "张三同志" in page.locator("#p2 .para__text").text_content()
    _shot(page, "reuse-reader")
    link.click()
    page.wait_for_url(f"**/analysis/reuse/speech/{model.pk}/?paragraph=2")
    rows = page.locator("table.reuse-others tbody tr")
    assert rows.count() == 2
    _shot(page, "reuse-speech")

    page.click(f'a[href="/analysis/reuse/compare/{model.pk}/{copy.pk}/"]')
    page.wait_for_selector(".reuse-passage")
    left = page.locator(".reuse-side--left")
    right = page.locator(".reuse-side--right")
    assert left.locator("del.reuse-diff", has_text="张三").count() == 1
    assert right.locator("ins.reuse-diff", has_text="李四光").count() == 1
    # Side by side on a desktop: the two quotations share a line.
    left_box, right_box = left.bounding_box(), right.bounding_box()
    assert abs(left_box["y"] - right_box["y"]) < 2 and right_box["x"] > left_box["x"]
    _shot(page, "reuse-compare")
    # On a phone they stack, and nothing runs off the screen.
    page.set_viewport_size({"width": 375, "height": 800})
    left_box, right_box = left.bounding_box(), right.bounding_box()
    assert right_box["y"] > left_box["y"] + left_box["height"] - 1
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375
    _shot(page, "reuse-compare-phone")
    # The paragraph links lead back to the reader.
    right.locator("a.reuse-side__where").click()
    page.wait_for_url(f"**/speeches/{copy.pk}/#p2")


def test_the_archive_page_on_a_phone(page, speeches):
    log_in(page, make_user("reader", "viewer"))
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/analysis/reuse/")
    assert page.locator("table.reuse-pairs tbody tr").count() == 3
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375
    _shot(page, "reuse-pairs-phone")
