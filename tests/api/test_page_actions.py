"""Page actions added to the API (docs/api.md, "Every page action and its API
operation"): each does what its page does, through the same service, with
the page's permissions."""

import csv
import io

import pytest

from accounts.models import Activity
from speeches.models import Speaker, SpeakerAlias, Speech

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_speakers(seed_compilation):
    """The sample's 王萍 and a second printing of her name on another speech."""
    wang = Speaker.objects.get(name="王萍")
    other = Speaker.objects.create(name="王苹", slug="王苹")
    speech = seed_compilation.speeches.filter(speaker__isnull=True).order_by("position").first()
    Speech.objects.filter(pk=speech.pk).update(speaker=other)
    return wang, other, speech


def test_merge_speakers_as_the_page_does(editor_client, two_speakers):
    wang, other, speech = two_speakers
    response = editor_client.post(
        f"/api/speakers/{other.pk}/merge", {"target": "王萍"}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["id"] == wang.pk and {"id": other.pk, "name": "王苹"} in body["merged_from"]
    assert Speech.objects.get(pk=speech.pk).speaker_id == wang.pk
    assert SpeakerAlias.objects.get(name="王苹").speaker_id == wang.pk
    assert Activity.objects.filter(data__action="merge").count() == 1
    # The merged speaker forwards, as its page does.
    assert editor_client.get(f"/api/speakers/{other.pk}").status_code == 301


def test_merge_refusals_write_nothing(editor_client, two_speakers):
    wang, other, _speech = two_speakers
    url = f"/api/speakers/{other.pk}/merge"
    unknown = editor_client.post(url, {"target": "无此人"}, content_type="application/json")
    assert unknown.status_code == 404 and unknown.json()["code"] == "not-found"
    itself = editor_client.post(url, {"target": "王苹"}, content_type="application/json")
    assert itself.status_code == 422 and itself.json()["code"] == "invalid"
    too_long = editor_client.post(url, {"target": "王" * 101}, content_type="application/json")
    assert too_long.status_code == 422
    assert Speaker.objects.get(pk=other.pk).merged_into_id is None
    assert not Activity.objects.filter(data__action="merge").exists()


def test_reattribute_a_speech_as_the_page_does(editor_client, seed_compilation):
    speech = seed_compilation.speeches.filter(speaker__isnull=True).order_by("position").first()
    url = f"/api/speeches/{speech.pk}/speaker"
    response = editor_client.put(url, {"name": "王萍"}, content_type="application/json")
    assert response.status_code == 200, response.content
    assert response.json()["speaker"]["name"] == "王萍"
    assert Speech.objects.get(pk=speech.pk).speaker.name == "王萍"
    # Empty: the role only, as on the page; the printed name stays.
    printed = Speech.objects.get(pk=speech.pk).speaker_raw
    cleared = editor_client.put(url, {"name": ""}, content_type="application/json")
    assert cleared.status_code == 200 and cleared.json()["speaker"] is None
    assert Speech.objects.get(pk=speech.pk).speaker_raw == printed
    assert Activity.objects.filter(data__action="attribute").count() == 2


def test_search_csv_is_the_page_download(viewer_client, seed_compilation):
    params = {"q": "人大", "unit": "matches"}
    api = viewer_client.get("/api/search/csv", params)
    page = viewer_client.get("/exports/search.csv", params)
    assert api.status_code == page.status_code == 200
    assert api["Content-Type"].startswith("text/csv")
    api_body = b"".join(api.streaming_content).decode("utf-8-sig")
    page_body = b"".join(page.streaming_content).decode("utf-8-sig")
    assert api_body == page_body
    rows = list(csv.reader(io.StringIO(api_body)))
    assert len(rows) > 2 and all("人大" in row[-2] for row in rows[1:])
    assert api["Content-Disposition"] == page["Content-Disposition"]


def test_meetings_and_dates_match_their_pages(viewer_client, seed_compilation):
    meetings = viewer_client.get("/api/meetings", {"sort": "-speeches"}).json()
    page = viewer_client.get("/meetings/").content.decode()
    assert meetings["total"] >= 1
    for row in meetings["items"]:
        assert row["name"] in page
    assert sum(r["speech_count"] for r in meetings["items"]) == (
        Speech.objects.current().exclude(event_key="").count()
    )
    dates = viewer_client.get("/api/dates").json()
    counted = sum(y["count"] for y in dates["years"]) + dates["undated"]
    assert counted == Speech.objects.current().count()
    for year in dates["years"]:
        assert sum(m["count"] for m in year["months"]) == year["count"]


def test_a_compilation_without_an_earlier_version_has_no_diff(viewer_client, seed_compilation):
    api = viewer_client.get(f"/api/compilations/{seed_compilation.pk}/diff")
    page = viewer_client.get(f"/compilations/{seed_compilation.pk}/diff/")
    assert api.status_code == page.status_code == 404
    assert api.json()["code"] == "not-found"


def test_same_permissions_as_the_pages(client, viewer, annotator, two_speakers, settings):
    wang, other, speech = two_speakers
    writes = [
        ("post", f"/api/speakers/{other.pk}/merge", {"target": "王萍"}),
        ("put", f"/api/speeches/{speech.pk}/speaker", {"name": "王萍"}),
    ]
    for method, url, data in writes:
        response = getattr(client, method)(url, data, content_type="application/json")
        assert response.status_code == 401
    for user in (viewer, annotator):
        client.force_login(user)
        for method, url, data in writes:
            response = getattr(client, method)(url, data, content_type="application/json")
            assert response.status_code == 403, (user, url)
        assert client.post(f"/speakers/{other.slug}/merge/", {"target": "王萍"}).status_code in (
            302,
            403,
        )
    assert Speaker.objects.get(pk=other.pk).merged_into_id is None
    settings.ANONYMOUS_READ = False
    client.logout()
    for url in ("/api/search/csv?q=人大", "/api/meetings", "/api/dates"):
        assert client.get(url).status_code == 401
