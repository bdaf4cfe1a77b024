"""Correcting speeches and compilations after import, in bulk, and undoing it from the history."""

import lxml.html
import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from accounts.models import Activity, Verb
from speeches.models import Speaker, Speech
from speeches.services.editing import (
    EditRefused,
    bulk_edit_speeches,
    edit_compilation,
    edit_speech,
    undo_change,
    undone_ids,
)
from speeches.services.speakers import set_speech_speaker
from tests.conftest import make_user
from tests.speeches.browse_data import import_speech, import_text


@pytest.fixture
def speech(db):
    return import_speech(
        title="在全市经济工作会议上的讲话",
        speaker="王萍",
        date="2023年5月6日",
        paragraphs=["发展经济。"],
    )


@pytest.fixture
def compilation(db):
    text = "".join(
        f"第{n}篇：第{n}次会议上的讲话\n同志们：\n一、抓学习\n要学{n}。\n二、抓落实\n要干。\n"
        for n in range(1, 4)
    )
    return import_text(text, source="三篇.txt")


def last_entry():
    return Activity.objects.order_by("-id").first()


def test_every_field_of_a_speech_is_corrected_and_logged(speech, editor):
    done = edit_speech(
        speech=speech,
        actor=editor,
        changes={
            "title": " 在全市经济工作会议上的 讲话（摘要） ",
            "date": "2023年5月",
            "event": "全市经济工作会议",
            "place": "北京",
            "speaker": "李强",
            "speaker_raw": "李强同志",
            "role": "市长",
            "salutation": "各位代表：",
        },
    )
    speech.refresh_from_db()
    assert speech.title == "在全市经济工作会议上的 讲话（摘要）"
    assert (speech.date.isoformat(), speech.date_precision) == ("2023-05-01", "month")
    assert (speech.event, speech.place, speech.role) == ("全市经济工作会议", "北京", "市长")
    assert speech.speaker.name == "李强" and speech.speaker_raw == "李强同志"
    assert speech.salutation == "各位代表："
    assert done["date"] == {"before": "2023-05-06", "after": "2023-05"}
    wang = Speaker.objects.get(name="王萍")
    assert done["speaker"]["before"] == "王萍" and done["speaker"]["before_id"] == wang.pk
    entry = last_entry()
    assert (entry.verb, entry.actor, entry.speech_id) == (Verb.EDIT, editor, speech.pk)
    assert entry.data["action"] == "edit-speech"
    assert entry.data["changes"]["title"]["before"] == "在全市经济工作会议上的讲话"


def test_unchanged_fields_are_not_logged(speech, editor):
    before = Activity.objects.count()
    assert edit_speech(speech=speech, actor=editor, changes={"title": speech.title}) == {}
    assert Activity.objects.count() == before
    done = edit_speech(speech=speech, actor=editor, changes={"title": speech.title, "place": "京"})
    assert list(done) == ["place"]


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        ({"title": "  "}, "required", "title"),
        ({"date": "2024-02-30"}, "invalid-date", "date"),
        ({"date": "去年"}, "invalid-date", "date"),
        ({"place": "京" * 201}, "too-long", "place"),
        ({"text": "改"}, "unknown-field", None),
        ({"role": 3}, "invalid", "role"),
    ],
)
def test_bad_corrections_are_refused_and_change_nothing(speech, editor, changes, code, field):
    before = Activity.objects.count()
    with pytest.raises(EditRefused) as refused:
        edit_speech(speech=speech, actor=editor, changes={"salutation": "各位：", **changes})
    assert (refused.value.code, refused.value.field) == (code, field)
    speech.refresh_from_db()
    assert speech.salutation == "同志们：" and Activity.objects.count() == before


def test_an_empty_date_makes_the_speech_undated(speech, editor):
    edit_speech(speech=speech, actor=editor, changes={"date": ""})
    speech.refresh_from_db()
    assert speech.date is None and speech.date_precision == ""


def test_only_editors_correct(speech, annotator):
    with pytest.raises(PermissionDenied):
        edit_speech(speech=speech, actor=annotator, changes={"title": "改"})
    with pytest.raises(PermissionDenied):
        edit_compilation(compilation=speech.compilation, actor=annotator, changes={"title": "改"})


def test_a_compilation_title_and_description(speech, editor):
    compilation = speech.compilation
    edit_compilation(
        compilation=compilation,
        actor=editor,
        changes={"title": "2023年讲话", "description": "市政府网站上的讲话。\n共一篇。"},
    )
    compilation.refresh_from_db()
    assert compilation.title == "2023年讲话"
    assert compilation.description == "市政府网站上的讲话。\n共一篇。"
    entry = last_entry()
    assert (entry.target_type, entry.target_id) == ("speeches.compilation", compilation.pk)
    with pytest.raises(EditRefused):
        edit_compilation(compilation=compilation, actor=editor, changes={"title": ""})


def test_bulk_sets_the_speaker_and_meeting_of_chosen_speeches(compilation, editor):
    first, second, third = compilation.speeches.order_by("position")
    result = bulk_edit_speeches(
        compilation=compilation,
        speech_ids=[first.pk, second.pk],
        actor=editor,
        changes={"speaker": "习近平", "event": "中央经济工作会议"},
    )
    assert (result.changed, result.unchanged) == (2, 0)
    rows = {s.pk: s for s in Speech.objects.select_related("speaker")}
    assert rows[first.pk].speaker.name == rows[second.pk].speaker.name == "习近平"
    assert rows[third.pk].speaker is None and rows[third.pk].event == "第3次会议"
    entries = Activity.objects.filter(data__batch=result.batch)
    assert sorted(e.speech_id for e in entries) == [first.pk, second.pk]


def test_bulk_is_all_or_nothing(compilation, editor, speech):
    first = compilation.speeches.first()
    with pytest.raises(EditRefused) as refused:
        bulk_edit_speeches(
            compilation=compilation,
            speech_ids=[first.pk, speech.pk],
            actor=editor,
            changes={"event": "会议"},
        )
    assert refused.value.code == "not-in-compilation"
    with pytest.raises(EditRefused) as refused:
        bulk_edit_speeches(
            compilation=compilation,
            speech_ids=[first.pk],
            actor=editor,
            changes={"title": "同一个标题"},
        )
    assert refused.value.code == "unknown-field"
    assert not Speech.objects.filter(event="会议").exists()


def test_undo_puts_every_field_back(speech, editor):
    wang = speech.speaker
    edit_speech(
        speech=speech,
        actor=editor,
        changes={"title": "新标题", "date": "2024", "speaker": "李强", "event": "会议"},
    )
    entry = last_entry()
    undo_change(entry=entry, actor=editor)
    speech.refresh_from_db()
    assert speech.title == "在全市经济工作会议上的讲话"
    assert (speech.date.isoformat(), speech.date_precision) == ("2023-05-06", "day")
    assert speech.speaker == wang and speech.event == "全市经济工作会议"
    undo = last_entry()
    assert undo.data["undo_of"] == entry.pk
    assert undone_ids([entry, undo]) == {entry.pk}
    with pytest.raises(EditRefused) as refused:
        undo_change(entry=entry, actor=editor)
    assert refused.value.code == "already-undone"
    # The undo is a change like any other: undoing it redoes the edit.
    undo_change(entry=undo, actor=editor)
    speech.refresh_from_db()
    assert speech.title == "新标题" and speech.speaker.name == "李强"


def test_undo_never_overwrites_a_later_correction(speech, editor):
    edit_speech(speech=speech, actor=editor, changes={"title": "第一次"})
    first = last_entry()
    edit_speech(speech=speech, actor=editor, changes={"title": "第二次"})
    with pytest.raises(EditRefused) as refused:
        undo_change(entry=first, actor=editor)
    assert refused.value.code == "changed-since"
    speech.refresh_from_db()
    assert speech.title == "第二次"


def test_undo_of_a_compilation_edit_and_a_speaker_attribution(speech, editor):
    compilation = speech.compilation
    title = compilation.title
    edit_compilation(compilation=compilation, actor=editor, changes={"title": "改名"})
    undo_change(entry=last_entry(), actor=editor)
    compilation.refresh_from_db()
    assert compilation.title == title
    wang = speech.speaker
    set_speech_speaker(speech=speech, name="李强", actor=editor)
    undo_change(entry=last_entry(), actor=editor)
    speech.refresh_from_db()
    assert speech.speaker == wang


def test_undo_refuses_what_is_no_edit(speech, editor, annotator):
    entry = Activity.objects.get(verb=Verb.IMPORT)
    with pytest.raises(EditRefused) as refused:
        undo_change(entry=entry, actor=editor)
    assert refused.value.code == "not-undoable"
    edit_speech(speech=speech, actor=editor, changes={"title": "改"})
    with pytest.raises(PermissionDenied):
        undo_change(entry=last_entry(), actor=annotator)


# ---- The pages ----


def test_the_edit_page_corrects_a_speech(editor_client, speech):
    url = reverse("speech_edit", args=[speech.pk])
    page = editor_client.get(url)
    assert page.status_code == 200
    form = page.context["form"]
    assert form.initial["date"] == "2023-05-06" and form.initial["speaker"] == "王萍"
    data = {**form.initial, "title": "新标题", "date": "2023年"}
    response = editor_client.post(url, data)
    assert response.status_code == 302 and response["Location"] == speech.get_absolute_url()
    speech.refresh_from_db()
    assert speech.title == "新标题" and speech.date_precision == "year"


def test_the_edit_page_shows_a_refusal_on_its_field_and_keeps_the_input(editor_client, speech):
    url = reverse("speech_edit", args=[speech.pk])
    data = {**editor_client.get(url).context["form"].initial, "date": "2024-13", "place": "京"}
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors["date"]
    assert 'value="京"' in response.content.decode()
    speech.refresh_from_db()
    assert speech.place == ""


def test_edit_pages_are_for_editors_with_csrf(client, annotator, speech):
    client.force_login(annotator)
    for name, pk in [("speech_edit", speech.pk), ("compilation_edit", speech.compilation_id)]:
        assert client.get(reverse(name, args=[pk])).status_code == 403
    bulk = reverse("compilation_bulk_edit", args=[speech.compilation_id])
    assert client.post(bulk).status_code == 403
    csrf = Client(enforce_csrf_checks=True)
    csrf.force_login(make_user("editor2", "editor"))
    response = csrf.post(reverse("speech_edit", args=[speech.pk]), {"title": "改"})
    assert response.status_code == 403


def test_the_compilation_page_edits_and_bulk_edits(editor_client, compilation):
    url = reverse("compilation_edit", args=[compilation.pk])
    editor_client.post(url, {"title": "三篇讲话", "description": "摘自市政府网站。"})
    page = editor_client.get(compilation.get_absolute_url()).content.decode()
    assert "三篇讲话" in page and "摘自市政府网站。" in page
    assert 'form="bulk-edit"' in page
    first, second, _third = compilation.speeches.order_by("position")
    response = editor_client.post(
        reverse("compilation_bulk_edit", args=[compilation.pk]),
        {"speeches": [first.pk, second.pk], "speaker": "习近平", "event": ""},
        follow=True,
    )
    assert "2" in str(list(response.context["messages"])[0])
    assert set(Speech.objects.filter(speaker__name="习近平")) == {first, second}


def test_a_bulk_edit_without_speeches_or_fields_says_so(editor_client, compilation):
    url = reverse("compilation_bulk_edit", args=[compilation.pk])
    response = editor_client.post(url, {"speaker": "习近平"}, follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    first = compilation.speeches.first()
    response = editor_client.post(url, {"speeches": [first.pk]}, follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert not Speech.objects.filter(speaker__name="习近平").exists()


def test_the_compilation_page_for_readers_has_no_bulk_form(viewer_client, compilation):
    page = viewer_client.get(compilation.get_absolute_url()).content.decode()
    assert 'form="bulk-edit"' not in page and "compilation_edit" not in page


def test_undo_from_the_speech_history(editor_client, speech, editor):
    edit_speech(speech=speech, actor=editor, changes={"place": "北京"})
    entry = last_entry()
    history = reverse("speech_history", args=[speech.pk])
    page = editor_client.get(history)
    assert page.context["undoable"] == {entry.pk}
    html = lxml.html.fromstring(page.content)
    (form,) = html.cssselect(f'form[action="{reverse("undo_change", args=[entry.pk])}"]')
    assert form.cssselect("input[name=csrfmiddlewaretoken]")
    assert "北京" in page.content.decode()
    response = editor_client.post(reverse("undo_change", args=[entry.pk]), {"next": history})
    assert response["Location"] == history
    speech.refresh_from_db()
    assert speech.place == ""
    assert editor_client.get(history).context["undoable"] == {last_entry().pk}


def test_undo_refused_says_why_and_readers_cannot_undo(
    client, editor_client, speech, editor, viewer
):
    edit_speech(speech=speech, actor=editor, changes={"place": "北京"})
    entry = last_entry()
    edit_speech(speech=speech, actor=editor, changes={"place": "上海"})
    response = editor_client.post(reverse("undo_change", args=[entry.pk]), follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    client.force_login(viewer)
    assert client.post(reverse("undo_change", args=[entry.pk])).status_code == 403
    assert client.get(reverse("speech_history", args=[speech.pk])).context["undoable"] == set()


def test_an_undo_never_redirects_off_site(editor_client, speech, editor):
    edit_speech(speech=speech, actor=editor, changes={"place": "北京"})
    entry = last_entry()
    response = editor_client.post(
        reverse("undo_change", args=[entry.pk]), {"next": "https://example.com/"}
    )
    assert response["Location"] == reverse("speech_history", args=[speech.pk])


def test_an_undo_goes_back_to_a_next_that_is_no_view_name(editor_client, speech, editor):
    """``next`` is a URL: "abc" was read as a view name to reverse (a 500)."""
    for back in ("abc", "-1", "speech_history"):
        edit_speech(speech=speech, actor=editor, changes={"place": "北京"})
        response = editor_client.post(
            reverse("undo_change", args=[last_entry().pk]), {"next": back}
        )
        assert response.status_code == 302 and response["Location"] == back
    speech.refresh_from_db()
    assert speech.place == ""


def test_the_compilation_history(editor_client, compilation, editor, django_assert_max_num_queries):
    first = compilation.speeches.first()
    edit_compilation(compilation=compilation, actor=editor, changes={"title": "新名"})
    for n in range(5):
        edit_speech(speech=first, actor=editor, changes={"place": f"地方{n}"})
    url = reverse("compilation_history", args=[compilation.pk])
    with django_assert_max_num_queries(10):
        page = editor_client.get(url)
    entries = list(page.context["page_obj"].object_list)
    # The import is there too, and cannot be undone.
    assert [e.verb for e in entries][-1] == Verb.IMPORT and len(entries) == 7
    assert page.context["undoable"] == {e.pk for e in entries[:-1]}
    assert "新名" in page.content.decode() and "地方4" in page.content.decode()
