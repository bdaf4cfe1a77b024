"""Around the reader's text: breadcrumbs, the metadata lines and their links."""

import lxml.html
import pytest
from django.urls import reverse

from tests.speeches.browse_data import import_speech


def page_of(client, speech):
    response = client.get(reverse("speech_detail", args=[speech.pk]))
    assert response.status_code == 200
    return lxml.html.fromstring(response.content.decode())


def crumbs(doc) -> list[str]:
    return [li.text_content().strip() for li in doc.cssselect(".breadcrumbs li")]


def test_a_compilation_of_one_speech_with_its_title_is_not_named_twice(viewer_client, db):
    speech = import_speech(title="政府工作报告", speaker="周恩来", paragraphs=["各位代表，好。"])
    assert speech.compilation.title == speech.title
    doc = page_of(viewer_client, speech)
    assert crumbs(doc) == ["首页", "讲话", "政府工作报告"]
    # The compilation is still a click away, in the metadata line.
    meta_links = [a.get("href") for a in doc.cssselect(".reader__meta a")]
    assert speech.compilation.get_absolute_url() in meta_links


def test_the_breadcrumbs_name_a_compilation_with_its_own_title(viewer_client, seed_compilation):
    speech = seed_compilation.speeches.get(speaker__name="王萍")
    doc = page_of(viewer_client, speech)
    assert crumbs(doc) == ["首页", "讲话", seed_compilation.title, speech.title]
    assert doc.cssselect(".breadcrumbs a")[-1].get("href") == seed_compilation.get_absolute_url()


def test_separators_are_not_text_a_line_could_start_with(viewer_client, seed_compilation):
    # The "›" and "·" come from CSS after each item (base.css), joined to it.
    doc = page_of(viewer_client, seed_compilation.speeches.get(speaker__name="王萍"))
    assert not any(text in doc.cssselect(".breadcrumbs")[0].text_content() for text in "›·")
    for meta in doc.cssselect(".reader__meta"):
        assert "dot-list" in meta.get("class")
        assert "·" not in meta.text_content()


@pytest.mark.parametrize("role", ["viewer", "annotator", "editor"])
def test_everyone_who_reads_a_speech_finds_its_history(client, request, role, seed_compilation):
    client.force_login(request.getfixturevalue(role))
    speech = seed_compilation.speeches.get(speaker__name="王萍")
    doc = page_of(client, speech)
    history = reverse("speech_history", args=[speech.pk])
    (link,) = [a for a in doc.cssselect(".reader__meta--secondary a") if a.get("href") == history]
    assert link.text_content() == "历史记录"
    assert client.get(history).status_code == 200


def test_anonymous_readers_find_the_history_when_reading_is_public(
    client, settings, seed_compilation
):
    settings.ANONYMOUS_READ = True
    speech = seed_compilation.speeches.get(speaker__name="王萍")
    history = reverse("speech_history", args=[speech.pk])
    assert history in [a.get("href") for a in page_of(client, speech).cssselect("a")]
    assert client.get(history).status_code == 200
