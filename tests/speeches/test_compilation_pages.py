"""The compilation list and a compilation's page."""

import pytest
from django.urls import reverse

from speeches.models import Speech
from speeches.services.imports import import_compilation
from text.parsing import parse_text

LIST = reverse("compilation_list")


def add_compilations(count: int, user=None) -> None:
    for n in range(count):
        text = f"第{n}次全体会议上的讲话\n同志们：\n今天召开第{n}次会议。\n"
        import_compilation(
            parsed=parse_text(text, source=f"会议{n}.txt"), size=len(text), user=user
        )


# ---- The list ----


def test_the_list_shows_each_compilation(viewer_client, seed_compilation, editor):
    response = viewer_client.get(LIST)

    assert response.status_code == 200
    html = response.content.decode()
    assert seed_compilation.get_absolute_url() in html
    assert seed_compilation.title in html
    assert seed_compilation.source_name in html
    assert editor.username in html
    row = response.context["compilations"][0]
    assert row.speech_count == 5


def test_the_list_is_paginated_and_sortable(viewer_client, db):
    add_compilations(27)

    first = viewer_client.get(LIST)
    second = viewer_client.get(LIST, {"page": 2})
    by_title = viewer_client.get(LIST, {"sort": "title"})

    assert len(first.context["compilations"]) == 25
    assert len(second.context["compilations"]) == 2
    assert first.context["page_obj"].paginator.count == 27
    assert 'href="?page=2"' in first.content.decode()
    titles = [c.title for c in by_title.context["compilations"]]
    assert titles == sorted(titles)
    assert viewer_client.get(LIST, {"sort": "nonsense"}).status_code == 200


def test_the_list_query_count_does_not_grow(viewer_client, db, django_assert_max_num_queries):
    add_compilations(2)
    with django_assert_max_num_queries(8):
        viewer_client.get(LIST)
    add_compilations(20)
    with django_assert_max_num_queries(8):
        viewer_client.get(LIST)


def test_an_empty_list_says_what_to_do(client, viewer, editor):
    client.force_login(editor)
    page = client.get(LIST)
    assert page.context["page_obj"].paginator.count == 0
    assert 'class="empty"' in page.content.decode()
    assert reverse("compilation_upload") in page.content.decode()
    client.force_login(viewer)
    assert reverse("compilation_upload") not in client.get(LIST).content.decode()


def test_the_list_needs_a_reader(client, no_role_user, db):
    response = client.get(LIST)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    client.force_login(no_role_user)
    assert client.get(LIST).status_code == 403


def test_the_navigation_is_in_chinese(viewer_client, db):
    html = viewer_client.get(LIST).content.decode()
    assert ">汇编<" in html
    assert "<title>汇编" in html


# ---- A compilation ----


def test_a_compilation_lists_its_speeches_with_metadata(viewer_client, seed_compilation):
    response = viewer_client.get(seed_compilation.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    speeches = response.context["speeches"]
    assert [s.position for s in speeches] == [1, 2, 3, 4, 5]
    fourth = Speech.objects.get(compilation=seed_compilation, position=4)
    assert fourth.get_absolute_url() in html
    assert fourth.speaker.get_absolute_url() in html
    for value in ("王萍", "市长", "2024-08-12", "全市人大工作会议", "2024"):
        assert value in html
    assert speeches[3].paragraph_count == fourth.paragraphs.count()


def test_warnings_show_their_line_and_link_to_their_paragraph(viewer_client, seed_compilation):
    response = viewer_client.get(seed_compilation.get_absolute_url())

    html = response.content.decode()
    fourth = Speech.objects.get(compilation=seed_compilation, position=4)
    warning = next(w for w in fourth.warnings if w["code"] == "merged-heading")
    assert warning["message"] in html
    assert f"{fourth.get_absolute_url()}#p{warning['paragraph']}" in html
    assert f"第 {warning['line']} 行" in html


def test_a_compilation_page_query_count_does_not_grow(
    viewer_client, seed_compilation, editor, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        viewer_client.get(seed_compilation.get_absolute_url())
    text = "".join(f"第{n}篇：第{n}次会议上的讲话\n同志们：\n今天开会。\n" for n in range(1, 30))
    big = import_compilation(parsed=parse_text(text, source="big.txt"), size=1, user=editor)
    assert big.compilation.speeches.count() == 29
    with django_assert_max_num_queries(8):
        viewer_client.get(big.compilation.get_absolute_url())


def test_an_unknown_compilation_is_404(viewer_client, db):
    assert viewer_client.get(reverse("compilation_detail", args=[999])).status_code == 404


pytestmark = pytest.mark.django_db
