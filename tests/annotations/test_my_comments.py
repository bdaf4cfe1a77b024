"""'My annotations' lists the user's comments too, on a tab of their own."""

import lxml.html
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from annotations import services

from .conftest import make_speech

MINE = reverse("my_annotations")


def comment(paragraph, author, body, parent=None):
    return services.write_comment(paragraph=paragraph, author=author, body=body, parent=parent)


def comments_tab(client, page=None):
    response = client.get(MINE, {"show": "comments", **({"page": page} if page else {})})
    assert response.status_code == 200
    return response, lxml.html.fromstring(response.content.decode())


def test_the_comments_tab_lists_mine_with_their_paragraph(client, annotator, editor, paragraphs):
    first = comment(paragraphs[1], annotator, "执法检查要有跟踪。")
    theirs = comment(paragraphs[1], editor, "同意。", parent=first)
    reply = comment(paragraphs[1], annotator, "见 https://example.org/a", parent=theirs)
    gone = comment(paragraphs[2], annotator, "写错了")
    services.delete_comment(comment=gone, actor=annotator)
    comment(paragraphs[0], editor, "不是我的")
    client.force_login(annotator)

    response, doc = comments_tab(client)
    items = doc.cssselect("li.my-comment")
    assert [c.pk for c in response.context["page_obj"].object_list] == [reply.pk, first.pk]
    newest = items[0]
    assert newest.cssselect(".my-comment__paragraph")[0].text_content() == paragraphs[1].text
    link = newest.cssselect(".passage__meta a")[0]
    speech = paragraphs[1].speech
    assert link.get("href") == f"{speech.get_absolute_url()}?comment={reply.pk}#p2"
    assert speech.title in link.text_content() and "¶2" in link.text_content()
    assert newest.cssselect(".my-comment__body a")[0].get("href") == "https://example.org/a"
    assert "回复 editor" in newest.cssselect(".passage__by")[0].text_content()
    assert "写于" in items[1].cssselect(".passage__by")[0].text_content()
    # Both tabs carry their counts; the comments tab is the current one.
    tabs = doc.cssselect(".mine-tabs a")
    assert [" ".join(t.text_content().split()) for t in tabs] == ["我标注的片段 0", "我的评论 2"]
    assert tabs[1].get("aria-current") == "page"


def test_the_passages_tab_is_still_the_default(client, annotator, paragraphs):
    comment(paragraphs[1], annotator, "一条评论")
    client.force_login(annotator)
    doc = lxml.html.fromstring(client.get(MINE).content.decode())
    assert doc.cssselect(".mine-tabs a")[0].get("aria-current") == "page"
    assert not doc.cssselect("li.my-comment")


def test_comments_are_paged_and_cost_the_same_queries_however_many(
    client, annotator, paragraphs
):
    client.force_login(annotator)
    comment(paragraphs[0], annotator, "第一条")
    with CaptureQueriesContext(connection) as few:
        comments_tab(client)
    others = [make_speech(title=f"讲话{n}", key=f"k{n}").paragraphs.first() for n in range(3)]
    for n in range(29):
        parent = comment(others[n % 3], annotator, f"评论{n}")
        comment(others[n % 3], annotator, f"回复{n}", parent=parent)
    with CaptureQueriesContext(connection) as many:
        response, doc = comments_tab(client)
    assert len(doc.cssselect("li.my-comment")) == 25
    assert len(many) == len(few)
    response, doc = comments_tab(client, page=3)
    assert len(doc.cssselect("li.my-comment")) == 59 - 50
