"""The reader and the API calls it makes cost the same number of queries
with 500 annotations and 100 comments on a speech as with a handful."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from annotations.models import Annotation, Comment

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
            paragraph=(p := paragraphs[n % len(paragraphs)]), start=0, end=2, quote=p.text[:2],
            text_hash=p.text_hash, author=users[n % len(users)],
        )
        for n in range(annotations)
    )
    Link = Annotation.themes.through
    Link.objects.bulk_create(
        Link(annotation=a, theme=themes[(n + k) % len(themes)])
        for n, a in enumerate(made) for k in range(2)
    )
    roots = Comment.objects.bulk_create(
        Comment(paragraph=paragraphs[n % len(paragraphs)], author=users[n % len(users)],
                body=f"评论 {n}")
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
    assert baseline <= 12
