"""Issue 15 in the browser: the concordance fits its box at 1366 px, the
agreement table has no stray line under its last row, and a refused
correction in the upload preview gets the focus, clear of the sticky bar."""

import pytest
from django.contrib.auth.models import Group, User

from annotations import services
from annotations.models import Theme
from tests.conftest import SEED, log_in

pytestmark = pytest.mark.browser

DESK = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize("viewport", [DESK, PHONE], ids=["desk", "phone"])
def test_the_concordance_fits_its_box(page, viewer, seed_compilation, viewport):
    page.set_viewport_size(viewport)
    log_in(page, viewer)
    page.goto("/search/?q=人大&view=kwic")
    page.wait_for_selector("table.kwic tbody tr")
    widths = page.evaluate("""() => {
      const wrap = document.querySelector('table.kwic').closest('.table-wrap');
      const source = document.querySelector('table.kwic tbody td.kwic__source');
      const box = wrap.getBoundingClientRect(), cell = source.getBoundingClientRect();
      return {table: wrap.scrollWidth, box: wrap.clientWidth,
              page: document.documentElement.scrollWidth,
              sourceRight: cell.right, boxRight: box.right};
    }""")
    assert widths["page"] <= viewport["width"], widths
    if viewport is DESK:
        # On a wide screen the whole table, source column included, is in its box.
        assert widths["table"] <= widths["box"], widths
        assert widths["sourceRight"] <= widths["boxRight"], widths


def coder(name):
    user = User.objects.create_user(name, password="pw-" + name)
    user.groups.add(Group.objects.get_or_create(name="annotator")[0])
    return user


def test_no_stray_line_under_the_agreement_tables_last_row(page, viewer, seed_compilation):
    theme = Theme.objects.create(slug="supervision", name="人大监督", name_en="Supervision",
                                 colour="#b8412c")
    speech = seed_compilation.speeches.get(speaker__name="王萍")
    paragraphs = list(speech.paragraphs.order_by("position")[:3])
    for name, tagged in (("wang", paragraphs[:2]), ("li", paragraphs[1:])):
        user = coder(name)
        for paragraph in tagged:
            services.tag_passage(paragraph=paragraph, start=0, end=2, quote=paragraph.text[:2],
                                 themes=[theme], author=user)
    page.set_viewport_size(DESK)
    log_in(page, viewer)
    page.goto("/themes/agreement/")
    page.wait_for_selector("table.agreement__table tbody tr")
    borders = page.evaluate("""() => [...document.querySelectorAll(
        'table.agreement__table tbody tr:last-child > *')].map(
        (cell) => getComputedStyle(cell).borderBottomWidth)""")
    assert borders and set(borders) == {"0px"}, borders


def test_a_refused_correction_gets_the_focus_clear_of_the_sticky_bar(
    page, editor, pending_dir
):
    page.set_viewport_size(DESK)
    log_in(page, editor)
    page.goto("/compilations/upload/")
    page.set_input_files("input[type=file]", str(SEED))
    page.click("main button[type=submit]")
    page.wait_for_selector(".preview-actions")
    page.fill("#id_speech-2-date", "2024年13月45日")
    page.click("button[value=import]")

    page.wait_for_selector(".field--error .errorlist")
    assert page.evaluate("document.activeElement.id") == "id_speech-2-date"
    assert page.get_attribute("#id_speech-2-date", "aria-invalid") == "true"
    message = page.locator("#id_speech-2-date").locator(
        "xpath=ancestor::div[contains(@class,'field')]").locator(".errorlist").bounding_box()
    bar = page.locator(".preview-actions").bounding_box()
    assert message["y"] >= 0
    assert message["y"] + message["height"] <= bar["y"], (message, bar)
