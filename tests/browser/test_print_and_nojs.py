"""Printing the reader, and using the site with JavaScript turned off.

The print stylesheets (static/css/print.css, and the print rules of
reader.css, annotations.css and base.css) promise the text and its
metadata, nothing else. Without JavaScript every page is plain HTML: links
and forms do all the work, and the reader's contents stay visible.
"""

import re

import pytest

from annotations.models import Theme
from annotations.services.tagging import tag_passage
from speeches.models import Compilation, Speech
from speeches.views import browse
from tests.conftest import log_in

pytestmark = pytest.mark.browser

# Any element matching the selector is rendered (display, visibility, hidden).
SHOWN = "sel => [...document.querySelectorAll(sel)].some(e => e.checkVisibility())"
ALL_SHOWN = "sel => [...document.querySelectorAll(sel)].every(e => e.checkVisibility())"


def shown(page, selector):
    return page.evaluate(SHOWN, selector)


@pytest.fixture
def speech_with_contents(seed_compilation):
    """The seed's second speech: its sections give the reader a table of contents."""
    speech = seed_compilation.speeches.get(position=2)
    assert speech.sections.exists()
    return speech


# ---- Print -----------------------------------------------------------------

# What a printout leaves out: the site's chrome, the reader's tools, the
# annotation layer's controls and the export menu.
NOT_PRINTED = {
    "site header and its navigation": ".site-header",
    "site footer": ".site-footer",
    "breadcrumbs": ".breadcrumbs",
    "table of contents": ".reader__toc",
    "neighbouring speeches": ".reader__neighbours",
    "export menu": ".export-menu",
    "speaker correction link": "a[href$='/speaker/']",
    "annotation margin": ".para__margin",
    "annotation counts": ".anno-count--tags",
    "annotations button": ".anno-fab",
    "annotation panel": ".anno-panel",
}


def test_printing_the_reader_keeps_the_text_and_leaves_out_the_controls(
        page, editor, speech_with_contents):
    # The codebook's migration seeds this theme; a flushed database needs it again.
    theme, _ = Theme.objects.get_or_create(
        slug="rule-of-law", defaults={"name": "依法行政与法治", "colour": "#2f5f9e"})
    paragraph = speech_with_contents.paragraphs.order_by("position").first()
    tag_passage(paragraph=paragraph, start=0, end=4, quote=paragraph.text[:4],
                themes=[theme], author=editor)
    log_in(page, editor)
    page.goto(speech_with_contents.get_absolute_url())
    page.wait_for_selector("[data-annotations-loaded]")
    page.locator(".anno-fab").click()
    page.locator(".anno-panel").wait_for(state="visible")
    # On screen all of it is there, so the printout's leaving it out is the
    # print styles' doing.
    assert [name for name, selector in NOT_PRINTED.items() if not shown(page, selector)] == []

    page.emulate_media(media="print")
    assert [name for name, selector in NOT_PRINTED.items() if shown(page, selector)] == []
    # The text: title, metadata, headings, every paragraph with its number.
    assert page.locator(".reader__title").is_visible()
    assert page.locator(".reader__meta").first.is_visible()
    assert page.evaluate(ALL_SHOWN, ".sec-heading")
    count = speech_with_contents.paragraphs.count()
    assert page.locator("p.para").count() == count
    assert page.evaluate(ALL_SHOWN, "p.para .para__text") and page.evaluate(ALL_SHOWN, ".para__num")
    assert page.locator("p.para .hl").count() == 1  # the highlighted passage is still text

    page.emulate_media(media="screen")
    assert shown(page, ".site-header") and shown(page, ".reader__toc")


# ---- Without JavaScript -------------------------------------------------------


@pytest.fixture
def nojs_page(browser_context, live_server):
    """A page in a browser context of its own with JavaScript turned off."""
    context = browser_context.browser.new_context(
        base_url=live_server.url, locale="zh-CN", viewport={"width": 1280, "height": 800},
        java_script_enabled=False,
    )
    context.set_default_timeout(10_000)
    try:
        yield context.new_page()
    finally:
        context.close()


def test_without_javascript_the_speech_list_filters_and_pages(
        nojs_page, viewer, seed_compilation, monkeypatch):
    # Two a page, so that the seed's five speeches make three pages.
    monkeypatch.setattr(browse, "SPEECHES_PER_PAGE", 2)
    page = nojs_page
    log_in(page, viewer)
    page.goto("/speeches/")
    rows = page.locator("table.speech-list tbody tr")
    assert rows.count() == 2
    assert page.locator(".pagination [aria-current=page]").inner_text() == "第 1 页，共 3 页"

    page.locator(".pagination a[rel=next]").click()
    page.wait_for_url(re.compile(r"[?&]page=2"))
    assert page.locator(".pagination [aria-current=page]").inner_text() == "第 2 页，共 3 页"
    titles = set(rows.locator(".speech-list__title").all_inner_texts())
    assert len(titles) == 2

    # A year from the facets: the filter starts again from its first page.
    page.locator(".facet--years a", has_text="2024").click()
    page.wait_for_url(re.compile(r"[?&]year=2024"))
    assert "page=" not in page.url
    in_2024 = Speech.objects.filter(date__year=2024).count()
    assert 0 < in_2024 < Speech.objects.count()
    dates = page.locator(".speech-list__date time").evaluate_all(
        "els => els.map(e => e.getAttribute('datetime'))")
    assert dates and all(d.startswith("2024") for d in dates)
    assert page.locator(".chips .chip").count() == 1

    # Then a speaker, added to the year.
    speaker = page.locator("#filters .facet").first.locator("a").first
    name = speaker.inner_text()
    speaker.click()
    page.wait_for_url(re.compile(r"[?&]speaker=\d+"))
    assert "year=2024" in page.url
    assert page.locator(".chips .chip").count() == 2
    assert set(rows.locator(".speech-list__speaker a").all_inner_texts()) == {name}


def test_without_javascript_the_language_switches_and_back(nojs_page, viewer):
    page = nojs_page
    log_in(page, viewer)
    page.goto("/speeches/")
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    page.locator(".lang-switch button").click()
    page.wait_for_function("() => document.documentElement.lang === 'en'")
    assert page.url.endswith("/speeches/")  # back on the same page
    assert page.locator("h1").inner_text() == "Speeches"

    page.locator(".lang-switch button", has_text="中文").click()
    page.wait_for_function("() => document.documentElement.lang === 'zh-hans'")
    assert page.url.endswith("/speeches/")
    assert page.locator("h1").inner_text() == "讲话"


def test_without_javascript_a_search_hit_opens_at_its_paragraph_beside_the_contents(
        nojs_page, viewer, speech_with_contents):
    page = nojs_page
    log_in(page, viewer)
    page.goto("/search/")
    page.fill("#search-q", "“议案和建议办理”")
    page.locator("form[role=search] button[type=submit]").click()
    hit = page.locator("li.hit").first
    hit.wait_for()
    link = hit.locator(".hit__text a")
    anchor = link.get_attribute("href").rsplit("#", 1)[1]
    link.click()

    page.wait_for_url(re.compile(rf"/speeches/{speech_with_contents.pk}/\?hl=.*#{anchor}$"))
    target = page.locator(f"#{anchor}")
    assert "议案和建议办理" in target.inner_text()
    assert target.evaluate("el => el.matches(':target')")
    box = target.bounding_box()
    assert 0 <= box["y"] < page.viewport_size["height"]
    # No script ran (it would have marked the reader), and the contents are
    # plain links in view rather than folded behind a button.
    assert page.locator(".reader--js, [data-annotations-loaded]").count() == 0
    assert page.locator("nav.reader__toc").is_visible()
    assert page.locator("nav.reader__toc a").count() == speech_with_contents.sections.count()


SMALL_TXT = """市长在全市民生工作会议上的讲话
（2024年3月5日）
同志们：
今天召开全市民生工作会议，主要任务是总结去年的民生工作，部署今年的重点任务。
一、稳定和扩大就业
就业是最基本的民生。要落实就业优先政策，帮助高校毕业生和农民工就业创业。
二、办好人民满意的教育
要推进义务教育优质均衡发展，扩大普惠性学前教育资源。
谢谢大家！
"""



def test_without_javascript_an_editor_uploads_a_file_to_its_preview_and_imports_it(
        nojs_page, editor, tmp_path, pending_dir):
    upload = tmp_path / "民生工作会议.txt"
    upload.write_text(SMALL_TXT, encoding="utf-8")
    page = nojs_page
    log_in(page, editor)
    page.goto("/compilations/upload/")
    page.set_input_files("input[type=file]", str(upload))
    page.click("main button[type=submit]")

    page.wait_for_selector("h1:has-text('核对上传内容')")
    assert page.locator(".preview-speech").count() == 1
    assert page.locator("#speech-1-title").inner_text().endswith("市长在全市民生工作会议上的讲话")
    assert not Compilation.objects.exists()  # nothing is saved before the confirmation

    page.click("button[value=import]")
    # The import job's page (the tests' task backend runs it at once) leads on,
    # without JavaScript too.
    page.wait_for_selector("a.import-job__result")
    compilation = Compilation.objects.get()
    page.click("a.import-job__result")
    assert page.url.endswith(compilation.get_absolute_url())
    assert [p.text for p in compilation.speeches.get().paragraphs.order_by("position")][-1] == (
        "谢谢大家！")
