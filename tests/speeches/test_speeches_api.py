"""The JSON API of speeches, speakers and search: shapes, filters, permissions, query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from speeches.models import Speaker
from speeches.services.speakers import merge_speakers
from tests.speeches.browse_data import import_speech, import_text, long_speech_text

URLS = ["/api/speeches", "/api/speakers", "/api/search?q=人大"]


@pytest.fixture
def corpus(db):
    return [
        import_speech(title="在全市经济工作会议上的讲话", speaker="王萍", date="2023年5月6日",
                      paragraphs=["发展经济，支持人大工作。", "𠀀字之后的人大代表。"]),
        import_speech(title="在全市人大工作会议上的讲话", speaker="王萍市长", date="2024年8月",
                      paragraphs=["加强人大监督。"]),
        import_speech(title="市长在全市人大工作会议上的讲话", date="2024年",
                      paragraphs=["市长讲话。"]),
    ]


@pytest.mark.parametrize("url", URLS)
def test_anonymous_callers_get_401_and_people_without_a_role_403(client, no_role_user, db, url):
    response = client.get(url)
    assert response.status_code == 401 and response.json()["code"] == "unauthorized"
    client.force_login(no_role_user)
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", URLS)
def test_anonymous_reading_when_the_archive_is_public(client, corpus, settings, url):
    settings.ANONYMOUS_READ = True
    assert client.get(url).status_code == 200


def test_list_speeches(viewer_client, corpus):
    body = viewer_client.get("/api/speeches").json()
    assert body["total"] == 3 and body["limit"] == 50 and body["offset"] == 0
    first = body["items"][0]
    assert set(first) == {
        "id", "compilation", "position", "title", "title_derived", "speaker", "speaker_raw",
        "role", "event",
        "date", "date_precision", "published", "place", "url",
    }
    assert [(i["date"], i["date_precision"]) for i in body["items"]] == [
        ("2024-08", "month"), ("2024", "year"), ("2023-05-06", "day")
    ]
    assert first["speaker"]["name"] == "王萍" and first["speaker_raw"] == "王萍市长"
    assert first["url"] == f"/speeches/{first['id']}/"


def test_speech_filters_combine_and_refuse_nonsense(viewer_client, corpus):
    wang = Speaker.objects.get(name="王萍")

    def titles(query):
        return [i["title"] for i in viewer_client.get("/api/speeches" + query).json()["items"]]

    assert titles(f"?speaker={wang.pk}&year=2023") == ["在全市经济工作会议上的讲话"]
    assert titles("?named=false") == ["市长在全市人大工作会议上的讲话"]
    assert titles("?from=2024&to=2024-06&sort=title") == ["市长在全市人大工作会议上的讲话"]
    assert titles("?event=全市人大工作会议&sort=date") == [
        "市长在全市人大工作会议上的讲话", "在全市人大工作会议上的讲话"
    ]
    response = viewer_client.get("/api/speeches?speaker=9999&to=later")
    assert response.status_code == 422
    assert [d["loc"][-1] for d in response.json()["details"]] == ["speaker", "to"]
    assert viewer_client.get("/api/speeches?sort=nonsense").status_code == 422


def test_get_a_speech_with_sections_and_paragraphs(viewer_client, seed_compilation):
    speech = seed_compilation.speeches.get(speaker__name="王萍")
    body = viewer_client.get(f"/api/speeches/{speech.pk}").json()
    assert body["title"] == speech.title and body["salutation"] == "同志们："
    assert body["previous_id"] and body["next_id"]
    assert [p["position"] for p in body["paragraphs"]] == list(
        range(1, speech.paragraphs.count() + 1)
    )
    assert [p["text"] for p in body["paragraphs"]] == [p.text for p in speech.paragraphs.all()]
    run_in = next(p for p in body["paragraphs"] if p["heading_end"])
    assert run_in["anchor"] == f"p{run_in['position']}"
    sections = {s["id"]: s for s in body["sections"]}
    assert all(s["parent_id"] is None or s["parent_id"] in sections for s in sections.values())
    assert {p["section_id"] for p in body["paragraphs"]} - {None} <= set(sections)
    assert viewer_client.get("/api/speeches/999999").status_code == 404


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_query_counts_do_not_grow(viewer_client, db):
    short = import_speech(title="短讲话", speaker="王萍", paragraphs=["一段。"])
    viewer_client.get("/api/speeches")
    list_count = queries(viewer_client, "/api/speeches")
    detail_count = queries(viewer_client, f"/api/speeches/{short.pk}")
    speakers_count = queries(viewer_client, "/api/speakers")
    long = import_text(long_speech_text(320), source="long.txt").speeches.get()
    for n in range(10):
        import_speech(title=f"第{n}篇", speaker=f"讲话人{n}", paragraphs=["又一段。"])
    assert queries(viewer_client, "/api/speeches") == list_count
    assert queries(viewer_client, f"/api/speeches/{long.pk}") == detail_count
    assert queries(viewer_client, "/api/speakers") == speakers_count


def test_speakers_list_and_detail(viewer_client, corpus, editor):
    body = viewer_client.get("/api/speakers").json()
    assert body["total"] == 1
    (wang,) = body["items"]
    assert (wang["name"], wang["speech_count"]) == ("王萍", 2)
    assert (wang["first_date"], wang["last_date"]) == ("2023-05-06", "2024-08-01")
    detail = viewer_client.get(f"/api/speakers/{wang['id']}").json()
    assert detail["aliases"] == ["王萍市长"]
    assert detail["roles"] == [{"role": "市长", "count": 1}]
    assert detail["merged_from"] == []


def test_a_merged_speaker_points_at_the_survivor(viewer_client, corpus, editor):
    wang = Speaker.objects.get(name="王萍")
    li = Speaker.objects.create(name="李强", slug="李强")
    merge_speakers(source=li, target=wang, actor=editor)
    response = viewer_client.get(f"/api/speakers/{li.pk}")
    assert response.status_code == 301 and response["Location"] == f"/api/speakers/{wang.pk}"
    body = viewer_client.get(f"/api/speakers/{wang.pk}").json()
    assert body["merged_from"] == [{"id": li.pk, "name": "李强"}]
    assert [s["name"] for s in viewer_client.get("/api/speakers").json()["items"]] == ["王萍"]


def test_search_returns_hits_with_code_point_highlights(viewer_client, corpus):
    body = viewer_client.get("/api/search", {"q": "人大", "sort": "newest"}).json()
    assert body["total"] == 3 and body["exact"] and body["reachable"] == 3
    assert body["terms"] == [
        {"text": "人大", "words": ["人大"], "phrase": False, "excluded": False}
    ]
    assert body["per_year"] == [{"year": 2023, "count": 2}, {"year": 2024, "count": 1}]
    for item in body["items"]:
        for start, end in item["highlights"]:
            assert item["text"][start:end] == "人大"
    astral = next(i for i in body["items"] if i["text"].startswith("𠀀"))
    assert astral["highlights"] == [[5, 7]]
    assert astral["url"] == f"/speeches/{astral['speech']['id']}/?hl=%E4%BA%BA%E5%A4%A7#p2"
    assert astral["speech"]["speaker"]["name"] == "王萍"


def test_search_pages_filters_and_sorts(viewer_client, corpus):
    wang = Speaker.objects.get(name="王萍")
    page = viewer_client.get("/api/search", {"q": "人大", "limit": 1, "offset": 1}).json()
    assert page["total"] == 3 and len(page["items"]) == 1 and page["offset"] == 1
    filtered = viewer_client.get("/api/search", {"q": "人大", "speaker": wang.pk, "year": 2024})
    assert [i["text"] for i in filtered.json()["items"]] == ["加强人大监督。"]
    nothing = viewer_client.get("/api/search", {"q": "-人大"}).json()
    assert nothing["total"] == 0 and nothing["items"] == []
    assert viewer_client.get("/api/search").status_code == 422
    assert viewer_client.get("/api/search", {"q": "人大", "limit": 1000}).status_code == 422


def test_search_api_and_page_agree(viewer_client, corpus):
    api = viewer_client.get("/api/search", {"q": "人大 -监督"}).json()
    page = viewer_client.get("/search/", {"q": "人大 -监督"})
    assert [i["paragraph_id"] for i in api["items"]] == [
        h.paragraph.pk for h in page.context["results"].hits
    ]


def test_search_finds_strings_inside_words_unless_whole_words_are_asked(viewer_client, db):
    speech = import_speech(
        title="讲话", paragraphs=["坚持全面从严治党。", "从严治党是关键。", "从严管理。"]
    )
    body = viewer_client.get("/api/search", {"q": "从严治党"}).json()
    assert body["whole_words"] is False
    assert sorted(i["position"] for i in body["items"]) == [1, 2]
    assert all(i["speech"]["id"] == speech.pk for i in body["items"])
    whole = viewer_client.get("/api/search", {"q": "从严治党", "whole_words": "true"}).json()
    assert whole["whole_words"] is True
    # jieba keeps 全面从严治党 whole in the first paragraph.
    assert sorted(i["position"] for i in whole["items"]) == [2]
    assert viewer_client.get("/api/search", {"q": "人大", "whole_words": "x"}).status_code == 422


def test_search_counts_every_hit_when_asked(viewer_client, corpus, monkeypatch):
    from search import engine, estimates

    monkeypatch.setattr(engine, "RANK_LIMIT", 1)
    monkeypatch.setattr(estimates, "EXACT_LIMIT", 2)
    monkeypatch.setattr(estimates, "SAMPLE_ROWS", 1)
    monkeypatch.setattr(estimates, "MIN_SAMPLE_HITS", 1)
    body = viewer_client.get("/api/search", {"q": "人大", "exact": "true"}).json()
    assert body["total"] == 3 and body["exact"]
    assert body["per_year"] == [{"year": 2023, "count": 2}, {"year": 2024, "count": 1}]
