"""Filters and browse pages use the canonical office and meeting key, the
printed forms stay as printed."""

import pytest
from django.urls import reverse

from speeches.models import Speech
from tests.speeches.browse_data import import_speech


@pytest.fixture
def governors(db):
    return [
        import_speech(
            title="政府工作报告一",
            speaker="山东省省长 周立",
            date="2030年1月20日",
            paragraphs=["报告工作。"],
        ),
        import_speech(
            title="政府工作报告二",
            speaker="四川省人民政府省长 陈明",
            date="2030年2月3日",
            paragraphs=["报告工作。"],
        ),
        import_speech(
            title="政府工作报告三",
            speaker="北京市市长 吴刚",
            date="2030年1月25日",
            paragraphs=["报告工作。"],
        ),
    ]


@pytest.fixture
def meetings(db):
    return [
        import_speech(title="在中共十九届中央纪委三次全会上的讲话", paragraphs=["讲话一。"]),
        import_speech(title="在十九届中央纪委三次全会上的讲话", paragraphs=["讲话二。"]),
        import_speech(title="在全市人大工作会议上的讲话", paragraphs=["讲话三。"]),
    ]


def test_import_stores_the_office_with_its_place_and_keeps_the_role_as_printed(governors):
    stored = {s.role: (s.office, s.office_place) for s in Speech.objects.all()}
    assert stored == {
        "山东省省长": ("省长", "山东省"),
        "四川省人民政府省长": ("省长", "四川省"),
        "北京市市长": ("市长", "北京市"),
    }


def test_role_filter_finds_every_printing_of_the_office(governors, viewer_client):
    response = viewer_client.get(reverse("speech_list"), {"role": "省长"})
    assert {s.title for s in response.context["page_obj"]} == {"政府工作报告一", "政府工作报告二"}
    response = viewer_client.get(reverse("speech_list"), {"role": "四川省省长"})
    assert [s.title for s in response.context["page_obj"]] == ["政府工作报告二"]


def test_role_facet_counts_offices(governors, viewer_client):
    response = viewer_client.get(reverse("speech_list"))
    assert dict(response.context["facets"]["roles"]) == {"省长": 2, "市长": 1}


def test_meeting_filter_finds_every_variant_name(meetings, viewer_client):
    response = viewer_client.get(
        reverse("speech_list"), {"event": "中国共产党第十九届中央纪律检查委员会第三次全体会议"}
    )
    assert {s.title for s in response.context["page_obj"]} == {
        "在中共十九届中央纪委三次全会上的讲话",
        "在十九届中央纪委三次全会上的讲话",
    }


def test_meetings_page_shows_variant_names_as_one_meeting(
    meetings, viewer_client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        response = viewer_client.get(reverse("meeting_list"))
    counts = {m["event"]: m["speech_count"] for m in response.context["meetings"]}
    assert sorted(counts.values()) == [1, 2]
    assert len(counts) == 2


def test_a_changed_role_updates_the_office(governors):
    speech = Speech.objects.get(role="北京市市长")
    speech.role = "北京市副市长"
    speech.save(update_fields=["role"])
    speech.refresh_from_db()
    assert (speech.office, speech.office_place) == ("副市长", "北京市")
