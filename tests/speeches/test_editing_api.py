"""The corrections API: PATCH a speech or a compilation, bulk edits, the history, undo."""

import pytest

from accounts.models import Activity
from accounts.tokens import create_token
from speeches.models import Speech
from tests.speeches.browse_data import import_speech, import_text


@pytest.fixture
def speech(db):
    return import_speech(
        title="在全市经济工作会议上的讲话", speaker="王萍", date="2023年5月6日",
        paragraphs=["发展经济。"],
    )


def patch(client, url, data):
    return client.patch(url, data, content_type="application/json")


def test_patch_a_speech(editor_client, speech):
    response = patch(editor_client, f"/api/speeches/{speech.pk}",
                     {"date": "2023年5月", "speaker": "李强", "salutation": "各位："})
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["date"], body["date_precision"]) == ("2023-05", "month")
    assert body["speaker"]["name"] == "李强" and body["salutation"] == "各位："
    assert body["title"] == "在全市经济工作会议上的讲话"  # not sent, not changed


def test_a_refused_patch_names_the_field_and_writes_nothing(editor_client, speech):
    before = Activity.objects.count()
    response = patch(editor_client, f"/api/speeches/{speech.pk}",
                     {"date": "2023-02-30", "place": "北京"})
    assert response.status_code == 422
    assert response.json()["code"] == "invalid-date"
    assert response.json()["details"] == {"field": "date"}
    speech.refresh_from_db()
    assert speech.place == "" and Activity.objects.count() == before
    response = patch(editor_client, f"/api/speeches/{speech.pk}", {"title": ""})
    assert response.json()["code"] == "required"


def test_corrections_are_for_editors(client, annotator, speech):
    client.force_login(annotator)
    assert patch(client, f"/api/speeches/{speech.pk}", {"title": "改"}).status_code == 403
    url = f"/api/compilations/{speech.compilation_id}"
    assert patch(client, url, {"title": "改"}).status_code == 403
    _, secret = create_token(user=annotator, name="t", scope="write")
    response = client.generic(
        "PATCH", f"/api/speeches/{speech.pk}", '{"title": "改"}',
        content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    assert response.status_code == 403
    speech.refresh_from_db()
    assert speech.title != "改"


def test_patch_a_compilation(editor_client, speech):
    url = f"/api/compilations/{speech.compilation_id}"
    response = patch(editor_client, url, {"description": "摘自网站。"})
    assert response.status_code == 200
    assert response.json()["description"] == "摘自网站。"
    assert editor_client.get(url).json()["description"] == "摘自网站。"


def test_bulk_edit_and_undo_through_the_api(editor_client, db):
    text = "".join(
        f"第{n}篇：第{n}次会议上的讲话\n同志们：\n一、抓学习\n要学{n}。\n" for n in range(1, 4)
    )
    compilation = import_text(text, source="三篇.txt")
    ids = list(compilation.speeches.order_by("position").values_list("pk", flat=True))
    response = editor_client.post(
        f"/api/compilations/{compilation.pk}/speeches/bulk-edit",
        {"speech_ids": ids[:2], "changes": {"speaker": "习近平", "event": "会议"}},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["changed"] == 2
    assert Speech.objects.filter(speaker__name="习近平").count() == 2

    changes = editor_client.get(f"/api/compilations/{compilation.pk}/changes").json()
    assert changes["total"] == 2 and all(item["undoable"] for item in changes["items"])
    entry = changes["items"][0]
    assert entry["changes"]["event"]["after"] == "会议"

    undone = editor_client.post(f"/api/changes/{entry['id']}/undo")
    assert undone.status_code == 200
    assert undone.json()["undo_of"] == entry["id"]
    again = editor_client.post(f"/api/changes/{entry['id']}/undo")
    assert (again.status_code, again.json()["code"]) == (409, "already-undone")
    speech = Speech.objects.get(pk=entry["speech_id"])
    assert speech.speaker is None and speech.event != "会议"
    history = editor_client.get(f"/api/speeches/{speech.pk}/changes").json()
    assert [item["undoable"] for item in history["items"]] == [True, False]


def test_bulk_edit_refusals(editor_client, speech):
    other = import_speech(title="另一篇讲话", paragraphs=["内容。"])
    url = f"/api/compilations/{speech.compilation_id}/speeches/bulk-edit"
    response = editor_client.post(
        url, {"speech_ids": [speech.pk, other.pk], "changes": {"event": "会议"}},
        content_type="application/json",
    )
    assert (response.status_code, response.json()["code"]) == (422, "not-in-compilation")
    response = editor_client.post(
        url, {"speech_ids": [speech.pk], "changes": {}}, content_type="application/json"
    )
    assert (response.status_code, response.json()["code"]) == (422, "no-changes")


def test_undo_of_an_import_is_refused(editor_client, speech):
    entry = Activity.objects.get()
    response = editor_client.post(f"/api/changes/{entry.pk}/undo")
    assert (response.status_code, response.json()["code"]) == (422, "not-undoable")


# ---- Structural corrections ----


def test_split_and_merge_a_paragraph_through_the_api(editor_client, speech, annotator):
    from annotations import services
    from annotations.models import Annotation, Theme

    paragraph = speech.paragraphs.get(position=1)
    assert paragraph.text == "发展经济。"
    services.tag_passage(paragraph=paragraph, start=0, end=4, quote="发展经济",
                         themes=[Theme.objects.filter(active=True).first()], author=annotator)
    url = f"/api/speeches/{speech.pk}/paragraphs/1/split"
    response = editor_client.post(url, {"at": 2}, content_type="application/json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["annotations_split"] == 1 and body["new_speech_id"] is None
    assert [p.text for p in speech.paragraphs.order_by("position")] == ["发展", "经济。"]
    assert sorted(Annotation.objects.values_list("quote", flat=True)) == ["发展", "经济"]

    response = editor_client.post(f"/api/changes/{body['change_id']}/undo")
    assert response.status_code == 200
    assert [p.text for p in speech.paragraphs.order_by("position")] == ["发展经济。"]


def test_structural_refusals_through_the_api(editor_client, speech, client, annotator):
    url = f"/api/speeches/{speech.pk}/paragraphs/1/split"
    response = editor_client.post(url, {"at": 99}, content_type="application/json")
    assert (response.status_code, response.json()["code"]) == (422, "bad-offset")
    response = editor_client.post(f"/api/speeches/{speech.pk}/merge-next")
    assert (response.status_code, response.json()["code"]) == (422, "no-next")
    response = editor_client.post(f"/api/speeches/{speech.pk}/paragraphs/7/merge-next",
                                  {}, content_type="application/json")
    assert (response.status_code, response.json()["code"]) == (422, "no-paragraph")
    client.force_login(annotator)
    response = client.post(url, {"at": 2}, content_type="application/json")
    assert response.status_code == 403


def test_split_a_speech_and_headings_through_the_api(editor_client, db):
    text = "".join(
        f"第{n}篇：第{n}次会议上的讲话\n同志们：\n一、抓学习\n要学{n}。\n二、抓落实\n要干{n}。\n"
        for n in range(1, 3)
    )
    compilation = import_text(text, source="两篇.txt")
    first = compilation.speeches.order_by("position").first()
    response = editor_client.post(f"/api/speeches/{first.pk}/split",
                                  {"paragraph": 2, "title": "下半篇"},
                                  content_type="application/json")
    assert response.status_code == 200
    new = Speech.objects.get(pk=response.json()["new_speech_id"])
    assert new.title == "下半篇" and new.position == 2
    response = editor_client.patch(f"/api/speeches/{new.pk}/sections/1", {"level": 2},
                                   content_type="application/json")
    assert response.status_code == 200
    assert new.sections.get().level == 2
    response = editor_client.post(f"/api/speeches/{new.pk}/sections/1/to-paragraph")
    assert response.status_code == 200
    assert [p.text for p in new.paragraphs.order_by("position")] == ["二、抓落实", "要干1。"]
    response = editor_client.post(f"/api/speeches/{new.pk}/paragraphs/1/to-heading",
                                  {"level": 1}, content_type="application/json")
    assert response.status_code == 200
    assert new.sections.get().heading == "二、抓落实"
    response = editor_client.post(f"/api/speeches/{first.pk}/merge-next")
    assert response.status_code == 200
    assert compilation.speeches.count() == 2
