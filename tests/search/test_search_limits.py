"""Limits that protect the server from pathological inputs: a 5 MB paragraph
(concordance lines, highlights, text shown around a hit, ranking) and a speech
of many thousands of paragraphs (the reader is paged)."""

import hashlib
import time

import lxml.html
import pytest
from django.urls import reverse

from search.highlight import EXCERPT_LENGTH, MAX_SPANS, excerpt
from search.services import highlight_spans, parse_query, search
from search.views import MAX_CONCORDANCE_LINES
from speeches.models import READER_PAGE_SIZE, Paragraph
from tests.speeches.browse_data import import_speech
from text.segmentation import search_tokens

SENTENCE = "发展经济，保障民生。"


@pytest.fixture
def huge(db):
    """A speech whose second paragraph is 5 MB of text naming 经济 half a million times."""
    speech = import_speech(title="讲话", date="2024年3月1日",
                           paragraphs=["发展经济。", "第二段。", "人大监督。"])
    paragraph = speech.paragraphs.get(position=2)
    paragraph.text = SENTENCE * 500_000
    paragraph.text_hash = hashlib.sha256(paragraph.text.encode()).hexdigest()
    # Tokens as the import would give them (a repetition adds none).
    paragraph.tokens = search_tokens(SENTENCE)
    paragraph.save(update_fields=["text", "text_hash", "tokens"])
    return speech


def test_highlights_of_a_hit_are_capped():
    text = SENTENCE * 10_000
    spans = highlight_spans(text, ["经济", "民生"])
    assert len(spans) == 2 * MAX_SPANS
    assert all(text[s:e] in ("经济", "民生") for s, e in spans)


def test_a_long_hit_shows_windows_around_its_first_matches():
    text = "前" * 5000 + "经济" + "后" * 5000 + "经济" + "尾" * 5000
    spans = highlight_spans(text, ["经济"])
    pieces = excerpt(text, spans)
    shown = "".join(p for p, _ in pieces)
    assert len(shown) <= EXCERPT_LENGTH + 10  # the ellipses
    assert [p for p, marked in pieces if marked] == ["经济", "经济"]
    assert shown.startswith("…") and shown.endswith("…")
    # A short text is shown whole.
    assert "".join(p for p, _ in excerpt("发展经济。", [(2, 4)])) == "发展经济。"


def test_search_page_and_concordance_stay_small_with_a_5_mb_paragraph(viewer_client, huge):
    started = time.perf_counter()
    response = viewer_client.get(reverse("search_page"), {"q": "经济", "view": "kwic"})
    elapsed = time.perf_counter() - started
    assert response.status_code == 200
    assert len(response.content) < 200_000
    doc = lxml.html.fromstring(response.content.decode())
    assert len(doc.cssselect("table.kwic tbody tr")) == MAX_CONCORDANCE_LINES
    assert doc.cssselect(".note")
    response = viewer_client.get(reverse("search_page"), {"q": "经济"})
    assert len(response.content) < 100_000
    doc = lxml.html.fromstring(response.content.decode())
    assert len(doc.cssselect("li.hit")) == 2
    assert max(len(t.text_content()) for t in doc.cssselect(".hit__text")) <= EXCERPT_LENGTH + 10
    # Generous under a loaded test machine; it took 25 s before the caps.
    assert elapsed < 10


def test_the_api_sends_a_capped_text_and_highlights(viewer_client, huge):
    body = viewer_client.get("/api/search", {"q": "经济"}).json()
    item = next(i for i in body["items"] if i["position"] == 2)
    assert item["truncated"] is True and len(item["text"]) == 20_000
    assert len(item["highlights"]) <= MAX_SPANS
    assert all(e <= 20_000 for _, e in item["highlights"])
    short = next(i for i in body["items"] if i["position"] == 1)
    assert short["truncated"] is False and short["text"] == "发展经济。"


def test_relevance_ranking_reads_a_bounded_part_of_a_huge_paragraph(huge):
    started = time.perf_counter()
    results = search(parse_query("经济"))
    assert results.total == 2
    assert time.perf_counter() - started < 10


def test_a_long_speech_is_read_in_pages(viewer_client, db, django_assert_max_num_queries):
    speech = import_speech(title="讲话", paragraphs=["开头。"])
    texts = [f"第{n}段，人大工作。" for n in range(2, READER_PAGE_SIZE * 2 + 501)]
    Paragraph.objects.bulk_create(
        Paragraph(speech=speech, position=n, text=text,
                  text_hash=hashlib.sha256(text.encode()).hexdigest(), tokens=search_tokens(text))
        for n, text in enumerate(texts, start=2)
    )
    url = speech.get_absolute_url()
    # 12, and the text-reuse links (templates/analysis/_reader.html)
    with django_assert_max_num_queries(13):
        response = viewer_client.get(url)
    doc = lxml.html.fromstring(response.content.decode())
    assert len(doc.cssselect("p.para")) == READER_PAGE_SIZE
    assert doc.cssselect(".pagination")
    response = viewer_client.get(url, {"page": 3})
    doc = lxml.html.fromstring(response.content.decode())
    positions = [int(p.get("data-position")) for p in doc.cssselect("p.para")]
    assert positions == list(range(2 * READER_PAGE_SIZE + 1, 2 * READER_PAGE_SIZE + 501))
    # A search hit far into the speech links to its page.
    last = speech.paragraphs.get(position=2 * READER_PAGE_SIZE + 500)
    assert last.reader_url("人大").startswith(f"{url}?page=3&hl=")
    assert last.get_absolute_url() == f"{url}?page=3#{last.anchor}"
    assert speech.paragraphs.get(position=1).get_absolute_url() == f"{url}#p1"
