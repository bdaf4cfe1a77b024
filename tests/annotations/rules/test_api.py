"""The rules API: the same operations and permissions as the pages."""

import json

import pytest

from annotations.models import Annotation, HitStatus, Rule, RuleHit
from annotations.services import tag_passage


def send(client, url, data, method="post"):
    return getattr(client, method)(url, json.dumps(data), content_type="application/json")


def test_create_list_get_change_delete(editor_client, supervision, speeches):
    _first, second = speeches
    response = send(
        editor_client,
        "/api/rules",
        {
            "theme_id": supervision.pk,
            "query": "人大",
            "name": "人大",
            "filters": {"compilation": str(second.compilation_id)},
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["filters"] == {"compilation": str(second.compilation_id)}
    assert (body["pending"], body["accepted"], body["precision"]) == (2, 0, None)
    assert body["author"] == "editor" and body["url"] == f"/themes/rules/{body['id']}/"
    listed = editor_client.get("/api/rules").json()
    assert listed["total"] == 1 and listed["items"][0]["id"] == body["id"]
    assert editor_client.get(f"/api/rules/{body['id']}").json() == listed["items"][0]
    changed = send(
        editor_client, f"/api/rules/{body['id']}", {"query": "监督", "filters": {}}, "patch"
    )
    assert changed.status_code == 200 and changed.json()["query"] == "监督"
    assert changed.json()["pending"] == 2  # 监督 in both speeches, once each
    assert editor_client.delete(f"/api/rules/{body['id']}").status_code == 204
    assert not Rule.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"theme_id": 999999, "query": "人大"},  # unknown theme
        {"theme_id": "THEME", "query": ""},  # empty query
        {"theme_id": "THEME", "query": "-人大"},  # nothing to search for
        {"theme_id": "THEME", "query": "“”"},  # an empty phrase
        {"theme_id": "THEME", "query": "人" * 201},
        {"theme_id": "THEME", "query": "人大", "filters": {"speaker": "no-such-speaker"}},
        {"theme_id": "THEME", "query": "人大", "filters": {"theme": "no-such-theme"}},
        {"theme_id": "THEME", "query": "人大", "filters": {"colour": "red"}},
        {"theme_id": "THEME", "query": "人大", "filters": {"year": "twenty"}},
        {"theme_id": "THEME"},
    ],
)
def test_bad_input_is_422_and_writes_nothing(editor_client, supervision, speeches, data):
    data = {k: (supervision.pk if v == "THEME" else v) for k, v in data.items()}
    response = send(editor_client, "/api/rules", data)
    assert response.status_code == 422, response.content
    assert response.json()["code"] == "invalid"
    assert not Rule.objects.exists() and not RuleHit.objects.exists()


def test_pending_hits_review_and_figures(editor_client, editor, rule):
    page = editor_client.get(f"/api/rules/{rule.pk}/hits", {"limit": 2}).json()
    assert page["total"] == rule.hits.count() and len(page["items"]) == 2
    first = page["items"][0]
    assert first["quote"] == "人大" and first["status"] == "pending" and first["covered_by"] is None
    hit = RuleHit.objects.select_related("paragraph").get(pk=first["id"])
    assert hit.paragraph.text[hit.start : hit.end] == first["quote"]
    assert first["url"].startswith(f"/speeches/{hit.paragraph.speech_id}/")

    accepted = send(
        editor_client,
        f"/api/rules/{rule.pk}/review",
        {"hit_ids": [first["id"]], "decision": "accept"},
    )
    assert accepted.status_code == 200, accepted.content
    outcome = accepted.json()
    assert (outcome["accepted"], outcome["covered"], len(outcome["annotation_ids"])) == (1, 0, 1)
    annotation = editor_client.get(f"/api/annotations/{outcome['annotation_ids'][0]}").json()
    assert annotation["rule_id"] == rule.pk and annotation["rule"] == "人大"
    assert annotation["author"] == "editor"

    rejected = send(
        editor_client,
        f"/api/rules/{rule.pk}/review",
        {"hit_ids": [page["items"][1]["id"]], "decision": "reject"},
    )
    assert rejected.json()["rejected"] == 1
    figures = editor_client.get(f"/api/rules/{rule.pk}").json()
    counts = {s: rule.hits.filter(status=s).count() for s in HitStatus.values}
    assert (figures["accepted"], figures["rejected"], figures["pending"]) == (
        counts["accepted"],
        counts["rejected"],
        counts["pending"],
    )
    assert figures["reviewed"] == 2 and figures["precision"] == 0.5
    reviewed = editor_client.get(f"/api/rules/{rule.pk}/hits", {"status": "accepted"}).json()
    assert [h["annotation_id"] for h in reviewed["items"]] == outcome["annotation_ids"]
    assert reviewed["items"][0]["reviewer"] == "editor"


def test_a_covered_hit_says_so_and_is_not_duplicated(editor_client, editor, rule):
    hit = rule.hits.select_related("paragraph").order_by("id").first()
    paragraph = hit.paragraph
    existing = tag_passage(
        paragraph=paragraph,
        start=0,
        end=len(paragraph.text),
        quote=paragraph.text,
        themes=[rule.theme],
        author=editor,
    )
    items = editor_client.get(f"/api/rules/{rule.pk}/hits").json()["items"]
    assert {i["id"]: i["covered_by"] for i in items}[hit.pk] == existing.pk
    outcome = send(
        editor_client, f"/api/rules/{rule.pk}/review", {"hit_ids": [hit.pk], "decision": "accept"}
    ).json()
    assert (outcome["covered"], outcome["annotation_ids"]) == (1, [])
    assert Annotation.objects.count() == 1


def test_a_bad_review_is_422_and_writes_nothing(editor_client, editor, rule, supervision):
    from annotations.services.rules import create_rule

    other = create_rule(actor=editor, theme=supervision, query="监督")
    mine = rule.hits.first().pk
    for data in (
        {"hit_ids": [mine, other.hits.first().pk], "decision": "accept"},
        {"hit_ids": [], "decision": "accept"},
        {"hit_ids": [mine], "decision": "maybe"},
        {"hit_ids": list(range(1, 202)), "decision": "reject"},
    ):
        assert send(editor_client, f"/api/rules/{rule.pk}/review", data).status_code == 422
    assert not RuleHit.objects.exclude(status=HitStatus.PENDING).exists()
    assert (
        send(
            editor_client, "/api/rules/999999/review", {"hit_ids": [mine], "decision": "accept"}
        ).status_code
        == 404
    )


def test_readers_read_and_only_editors_write(
    client, viewer, annotator, rule, supervision, settings
):
    settings.ANONYMOUS_READ = False
    hit = rule.hits.first()
    assert client.get("/api/rules").status_code == 401
    for user in (viewer, annotator):
        client.force_login(user)
        assert client.get("/api/rules").status_code == 200
        assert client.get(f"/api/rules/{rule.pk}/hits").status_code == 200
        writes = [
            send(client, "/api/rules", {"theme_id": supervision.pk, "query": "监督"}),
            send(client, f"/api/rules/{rule.pk}", {"name": "x"}, "patch"),
            send(
                client, f"/api/rules/{rule.pk}/review", {"hit_ids": [hit.pk], "decision": "accept"}
            ),
            client.post(f"/api/rules/{rule.pk}/run"),
            client.delete(f"/api/rules/{rule.pk}"),
        ]
        assert [r.status_code for r in writes] == [403] * 5
    assert Rule.objects.count() == 1 and rule.hits.pending().count() == rule.hits.count()
    assert not Annotation.objects.exists()


def test_run_again_finds_only_new_hits(editor_client, rule):
    from tests.annotations.conftest import make_speech

    assert editor_client.post(f"/api/rules/{rule.pk}/run").json()["new_hits"] == 0
    make_speech(["人大常委会。"], title="新一篇", key="later")
    body = editor_client.post(f"/api/rules/{rule.pk}/run").json()
    assert body["new_hits"] == 1 and body["rule"]["pending"] == rule.hits.count()
