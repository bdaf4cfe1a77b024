"""The API does what the pages do (docs/api.md): the agreement figures and a
speech's history, with the pages' permissions and the same numbers."""

import pytest

from annotations import services
from annotations.models import Theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def coded_twice(seed_compilation, annotator, editor):
    speech = seed_compilation.speeches.order_by("position").first()
    paragraphs = list(speech.paragraphs.order_by("position")[:3])
    theme = Theme.objects.order_by("pk").first()
    for coder, chosen in ((annotator, paragraphs[:2]), (editor, paragraphs[1:])):
        for paragraph in chosen:
            services.tag_passage(
                paragraph=paragraph, start=0, end=len(paragraph.text), quote=paragraph.text,
                themes=[theme], author=coder,
            )
    return speech, theme


def test_agreement_matches_the_page(viewer_client, coded_twice):
    speech, theme = coded_twice
    (pair,) = viewer_client.get("/api/agreement").json()["items"]
    assert {pair["first"], pair["second"]} == {"annotator", "editor"}
    (cell,) = pair["themes"]
    assert cell["theme_id"] == theme.pk
    assert (cell["both"], cell["first_only"] + cell["second_only"]) == (1, 2)
    assert cell["both"] + cell["first_only"] + cell["second_only"] + cell["neither"] == (
        pair["paragraphs"]
    )
    page = viewer_client.get("/themes/agreement/")
    assert page.status_code == 200 and theme.name in page.content.decode()
    # Filters as on the page: a meeting no speech has leaves no pair.
    assert viewer_client.get("/api/agreement", {"event": "没有这个会议"}).json()["items"] == []


def test_history_matches_the_page(viewer_client, coded_twice):
    speech, _theme = coded_twice
    body = viewer_client.get(f"/api/speeches/{speech.pk}/history").json()
    verbs = [item["verb"] for item in body["items"]]
    assert verbs.count("tag") == 4 and "import" in verbs
    assert body["items"][0]["created_at"] >= body["items"][-1]["created_at"]
    page = viewer_client.get(f"/speeches/{speech.pk}/history/").content.decode()
    assert body["items"][0]["summary"] in page or "&ldquo;" in page or "“" in page
    assert viewer_client.get("/api/speeches/999999/history").status_code == 404


def test_same_permissions_as_the_pages(client, coded_twice, no_role_user, settings):
    speech, _theme = coded_twice
    settings.ANONYMOUS_READ = False
    for url in ("/api/agreement", f"/api/speeches/{speech.pk}/history"):
        assert client.get(url).status_code == 401
    client.force_login(no_role_user)
    for url in ("/api/agreement", f"/api/speeches/{speech.pk}/history"):
        assert client.get(url).status_code == 403
    assert client.get("/themes/agreement/").status_code in (302, 403)


def test_rules_match_their_pages(client, editor, viewer, coded_twice):
    """A rule's figures and waiting hits read the same on its page and in the API,
    and readers may read both but review neither."""
    from annotations.services.rules import create_rule, review_hits

    speech, theme = coded_twice
    word = speech.paragraphs.order_by("position").first().text[:2]
    rule = create_rule(actor=editor, theme=theme, query=word)
    ids = list(rule.hits.order_by("id").values_list("id", flat=True))
    review_hits(actor=editor, rule=rule, hit_ids=ids[:1], decision="reject")
    client.force_login(viewer)
    body = client.get(f"/api/rules/{rule.pk}").json()
    hits = client.get(f"/api/rules/{rule.pk}/hits", {"limit": 500}).json()
    assert body["pending"] == hits["total"] == len(ids) - 1 and body["precision"] == 0
    page = client.get(f"/themes/rules/{rule.pk}/").content.decode()
    assert page.count("data-hit=") == min(20, hits["total"])
    assert f'data-figure="pending">{hits["total"]}<' in page
    review = client.post(
        f"/api/rules/{rule.pk}/review", {"hit_ids": ids[1:2], "decision": "accept"},
        content_type="application/json",
    )
    assert review.status_code == 403
