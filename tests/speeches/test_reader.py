"""The speech reader: its contract with the annotations app, contents, neighbours, speed."""

import json

import lxml.html
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from speeches.models import Speech
from tests.speeches.browse_data import import_speech, import_text, long_speech_text


def page_of(client, speech, query=""):
    response = client.get(reverse("speech_detail", args=[speech.pk]) + query)
    assert response.status_code == 200
    return response, lxml.html.fromstring(response.content.decode())


@pytest.fixture
def seed_speech(seed_compilation):
    """王萍's speech in the seed: run-in points, a merged heading, a publication date."""
    return seed_compilation.speeches.get(speaker__name="王萍")


def test_every_paragraph_follows_the_reader_contract(viewer_client, seed_speech):
    _, doc = page_of(viewer_client, seed_speech)
    (article,) = doc.cssselect("article.reader")
    assert article.get("data-speech-id") == str(seed_speech.pk)
    paragraphs = list(seed_speech.paragraphs.order_by("position"))
    rendered = doc.cssselect("p.para")
    assert len(rendered) == len(paragraphs)
    for p, paragraph in zip(rendered, paragraphs, strict=True):
        assert p.get("id") == f"p{paragraph.position}"
        assert p.get("data-paragraph-id") == str(paragraph.pk)
        assert p.get("data-position") == str(paragraph.position)
        (number,) = p.cssselect("a.para__num")
        assert number.get("href") == f"#p{paragraph.position}"
        (text,) = p.cssselect("span.para__text")
        assert text.text_content() == paragraph.text
        headings = text.cssselect("strong.para__heading")
        if paragraph.heading_end:
            assert [h.text_content() for h in headings] == [paragraph.text[: paragraph.heading_end]]
        else:
            assert headings == []
        margin = p.getnext()
        assert margin.tag == "aside" and "para__margin" in margin.get("class")
        assert len(margin) == 0 and not (margin.text or "").strip()


def test_run_in_points_are_bold_inside_their_paragraph(viewer_client, seed_speech):
    _, doc = page_of(viewer_client, seed_speech)
    bold = [s.text_content() for s in doc.cssselect("span.para__text > strong.para__heading")]
    assert "一是大力支持政府推进中心工作。" in bold
    assert "第一，要坚决贯彻执行人大及其常委会的决议决定。" in bold


def test_contents_link_to_every_section(viewer_client, seed_speech):
    _, doc = page_of(viewer_client, seed_speech)
    links = [a.get("href") for a in doc.cssselect("nav.reader__toc a")]
    sections = list(seed_speech.sections.order_by("position"))
    assert links == [f"#s{s.position}" for s in sections]
    for section in sections:
        start = doc.get_element_by_id(f"s{section.position}")
        assert start.get("data-section") == f"s{section.position}"
    # 二、 stands on its own line; 一是 is run into its paragraph.
    own_line = doc.get_element_by_id("s5")
    assert own_line.tag == "h2" and own_line.text_content().startswith("二、各级政府")
    assert doc.get_element_by_id("s2").tag == "div"


def test_paragraphs_name_their_section(viewer_client, seed_speech):
    _, doc = page_of(viewer_client, seed_speech)
    rows = {
        row.cssselect("p.para")[0].get("data-position"): row.get("data-section")
        for row in doc.cssselect("div.para-row")
    }
    by_position = {
        str(p.position): (f"s{p.section.position}" if p.section else "")
        for p in seed_speech.paragraphs.select_related("section")
    }
    assert rows == by_position


def test_metadata_line_dates_at_their_precision(viewer_client, seed_compilation):
    speech = seed_compilation.speeches.get(speaker__name="王萍")
    response, doc = page_of(viewer_client, speech)
    meta = doc.cssselect(".reader__meta")[0].text_content()
    assert "王萍" in meta and "市长" in meta and "2024年8月12日" in meta
    assert "全市人大工作会议" in meta and seed_compilation.title in meta
    secondary = doc.cssselect(".reader__meta--secondary")[0].text_content()
    assert "2024年8月14日" in secondary and "发布" in secondary

    year_only = seed_compilation.speeches.get(date_precision="year")
    _, doc = page_of(viewer_client, year_only)
    assert "2024年" in doc.cssselect(".reader__meta time")[0].text_content()
    assert "月" not in doc.cssselect(".reader__meta time")[0].text_content()


def test_previous_and_next_speech_of_the_compilation(viewer_client, seed_compilation):
    first, second, *_ = seed_compilation.speeches.order_by("position")
    _, doc = page_of(viewer_client, second)
    assert doc.cssselect("a[rel=prev]")[0].get("href") == first.get_absolute_url()
    _, doc = page_of(viewer_client, first)
    assert doc.cssselect("a[rel=prev]") == []
    assert doc.cssselect("a[rel=next]")[0].get("href") == second.get_absolute_url()


def test_hl_marks_the_query_in_each_paragraph(viewer_client, seed_speech):
    response, doc = page_of(viewer_client, seed_speech, "?hl=人大监督")
    spans = json.loads(doc.get_element_by_id("reader-highlight").text)
    texts = {p.position: p.text for p in seed_speech.paragraphs.all()}
    assert spans
    for position, pairs in spans.items():
        for start, end in pairs:
            assert texts[int(position)][start:end] == "人大监督"
    assert sum("人大监督" in t for t in texts.values()) == len(spans)
    assert "search_highlight.js" in response.content.decode()


def test_without_hl_nothing_is_marked(viewer_client, seed_speech):
    response, doc = page_of(viewer_client, seed_speech)
    assert doc.cssselect("#reader-highlight") == []
    assert "search_highlight.js" not in response.content.decode()


def test_hl_is_marked_by_the_function_the_settings_name(viewer_client, seed_speech, settings):
    # speeches does not import search (docs/architecture.md): the marks come
    # through READER_HIGHLIGHTS; without a search app nothing is marked.
    settings.READER_HIGHLIGHTS = ""
    response, doc = page_of(viewer_client, seed_speech, "?hl=人大监督")
    assert doc.cssselect("#reader-highlight") == []
    assert "search_highlight.js" not in response.content.decode()
    settings.READER_HIGHLIGHTS = "tests.speeches.test_reader.first_paragraph_marked"
    _, doc = page_of(viewer_client, seed_speech, "?hl=人大监督")
    assert json.loads(doc.get_element_by_id("reader-highlight").text) == {"1": [[0, 1]]}


def first_paragraph_marked(text, paragraphs):
    return {"query": text, "spans": {1: [(0, 1)]}, "paragraphs": 1}


def test_reader_extensions_are_included_with_the_speech(viewer_client, seed_speech, settings):
    settings.READER_EXTENSIONS = ["speeches/_year_chart.html"]
    # The chart partial renders nothing without bars; include errors would fail the page.
    response, _ = page_of(viewer_client, seed_speech)
    assert response.context["speech"] == seed_speech
    settings.READER_EXTENSIONS = []
    page_of(viewer_client, seed_speech)


def test_editors_see_the_speaker_correction_link(client, viewer, editor, seed_speech):
    url = reverse("speech_speaker_edit", args=[seed_speech.pk])
    client.force_login(viewer)
    assert url not in page_of(client, seed_speech)[0].content.decode()
    client.force_login(editor)
    assert url in page_of(client, seed_speech)[0].content.decode()


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_long_speeches_take_as_many_queries_as_short_ones(viewer_client, db, settings):
    settings.READER_EXTENSIONS = []  # this app's own queries
    short = import_speech(title="短讲话", paragraphs=["第一段。", "第二段。"])
    long = import_text(long_speech_text(320), source="long.txt").speeches.get()
    assert long.paragraphs.count() == 320 and long.sections.count() > 10
    viewer_client.get(short.get_absolute_url())  # sessions and roles warmed up
    short_count = count_queries(viewer_client, short.get_absolute_url())
    assert count_queries(viewer_client, long.get_absolute_url()) == short_count
    assert count_queries(viewer_client, long.get_absolute_url() + "?hl=人大") == short_count
    assert short_count <= 8


def test_a_missing_speech_is_404(viewer_client, db):
    assert viewer_client.get(reverse("speech_detail", args=[999])).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, seed_speech):
    response = client.get(seed_speech.get_absolute_url())
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_anonymous_reading_when_the_archive_is_public(client, seed_speech, settings):
    settings.ANONYMOUS_READ = True
    assert client.get(seed_speech.get_absolute_url()).status_code == 200


def test_a_speech_without_sections_has_no_contents(viewer_client, db):
    speech = import_speech(title="讲话", paragraphs=["只有一段。"])
    _, doc = page_of(viewer_client, speech)
    assert doc.cssselect("nav.reader__toc") == []
    assert Speech.objects.count() == 1
