import json

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.models import Activity, Verb
from annotations import services
from annotations.models import Annotation, Comment, Theme

from .conftest import make_speech


def post(client, url, data, method="post"):
    return getattr(client, method)(url, json.dumps(data), content_type="application/json")


def tag(paragraph, start, end, themes, author):
    return services.tag_passage(paragraph=paragraph, start=start, end=end,
                                quote=paragraph.text[start:end], themes=themes, author=author)


def test_create_annotation_in_code_points(annotator_client, paragraphs, supervision):
    p = paragraphs[2]
    start = p.text.index("𠀀𠀁")
    response = post(annotator_client, "/api/annotations", {
        "paragraph_id": p.pk, "start": start, "end": start + 2, "quote": "𠀀𠀁",
        "theme_ids": [supervision.pk], "note": "两个扩展B字",
    })
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["start"], body["end"], body["quote"]) == (start, start + 2, "𠀀𠀁")
    assert body["speech_id"] == p.speech_id and body["paragraph_position"] == 3
    assert body["theme_ids"] == [supervision.pk] and body["author"] == "annotator"
    assert body["can_change"] is True and body["text_hash"] == p.text_hash


def test_quote_mismatch_is_409_and_leaves_others(annotator_client, annotator, paragraphs,
                                                 supervision):
    kept = tag(paragraphs[0], 0, 2, [supervision], annotator)
    response = post(annotator_client, "/api/annotations", {
        "paragraph_id": paragraphs[0].pk, "start": 0, "end": 2, "quote": "加强",
        "theme_ids": [supervision.pk],
    })
    assert response.status_code == 409
    assert response.json()["code"] == "quote-mismatch"
    assert response.json()["details"]["found"] == "一、"
    assert list(Annotation.objects.all()) == [kept]


def test_invalid_input_is_422(annotator_client, paragraphs, supervision):
    base = {"paragraph_id": paragraphs[0].pk, "start": 0, "end": 2, "quote": "一、",
            "theme_ids": [supervision.pk]}
    for change in ({"theme_ids": []}, {"theme_ids": [99999]}, {"paragraph_id": 99999},
                   {"start": -1}):
        response = post(annotator_client, "/api/annotations", {**base, **change})
        assert response.status_code == 422, change
        assert set(response.json()) == {"code", "message", "details"}


def test_list_annotations_filters_and_paginates(client, annotator, editor, paragraphs,
                                                supervision, rule_of_law, viewer):
    tag(paragraphs[0], 0, 2, [supervision], annotator)
    tag(paragraphs[1], 0, 4, [rule_of_law], editor)
    tag(paragraphs[1], 5, 9, [supervision, rule_of_law], annotator)
    client.force_login(viewer)
    speech = paragraphs[0].speech_id
    everything = client.get(f"/api/annotations?speech={speech}").json()
    assert everything["total"] == 3
    assert [a["paragraph_position"] for a in everything["items"]] == [1, 2, 2]
    assert all(a["can_change"] is False for a in everything["items"])
    assert client.get(f"/api/annotations?theme={rule_of_law.pk}").json()["total"] == 2
    assert client.get("/api/annotations?author=editor").json()["total"] == 1
    assert client.get(f"/api/annotations?paragraph={paragraphs[1].pk}").json()["total"] == 2
    page = client.get(f"/api/annotations?speech={speech}&limit=2&offset=2").json()
    assert (page["total"], len(page["items"]), page["offset"]) == (3, 1, 2)


def test_update_and_delete_only_by_author_or_editor(client, annotator, editor, paragraphs,
                                                    supervision, rule_of_law, django_user_model):
    annotation = tag(paragraphs[0], 0, 2, [supervision], annotator)
    other = django_user_model.objects.create_user("other", password="x")
    other.groups.add(Group.objects.get(name="annotator"))
    client.force_login(other)
    url = f"/api/annotations/{annotation.pk}"
    assert post(client, url, {"note": "x"}, "patch").status_code == 403
    assert client.delete(url).status_code == 403
    client.force_login(annotator)
    response = post(client, url, {"theme_ids": [rule_of_law.pk], "note": "改了"}, "patch")
    assert response.status_code == 200
    assert response.json()["theme_ids"] == [rule_of_law.pk] and response.json()["note"] == "改了"
    client.force_login(editor)
    assert client.delete(url).status_code == 204
    assert not Annotation.objects.exists()
    assert client.get(url).status_code == 404


def test_jsonld_web_annotation(viewer_client, annotator, paragraphs, supervision):
    p = paragraphs[2]
    start = p.text.index("𠀀")
    annotation = tag(p, start, start + 3, [supervision], annotator)
    response = viewer_client.get(f"/api/annotations/{annotation.pk}/jsonld")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    body = response.json()
    assert body["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert body["type"] == "Annotation"
    assert body["target"]["source"] == f"http://testserver/speeches/{p.speech_id}/#p3"
    quote, position = body["target"]["selector"]
    assert quote == {"type": "TextQuoteSelector", "exact": "𠀀字很",
                     "prefix": p.text[:start], "suffix": p.text[start + 3 :]}
    assert position == {"type": "TextPositionSelector", "start": start, "end": start + 3}
    assert body["body"][0]["value"] == supervision.name
    assert body["body"][0]["purpose"] == "tagging"
    assert body["creator"]["nickname"] == "annotator"


def test_suggestions_and_accepting_one(annotator_client, annotator, paragraphs, codebook):
    speech = paragraphs[0].speech_id
    found = annotator_client.get(f"/api/speeches/{speech}/suggestions").json()["items"]
    pairs = {(s["paragraph_id"], s["theme_id"]) for s in found}
    rural = codebook["rural-revitalization"]
    assert (paragraphs[3].pk, rural.pk) in pairs
    assert (paragraphs[1].pk, codebook["rule-of-law"].pk) in pairs
    # 执法检查 is cut by jieba into 执法 + 检查; the phrase still matches.
    supervision = next(s for s in found if s["paragraph_id"] == paragraphs[1].pk
                       and s["theme_id"] == codebook["people-s-congress-supervision"].pk)
    assert "执法检查" in supervision["keywords"]
    assert not Annotation.objects.exists()  # never applied on their own
    response = post(annotator_client, "/api/suggestions/accept",
                    {"paragraph_id": paragraphs[3].pk, "theme_id": rural.pk})
    assert response.status_code == 201
    assert response.json()["quote"] == paragraphs[3].text
    again = annotator_client.get(f"/api/speeches/{speech}/suggestions").json()["items"]
    assert (paragraphs[3].pk, rural.pk) not in {(s["paragraph_id"], s["theme_id"]) for s in again}


def test_inactive_themes_are_not_suggested(annotator_client, editor, paragraphs, codebook):
    rural = codebook["rural-revitalization"]
    services.set_theme_active(actor=editor, theme=rural, active=False)
    found = annotator_client.get(f"/api/speeches/{paragraphs[0].speech_id}/suggestions").json()
    assert rural.pk not in {s["theme_id"] for s in found["items"]}


def test_comments_thread_over_the_api(client, annotator, editor, paragraphs):
    p = paragraphs[0]
    client.force_login(annotator)
    root = post(client, "/api/comments", {"paragraph_id": p.pk, "body": "<script>x</script>"})
    assert root.status_code == 201
    root_id = root.json()["id"]
    assert root.json()["body"] == "<script>x</script>"  # stored as text; escaped on display
    client.force_login(editor)
    reply = post(client, "/api/comments", {"paragraph_id": p.pk, "body": "回复",
                                           "parent_id": root_id})
    assert reply.status_code == 201 and reply.json()["parent_id"] == root_id
    assert reply.json()["can_edit"] and reply.json()["can_delete"]
    listed = client.get(f"/api/comments?speech={p.speech_id}").json()
    assert [c["id"] for c in listed["items"]] == [root_id, reply.json()["id"]]
    first = listed["items"][0]
    assert first["can_edit"] is False and first["can_delete"] is True  # editors moderate
    assert post(client, f"/api/comments/{root_id}", {"body": "改"}, "patch").status_code == 403
    client.force_login(annotator)
    edited = post(client, f"/api/comments/{root_id}", {"body": "改过"}, "patch").json()
    assert edited["body"] == "改过" and edited["edited_at"] is not None
    assert client.delete(f"/api/comments/{reply.json()['id']}").status_code == 403
    deleted = client.delete(f"/api/comments/{root_id}").json()
    assert deleted["deleted"] and deleted["body"] == ""
    assert Comment.objects.count() == 2


def test_comments_are_listed_by_paragraph_and_by_author(client, viewer, annotator, editor,
                                                       paragraphs):
    first, second = paragraphs[0], paragraphs[1]
    elsewhere = make_speech(title="另一篇讲话", key="elsewhere").paragraphs.first()
    root = services.write_comment(paragraph=first, author=annotator, body="一")
    reply = services.write_comment(paragraph=first, author=editor, body="二", parent=root)
    on_second = services.write_comment(paragraph=second, author=annotator, body="三")
    far = services.write_comment(paragraph=elsewhere, author=annotator, body="四")
    client.force_login(viewer)

    def listed(**params):
        body = client.get("/api/comments", params).json()
        return [c["id"] for c in body["items"]], body["total"]

    assert listed(paragraph=first.pk) == ([root.pk, reply.pk], 2)
    assert listed(paragraph=second.pk) == ([on_second.pk], 1)
    assert listed(author="annotator") == ([root.pk, on_second.pk, far.pk], 3)
    assert listed(author="editor") == ([reply.pk], 1)
    assert listed(author="nobody") == ([], 0)
    assert listed(paragraph=first.pk, author="annotator") == ([root.pk], 1)
    # The total counts every page: a page of one still says how many there are.
    assert listed(author="annotator", limit=1, offset=1) == ([on_second.pk], 3)


def test_theme_write_api_for_editors(editor_client, codebook, paragraphs, editor):
    response = post(editor_client, "/api/themes", {"name": "财政预算", "name_en": "Budget",
                                                   "colour": "#2f5f9e", "keywords": ["预算"]})
    assert response.status_code == 201
    theme = response.json()
    assert theme["slug"] == "budget" and theme["initials"] == "czys"
    supervision = codebook["people-s-congress-supervision"]
    patched = post(editor_client, f"/api/themes/{theme['id']}", {
        "name": "预算审查", "colour": "#7d6319", "parent_id": supervision.pk, "active": False,
    }, "patch")
    assert patched.status_code == 200, patched.content
    body = patched.json()
    assert (body["name"], body["colour"], body["parent_id"], body["active"]) == (
        "预算审查", "#7d6319", supervision.pk, False)
    bad = post(editor_client, f"/api/themes/{theme['id']}", {"name": "不会改名",
                                                             "colour": "#fefefe"}, "patch")
    assert bad.status_code == 422
    assert Theme.objects.get(pk=theme["id"]).name == "预算审查"
    merged = post(editor_client, f"/api/themes/{theme['id']}/merge", {"into_id": supervision.pk})
    assert merged.status_code == 200 and merged.json()["id"] == supervision.pk
    assert not Theme.objects.filter(pk=theme["id"]).exists()
    # create, rename, recolour, move, deactivate, merge; the refused colour wrote nothing
    assert Activity.objects.filter(verb=Verb.THEME).count() == 6


# Each role against each kind of operation -------------------------------------

ROLES = ["anonymous", "no_role_user", "viewer", "annotator", "editor", "admin_user"]
READ = {"anonymous": 401, "no_role_user": 403, "viewer": 200, "annotator": 200,
        "editor": 200, "admin_user": 200}
ANNOTATE = {"anonymous": 401, "no_role_user": 403, "viewer": 403, "annotator": 201,
            "editor": 201, "admin_user": 201}
EDIT = {"anonymous": 401, "no_role_user": 403, "viewer": 403, "annotator": 403,
        "editor": 201, "admin_user": 201}


@pytest.fixture
def as_role(request, client, db):
    def login(role):
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        return client
    return login


@pytest.mark.parametrize("role", ROLES)
def test_each_role_reading(as_role, role, paragraphs, codebook, settings):
    settings.ANONYMOUS_READ = False
    client = as_role(role)
    speech = paragraphs[0].speech_id
    for url in ("/api/themes", f"/api/annotations?speech={speech}",
                f"/api/comments?speech={speech}", f"/api/speeches/{speech}/suggestions"):
        assert client.get(url).status_code == READ[role], url


def test_anonymous_reading_when_allowed(client, paragraphs, codebook, settings):
    settings.ANONYMOUS_READ = True
    assert client.get("/api/themes").status_code == 200
    response = post(client, "/api/comments", {"paragraph_id": paragraphs[0].pk, "body": "x"})
    assert response.status_code == 401


@pytest.mark.parametrize("role", ROLES)
def test_each_role_writing(as_role, role, paragraphs, supervision):
    client = as_role(role)
    p = paragraphs[0]
    tagged = post(client, "/api/annotations", {"paragraph_id": p.pk, "start": 0, "end": 2,
                                               "quote": "一、", "theme_ids": [supervision.pk]})
    assert tagged.status_code == ANNOTATE[role]
    commented = post(client, "/api/comments", {"paragraph_id": p.pk, "body": "评论"})
    assert commented.status_code == ANNOTATE[role]
    theme = post(client, "/api/themes", {"name": f"新主题{role}", "colour": "#2f5f9e"})
    assert theme.status_code == EDIT[role]
    for response in (tagged, commented, theme):
        if response.status_code >= 400:
            assert set(response.json()) == {"code", "message", "details"}


def test_session_writes_need_csrf(paragraphs, supervision, annotator):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(annotator)
    response = post(client, "/api/annotations", {"paragraph_id": paragraphs[0].pk, "start": 0,
                                                 "end": 2, "quote": "一、",
                                                 "theme_ids": [supervision.pk]})
    assert response.status_code == 403
    assert not Annotation.objects.exists()


def test_anonymous_reading_includes_accounts_without_a_role(
    client, no_role_user, paragraphs, codebook, settings
):
    """The reader's own calls succeed wherever its page opens."""
    settings.ANONYMOUS_READ = True
    client.force_login(no_role_user)
    speech = paragraphs[0].speech_id
    assert client.get(reverse("speech_detail", args=[speech])).status_code == 200
    for url in ("/api/themes", f"/api/speeches/{speech}", f"/api/annotations?speech={speech}",
                f"/api/comments?speech={speech}", f"/api/speeches/{speech}/suggestions"):
        assert client.get(url).status_code == 200, url
    response = post(client, "/api/comments", {"paragraph_id": paragraphs[0].pk, "body": "x"})
    assert response.status_code == 403


def test_an_edit_that_changes_nothing_is_not_logged(annotator_client, annotator, paragraphs,
                                                     supervision, rule_of_law):
    annotation = tag(paragraphs[0], 0, 2, [supervision], annotator)
    url = f"/api/annotations/{annotation.pk}"
    edits = Activity.objects.filter(verb=Verb.EDIT, target_id=annotation.pk)
    updated_at = Annotation.objects.get(pk=annotation.pk).updated_at
    for unchanged in ({}, {"note": ""}, {"theme_ids": [supervision.pk]},
                      {"theme_ids": [supervision.pk, supervision.pk], "note": "  "}):
        response = post(annotator_client, url, unchanged, "patch")
        assert response.status_code == 200, unchanged
        assert response.json()["theme_ids"] == [supervision.pk]
    assert not edits.exists()
    assert Annotation.objects.get(pk=annotation.pk).updated_at == updated_at
    post(annotator_client, url, {"note": "新的说明"}, "patch")
    post(annotator_client, url, {"theme_ids": [rule_of_law.pk], "note": "新的说明"}, "patch")
    assert [e.data for e in edits.order_by("id")] == [
        {"paragraph": 1, "note": True}, {"paragraph": 1, "themes": [rule_of_law.pk]},
    ]


def test_suggesting_segments_nothing(annotator_client, editor, paragraphs, codebook, monkeypatch):
    """Keywords are cut when a theme is written; reading suggestions only compares tokens."""
    speech = paragraphs[0].speech_id
    theme = services.create_theme(actor=editor, name="执法", colour="#2f5f9e",
                                  keywords=["执法检查", "专题询问"])
    monkeypatch.setattr("text.segmentation.tokenizer", lambda: pytest.fail("segmented"))
    found = annotator_client.get(f"/api/speeches/{speech}/suggestions").json()["items"]
    ours = [s for s in found if s["theme_id"] == theme.pk]
    assert [(s["paragraph_id"], s["keywords"]) for s in ours] == [
        (paragraphs[1].pk, ["执法检查", "专题询问"])
    ]
    # The default codebook's keywords were cut by the migration that added the tokens.
    assert any(s["theme_id"] == codebook["rural-revitalization"].pk for s in found)
    monkeypatch.undo()
    services.describe_theme(actor=editor, theme=theme, description="", keywords=["乡村振兴"])
    monkeypatch.setattr("text.segmentation.tokenizer", lambda: pytest.fail("segmented"))
    found = annotator_client.get(f"/api/speeches/{speech}/suggestions").json()["items"]
    assert [s["paragraph_id"] for s in found if s["theme_id"] == theme.pk] == [paragraphs[3].pk]


def test_keywords_cut_by_another_dictionary_are_cut_again(annotator_client, editor, paragraphs):
    theme = services.create_theme(actor=editor, name="执法", colour="#2f5f9e",
                                  keywords=["执法检查"])
    Theme.objects.filter(pk=theme.pk).update(
        keyword_tokens={"dictionary": "an older one", "keywords": {"执法检查": ["不会出现"]}}
    )
    found = annotator_client.get(f"/api/speeches/{paragraphs[0].speech_id}/suggestions")
    assert [s["paragraph_id"] for s in found.json()["items"] if s["theme_id"] == theme.pk] == [
        paragraphs[1].pk
    ]
