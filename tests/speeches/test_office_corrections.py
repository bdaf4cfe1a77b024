"""Editors correct the canonical office a speech's printed role was mapped to,
and the correction holds through later saves, role edits and re-derivations."""

import lxml.html
import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.models import Activity, Verb
from speeches.models import Speech
from speeches.services.editing import EditRefused, edit_speech
from speeches.services.speakers import set_speech_office
from tests.speeches.browse_data import import_speech


@pytest.fixture
def speech(db):
    # The parser maps the printed role 四川省人民政府省长 to 省长 of 四川省.
    return import_speech(
        title="在全省经济工作会议上的讲话",
        speaker="四川省人民政府省长 王萍",
        date="2026年1月5日",
        paragraphs=["发展经济。"],
    )


def reload(speech: Speech) -> Speech:
    return Speech.objects.get(pk=speech.pk)


def test_the_office_is_derived_from_the_role_at_import(speech):
    assert (speech.role, speech.office, speech.office_place) == (
        "四川省人民政府省长", "省长", "四川省"
    )
    assert speech.office_corrected is False


def test_a_corrected_office_survives_saves_and_role_edits(speech, editor):
    set_speech_office(speech=speech, office="常务副省长", place="四川省", actor=editor)
    speech = reload(speech)
    assert (speech.office, speech.office_place, speech.office_corrected) == (
        "常务副省长", "四川省", True
    )
    # A plain save re-derives the canonical fields: the correction stays.
    speech.save()
    assert (reload(speech).office, reload(speech).office_place) == ("常务副省长", "四川省")
    # So does an edit of the printed role (which saves with update_fields).
    edit_speech(speech=speech, changes={"role": "山东省省长"}, actor=editor)
    speech = reload(speech)
    assert speech.role == "山东省省长"
    assert (speech.office, speech.office_place) == ("常务副省长", "四川省")


def test_dropping_the_correction_derives_the_office_again(speech, editor):
    set_speech_office(speech=speech, office="副省长", place="", actor=editor)
    set_speech_office(speech=speech, office=None, actor=editor)
    speech = reload(speech)
    assert (speech.office, speech.office_place, speech.office_corrected) == (
        "省长", "四川省", False
    )
    # And it follows the printed role again.
    edit_speech(speech=speech, changes={"role": "国务院总理"}, actor=editor)
    assert (reload(speech).office, reload(speech).office_place) == ("国务院总理", "")


def test_an_empty_office_says_the_role_names_none(speech, editor):
    set_speech_office(speech=speech, office="", place="四川省", actor=editor)
    speech = reload(speech)
    assert (speech.office, speech.office_place, speech.office_corrected) == ("", "", True)
    speech.save()
    assert reload(speech).office == ""


def test_the_correction_is_logged_and_a_repeat_is_not(speech, editor):
    set_speech_office(speech=speech, office="副省长", place="四川省", actor=editor)
    set_speech_office(speech=speech, office="副省长", place="四川省", actor=editor)
    (entry,) = Activity.objects.filter(verb=Verb.SPEAKER, data__action="office")
    assert entry.speech_id == speech.pk
    assert entry.data["changes"] == {
        "office": {"before": "省长", "after": "副省长"},
        "office_corrected": {"before": False, "after": True},
    }


def test_the_role_filter_groups_by_the_corrected_office(speech, editor, viewer_client):
    other = import_speech(title="在全省教育工作会议上的讲话", speaker="四川省副省长 李明",
                          paragraphs=["发展教育。"])
    assert other.office == "副省长"
    set_speech_office(speech=speech, office="副省长", place="四川省", actor=editor)
    found = viewer_client.get("/api/speeches", {"role": "副省长"}).json()["items"]
    assert {item["id"] for item in found} == {speech.pk, other.pk}


def test_only_editors_correct_offices(speech, viewer, annotator):
    for actor in (viewer, annotator):
        with pytest.raises(PermissionDenied):
            set_speech_office(speech=speech, office="副省长", actor=actor)
    assert reload(speech).office == "省长"


def test_a_too_long_office_is_refused_and_nothing_written(speech, editor):
    with pytest.raises(EditRefused) as refused:
        set_speech_office(speech=speech, office="长" * 101, actor=editor)
    assert (refused.value.code, refused.value.field) == ("too-long", "office")
    assert reload(speech).office_corrected is False
    assert not Activity.objects.filter(data__action="office").exists()


# The page where speakers are edited.


def test_the_speaker_page_corrects_and_resets_the_office(editor_client, speech):
    url = reverse("speech_speaker_edit", args=[speech.pk])
    page = lxml.html.fromstring(editor_client.get(url).content)
    assert page.xpath("//input[@name='office-office']/@value") == ["省长"]
    assert not page.xpath("//input[@name='office-derive']")  # nothing to reset yet
    response = editor_client.post(
        url, {"office-office": "副省长", "office-office_place": "四川省", "office-submit": "1"}
    )
    assert response.status_code == 302
    speech = reload(speech)
    assert (speech.office, speech.office_corrected) == ("副省长", True)
    page = lxml.html.fromstring(editor_client.get(url).content)
    assert page.xpath("//input[@name='office-derive']")
    assert "副省长" in page.xpath("string(//dl[@class='facts'])")
    editor_client.post(url, {"office-office": "副省长", "office-derive": "on",
                             "office-submit": "1"})
    speech = reload(speech)
    assert (speech.office, speech.office_corrected) == ("省长", False)


def test_the_speaker_form_on_the_same_page_leaves_the_office_alone(editor_client, speech):
    url = reverse("speech_speaker_edit", args=[speech.pk])
    editor_client.post(url, {"name": "李明"})
    speech = reload(speech)
    assert speech.speaker.name == "李明"
    assert (speech.office, speech.office_corrected) == ("省长", False)


def test_the_page_refuses_a_too_long_office(editor_client, speech):
    url = reverse("speech_speaker_edit", args=[speech.pk])
    response = editor_client.post(url, {"office-office": "长" * 101, "office-submit": "1"})
    assert response.status_code == 200
    assert response.context["office_form"].errors["office"]
    assert reload(speech).office == "省长"


def test_viewers_cannot_post_the_office_form(viewer_client, speech):
    url = reverse("speech_speaker_edit", args=[speech.pk])
    response = viewer_client.post(url, {"office-office": "副省长", "office-submit": "1"})
    assert response.status_code == 403
    assert reload(speech).office == "省长"


# The API.


def test_the_api_reads_sets_and_drops_the_correction(editor_client, speech):
    url = f"/api/speeches/{speech.pk}/office"
    assert editor_client.get(url).json() == {
        "speech_id": speech.pk, "role": "四川省人民政府省长", "office": "省长",
        "office_place": "四川省", "corrected": False,
    }
    response = editor_client.put(url, {"office": "副省长", "office_place": "四川省"},
                                 content_type="application/json")
    assert response.status_code == 200
    assert response.json()["corrected"] is True and response.json()["office"] == "副省长"
    reload(speech).save()
    assert editor_client.get(url).json()["office"] == "副省长"
    response = editor_client.delete(url)
    assert response.json()["office"] == "省长" and response.json()["corrected"] is False


def test_the_api_refuses_readers(viewer_client, speech):
    url = f"/api/speeches/{speech.pk}/office"
    response = viewer_client.put(url, {"office": "副省长"}, content_type="application/json")
    assert response.status_code == 403
    assert viewer_client.delete(url).status_code == 403
    assert viewer_client.get(url).status_code == 200
    assert reload(speech).office == "省长" and reload(speech).office_corrected is False


def test_the_api_refuses_bad_values(editor_client, speech):
    url = f"/api/speeches/{speech.pk}/office"
    response = editor_client.put(url, {"office": "长" * 101}, content_type="application/json")
    assert response.status_code == 422
    response = editor_client.put(url, {"office_place": "四川省"}, content_type="application/json")
    assert response.status_code == 422
    assert editor_client.put(f"/api/speeches/{speech.pk + 999}/office", {"office": "省长"},
                             content_type="application/json").status_code == 404
    assert reload(speech).office == "省长" and reload(speech).office_corrected is False


def test_the_speaker_pages_facts_name_the_printed_role_and_the_office_apart(
    editor_client, speech
):
    # Both read 职务 side by side: the role as printed and the office it maps to.
    url = reverse("speech_speaker_edit", args=[speech.pk])
    page = lxml.html.fromstring(editor_client.get(url).content)
    labels = [dt.text_content() for dt in page.xpath("//dl[@class='facts']//dt")]
    assert labels == ["原文署名", "原文所印职务", "职务", "现在署名为"]
