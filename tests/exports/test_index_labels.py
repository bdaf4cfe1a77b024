"""The export page's tables say what their numbers count."""

import csv
import io

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


def test_the_totals_count_what_the_exports_hold_once_a_compilation_is_withdrawn(
    coded, viewer_client, editor
):
    # A withdrawn compilation keeps its passages, out of the exports of all
    # annotations and of a speaker: the page's totals say as much as they hold.
    from speeches.services.retire import withdraw_compilation

    def page():
        doc = lxml.html.fromstring(viewer_client.get("/exports/").content.decode())
        (total,) = doc.cssselect("#all-title .count")
        (section,) = doc.cssselect("section[aria-labelledby=speakers-title]")
        speakers = [
            [td.text_content().strip() for td in tr.cssselect("td")]
            for tr in section.cssselect("tbody tr")
        ]
        return int(total.text_content().replace(",", "")), {row[0]: row[1] for row in speakers}

    def exported_rows():
        response = viewer_client.get("/exports/annotations.csv")
        text = b"".join(response.streaming_content).decode("utf-8-sig")
        return len(list(csv.reader(io.StringIO(text)))) - 1  # less the header

    total, speakers = page()
    assert total == 6 and total == exported_rows()
    withdraw_compilation(compilation=coded["compilation"], actor=editor)
    total, speakers = page()
    assert total == 2 and total == exported_rows()
    assert "王萍" not in speakers, speakers
