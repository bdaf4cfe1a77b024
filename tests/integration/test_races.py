"""Requests that race on PostgreSQL get the answer a second request made a
moment later would get, never a server error or a duplicate (docs/api.md).

Each test holds the first request's transaction open (it has written but not
committed) while the second runs into it, which is the window real
concurrent requests hit. PostgreSQL only: SQLite serialises writers with a
lock on the whole file, so none of these races can happen there.
"""

import threading
import time

import pytest
from django.db import connection, connections, transaction

from accounts.models import Activity, Verb
from annotations import services
from annotations.models import Annotation, Comment, Theme
from core.errors import InvalidInput, NotFound
from speeches.models import Speaker
from speeches.services.imports import link_speaker
from tests.annotations.conftest import make_speech
from tests.conftest import make_user

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="SQLite lets one writer in at a time"
    ),
]

HOLD = 0.6  # seconds the first transaction stays open after writing


def race(first, *others):
    """Run ``first`` in a transaction held open after it wrote, and each of
    ``others`` in its own thread once ``first`` has written. Returns each
    one's result or exception, ``first``'s first."""
    written = threading.Event()
    results: list = [None] * (1 + len(others))

    def run(index, work):
        try:
            if index == 0:
                with transaction.atomic():
                    results[0] = work()
                    written.set()
                    time.sleep(HOLD)
            else:
                assert written.wait(10)
                results[index] = work()
        except Exception as error:
            results[index] = error
        finally:
            written.set()
            connections.close_all()

    threads = [
        threading.Thread(target=run, args=(i, work)) for i, work in enumerate((first, *others))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


@pytest.fixture
def people(db):
    return {
        "editor": make_user("editor", "editor"),
        "annotator": make_user("annotator", "annotator"),
    }


def test_the_same_new_speaker_from_two_imports_is_one_speaker(db):
    first, second = race(
        lambda: link_speaker(name="赵一鸣", printed="赵一鸣"),
        lambda: link_speaker(name="赵一鸣", printed="市长 赵一鸣"),
    )
    assert isinstance(first, Speaker) and isinstance(second, Speaker), (first, second)
    assert first.pk == second.pk
    assert Speaker.objects.filter(name="赵一鸣").count() == 1


def test_the_same_theme_name_at_once_is_refused_once(people):
    editor = people["editor"]
    first, second = race(
        lambda: services.create_theme(actor=editor, name="同时创建", colour="#2f5f9e"),
        lambda: services.create_theme(actor=editor, name="同时创建", colour="#2f5f9e"),
    )
    assert isinstance(first, Theme), first
    assert isinstance(second, InvalidInput), second
    assert Theme.objects.filter(name="同时创建").count() == 1


def test_the_same_slug_at_once_gets_the_next_free_one(people):
    editor = people["editor"]
    first, second = race(
        lambda: services.create_theme(actor=editor, name="甲", name_en="Same", colour="#2f5f9e"),
        lambda: services.create_theme(actor=editor, name="乙", name_en="Same", colour="#2f5f9e"),
    )
    assert isinstance(first, Theme) and isinstance(second, Theme), (first, second)
    assert {first.slug, second.slug} == {"same", "same-2"}


def test_renaming_two_themes_to_one_name_at_once(people):
    editor = people["editor"]
    a = services.create_theme(actor=editor, name="甲主题", colour="#2f5f9e")
    b = services.create_theme(actor=editor, name="乙主题", colour="#2f5f9e")
    first, second = race(
        lambda: services.rename_theme(actor=editor, theme=a, name="新名字", name_en=""),
        lambda: services.rename_theme(actor=editor, theme=b, name="新名字", name_en=""),
    )
    assert isinstance(first, Theme) and isinstance(second, InvalidInput), (first, second)


def test_accepting_a_suggestion_twice_at_once_makes_one_annotation(people):
    annotator = people["annotator"]
    speech = make_speech()
    paragraph = speech.paragraphs.order_by("position")[1]
    theme = services.create_theme(actor=people["editor"], name="法治", colour="#2f5f9e")
    accept = lambda: services.accept_suggestion(  # noqa: E731
        paragraph=paragraph, theme=theme, author=annotator
    )
    first, second = race(accept, accept)
    assert isinstance(first, Annotation) and isinstance(second, Annotation), (first, second)
    assert Annotation.objects.filter(paragraph=paragraph).count() == 1
    assert first.pk == second.pk


def test_deleting_an_annotation_three_times_at_once_logs_one_removal(people):
    annotator = people["annotator"]
    speech = make_speech()
    paragraph = speech.paragraphs.order_by("position")[1]
    theme = services.create_theme(actor=people["editor"], name="法治", colour="#2f5f9e")
    annotation = services.tag_passage(
        paragraph=paragraph, start=0, end=4, quote=paragraph.text[:4], themes=[theme],
        author=annotator,
    )

    stale_copies = [Annotation.objects.select_related("paragraph").get(pk=annotation.pk)
                    for _ in range(3)]
    results = race(
        *[
            (lambda copy=copy: services.delete_annotation(annotation=copy, actor=annotator))
            for copy in stale_copies
        ]
    )
    assert results[0] is None, results
    assert all(isinstance(r, NotFound) for r in results[1:]), results
    assert not Annotation.objects.filter(pk=annotation.pk).exists()
    assert Activity.objects.filter(verb=Verb.UNTAG).count() == 1


def test_a_comment_edited_while_it_is_deleted_stays_deleted(people):
    annotator = people["annotator"]
    speech = make_speech()
    paragraph = speech.paragraphs.first()
    comment = services.write_comment(paragraph=paragraph, author=annotator, body="原来的评论")
    stale = Comment.objects.get(pk=comment.pk)
    first, second = race(
        lambda: services.delete_comment(comment=comment, actor=annotator),
        lambda: services.edit_comment(comment=stale, actor=annotator, body="改过的评论"),
    )
    assert isinstance(first, Comment), first
    assert isinstance(second, InvalidInput), second
    comment.refresh_from_db()
    assert comment.is_deleted and comment.body == ""
