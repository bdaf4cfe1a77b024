"""What the analysis pages call their figures, in Chinese: text reuse counts
passages (片段), not paragraphs (段落); a term's totals read with Chinese
punctuation."""

import re

import lxml.html
from django.urls import reverse

from speeches.models import Speech
from tests.analysis.reuse_texts import computed_archive
from tests.conftest import client_for, make_user


def test_the_text_reuse_table_counts_passages_not_paragraphs(client, db):
    computed_archive()
    client_for(client, make_user("reader", "viewer"))
    doc = lxml.html.fromstring(client.get(reverse("analysis_reuse")).content)
    headers = [th.text_content() for th in doc.cssselect("table.reuse-pairs thead th")]
    assert headers[2:4] == ["共有片段", "共同字数"]
    note = doc.cssselect(".analysis-note")[0].text_content()
    assert note.strip().startswith("两篇讲话共有的片段")
    # Dates as every other page writes them (not 2020-03-01), at their precision.
    metas = [span.text_content() for span in doc.cssselect("table.reuse-pairs .reuse-meta")]
    assert "王萍 · 2020年3月1日" in metas and not any("-" in meta for meta in metas)
    computed = doc.cssselect(".reuse-status")[0].text_content()
    assert re.search(r"计算于 \d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d。", computed), computed


def test_a_year_only_date_is_not_shown_as_the_first_of_january(client, db):
    archive = computed_archive()
    model = archive["model"]
    Speech.objects.filter(pk=model.pk).update(date_precision="year")
    client_for(client, make_user("reader", "viewer"))
    page = client.get(reverse("analysis_reuse_speech", args=[model.pk])).content.decode()
    doc = lxml.html.fromstring(page)
    assert "王萍 · 2020年 ·" in doc.cssselect("main p.muted")[0].text_content()
    assert "2020年3月1日" not in page and "2020-01-01" not in page


def test_a_terms_totals_use_chinese_punctuation(client, archive):
    # The archive's undated speech holds 依法行政 three times in one paragraph.
    client_for(client, make_user("reader", "viewer"))
    response = client.get(reverse("analysis_trends"), {"terms": "依法行政"})
    doc = lxml.html.fromstring(response.content)
    (total,) = [li.text_content() for li in doc.cssselect(".trend-totals li")]
    assert total.startswith("依法行政：")
    assert "（另有日期不详的讲话中的 1 个段落，出现 3 次）" in total
    assert ": " not in total and "(" not in total
    assert doc.cssselect(".trend-totals li strong")[0].text_content() == "依法行政"


def test_a_term_is_escaped_in_its_totals(client, archive):
    # The term now sits inside the translated sentence: it is still text, not markup.
    client_for(client, make_user("reader", "viewer"))
    html = client.get(reverse("analysis_trends"), {"terms": "<b>依法</b>"}).content.decode()
    assert "<strong>&lt;b&gt;依法&lt;/b&gt;</strong>" in html
