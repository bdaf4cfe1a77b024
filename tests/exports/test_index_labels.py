"""The export page's tables say what their numbers count."""

import lxml.html
from django.utils import translation


def table_under(doc, heading_id: str):
    (section,) = doc.cssselect(f"section[aria-labelledby={heading_id}]")
    (table,) = section.cssselect("table")
    headers = [th.text_content().strip() for th in table.cssselect("thead th")]
    rows = [
        [td.text_content().strip() for td in tr.cssselect("td")]
        for tr in table.cssselect("tbody tr")
    ]
    return headers, rows


def test_the_compilation_table_counts_tagged_passages_not_paragraphs(coded, viewer_client):
    doc = lxml.html.fromstring(viewer_client.get("/exports/").content.decode())
    headers, rows = table_under(doc, "compilations-title")
    # Not "段落数" (paragraphs) beside the speech count: it counts annotations.
    assert headers == ["汇编", "讲话", "已标注片段", "下载"]
    by_title = {row[0]: row for row in rows}
    compilation = coded["compilation"]
    assert by_title[compilation.title][1] == str(compilation.speeches.count())
    assert by_title[compilation.title][2] == "4"
    for section in ("themes-title", "speakers-title"):
        assert "已标注片段" in table_under(doc, section)[0]


def test_the_labels_in_english(coded, viewer_client):
    with translation.override("en"):
        html = viewer_client.get("/exports/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    headers, _ = table_under(lxml.html.fromstring(html), "compilations-title")
    assert headers == ["Compilation", "Speeches", "Tagged passages", "Download"]
