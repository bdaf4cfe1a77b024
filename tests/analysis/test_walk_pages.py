"""From a new researcher's walk through the analyses: what a page says when the
years of the archive stand far apart, or when nothing is within the filters."""

import datetime

import lxml.html
from django.urls import reverse

from annotations.models import Theme
from tests.analysis.conftest import make_speech
from tests.conftest import client_for, make_user


def test_the_trend_table_leaves_out_the_years_without_text(client, archive):
    # 2015, then 2020 and 2021: the chart keeps the four empty years' place, the table
    # lists the years that have text (and says how many it left out).
    make_speech("y2015", date=datetime.date(2015, 5, 1), precision="year",
                texts=["二〇一五年也讲依法行政。"])
    reader = client_for(client, archive["alice"])
    response = reader.get(reverse("analysis_trends"), {"terms": "依法行政"})
    doc = lxml.html.fromstring(response.content)
    years = [th.text_content().strip() for th in doc.cssselect("table.trend-table tbody th")]
    assert years[:3] == ["2015", "2020", "2021"]
    assert len(years) == 4  # and the undated speeches
    assert "未列入表格" in response.content.decode()
    assert "4 个年份" in response.content.decode()
    # Every year has text: nothing left out, nothing said.
    response = reader.get(reverse("analysis_trends"), {"terms": "依法行政", "from": "2020"})
    assert "未列入表格" not in response.content.decode()


def test_the_matrix_says_when_no_passage_is_within_the_filters(client, archive):
    # A filter matching nothing drew a matrix of zeros under "0 coded paragraphs"; the page
    # says what to do instead, as the crosstab does.
    reader = client_for(client, archive["alice"])
    url = reverse("analysis_cooccurrence")
    doc = lxml.html.fromstring(reader.get(url, {"from": "2030"}).content)
    assert not doc.cssselect("table.matrix")
    empty = doc.cssselect(".analysis-main .empty")[0]
    assert "没有符合筛选条件的段落" in empty.text_content()
    assert empty.cssselect("a")[0].get("href") == url
    # Without the filter, the matrix.
    assert lxml.html.fromstring(reader.get(url).content).cssselect("table.matrix")


def test_the_matrix_says_what_to_do_before_anything_is_tagged(client, db):
    Theme.objects.create(name="法治（测试）", slug="law", colour="#2f5f9e", position=900)
    reader = client_for(client, make_user("reader", "viewer"))
    doc = lxml.html.fromstring(reader.get(reverse("analysis_cooccurrence")).content)
    assert not doc.cssselect("table.matrix")
    assert "还没有标注任何片段" in doc.cssselect(".analysis-main .empty")[0].text_content()


def test_the_main_navigation_marks_the_section_of_every_analysis_page(client, archive):
    # The text reuse pages, the agreement and the rules did not mark their section in the
    # main navigation, as the crosstab, the co-occurrence and the trends do.
    reader = client_for(client, archive["alice"])
    for url, section in (
        (reverse("analysis_crosstab"), "分析"),
        (reverse("analysis_reuse"), "分析"),
        (reverse("agreement"), "主题"),
        (reverse("rule_list"), "主题"),
    ):
        doc = lxml.html.fromstring(reader.get(url).content)
        current = [a.text_content() for a in doc.cssselect(".site-nav__list a[aria-current]")]
        assert current == [section], url


def test_the_reuse_run_form_says_compute_before_the_first_run(client, db):
    # "Compute again" stood over the form when nothing had been computed yet.
    editor = client_for(client, make_user("boss", "editor"))
    doc = lxml.html.fromstring(editor.get(reverse("analysis_reuse")).content)
    assert doc.cssselect(".reuse-run h2")[0].text_content() == "计算文本复用"


def test_the_trend_says_nothing_of_undated_speeches_when_there_are_none(client, archive):
    # A date filter leaves the undated speeches out: the caption said "0 undated speeches
    # (0 characters) left out" and the table ended with a row of zeros.
    reader = client_for(client, archive["alice"])
    url = reverse("analysis_trends")
    doc = lxml.html.fromstring(reader.get(url, {"terms": "依法行政", "from": "2021"}).content)
    assert "日期不详" not in doc.cssselect(".trend-chart figcaption")[0].text_content()
    years = [th.text_content().strip() for th in doc.cssselect("table.trend-table tbody th")]
    assert years == ["2021"]
    # Without the filter the undated speech is said, in the caption and the table.
    doc = lxml.html.fromstring(reader.get(url, {"terms": "依法行政"}).content)
    assert "1 篇日期不详的讲话" in doc.cssselect(".trend-chart figcaption")[0].text_content()
    assert doc.cssselect("table.trend-table tbody th")[-1].text_content().startswith("日期不详")
