"""Reading in a browser: from a search hit to its paragraph, from a speaker to a section."""

import re

import pytest

from tests.conftest import log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def reader_page(page, viewer, seed_compilation):
    log_in(page, viewer)
    return page


def test_a_search_hit_opens_on_its_paragraph_with_the_words_marked(reader_page):
    page = reader_page
    page.goto("/search/")
    page.fill("#search-q", "“依法行政”")
    page.press("#search-q", "Enter")
    page.wait_for_selector("li.hit")
    assert "共" in page.inner_text(".results__count")
    first = page.locator("li.hit").first
    assert first.locator("mark").first.inner_text() == "依法行政"
    link = first.locator(".hit__text a")
    href = link.get_attribute("href")
    anchor = href.rsplit("#", 1)[1]
    link.click()

    page.wait_for_url(re.compile(r"/speeches/\d+/\?hl=.*#p\d+$"))
    target = page.locator(f"#{anchor}")
    assert target.evaluate("el => el.matches(':target')")
    assert target.evaluate("el => el.classList.contains('para--hit')")
    # Other scripts may rebuild the paragraph's inner elements after the
    # marks were painted; the marks are painted again, on the new text nodes.
    page.wait_for_function(
        "() => (() => { const h = CSS.highlights.get('search-hit');"
        " return h && h.size > 0 && [...h].every(r => r.toString() === '依法行政'); })()"
    )
    box = target.bounding_box()
    assert 0 <= box["y"] < page.viewport_size["height"]
    assert "依法行政" in page.inner_text(".reader__highlight")


def test_from_a_speaker_to_a_section_through_the_contents(reader_page):
    page = reader_page
    page.goto("/speakers/")
    page.click("text=王萍")
    page.wait_for_url(re.compile(r"/speakers/"))
    assert page.inner_text("h1") == "王萍"
    page.click("table.speech-list .speech-list__title a")
    page.wait_for_selector("article.reader")

    page.click("nav.reader__toc a:has-text('二、各级政府')")
    page.wait_for_url(re.compile(r"#s5$"))
    heading = page.locator("#s5")
    assert heading.evaluate("el => el.tagName") == "H2"
    box = heading.bounding_box()
    assert 0 <= box["y"] < page.viewport_size["height"] / 2
    page.wait_for_selector("nav.reader__toc a[aria-current]")
    assert page.inner_text("nav.reader__toc a[aria-current]").startswith("二、")

    # Reading on, the contents follow the section being read.
    page.evaluate("document.getElementById('p10').scrollIntoView({block: 'start'})")
    page.wait_for_function(
        "() => "
        "document.querySelector('nav.reader__toc a[aria-current]')?.textContent.startsWith('第三')"
    )


def test_a_paragraph_number_copies_its_link(reader_page, browser_context, seed_compilation):
    browser_context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = reader_page
    speech = seed_compilation.speeches.get(speaker__name="王萍")
    page.goto(speech.get_absolute_url() + "?hl=人大")
    page.click("#p3 .para__num")
    page.wait_for_selector("#p3 .para__num--copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.endswith(f"/speeches/{speech.pk}/#p3")
    assert page.url.endswith("#p3")


def test_on_a_phone_the_contents_fold_behind_a_button(page, viewer, seed_compilation):
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, viewer)
    speech = seed_compilation.speeches.get(speaker__name="王萍")
    page.goto(speech.get_absolute_url())
    toc = page.locator("nav.reader__toc")
    assert not toc.is_visible()
    page.click("[data-reader-toggle=toc]")
    assert toc.is_visible()
    page.click("nav.reader__toc a:has-text('二、各级政府')")
    page.wait_for_url(re.compile(r"#s5$"))
    assert not toc.is_visible()
