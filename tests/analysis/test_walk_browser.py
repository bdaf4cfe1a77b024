"""From a new researcher's walk through the analysis side, in a browser, on a laptop
(1366 px) and a phone (390 px): a long theme name, Chinese titles on English pages, a
trend chart on a phone."""

import pytest

from annotations.models import Theme
from tests.analysis.conftest import tag
from tests.analysis.reuse_texts import computed_archive
from tests.conftest import log_in, make_user

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 900}
LONG_NAME = "关于全面推进依法治市和建设法治政府、法治社会一体化建设的长期重点工作任务及其考核评价"
LONG_NAME_EN = (
    "Comprehensive advancement of law-based city governance and the integrated construction "
    "of a rule-of-law government and society: long-term key tasks"
)


def in_english(page):
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": page.url}])


@pytest.fixture
def long_theme(archive):
    theme = Theme.objects.create(
        name=LONG_NAME, name_en=LONG_NAME_EN, slug="long", colour="#1d5c96", position=903
    )
    tag(archive["speeches"]["wang2021"], 1, 0, 4, [theme], archive["alice"])
    tag(archive["speeches"]["wang2021"], 1, 0, 4, [theme], archive["bob"])
    return theme


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["laptop", "phone"])
@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_long_theme_name_leaves_the_figures_in_view(page, archive, long_theme, viewport,
                                                      language):
    # The theme column kept a name on one line: one long name pushed every figure of the
    # crosstab, the matrix and the agreement table out of sight, on a phone and a laptop.
    page.set_default_timeout(60_000)
    log_in(page, archive["alice"])
    if language == "en":
        in_english(page)
    page.set_viewport_size(viewport)
    for url, first_figure in (
        ("/analysis/?by=year", "table.heat-table tbody tr:first-child td"),
        ("/analysis/cooccurrence/", "table.matrix tbody tr:first-child td"),
        ("/themes/agreement/", "table.agreement__table tbody tr:first-child td"),
    ):
        page.goto(url)
        cell = page.locator(first_figure).first.bounding_box()
        assert cell["x"] + cell["width"] <= viewport["width"], (url, cell)
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], url
        # The long name wraps in its column, whole, in at most half the width.
        name = page.locator("tbody th", has_text=LONG_NAME if language == "zh" else "long-term")
        assert name.first.is_visible(), url
        assert name.first.bounding_box()["width"] <= viewport["width"] / 2, url


def test_chinese_titles_keep_their_quotes_on_english_pages(page, archive):
    # English pages take “ ” from a Latin face; a Chinese title (lang="zh-Hans") keeps the
    # CJK face's, and the reading serif of a passage stays the serif.
    compilation = archive["speeches"]["wang2020"].compilation
    compilation.title = "不断增强“四个意识”"
    compilation.save(update_fields=["title"])
    page.set_default_timeout(60_000)
    log_in(page, archive["alice"])
    in_english(page)
    page.set_viewport_size(LAPTOP)
    page.goto("/exports/")
    face = "(e) => getComputedStyle(e).fontFamily"
    assert page.locator("h1").evaluate(face).startswith('"Latin Quotes"')
    title = page.locator("a[lang='zh-Hans']", has_text="四个意识")
    assert "Latin Quotes" not in title.evaluate(face)
    page.goto("/search/?q=" + "依法行政")
    assert "Latin Quotes" not in page.locator(".hit__title").first.evaluate(face)
    page.goto("/themes/law/")
    passage = page.locator(".passage__text").first.evaluate(face)
    assert "Serif" in passage and "Latin Quotes" not in passage


def test_the_side_by_side_texts_keep_their_quotes_on_english_pages(page, transactional_db):
    # The two texts of a shared passage are Chinese: lang="zh-Hans", the CJK face's quotes.
    computed_archive()
    page.set_default_timeout(60_000)
    log_in(page, make_user("reader", "viewer"))
    in_english(page)
    page.goto("/analysis/reuse/")
    page.locator("table.reuse-pairs a.button").first.click()
    page.wait_for_selector(".reuse-side")
    for side in page.locator(".reuse-side").all()[:2]:
        assert side.get_attribute("lang") == "zh-Hans"
        passage = side.evaluate("(e) => getComputedStyle(e).fontFamily")
        assert "Latin Quotes" not in passage


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_trend_chart_keeps_readable_labels_on_a_phone(page, archive, language):
    # Shrunk to a phone's width the chart's labels were 4 px high; it keeps its width and
    # scrolls in its figure, and the page itself does not widen.
    page.set_default_timeout(60_000)
    log_in(page, archive["alice"])
    if language == "en":
        in_english(page)
    page.set_viewport_size(PHONE)
    page.goto("/analysis/trends/?terms=%E4%BE%9D%E6%B3%95%E8%A1%8C%E6%94%BF")
    chart = page.locator("[data-chart] svg").bounding_box()
    assert chart["width"] >= 500
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # The table's headers wrap: the year column is not as wide as its longest label.
    year = page.locator("table.trend-table tbody th").first.bounding_box()
    assert year["width"] < 140, year


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_export_page_keeps_every_tables_passage_count_on_a_phone(page, archive, language):
    # A rule hid the second column of every table on a phone: the themes' and the speakers'
    # counts went, the compilations' count of speeches (the one meant to give way) stayed
    # hidden too. Now only that one gives way.
    page.set_default_timeout(60_000)
    log_in(page, archive["alice"])
    if language == "en":
        in_english(page)
    page.set_viewport_size(PHONE)
    page.goto("/exports/")
    for section in ("#themes-title", "#compilations-title", "#speakers-title"):
        card = page.locator("section", has=page.locator(section))
        heads = [h.strip() for h in card.locator("thead th").all_inner_texts() if h.strip()]
        assert ("已标注片段" if language == "zh" else "Tagged passages") in heads, (section, heads)
        assert card.locator("tbody td.num:visible").count() >= 1, section
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_speech_title_keeps_its_quotes_on_the_english_reader(page, archive):
    # The reader's title, its crumb and the meeting list's titles are marked
    # lang="zh-Hans" (core/chinese.py): their “ ” keep the CJK face, not the Latin one.
    speech = archive["speeches"]["wang2020"]
    speech.title = "在“四个意识”座谈会上的讲话"
    speech.save(update_fields=["title"])
    page.set_default_timeout(60_000)
    log_in(page, archive["alice"])
    in_english(page)
    page.set_viewport_size(LAPTOP)
    face = "(e) => getComputedStyle(e).fontFamily"
    for url, where in ((speech.get_absolute_url(), "h1 [lang='zh-Hans']"),
                       (speech.get_absolute_url(), "nav.breadcrumbs [lang='zh-Hans']"),
                       ("/meetings/", "main [lang='zh-Hans']")):
        page.goto(url)
        title = page.locator(where, has_text="四个意识").first
        assert "Latin Quotes" not in title.evaluate(face), url


@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_focused_figure_is_not_under_the_sticky_theme_column(page, archive, long_theme,
                                                               language):
    # The theme column stays in view while the figures scroll sideways; a figure reached
    # by Tab stopped partly under it. Scrolled to the end, focusing the first figure of a
    # row brings it out from under the column, whole.
    page.set_default_timeout(60_000)
    log_in(page, archive["alice"])
    if language == "en":
        in_english(page)
    page.set_viewport_size(PHONE)
    for url in ("/analysis/?by=year", "/analysis/cooccurrence/"):
        page.goto(url)
        table = page.locator("table.heat-table").first
        scroller = table.evaluate_handle(
            "(t) => { let e = t.parentElement;"
            " while (e && e.scrollWidth <= e.clientWidth) e = e.parentElement; return e; }"
        )
        assert page.evaluate("(e) => e !== null && e !== document.documentElement"
                             " && e !== document.body", scroller), url
        page.evaluate("(e) => { e.scrollLeft = e.scrollWidth; }", scroller)
        link = table.locator("tbody td.num a").first
        # Tab from the link before it (the row's theme) to the figure.
        link.evaluate("(a) => { const all = [...document.querySelectorAll('a, button')];"
                      " all[all.indexOf(a) - 1].focus(); }")
        page.evaluate("(e) => { e.scrollLeft = e.scrollWidth; }", scroller)
        page.keyboard.press("Tab")
        assert link.evaluate("(a) => a === document.activeElement"), url
        box = link.bounding_box()
        column = link.locator("xpath=ancestor::tr/th").first.bounding_box()
        assert box["x"] >= column["x"] + column["width"] - 1, (url, box, column)


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_trend_tables_caption_is_whole_on_a_phone(page, archive, language):
    # The table scrolls sideways in its frame; its caption, as wide as the table, ran
    # past the frame and was cut.
    page.set_default_timeout(60_000)
    log_in(page, archive["alice"])
    if language == "en":
        in_english(page)
    page.set_viewport_size(PHONE)
    page.goto("/analysis/trends/?terms=%E4%BE%9D%E6%B3%95%E8%A1%8C%E6%94%BF")
    caption = page.locator("table.trend-table caption")
    right = caption.evaluate(
        "(c) => { const r = document.createRange(); r.selectNodeContents(c);"
        " return Math.max(...[...r.getClientRects()].map((b) => b.right)); }"
    )
    frame = caption.evaluate("(c) => c.closest('.table-wrap').getBoundingClientRect().right")
    assert right <= frame, (right, frame)
