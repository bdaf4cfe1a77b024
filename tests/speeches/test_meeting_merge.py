"""Editors merge two names of one meeting the meeting key did not unify
(docs/parsing.md, canonical forms): the service, the page, the API."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import Activity, Verb
from core.errors import InvalidInput, NotFound, NotPermitted
from speeches.models import MeetingAlias, Speech
from speeches.services.meetings import find_meeting_key, merge_meetings
from speeches.services.retire import withdraw_compilation
from tests.speeches.browse_data import import_speech


@pytest.fixture
def meetings(db):
    return {
        "plenary": import_speech(title="在中共十九届中央纪委三次全会上的讲话", paragraphs=["一。"]),
        "plenary2": import_speech(title="在十九届中央纪委三次全会上的讲话", paragraphs=["二。"]),
        # Another wording of one meeting: the key does not unify them.
        "work": import_speech(title="在全市人大工作会议上的讲话", paragraphs=["三。"]),
        "work2": import_speech(title="在全市人大工作座谈会上的讲话", paragraphs=["四。"]),
        "other": import_speech(title="在全市教育工作会议上的讲话", paragraphs=["五。"]),
    }


def _key(speech):
    speech.refresh_from_db()
    return speech.event_key


def test_merge_moves_the_speeches_keeps_the_printed_name_and_logs(meetings, editor):
    source, target = _key(meetings["work2"]), _key(meetings["work"])
    assert source != target
    assert merge_meetings(source_key=source, target_key=target, actor=editor) == target
    assert _key(meetings["work2"]) == target
    assert meetings["work2"].event == "全市人大工作座谈会"  # as printed, unchanged
    assert MeetingAlias.objects.get(key=source).canonical_key == target
    entry = Activity.objects.get(verb=Verb.EDIT)
    assert entry.data == {
        "action": "merge-meeting", "source": source, "target": target, "speeches": 1,
    }
    assert entry.actor == editor and "全市人大工作座谈会" in entry.summary


def test_a_merge_survives_resaves_and_later_imports(meetings, editor):
    target = _key(meetings["work"])
    merge_meetings(source_key=_key(meetings["work2"]), target_key=target, actor=editor)
    speech = meetings["work2"]
    speech.title = "在全市人大工作座谈会上的讲话（修订）"
    speech.save()
    assert _key(speech) == target
    later = import_speech(title="在全市人大工作座谈会上的发言", paragraphs=["六。"])
    assert _key(later) == target
    # Filtering by the merged name finds the whole meeting.
    assert find_meeting_key("全市人大工作座谈会") == target


def test_merges_flatten_chains_and_refuse_bad_requests(meetings, editor, viewer):
    work, work2, other = (_key(meetings[k]) for k in ("work", "work2", "other"))
    merge_meetings(source_key=work2, target_key=work, actor=editor)
    merge_meetings(source_key=work, target_key=other, actor=editor)
    assert MeetingAlias.objects.get(key=work2).canonical_key == other
    assert Speech.objects.filter(event_key=other).count() == 3
    with pytest.raises(InvalidInput):
        merge_meetings(source_key=work2, target_key=other, actor=editor)  # already one
    with pytest.raises(NotFound):
        merge_meetings(source_key="没有这个会议", target_key=other, actor=editor)
    plenary = _key(meetings["plenary"])
    with pytest.raises(NotPermitted):
        merge_meetings(source_key=plenary, target_key=other, actor=viewer)
    assert _key(meetings["plenary"]) == plenary
    assert not MeetingAlias.objects.filter(key=plenary).exists()


def test_the_merge_page_is_for_editors(client, viewer, editor, meetings):
    key = _key(meetings["work2"])
    url = reverse("meeting_merge") + "?" + "meeting=" + key
    client.force_login(viewer)
    assert client.get(url).status_code == 403
    assert client.post(url, {"target": "全市人大工作会议"}).status_code == 403
    assert _key(meetings["work2"]) == key
    client.force_login(editor)
    page = client.get(url)
    assert page.status_code == 200
    assert "全市人大工作会议" in page.context["names"]
    assert "全市人大工作座谈会" not in page.context["names"]
    response = client.post(url, {"target": "全市人大工作会议"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("speech_list"))
    assert _key(meetings["work2"]) == _key(meetings["work"])
    listing = client.get(reverse("speech_list"), {"event": "全市人大工作座谈会"})
    assert {s.title for s in listing.context["page_obj"]} == {
        "在全市人大工作会议上的讲话", "在全市人大工作座谈会上的讲话",
    }


def test_the_merge_page_refuses_unknown_and_same_meetings(editor_client, meetings):
    url = reverse("meeting_merge") + "?meeting=" + _key(meetings["plenary"])
    for target in ("没有这个会议", "中共十九届中央纪委三次全会", "十九届中央纪委三次全会"):
        response = editor_client.post(url, {"target": target})
        assert response.status_code == 200 and response.context["form"].errors
    assert not MeetingAlias.objects.exists()
    assert editor_client.get(reverse("meeting_merge") + "?meeting=无").status_code == 404


def test_the_meetings_page_links_editors_to_the_merge_and_sorts_by_pinyin(
    meetings, client, viewer, editor, django_assert_max_num_queries
):
    client.force_login(editor)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("meeting_list"), {"sort": "event"})
    names = [m["event"] for m in response.context["meetings"]]
    # Pinyin order (jiao4 before ren2, quan2 before shi2), not code point order
    # (人 U+4EBA before 教 U+6559).
    assert names == [
        "全市教育工作会议", "全市人大工作会议", "全市人大工作座谈会", "中共十九届中央纪委三次全会",
    ]
    assert reverse("meeting_merge") in response.content.decode()
    client.force_login(viewer)
    assert reverse("meeting_merge") not in client.get(reverse("meeting_list")).content.decode()


def test_the_api_merges_for_editors_only(meetings, client, viewer, editor):
    url = reverse("api:merge_meetings")
    body = {"source": "全市人大工作座谈会", "target": "全市人大工作会议"}
    client.force_login(viewer)
    refused = client.post(url, json.dumps(body), content_type="application/json")
    assert refused.status_code == 403
    assert not MeetingAlias.objects.exists()
    client.force_login(editor)
    editor_client = client
    response = editor_client.post(url, json.dumps(body), content_type="application/json")
    assert response.status_code == 200, response.content
    assert response.json() == {
        "key": _key(meetings["work"]), "name": "全市人大工作会议", "speech_count": 2,
    }
    same = editor_client.post(url, json.dumps(body), content_type="application/json")
    assert same.status_code == 422
    unknown = editor_client.post(
        url, json.dumps({"source": "无此会", "target": "全市人大工作会议"}),
        content_type="application/json",
    )
    assert unknown.status_code == 404 and unknown.json()["code"] == "not-found"


def test_the_api_merge_needs_the_csrf_token_in_a_browser_session(meetings, editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.post(
        reverse("api:merge_meetings"),
        json.dumps({"source": "全市人大工作座谈会", "target": "全市人大工作会议"}),
        content_type="application/json",
    )
    assert response.status_code == 403
    assert not MeetingAlias.objects.exists()


def test_the_api_merge_names_and_counts_the_meeting_by_its_current_speeches(
    meetings, client, editor
):
    """The target's only printed name left is a withdrawn compilation's: the
    answer names the meeting as the list of meetings does, by its current speech."""
    withdraw_compilation(compilation=meetings["work"].compilation, actor=editor)
    client.force_login(editor)
    body = {"source": "全市人大工作座谈会", "target": "全市人大工作会议"}
    merged = client.post(
        reverse("api:merge_meetings"), json.dumps(body), content_type="application/json"
    ).json()
    listed = {row["key"]: row for row in client.get("/api/meetings").json()["items"]}
    assert merged == {
        "key": _key(meetings["work"]), "name": "全市人大工作座谈会", "speech_count": 1,
    }
    assert (listed[merged["key"]]["name"], listed[merged["key"]]["speech_count"]) == (
        "全市人大工作座谈会", 1,
    )
    # None current: still named, no speech counted.
    for speech in (meetings["plenary"], meetings["plenary2"], meetings["other"]):
        withdraw_compilation(compilation=speech.compilation, actor=editor)
    body = {"source": "全市教育工作会议", "target": "中共十九届中央纪委三次全会"}
    again = client.post(
        reverse("api:merge_meetings"), json.dumps(body), content_type="application/json"
    ).json()
    assert (again["name"], again["speech_count"]) == ("中共十九届中央纪委三次全会", 0)
