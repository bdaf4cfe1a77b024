"""One set of filter parameters: the same query string narrows a theme's page,
its exports (page and API) and the API lists identically, and the speech
list and the speeches API alike."""

import csv
import io
import json
import re
from urllib.parse import urlencode

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def csv_ids(response) -> set[int]:
    assert response.status_code == 200, response.content[:300]
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return {int(row[0]) for row in list(csv.reader(io.StringIO(body)))[1:]}


def jsonld_ids(response) -> set[int]:
    assert response.status_code == 200
    body = json.loads(b"".join(response.streaming_content))
    return {int(item["id"].rstrip("/").split("/")[-2]) for item in body["first"]["items"]}


def filter_cases(coded) -> dict[str, tuple[dict, set[int]]]:
    """query -> (parameters, the passages of 人大监督 and its sub-theme they select)."""
    annotations = list(coded["annotations"].order_by("pk"))
    wang = coded["speeches"][3]
    rare = coded["rare"]
    in_theme = {a.pk for a in annotations if a.paragraph.speech_id in (wang.pk, rare.pk)}
    wangs = {a.pk for a in annotations if a.paragraph.speech_id == wang.pk} & in_theme
    rares = {a.pk for a in annotations if a.paragraph.speech_id == rare.pk}
    assert len(wangs) == 3 and len(rares) == 2
    return {
        "none": ({}, in_theme),
        "speaker by slug": ({"speaker": wang.speaker.slug}, wangs),
        "speaker by id": ({"speaker": wang.speaker_id}, wangs),
        "role": ({"role": "主任"}, rares),
        "event": ({"event": "全市人大工作会议"}, wangs),
        "year": ({"year": 2024}, wangs),
        "date range": ({"from": "2024-08", "to": "2024"}, wangs),
        "date range, nothing": ({"from": "2024-09", "to": "2024-10-31"}, set()),
        "undated": ({"undated": 1}, rares),
        "role only": ({"named": 0}, rares),
        "compilation": ({"compilation": rare.compilation_id}, rares),
        "combined": ({"speaker": wang.speaker.slug, "role": "主任"}, set()),
    }


def test_the_same_filters_narrow_the_theme_page_the_exports_and_the_api(coded, viewer_client):
    theme = coded["supervision"]
    for case, (params, expected) in filter_cases(coded).items():
        query = urlencode(params)
        page = viewer_client.get(f"{theme.get_absolute_url()}?{query}")
        assert page.status_code == 200
        on_page = {a.pk for a in page.context["page_obj"].object_list}
        with_theme = urlencode({"theme": theme.slug, **params})
        exported = csv_ids(viewer_client.get(f"/exports/annotations.csv?{with_theme}"))
        api_export = csv_ids(viewer_client.get(f"/api/exports/annotations/csv?{with_theme}"))
        linked = jsonld_ids(viewer_client.get(f"/api/exports/annotations/jsonld?{with_theme}"))
        listed = viewer_client.get(f"/api/annotations?{with_theme}&limit=500").json()
        assert {item["id"] for item in listed["items"]} == expected, case
        assert on_page == exported == api_export == linked == expected, case


def test_the_theme_pages_export_menu_exports_what_the_page_lists(coded, viewer_client):
    theme = coded["supervision"]
    wang = coded["speeches"][3]
    page = viewer_client.get(theme.get_absolute_url(), {"speaker": wang.speaker_id, "to": "2024"})
    listed = {a.pk for a in page.context["page_obj"].object_list}
    html = page.content.decode()
    link = re.search(r'href="(/exports/annotations\.csv\?[^"]+)"', html).group(1)
    assert csv_ids(viewer_client.get(link.replace("&amp;", "&"))) == listed
    assert len(listed) == 3


def test_the_speech_list_and_the_speeches_api_select_the_same_speeches(coded, viewer_client):
    speech_filters = [
        {"speaker": coded["speeches"][3].speaker.slug},
        {"role": "市长", "from": "2024-06"},
        {"event": "全市人大工作会议", "undated": 1},
        {"year": 2024, "named": 0},
        {"compilation": coded["rare"].compilation_id},
    ]
    for params in speech_filters:
        page = viewer_client.get(reverse("speech_list"), params)
        on_page = {s.pk for s in page.context["speeches"]}
        api = viewer_client.get("/api/speeches", {**params, "limit": 500}).json()
        assert on_page == {s["id"] for s in api["items"]}, params
        assert 0 < len(on_page) < 6, params


def test_older_export_parameter_names_still_work(coded, viewer_client):
    """docs/api.md showed date_from/date_to for exports before they took the pages' names."""
    theme = coded["supervision"]
    new = csv_ids(viewer_client.get("/api/exports/annotations/csv", {"from": "2024-08-01"}))
    old = csv_ids(viewer_client.get("/api/exports/annotations/csv", {"date_from": "2024-08-01"}))
    assert new == old and 0 < len(new) < coded["annotations"].count()
    page = csv_ids(viewer_client.get("/exports/annotations.csv",
                                      {"theme": theme.slug, "date_to": "2024-07"}))
    assert page == {a.pk for a in coded["annotations"]
                    if a.paragraph.speech.date and a.paragraph.speech.date.year == 2024
                    and a.paragraph.speech.date.month <= 7}


def test_bad_filters_are_named_in_the_api_and_dropped_on_pages(coded, viewer_client):
    theme = coded["supervision"]
    for url in ("/api/speeches", "/api/annotations", "/api/exports/annotations/csv"):
        body = viewer_client.get(url, {"to": "August"}).json()
        assert body["code"] == "invalid", url
        assert body["details"][0]["loc"] == ["query", "to"], url
    page = viewer_client.get(theme.get_absolute_url(), {"to": "August", "role": "主任"})
    assert page.status_code == 200 and page.context["page_obj"].paginator.count == 2
    assert viewer_client.get("/api/speeches", {"speaker": "nobody"}).status_code == 422
    unknown = viewer_client.get("/api/exports/annotations/csv", {"speaker": "nobody"})
    assert unknown.status_code == 404 and unknown.json()["code"] == "not-found"
