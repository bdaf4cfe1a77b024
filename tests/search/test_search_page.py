"""The search page: hits with marks, counts, the chart, filters, empty states."""

import lxml.html
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from search import engine, estimates
from search.services import parse_query, search
from speeches.models import Speaker
from tests.speeches.browse_data import import_speech


@pytest.fixture
def corpus(db):
    return [
        import_speech(
            title="在全市经济工作会议上的讲话",
            speaker="王萍",
            date="2023年5月6日",
            paragraphs=["依法行政<是>底线，必须坚持。", "发展经济，支持人大工作。"],
        ),
        import_speech(
            title="在全市人大工作会议上的讲话",
            speaker="李强",
            date="2024年8月12日",
            paragraphs=["加强人大监督，人大代表要履职。"],
        ),
    ]


def get(client, **params):
    response = client.get(reverse("search_page"), params)
    assert response.status_code == 200
    return response, lxml.html.fromstring(response.content.decode())


def test_hits_mark_every_match_and_link_to_the_paragraph(viewer_client, corpus):
    response, doc = get(viewer_client, q="人大")
    hits = doc.cssselect("li.hit")
    assert len(hits) == 2
    marks = [[m.text_content() for m in h.cssselect("mark")] for h in hits]
    assert sorted(marks) == [["人大"], ["人大", "人大"]]
    link = hits[0].cssselect(".hit__text a")[0].get("href")
    speech = corpus[1]  # two matches in fewer characters ranks first
    assert link == f"{speech.get_absolute_url()}?hl=%E4%BA%BA%E5%A4%A7#p1"
    assert "共 2 个匹配段落" in doc.cssselect(".results__count")[0].text_content()
    # The chart says what it counts: the matching paragraphs, as the total does.
    assert doc.cssselect(".year-chart__label")[0].text_content().strip() == "各年匹配段落数"
    assert len(doc.cssselect(".year-chart rect")) == 2


def test_a_hit_says_where_it_is_from_next_to_its_paragraph(viewer_client, db):
    """Title, speaker and date sit beside the paragraph, the date at the
    precision the speech gives it: a month stays a month, not a first day."""
    by_month = import_speech(
        title="在全市人大工作会议上的讲话",
        speaker="李强",
        date="2024年8月",
        paragraphs=["开场白。", "加强人大监督，人大代表要履职。"],
    )
    by_day = import_speech(
        title="在全市经济工作会议上的讲话",
        speaker="王萍",
        date="2023年5月6日",
        paragraphs=["支持人大工作。"],
    )
    response, doc = get(viewer_client, q="人大", sort="newest")
    first, second = doc.cssselect("li.hit")

    assert first.cssselect(".hit__text")[0].text_content() == "加强人大监督，人大代表要履职。"
    meta = first.cssselect(".hit__meta")[0]
    title = meta.cssselect("a.hit__title")[0]
    assert (title.text_content(), title.get("href")) == (
        by_month.title,
        by_month.get_absolute_url(),
    )
    speaker = meta.cssselect(f'a[href="{by_month.speaker.get_absolute_url()}"]')[0]
    assert speaker.text_content() == "李强"
    assert meta.cssselect("time")[0].text_content() == "2024年8月"
    assert meta.cssselect("time")[0].get("datetime") == "2024-08"
    paragraph = by_month.paragraphs.get(position=2)
    for link in (first.cssselect(".hit__text a")[0], meta.cssselect("a.hit__para")[0]):
        assert link.get("href").endswith(f"#{paragraph.anchor}")
        assert link.get("href").startswith(by_month.get_absolute_url() + "?hl=")

    assert second.cssselect("a.hit__title")[0].text_content() == by_day.title
    assert second.cssselect(".hit__meta time")[0].text_content() == "2023年5月6日"


def test_text_is_escaped_around_the_marks(viewer_client, corpus):
    response, doc = get(viewer_client, q="依法行政")
    page = response.content.decode()
    assert "<mark>依法行政</mark>&lt;是&gt;底线" in page


def test_filters_keep_the_query_and_show_as_chips(viewer_client, corpus):
    wang = Speaker.objects.get(name="王萍")
    response, doc = get(viewer_client, q="人大", speaker=wang.pk)
    assert len(doc.cssselect("li.hit")) == 1
    (chip,) = doc.cssselect("a.chip")
    assert chip.get("href") == "?q=%E4%BA%BA%E5%A4%A7"
    assert doc.cssselect("#f-speaker option[selected]")[0].get("value") == str(wang.pk)
    hidden = doc.cssselect(".filter-form input[type=hidden]")
    hidden = {i.get("name"): i.get("value") for i in hidden}
    assert hidden == {"q": "人大"}


def test_no_hits_suggests_dropping_filters(viewer_client, corpus):
    wang = Speaker.objects.get(name="王萍")
    response, doc = get(viewer_client, q="人大 监督", speaker=wang.pk)
    empty = doc.cssselect(".results .empty")[0]
    text = empty.text_content()
    assert "人大 监督" in text
    assert empty.cssselect("a")[0].get("href") == "?q=%E4%BA%BA%E5%A4%A7+%E7%9B%91%E7%9D%A3"


def test_a_query_of_exclusions_only_says_what_is_missing(viewer_client, corpus):
    response, doc = get(viewer_client, q="-人大")
    assert doc.cssselect("li.hit") == []
    assert doc.cssselect(".results .empty")


def test_no_query_invites_one(viewer_client, corpus):
    response, doc = get(viewer_client)
    assert doc.cssselect("#search-q")[0].get("autofocus") is not None


def test_many_hits_say_how_they_are_ranked(viewer_client, corpus, monkeypatch):
    monkeypatch.setattr(engine, "RANK_LIMIT", 1)
    monkeypatch.setattr("search.views.RANK_LIMIT", 1)
    response, doc = get(viewer_client, q="人大")
    assert doc.cssselect("p.note")
    assert len(doc.cssselect("li.hit")) == 1
    response, doc = get(viewer_client, q="人大", sort="newest")
    assert doc.cssselect("p.note") == [] and len(doc.cssselect("li.hit")) == 2


def test_the_search_page_pages(viewer_client, db, monkeypatch):
    monkeypatch.setattr("search.views.HITS_PER_PAGE", 2)
    import_speech(title="讲话", paragraphs=[f"第{i}段人大工作。" for i in range(5)])
    response, doc = get(viewer_client, q="人大", sort="newest", page=3)
    assert [h.cssselect("a")[0].get("href").rsplit("#", 1)[1] for h in doc.cssselect("li.hit")] == [
        "p5"
    ]
    assert "page=2" in doc.cssselect("a[rel=prev]")[0].get("href")


def test_query_count_does_not_grow_with_hits(viewer_client, db):
    import_speech(title="讲话", speaker="王萍", paragraphs=["人大工作。"])
    viewer_client.get(reverse("search_page"), {"q": "人大"})
    with CaptureQueriesContext(connection) as few:
        viewer_client.get(reverse("search_page"), {"q": "人大"})
    for n in range(5):
        import_speech(
            title=f"讲话{n}",
            speaker=f"讲话人{n}",
            paragraphs=[f"第{i}段人大工作。" for i in range(30)],
        )
    with CaptureQueriesContext(connection) as many:
        viewer_client.get(reverse("search_page"), {"q": "人大"})
    assert len(many) == len(few)


def test_estimated_counts_are_labelled_and_charted(viewer_client, db, monkeypatch):
    # Twenty hits in two years are "many" once RANK_LIMIT is lowered: the
    # total and the chart then come from each database's own sample.
    for year in (2023, 2024):
        import_speech(
            title=f"{year}年的讲话",
            date=f"{year}年3月1日",
            paragraphs=[f"第{i}段人大工作。" for i in range(10)],
        )
    monkeypatch.setattr(engine, "RANK_LIMIT", 1)
    monkeypatch.setattr(estimates, "EXACT_LIMIT", 5)
    monkeypatch.setattr(estimates, "MIN_SAMPLE_HITS", 1)
    if connection.vendor == "postgresql":
        # A share of the table's pages, made every page below.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE speeches_paragraph")
        monkeypatch.setattr(estimates, "SAMPLE_ROWS", 19.9)
        # Every page: the twenty rows can straddle two pages, and a share of
        # 99.5% left one of them out (the sample's pages are chosen by seed).
        sample = estimates.sampled_estimate
        monkeypatch.setattr(
            estimates, "sampled_estimate", lambda matches, percent: sample(matches, percent=100.0)
        )
    else:
        monkeypatch.setattr(estimates, "SAMPLE_ROWS", 5)  # one hit in 4, by id: 5 of 20
    results = search(parse_query("人大"))
    assert not results.exact and results.total == 20
    response, doc = get(viewer_client, q="人大")
    assert "约 20 个匹配段落" in doc.cssselect(".results__count")[0].text_content()
    assert "按抽样估算" in doc.cssselect(".year-chart__label")[0].text_content()
    assert len(doc.cssselect(".year-chart rect")) == 2
    # An exact count is one click away, and it is exact.
    (link,) = doc.cssselect(".results__estimate a")
    assert "exact=1" in link.get("href") and link.text_content() == "精确计数"
    response, doc = get(viewer_client, q="人大", exact="1")
    count = doc.cssselect(".results__count")[0].text_content()
    assert "共 20 个匹配段落" in count and "约" not in count
    assert not doc.cssselect(".results__estimate")


def test_whole_words_only_is_an_option_of_the_page_kept_in_its_links(viewer_client, db):
    import_speech(
        title="讲话", date="2024年3月1日", paragraphs=["坚持全面从严治党。", "从严治党是关键。"]
    )
    response, doc = get(viewer_client, q="从严治党")
    assert len(doc.cssselect("li.hit")) == 2
    (box,) = doc.cssselect('input[name="whole"]')
    assert box.get("checked") is None and "仅限整词" in box.getparent().text_content()
    response, doc = get(viewer_client, q="从严治党", whole="1")
    assert len(doc.cssselect("li.hit")) == 1
    assert doc.cssselect('input[name="whole"]')[0].get("checked") is not None
    # The exports and the filters keep it.
    assert "whole=1" in response.context["export_search"]
    assert response.context["params_keep"]["whole"] == "1"
