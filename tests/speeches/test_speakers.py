"""Speakers: the list, a speaker's page, merging two speakers, correcting a speech's speaker."""

import lxml.html
import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Activity, Verb
from speeches.models import Speaker, SpeakerAlias, Speech
from speeches.services.speakers import SpeakerChangeError, merge_speakers, set_speech_speaker
from tests.speeches.browse_data import import_speech


@pytest.fixture
def people(db):
    a = import_speech(title="在全市经济工作会议上的讲话", speaker="王萍", date="2023年5月6日",
                      paragraphs=["发展经济。"])
    b = import_speech(title="在全市人大工作会议上的讲话", speaker="王萍市长", date="2024年8月",
                      paragraphs=["加强人大监督。"])
    c = import_speech(title="在全市教育工作会议上的讲话", speaker="王 萍", date="2025年",
                      paragraphs=["发展教育。"])
    d = import_speech(title="市长在全市人大工作会议上的讲话", paragraphs=["市长讲话。"])
    return {"a": a, "b": b, "c": c, "role_only": d}


def test_the_speaker_list_counts_and_dates(viewer_client, people):
    response = viewer_client.get(reverse("speaker_list"))
    speakers = list(response.context["speakers"])
    assert [(s.name, s.speech_count) for s in speakers] == [("王萍", 3)]
    (wang,) = speakers
    assert (wang.first_precision, wang.last_precision) == ("day", "year")
    page = response.content.decode()
    assert "2023年5月6日" in page and "2025年" in page
    assert response.context["roles"][0][:2] == ("市长", 1)


def test_the_speaker_list_sorts(viewer_client, people):
    import_speech(title="讲话", speaker="李强", date="2026年1月2日", paragraphs=["一段。"])
    url = reverse("speaker_list")

    def by(sort):
        return [s.name for s in viewer_client.get(url, {"sort": sort}).context["speakers"]]

    assert by("-speeches") == ["王萍", "李强"]
    assert by("speeches") == ["李强", "王萍"]
    assert by("-last") == ["李强", "王萍"]
    assert by("first") == ["王萍", "李强"]


def test_a_speakers_page(viewer_client, people):
    wang = Speaker.objects.get(name="王萍")
    response = viewer_client.get(wang.get_absolute_url())
    assert [s.title for s in response.context["speeches"]] == [
        "在全市经济工作会议上的讲话",
        "在全市人大工作会议上的讲话",
        "在全市教育工作会议上的讲话",
    ]
    assert set(response.context["aliases"]) == {"王萍市长", "王 萍"}
    assert response.context["roles"] == [("市长", 1)]
    doc = lxml.html.fromstring(response.content.decode())
    (search,) = doc.cssselect("main form[role=search]")
    assert search.get("action") == reverse("search_page")
    assert search.cssselect("input[name=speaker]")[0].get("value") == str(wang.pk)


def next_link(response) -> str:
    doc = lxml.html.fromstring(response.content.decode())
    (link,) = doc.cssselect("nav.pagination a[rel=next]")
    return link.get("href")


def test_the_speaker_list_pages_in_the_chosen_order(viewer_client, db, monkeypatch):
    from speeches.views import speakers

    monkeypatch.setattr(speakers, "SPEAKERS_PER_PAGE", 2)
    for n, name in enumerate(["张伟", "李明", "刘洋", "陈静", "赵敏"]):
        import_speech(title=f"第{n}篇讲话", speaker=name, paragraphs=["一段。"])
    # Names sort by pinyin: 陈 chen, 李 li, 刘 liu, 张 zhang, 赵 zhao.
    by_name = ["陈静", "李明", "刘洋", "张伟", "赵敏"]
    url = reverse("speaker_list")

    def names(**params):
        return [s.name for s in viewer_client.get(url, params).context["speakers"]]

    assert names(sort="name") == by_name[:2]
    assert names(sort="name", page=2) == by_name[2:4]
    assert names(sort="name", page=3) == by_name[4:]
    assert names(sort="-name", page=2) == by_name[::-1][2:4]
    assert next_link(viewer_client.get(url, {"sort": "-name"})) == "?sort=-name&page=2"


def test_a_speakers_speeches_page_oldest_first(viewer_client, db, monkeypatch):
    from speeches.views import speakers

    monkeypatch.setattr(speakers, "SPEECHES_PER_PAGE", 2)
    for year in range(2020, 2025):
        import_speech(title=f"{year}年的讲话", speaker="王萍", date=f"{year}年3月1日",
                      paragraphs=["一段。"])
    url = Speaker.objects.get(name="王萍").get_absolute_url()

    def titles(**params):
        return [s.title for s in viewer_client.get(url, params).context["speeches"]]

    assert titles() == ["2020年的讲话", "2021年的讲话"]
    assert titles(page=2) == ["2022年的讲话", "2023年的讲话"]
    assert titles(page=3) == ["2024年的讲话"]
    # The page has no filters or orders of its own to keep: the link is the page alone.
    assert next_link(viewer_client.get(url)) == "?page=2"


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


OTHERS = ["张伟", "李明", "刘洋", "陈静"]


@pytest.mark.parametrize("page", ["list", "speaker"])
def test_speaker_pages_query_counts_do_not_grow(viewer_client, db, page):
    import_speech(title="在全市人大工作会议上的讲话", speaker="王萍", date="2024年8月12日",
                  paragraphs=["一段。"])
    wang = Speaker.objects.get(name="王萍")
    url = reverse("speaker_list") if page == "list" else wang.get_absolute_url()
    viewer_client.get(url)  # warm the session
    few = count_queries(viewer_client, url)
    # More speeches for the speaker (other printed names, roles and meetings),
    # more speakers, and role-only speeches for the list's side panel.
    for n in range(12):
        import_speech(title=f"在第{n}次会议上的讲话", speaker=["王萍", "王萍市长", "王 萍"][n % 3],
                      date=f"20{10 + n}年{n % 12 + 1}月", paragraphs=[f"第{n}段。"])
        import_speech(title=f"在第{n}次座谈会上的讲话", speaker=OTHERS[n % 4],
                      paragraphs=[f"第{n}段。"])
        import_speech(title=f"{['市长', '副市长', '书记'][n % 3]}在第{n}次全会上的讲话",
                      paragraphs=[f"第{n}段。"])
    assert wang.speeches.count() == 13 and Speaker.objects.count() == 5
    assert count_queries(viewer_client, url) == few


def test_merging_moves_speeches_and_names_and_keeps_the_old_link(people, editor):
    wang = Speaker.objects.get(name="王萍")
    li = Speaker.objects.create(name="李强", slug="李强")
    SpeakerAlias.objects.create(name="李强同志", speaker=li)
    Speech.objects.filter(pk=people["a"].pk).update(speaker=li)

    survivor = merge_speakers(source=li, target=wang, actor=editor)

    assert survivor == wang
    li.refresh_from_db()
    assert li.merged_into == wang
    assert set(wang.speeches.values_list("pk", flat=True)) == {
        people["a"].pk, people["b"].pk, people["c"].pk
    }
    assert set(wang.aliases.values_list("name", flat=True)) >= {"李强", "李强同志"}
    entry = Activity.objects.get(verb=Verb.SPEAKER)
    assert entry.actor == editor and entry.target_id == wang.pk and entry.speech_id is None
    assert entry.data["speeches"] == 1 and entry.summary == "李强 → 王萍"


def test_a_later_import_of_a_merged_name_links_to_the_survivor(people, editor):
    wang = Speaker.objects.get(name="王萍")
    li = Speaker.objects.create(name="李强", slug="李强")
    merge_speakers(source=li, target=wang, actor=editor)
    speech = import_speech(title="又一篇讲话", speaker="李强", paragraphs=["一段。"])
    assert speech.speaker == wang


def test_a_speaker_is_found_alike_by_name_alias_id_or_slug_and_merges_are_followed(
    people, editor
):
    """One lookup for the import, the merge form and every filter: a merged
    speaker's name, alias, id or slug all give the speaker it became."""
    wang = Speaker.objects.get(name="王萍")
    li = Speaker.objects.create(name="李强", slug="li-qiang")
    SpeakerAlias.objects.create(name="李强同志", speaker=li)
    merge_speakers(source=li, target=wang, actor=editor)
    for name in ("王萍", "王 萍", "李强", "李强同志"):
        assert Speaker.objects.find_by_name(name) == wang
    for value in (str(wang.pk), wang.slug, str(li.pk), "li-qiang", " li-qiang "):
        assert Speaker.objects.find(value) == wang
    assert Speaker.objects.find_by_name("没有这个人") is None
    assert Speaker.objects.find("") is None and Speaker.objects.find("999999") is None
    assert import_speech(title="讲话", speaker="李强同志", paragraphs=["一段。"]).speaker == wang


def test_merges_flatten_chains_and_refuse_loops(people, editor):
    wang = Speaker.objects.get(name="王萍")
    li = Speaker.objects.create(name="李强", slug="李强")
    zhang = Speaker.objects.create(name="张伟", slug="张伟")
    merge_speakers(source=zhang, target=li, actor=editor)
    merge_speakers(source=li, target=wang, actor=editor)
    zhang.refresh_from_db()
    assert zhang.merged_into == wang
    with pytest.raises(SpeakerChangeError):
        merge_speakers(source=wang, target=wang, actor=editor)
    with pytest.raises(SpeakerChangeError):
        merge_speakers(source=li, target=wang, actor=editor)


def test_the_merge_page_is_for_editors(client, viewer, editor, people):
    li = Speaker.objects.create(name="李强", slug="李强")
    url = reverse("speaker_merge", args=[li.slug])
    client.force_login(viewer)
    assert client.get(url).status_code == 403
    assert client.post(url, {"target": "王萍"}).status_code == 403
    client.force_login(editor)
    assert client.get(url).status_code == 200
    response = client.post(url, {"target": "王萍市长"})  # an alias names the speaker too
    wang = Speaker.objects.get(name="王萍")
    assert response.status_code == 302 and response["Location"] == wang.get_absolute_url()
    # The old page forwards, for good.
    old = client.get(reverse("speaker_detail", args=["李强"]))
    assert old.status_code == 301 and old["Location"] == wang.get_absolute_url()


def test_the_merge_form_refuses_unknown_and_same_speakers(editor_client, people):
    wang = Speaker.objects.get(name="王萍")
    url = reverse("speaker_merge", args=[wang.slug])
    for target in ("没有这个人", "王萍", "王 萍"):
        response = editor_client.post(url, {"target": target})
        assert response.status_code == 200 and response.context["form"].errors
    assert not Speaker.objects.filter(merged_into__isnull=False).exists()


def test_correcting_a_speeches_speaker(people, editor):
    speech = people["role_only"]
    wang = Speaker.objects.get(name="王萍")
    assert set_speech_speaker(speech=speech, name="王萍市长", actor=editor) == wang
    speech.refresh_from_db()
    assert speech.speaker == wang and speech.speaker_raw == "市长"  # as printed, unchanged
    entry = Activity.objects.get(verb=Verb.SPEAKER)
    assert entry.speech_id == speech.pk and entry.target_type == "speeches.speech"
    assert entry.data == {"action": "attribute", "from": None, "to": wang.pk}

    created = set_speech_speaker(speech=speech, name=" 李  强 ", actor=editor)
    assert created.name == "李 强"
    assert set_speech_speaker(speech=speech, name="", actor=editor) is None
    speech.refresh_from_db()
    assert speech.speaker is None
    assert Activity.objects.filter(verb=Verb.SPEAKER, speech_id=speech.pk).count() == 3
    # Saying what is already so logs nothing.
    set_speech_speaker(speech=speech, name="", actor=editor)
    assert Activity.objects.filter(verb=Verb.SPEAKER).count() == 3


def test_the_speaker_correction_page_is_for_editors(client, viewer, editor, people):
    speech = people["role_only"]
    url = reverse("speech_speaker_edit", args=[speech.pk])
    client.force_login(viewer)
    assert client.post(url, {"name": "王萍"}).status_code == 403
    client.force_login(editor)
    response = client.post(url, {"name": "王萍"})
    assert response.status_code == 302 and response["Location"] == speech.get_absolute_url()
    speech.refresh_from_db()
    assert speech.speaker.name == "王萍"


def test_anonymous_editors_are_sent_to_log_in(client, people):
    speech = people["role_only"]
    response = client.post(reverse("speech_speaker_edit", args=[speech.pk]), {"name": "王萍"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("role", ["viewer", "annotator"])
def test_only_editors_correct_speakers(request, people, role):
    """The services check the role themselves, as the annotation services do."""
    actor = request.getfixturevalue(role)
    wang = Speaker.objects.get(name="王萍")
    li = Speaker.objects.create(name="李强", slug="李强")
    with pytest.raises(PermissionDenied):
        merge_speakers(source=li, target=wang, actor=actor)
    with pytest.raises(PermissionDenied):
        set_speech_speaker(speech=people["a"], name="李强", actor=actor)
    li.refresh_from_db()
    people["a"].refresh_from_db()
    assert li.merged_into is None and people["a"].speaker == wang
    assert not Activity.objects.filter(verb=Verb.SPEAKER).exists()


def test_speeches_naming_neither_person_nor_role_are_not_listed_as_role_only(viewer_client, people):
    import_speech(title="在会议上的讲话", paragraphs=["一段。"])
    import_speech(title="在另一次会议上的讲话", paragraphs=["又一段。"])
    assert Speech.objects.filter(speaker=None, role="").count() == 2
    response = viewer_client.get(reverse("speaker_list"))
    assert response.context["roles"] == [("市长", 1, None, None)]
    doc = lxml.html.fromstring(response.content.decode())
    (role_only,) = doc.cssselect(".speakers-role-only")
    assert "仅有职务" in role_only.text_content() and "市长" in role_only.text_content()
    assert "未注明职务" not in role_only.text_content()
    (neither,) = doc.cssselect(".speakers-unattributed")
    assert "既无姓名也无职务" in neither.text_content()
    assert "2 篇讲话既未署名讲话人，也未注明职务" in neither.text_content()
    assert neither.cssselect("a")[0].get("href") == reverse("speech_list") + "?named=0"
