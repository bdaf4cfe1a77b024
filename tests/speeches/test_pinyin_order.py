"""Names and titles sort by pinyin, not by code point."""

import pytest
from django.urls import reverse

from speeches.models import Speaker, Speech
from tests.speeches.browse_data import import_speech
from text.pinyin import pinyin_sort_key


def test_sort_key_follows_pinyin():
    names = ["张伟", "王萍", "李强", "安然"]
    # Code-point order would be 安 < 张 < 李 < 王.
    assert sorted(names) == ["安然", "张伟", "李强", "王萍"]
    assert sorted(names, key=pinyin_sort_key) == ["安然", "李强", "王萍", "张伟"]


@pytest.fixture
def speakers(db):
    for name, title in [
        ("张伟", "在总结会上的讲话"),
        ("王萍", "在安全会上的讲话"),
        ("李强", "在民主会上的讲话"),
    ]:
        import_speech(title=title, speaker=name, paragraphs=["讲话。"])


def test_speaker_list_by_name_is_in_pinyin_order(speakers, viewer_client):
    response = viewer_client.get(reverse("speaker_list"), {"sort": "name"})
    page = response.content.decode()
    positions = [page.index(name) for name in ("李强", "王萍", "张伟")]
    assert positions == sorted(positions)
    assert list(Speaker.objects.values_list("name", flat=True)) == ["李强", "王萍", "张伟"]


def test_speech_list_by_title_is_in_pinyin_order(speakers, viewer_client):
    response = viewer_client.get(reverse("speech_list"), {"sort": "title"})
    assert [s.title for s in response.context["page_obj"]] == [
        "在安全会上的讲话",
        "在民主会上的讲话",
        "在总结会上的讲话",
    ]


def test_a_renamed_speech_gets_a_new_sort_key(speakers):
    speech = Speech.objects.get(title="在安全会上的讲话")
    speech.title = "在总体会上的讲话"
    speech.save(update_fields=["title"])
    speech.refresh_from_db()
    assert speech.title_sort == pinyin_sort_key("在总体会上的讲话")
