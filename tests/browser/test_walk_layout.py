"""From a new user's walk through the pages, in both languages, on a laptop
(1366 px) and a phone (390 px): what pushed the page sideways, crowded a form
or hid a control's name."""

import pytest

from tests.analysis.reuse_texts import computed_archive
from tests.conftest import log_in, make_user

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESK = {"width": 1366, "height": 900}
PAGE_WIDTH = "document.documentElement.scrollWidth"


def in_english(page):
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": page.url}])


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_text_reuse_table_scrolls_in_its_box_on_a_phone(page, transactional_db, language):
    # The table is wider than a phone; its visually hidden "Compare" header, placed
    # absolutely, once escaped the scrolling box and widened the whole page.
    computed_archive()
    log_in(page, make_user("reader", "viewer"))
    if language == "en":
        in_english(page)
    page.set_viewport_size(PHONE)
    page.goto("/analysis/reuse/")
    page.wait_for_selector("table.reuse-pairs tbody tr")
    assert page.evaluate(PAGE_WIDTH) <= PHONE["width"]
