"""The reader and the API calls it makes cost the same number of queries
with 500 annotations and 100 comments on a speech as with a handful, and
so do the pages that list annotations, themes and activity."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Activity, Verb
from annotations import services
from annotations.models import Annotation, Comment
from speeches.models import Speaker, Speech

from .conftest import make_speech

READER_CALLS = [
    "/speeches/{pk}/",
    "/api/annotations?speech={pk}&limit=500&offset=0",
    "/api/comments?speech={pk}&limit=500&offset=0",
    "/api/speeches/{pk}/suggestions?limit=500&offset=0",
    "/api/themes?limit=500",
]


def fill(speech, annotations: int, comments: int, users, themes) -> None:
    paragraphs = list(speech.paragraphs.all())
    made = Annotation.objects.bulk_create(
        Annotation(
            paragraph=(p := paragraphs[n % len(paragraphs)]),
            start=0,
            end=2,
            quote=p.text[:2],
            text_hash=p.text_hash,
            author=users[n % len(users)],
        )
        for n in range(annotations)
    )
    Link = Annotation.themes.through
    Link.objects.bulk_create(
        Link(annotation=a, theme=themes[(n + k) % len(themes)])
        for n, a in enumerate(made)
        for k in range(2)
    )
    roots = Comment.objects.bulk_create(
        Comment(
            paragraph=paragraphs[n % len(paragraphs)],
            author=users[n % len(users)],
            body=f"评论 {n}",
        )
        for n in range(comments // 2)
    )
    Comment.objects.bulk_create(
        Comment(paragraph=r.paragraph, parent=r, author=users[0], body="回复") for r in roots
    )


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured)


@pytest.mark.parametrize("url", READER_CALLS)
def test_reader_query_count_does_not_grow(annotator_client, annotator, editor, codebook, url):
    texts = [f"第{n}段：坚持人大监督，推进依法行政，全面推进乡村振兴。" for n in range(1, 41)]
    small = make_speech(texts, key="small")
    large = make_speech(texts, key="large")
    themes = list(codebook.values())
    fill(small, 3, 2, [annotator, editor], themes)
    fill(large, 500, 100, [annotator, editor], themes)
    assert Annotation.objects.filter(paragraph__speech=large).count() == 500
    assert Comment.objects.filter(paragraph__speech=large).count() == 100
    queries(annotator_client, url.format(pk=small.pk))  # warm the session and caches
    baseline = queries(annotator_client, url.format(pk=small.pk))
    assert queries(annotator_client, url.format(pk=large.pk)) == baseline
    assert baseline <= 13  # 12, and the text-reuse links (templates/analysis/_reader.html)


ANNOTATION_PAGES = {
    "theme tree": lambda speech, theme: reverse("theme_list"),
    "theme page": lambda speech, theme: theme.get_absolute_url(),
    "my annotations": lambda speech, theme: reverse("my_annotations"),
    "speech history": lambda speech, theme: reverse("speech_history", args=[speech.pk]),
}


def log_activity(speech, count: int, users) -> None:
    """Entries of every kind in the speech's history, by several people."""
    verbs = [Verb.TAG, Verb.UNTAG, Verb.EDIT, Verb.COMMENT]
    Activity.objects.bulk_create(
        Activity(
            actor=users[n % len(users)],
            verb=verbs[n % len(verbs)],
            target_type="annotations.annotation",
            target_id=n + 1,
            speech_id=speech.pk,
            summary=f"第{n}条",
            data={"paragraph": n % 4 + 1},
        )
        for n in range(count)
    )


@pytest.mark.parametrize("page", ANNOTATION_PAGES)
def test_annotation_pages_query_counts_do_not_grow(
    annotator_client, annotator, editor, codebook, supervision, page
):
    """Measured with one passage, one comment and two log entries, then with
    more speeches (named speakers, roles, meetings), hundreds of passages,
    comments and log entries, and sub-themes in the tree."""
    texts = [f"第{n}段：坚持人大监督，推进依法行政。" for n in range(1, 5)]
    speech = make_speech(texts, key="measured")
    paragraph = speech.paragraphs.first()
    services.tag_passage(
        paragraph=paragraph,
        start=0,
        end=2,
        quote=paragraph.text[:2],
        themes=[supervision],
        author=annotator,
    )
    services.write_comment(paragraph=paragraph, author=annotator, body="评论")
    # A tree from the start: the codebook counts a parent's paragraphs with its
    # sub-themes' in one query, whatever the number of parents and passages.
    services.create_theme(actor=editor, name="子主题", colour="#2f5f9e", parent=supervision)
    url = ANNOTATION_PAGES[page](speech, supervision)
    queries(annotator_client, url)  # warm the session and caches
    few = queries(annotator_client, url)

    users, themes = [annotator, editor], list(codebook.values())
    for n in range(4):
        services.create_theme(actor=editor, name=f"子主题{n}", colour="#2f5f9e", parent=supervision)
        other = make_speech(texts, title=f"第{n}篇讲话", key=f"more-{n}")
        Speech.objects.filter(pk=other.pk).update(
            speaker=Speaker.objects.create(name=f"讲话人{n}", slug=f"speaker-{n}"),
            role=["市长", "副市长"][n % 2],
            event=f"第{n}次会议",
        )
        fill(other, 60, 20, users, themes)
    fill(speech, 60, 20, users, themes)
    log_activity(speech, 200, users)
    assert Annotation.objects.filter(author=annotator).count() > 100
    assert Annotation.objects.tagged_with([supervision.pk]).count() > 25  # a full page
    assert Activity.objects.filter(speech_id=speech.pk).count() > 200
    assert queries(annotator_client, url) == few
