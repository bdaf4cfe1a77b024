"""From a new user's walk through the pages, in both languages, on a laptop
(1366 px) and a phone (390 px): what pushed the page sideways, crowded a form
or hid a control's name."""

import re

import pytest

from speeches.services.imports import import_compilation
from tests.analysis.reuse_texts import computed_archive
from tests.conftest import log_in, make_user
from tests.speeches.browse_data import import_text

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
    # The table scrolls rather than squeeze a title to a few characters a line, or the
    # Side-by-side button to one character a line.
    title = page.locator("table.reuse-pairs tbody tr td").first.bounding_box()
    button = page.locator("table.reuse-pairs tbody tr .button").first.bounding_box()
    assert title["width"] >= 140 and button["height"] < 40, (title, button)


def test_the_reuse_pages_buttons_stand_apart_and_at_their_own_size(page, transactional_db):
    computed_archive()
    log_in(page, make_user("boss", "editor"))
    page.set_viewport_size(DESK)
    page.goto("/analysis/reuse/")
    # "Apply" and "Clear filters" once touched (the rule for their row was in a stylesheet
    # this page does not load).
    apply = page.locator(".facets__actions button").bounding_box()
    clear = page.locator(".facets__actions a").bounding_box()
    assert clear["x"] - (apply["x"] + apply["width"]) >= 8
    # "Start a run" is a button as wide as its words, not a field-wide bar under the field.
    run = page.locator("form.reuse-run button").bounding_box()
    field = page.locator("form.reuse-run input[name=min_characters]").bounding_box()
    assert run["width"] < field["width"] / 2


@pytest.mark.parametrize("viewport", [DESK, PHONE], ids=["desk", "phone"])
def test_the_bulk_edit_fields_are_spaced_in_a_panel(page, editor, seed_compilation, viewport):
    log_in(page, editor)
    page.set_viewport_size(viewport)
    page.goto(seed_compilation.get_absolute_url())
    if viewport is PHONE:
        # Folded there behind its button, the list of speeches first: opened to be measured.
        page.locator("[data-filter-panel] > summary").click()
    gaps = page.evaluate("""() => {
      const fields = [...document.querySelectorAll('#bulk-edit .bulk-edit__fields > .field')];
      const form = getComputedStyle(document.querySelector('#bulk-edit'));
      const boxes = fields.map((f) => f.getBoundingClientRect());
      // Between a field and the next one below it (on a phone, every one).
      const below = boxes.slice(1).map((b, i) => b.top - boxes[i].bottom).filter((g) => g >= 0);
      return {below, border: form.borderTopWidth, padding: parseFloat(form.paddingLeft),
              page: document.documentElement.scrollWidth};
    }""")
    assert gaps["below"] and min(gaps["below"]) >= 8, gaps
    assert gaps["border"] == "1px" and gaps["padding"] >= 8, gaps
    assert gaps["page"] <= viewport["width"]
    if viewport is DESK:
        # Side by side where there is room: the first two fields share a row.
        first, second = page.locator("#bulk-edit .bulk-edit__fields > .field").all()[:2]
        assert first.bounding_box()["y"] == second.bounding_box()["y"]


def test_the_annotation_buttons_name_keeps_its_word_on_a_phone(page, annotator, seed_compilation):
    page.set_viewport_size(PHONE)
    log_in(page, annotator)
    page.goto(seed_compilation.speeches.get(speaker__name="王萍").get_absolute_url())
    page.wait_for_selector("article.annotations-ready")
    fab = page.locator(".anno-fab")
    # Round on a phone, the word out of sight; but its name is still 标注 and the count.
    assert fab.locator(".anno-fab__label").bounding_box()["width"] <= 1
    assert page.get_by_role("button", name=re.compile(r"^标注\s*0$")).count() == 1


@pytest.mark.parametrize("viewport", [DESK, PHONE], ids=["desk", "phone"])
def test_a_compilations_actions_share_one_row_under_its_title(
    page, editor, seed_compilation, viewport
):
    log_in(page, editor)
    page.set_viewport_size(viewport)
    page.goto(seed_compilation.get_absolute_url())
    actions = page.locator(".compilation-actions")
    rows = {
        round(actions.locator(selector).bounding_box()["y"] / 10)
        for selector in ("summary", "a >> text=历史记录", "a >> text=更正", "button >> text=撤下")
    }
    # Export, history, correct and withdraw once stood on three rows.
    assert len(rows) == 1, rows
    assert page.evaluate(PAGE_WIDTH) <= viewport["width"]


@pytest.mark.parametrize("viewport", [DESK, PHONE], ids=["desk", "phone"])
def test_an_orphan_is_a_panel_with_a_button_at_its_own_size(
    page, editor, annotator, codebook, viewport
):
    # The page drew its cards and its row of actions with rules of a stylesheet it
    # did not load: no border, and "Re-attach" a bar as wide as the page.
    from tests.speeches.test_versions import PARAGRAPHS, para, revised_paragraphs, tag, text_of
    from text.parsing import parse_text

    original = import_text(text_of(PARAGRAPHS), source="原稿.txt")
    tag(para(original, 6), "第6段", annotator)
    parsed = parse_text(text_of(revised_paragraphs()), source="修订稿.txt")
    import_compilation(parsed=parsed, size=1, user=editor, new_version_of=original)
    log_in(page, editor)
    page.set_viewport_size(viewport)
    page.goto("/annotations/orphans/")
    card = page.locator("section.orphan")
    assert card.evaluate("(el) => getComputedStyle(el).borderTopWidth") == "1px"
    button = card.locator("button[type=submit].button--primary").bounding_box()
    field = card.locator("select[name=paragraph]").bounding_box()
    link = card.locator("a:has-text('阅读新版本')").bounding_box()
    assert button["width"] < field["width"] / 2, (button, field)
    assert abs(link["y"] - button["y"]) < button["height"], (link, button)  # side by side
    # Discard, below, does not touch Re-attach: a slip would throw the annotation away.
    discard = card.locator("button.button--danger").bounding_box()
    assert discard["y"] - (button["y"] + button["height"]) >= 12, (button, discard)
    assert page.evaluate(PAGE_WIDTH) <= viewport["width"]


@pytest.mark.parametrize("viewport", [DESK, PHONE], ids=["desk", "phone"])
def test_a_corrections_changes_start_level_with_its_row(page, editor, seed_compilation, viewport):
    # The list of changed fields kept the browser's margins: it began a line below
    # the row's time, and each before → after stood indented on a line of its own.
    from speeches.services.editing import edit_speech

    speech = seed_compilation.speeches.order_by("position").first()
    edit_speech(speech=speech, changes={"role": "县委书记", "date": "2024-07-10"}, actor=editor)
    log_in(page, editor)
    page.set_viewport_size(viewport)
    page.goto(f"/speeches/{speech.pk}/history/")
    row = page.locator("tr", has=page.locator("dl.changes")).first
    when = row.locator("time").bounding_box()
    changes = row.locator("dl.changes").bounding_box()
    field = row.locator("dl.changes dt").first.bounding_box()
    change = row.locator("dl.changes dd").first.bounding_box()
    if viewport is DESK:  # on a phone the cells stack
        assert abs(changes["y"] - when["y"]) < 4, (changes, when)
    assert abs(change["y"] - field["y"]) < 2, (field, change)
    assert page.evaluate(PAGE_WIDTH) <= viewport["width"]


def test_english_quotes_and_apostrophes_are_not_full_width(page, viewer):
    # The CJK face sets ’ and “ at the width of a Chinese character: "can’ t".
    measure = """() => {
      const probe = document.createElement('span');
      document.querySelector('main').append(probe);
      probe.textContent = '’“”';
      return probe.getBoundingClientRect().width / parseFloat(getComputedStyle(probe).fontSize);
    }"""
    log_in(page, viewer)
    page.goto("/accounts/password/")
    assert page.evaluate(measure) > 2  # Chinese keeps its full-width quotes
    in_english(page)
    page.goto("/accounts/password/")
    assert page.evaluate(measure) < 1.5  # the CJK face: about 2.5 em


def test_on_a_phone_the_speeches_come_before_the_bulk_edit(page, editor, seed_compilation):
    log_in(page, editor)
    page.set_viewport_size(PHONE)
    page.goto(seed_compilation.get_absolute_url())
    form = page.locator("#bulk-edit")
    assert not form.is_visible()
    first = page.locator("table.speech-table tbody tr").first.bounding_box()
    assert first is not None and first["y"] < PHONE["height"], first
    summary = page.locator("[data-filter-panel] > summary")
    assert summary.inner_text().strip() == "批量修改讲话"
    # Opened, it sets a meeting on the speech ticked, as on a laptop.
    summary.click()
    page.locator("table.speech-table tbody tr input[type=checkbox]").first.check()
    form.locator("input[name=event]").fill("全市人大工作会议")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert seed_compilation.speeches.filter(event="全市人大工作会议").exists()


def test_on_a_laptop_the_bulk_edit_stands_open(page, editor, seed_compilation):
    log_in(page, editor)
    page.set_viewport_size(DESK)
    page.goto(seed_compilation.get_absolute_url())
    assert page.locator("#bulk-edit").is_visible()
    assert not page.locator("[data-filter-panel] > summary").is_visible()
