"""Reviewing a rule's hits from the keyboard, in Chromium: j/k move, a/r
accept or reject the current hit, A/R the whole page; the keys are shown."""

import pytest

from annotations.models import Annotation, HitStatus, Rule
from annotations.services.rules import create_rule
from tests.annotations.conftest import make_speech
from tests.conftest import log_in

from .conftest import FIRST, SECOND

pytestmark = pytest.mark.browser

CURRENT = "() => document.querySelector('tr.rule-hit.is-current')?.dataset.hit"


@pytest.fixture
def review_rule(transactional_db, codebook, editor):
    make_speech(FIRST, key="first")
    make_speech(SECOND, title="第二篇讲话", key="second")
    return create_rule(
        actor=editor, theme=codebook["people-s-congress-supervision"], query="人大", name="人大"
    )


def current(page) -> int:
    return int(page.evaluate(CURRENT))


def wait_until_done(page, hit_id: int, state: str) -> None:
    page.wait_for_function(
        f"() => document.querySelector('tr[data-hit=\"{hit_id}\"]').classList.contains('{state}')"
        f" && document.querySelector('tr[data-hit=\"{hit_id}\"]').classList.contains('is-saved')"
    )


def test_review_from_the_keyboard(page, editor, review_rule):
    rule = review_rule
    ids = list(rule.hits.for_review().values_list("id", flat=True))
    assert len(ids) == 5
    log_in(page, editor)
    page.goto(rule.get_absolute_url())
    assert page.locator("#rule-keys").is_visible()
    assert "j" in page.locator("#rule-keys").inner_text()
    assert current(page) == ids[0]

    page.keyboard.press("j")
    assert current(page) == ids[1]
    page.keyboard.press("a")
    wait_until_done(page, ids[1], "is-accepted")
    page.wait_for_function(
        f"() => document.querySelector('tr.rule-hit.is-current')?.dataset.hit === '{ids[2]}'"
    )
    page.keyboard.press("r")
    wait_until_done(page, ids[2], "is-rejected")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("k")
    page.keyboard.press("k")
    assert current(page) == ids[0]
    page.keyboard.press("a")
    wait_until_done(page, ids[0], "is-accepted")

    statuses = dict(rule.hits.values_list("id", "status"))
    assert (statuses[ids[0]], statuses[ids[1]], statuses[ids[2]]) == (
        HitStatus.ACCEPTED,
        HitStatus.ACCEPTED,
        HitStatus.REJECTED,
    )
    # The rest of the page at once: the page reloads with nothing waiting.
    page.keyboard.press("Shift+A")
    page.wait_for_function("() => !document.querySelector('tr[data-hit]')")
    assert Rule.objects.with_figures().get(pk=rule.pk).pending == 0
    made = Annotation.objects.filter(rule=rule)
    assert made.count() == 4 and set(made.values_list("author__username", flat=True)) == {"editor"}
    assert "80%" in page.locator(".rule-figures").inner_text()


def test_the_review_fits_a_phone(page, editor, review_rule):
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, editor)
    page.goto(review_rule.get_absolute_url())
    # The page itself does not scroll sideways; the table scrolls in its box.
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    page.locator("tr[data-hit] form[data-decision=reject] button").first.click()
    page.wait_for_function("() => document.querySelector('tr.rule-hit.is-rejected.is-saved')")
    assert review_rule.hits.filter(status=HitStatus.REJECTED).count() == 1


def test_the_readers_details_name_the_rule_and_the_reviewer(page, editor, review_rule):
    from annotations.services.rules import review_hits
    from tests.annotations.test_browser_reader import open_reader

    hit = review_rule.hits.select_related("paragraph__speech").order_by("id").first()
    review_hits(actor=editor, rule=review_rule, hit_ids=[hit.pk], decision="accept")
    log_in(page, editor)
    open_reader(page, hit.paragraph.speech)
    page.locator(f"#p{hit.paragraph.position} .hl").first.click()
    origin = page.locator(".anno-panel .anno-item__origin")
    assert origin.inner_text() == "来自规则“人大”，由 editor 采纳"
