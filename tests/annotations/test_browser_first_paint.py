"""The reader's first paint on a long speech (static/js/annotations/schedule.js):
when it marks itself ready ("annotations-ready", what bench/reader_bench.py
times), every paragraph on the screen has its highlights and margin; the
paragraphs off the screen follow in idle time, and once the page says it is
loaded every paragraph is painted as if all had been painted at once."""

import pytest

from tests.conftest import log_in

from .conftest import make_speech
from .test_browser_reader import NOTHING_PENDING, margin_button, open_reader, pick_theme
from .test_browser_reader_more import tag

pytestmark = pytest.mark.browser

PARAGRAPHS = 60
# Captured in the page at the moment the reader marks itself ready: for each
# paragraph, whether it meets the screen and whether it has highlights and
# its margin's count of annotations.
AT_READY = """
const mark = performance.mark.bind(performance);
const digits = (el) => el?.textContent.replace(/\\D/g, '') ?? null;
performance.mark = (name, ...rest) => {
  if (name === 'annotations-ready') {
    window.atReady = [...document.querySelectorAll('p.para')].map((p) => {
      const box = p.getBoundingClientRect();
      const margin = p.nextElementSibling;
      return {position: Number(p.dataset.position),
              onScreen: box.bottom > 0 && box.top < window.innerHeight,
              highlights: p.querySelectorAll('.hl').length,
              count: digits(margin.querySelector('.anno-count--tags'))};
    });
  }
  return mark(name, ...rest);
};
"""


@pytest.fixture
def long_speech(transactional_db, annotator, codebook):
    texts = [f"第{n}段。各级人大常委会要依法开展执法检查和专题询问，推进依法行政，建设法治政府。"
             for n in range(1, PARAGRAPHS + 1)]
    speech = make_speech(texts, key="long")
    theme = codebook["people-s-congress-supervision"]
    for n in range(1, PARAGRAPHS + 1):
        tag(speech, n, 4, 10, [theme], annotator)
        tag(speech, n, 8, 14, [theme], annotator)
    return speech


def painted(page):
    """Each paragraph's highlights and margin count (its digits), in document order."""
    return page.evaluate("""() => [...document.querySelectorAll('p.para')].map((p) => [
        p.querySelectorAll('.hl').length,
        p.nextElementSibling.querySelector('.anno-count--tags')?.textContent.replace(/\\D/g, '')
        ?? null])""")


def test_ready_means_the_screen_is_painted_and_loaded_means_all(page, annotator, long_speech):
    page.add_init_script(AT_READY)
    page.set_viewport_size({"width": 1366, "height": 700})
    log_in(page, annotator)
    open_reader(page, long_speech)

    at_ready = page.evaluate("window.atReady")
    on_screen = [p for p in at_ready if p["onScreen"]]
    assert len(on_screen) >= 3
    # Two overlapping passages: three pieces, and the margin counts two.
    assert all(p["highlights"] == 3 and p["count"] == "2" for p in on_screen), on_screen
    # The last paragraphs were not painted yet: the first paint did less.
    assert at_ready[-1]["highlights"] == 0 and at_ready[-1]["count"] is None

    # Loaded: every paragraph painted, as on the screen.
    assert painted(page) == [[3, "2"]] * PARAGRAPHS


def test_a_paragraph_far_below_is_tagged_and_counted_as_any(page, annotator, long_speech, codebook):
    log_in(page, annotator)
    open_reader(page, long_speech)
    page.locator(f"#p{PARAGRAPHS}").scroll_into_view_if_needed()
    margin_button(page, PARAGRAPHS, "add").click()
    pick_theme(page, "yfxz")
    page.wait_for_function(
        f"() => document.querySelector('#p{PARAGRAPHS} ~ .para__margin .anno-count--tags')"
        f"?.textContent.endsWith('3') && {NOTHING_PENDING}")
    assert painted(page)[:-1] == [[3, "2"]] * (PARAGRAPHS - 1)


# Each paragraph row's rendering state, and whether its number (which stands
# left of the text, outside the row's box) is drawn and takes a click: the
# browser clips painting and hit testing alike to a contained row's clip.
ROWS = """() => [...document.querySelectorAll('.para-row')].map((row) => {
  const box = row.getBoundingClientRect();
  const num = row.querySelector('.para__num');
  const at = num.getBoundingClientRect();
  const onScreen = at.top > 60 && at.bottom < window.innerHeight;
  return {rendered: row.firstElementChild.checkVisibility({contentVisibilityAuto: true}),
          numberOutside: at.left < box.left,
          numberHit: onScreen
            ? document.elementFromPoint(at.left + 2, at.top + at.height / 2) === num : null,
          onScreen: box.bottom > 0 && box.top < window.innerHeight};
})"""


def test_rows_off_the_screen_are_not_rendered_until_they_near_it(page, annotator, long_speech):
    """content-visibility (css/reader.css): the first layout covers the
    screen's rows, not the 60; the paragraph numbers, outside the rows,
    are not clipped; a row is rendered, highlights and all, once scrolled
    to."""
    page.set_viewport_size({"width": 1366, "height": 700})
    log_in(page, annotator)
    open_reader(page, long_speech)

    rows = page.evaluate(ROWS)
    assert all(row["rendered"] for row in rows if row["onScreen"])
    assert not rows[-1]["rendered"]
    assert sum(row["rendered"] for row in rows) < PARAGRAPHS // 2
    # The numbers stand outside the rows and are drawn all the same.
    assert all(row["numberOutside"] for row in rows)
    hits = [row["numberHit"] for row in rows if row["numberHit"] is not None]
    assert len(hits) >= 3 and all(hits), hits

    page.locator(f"#p{PARAGRAPHS}").scroll_into_view_if_needed()
    page.wait_for_function(f"() => document.querySelector('#p{PARAGRAPHS}')"
                           ".checkVisibility({contentVisibilityAuto: true})")
    assert painted(page)[-1] == [3, "2"]
    assert page.locator(f"#p{PARAGRAPHS} .hl").first.is_visible()
