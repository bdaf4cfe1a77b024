"""The rule pages: saving a search, the review (with and without the keyboard
script: these are the no-JS forms), permissions and query counts."""

import pytest
from django.urls import reverse

from annotations.models import Annotation, HitStatus, Rule, RuleHit
from annotations.services.rules import review_hits
from tests.annotations.conftest import make_speech


def test_the_search_page_offers_editors_to_save_it_as_a_rule(client, editor, viewer, speeches):
    url = reverse("search_page") + "?q=人大"
    client.force_login(editor)
    assert reverse("rule_create") + "?q=" in client.get(url).content.decode()
    client.force_login(viewer)
    assert reverse("rule_create") not in client.get(url).content.decode()


def test_saving_a_search_with_filters_as_a_rule(editor_client, supervision, speeches):
    _first, second = speeches
    params = {"q": "人大", "compilation": second.compilation_id, "sort": "newest", "view": "kwic"}
    form = editor_client.get(reverse("rule_create"), params)
    assert form.status_code == 200
    page = form.content.decode()
    assert 'name="compilation"' in page and "人大" in page
    response = editor_client.post(
        reverse("rule_create"),
        {
            "for_theme": supervision.pk,
            "query": "人大",
            "compilation": second.compilation_id,
            "name": "人大（第二篇）",
        },
    )
    rule = Rule.objects.get()
    assert response.status_code == 302 and response["Location"] == rule.get_absolute_url()
    assert rule.filters == f"compilation={second.compilation_id}" and rule.name == "人大（第二篇）"
    assert rule.hits.count() == 2


@pytest.mark.parametrize(
    "data",
    [
        {"for_theme": "999999", "query": "人大"},  # unknown theme
        {"for_theme": "", "query": "人大"},
        {"query": "", "for_theme": "THEME"},  # empty query
        {"query": "-人大", "for_theme": "THEME"},  # malformed: exclusions alone
        {"query": "人大", "for_theme": "THEME", "speaker": "nobody-at-all"},
        {"query": "人大", "for_theme": "THEME", "not_theme": "no-such-theme"},
    ],
)
def test_bad_input_on_the_page_is_a_4xx_and_writes_nothing(
    editor_client, supervision, speeches, data
):
    data = {k: (str(supervision.pk) if v == "THEME" else v) for k, v in data.items()}
    response = editor_client.post(reverse("rule_create"), data)
    assert 400 <= response.status_code < 500
    assert not Rule.objects.exists() and not RuleHit.objects.exists()


def test_readers_and_annotators_cannot_save_or_review(client, viewer, annotator, rule, supervision):
    hit = rule.hits.first()
    for user in (annotator, viewer):
        client.force_login(user)
        assert client.get(reverse("rule_create")).status_code == 403
        assert (
            client.post(
                reverse("rule_create"), {"for_theme": supervision.pk, "query": "监督"}
            ).status_code
            == 403
        )
        decide = client.post(
            reverse("rule_decide", args=[rule.pk]), {"hit": hit.pk, "decision": "accept"}
        )
        assert decide.status_code == 403
        assert client.post(reverse("rule_delete", args=[rule.pk])).status_code == 403
    assert Rule.objects.count() == 1 and not Annotation.objects.exists()
    # They may read the rule and its hits, without the review's forms.
    page = client.get(rule.get_absolute_url()).content.decode()
    assert "人大" in page and reverse("rule_decide", args=[rule.pk]) not in page


def test_accepting_one_hit_from_the_form(editor_client, editor, rule):
    hit = rule.hits.order_by("id").first()
    response = editor_client.post(
        reverse("rule_decide", args=[rule.pk]), {"hit": hit.pk, "decision": "accept", "page": 1}
    )
    assert response.status_code == 302
    annotation = Annotation.objects.get()
    assert (annotation.rule, annotation.author, annotation.start, annotation.end) == (
        rule,
        editor,
        hit.start,
        hit.end,
    )
    hit.refresh_from_db()
    assert hit.status == HitStatus.ACCEPTED


def test_rejecting_a_page_of_hits(editor_client, rule):
    ids = list(rule.hits.values_list("id", flat=True))
    response = editor_client.post(
        reverse("rule_decide", args=[rule.pk]), {"hit": ids, "decision": "reject"}
    )
    assert response.status_code == 302
    assert rule.hits.filter(status=HitStatus.REJECTED).count() == len(ids)
    page = editor_client.get(rule.get_absolute_url()).content.decode()
    assert "data-hit=" not in page  # nothing waits any more


def test_a_bad_review_is_a_422_and_writes_nothing(editor_client, rule):
    hit = rule.hits.first()
    for data in (
        {"hit": [hit.pk, 10**9], "decision": "accept"},
        {"hit": ["x"], "decision": "accept"},
        {"hit": [hit.pk], "decision": "maybe"},
        {"decision": "accept"},
    ):
        assert editor_client.post(reverse("rule_decide", args=[rule.pk]), data).status_code == 422
    assert not rule.hits.exclude(status=HitStatus.PENDING).exists()


def test_a_covered_hit_is_shown_as_such(editor_client, editor, rule):
    from annotations.services import tag_passage

    hit = rule.hits.select_related("paragraph").order_by("id").first()
    paragraph = hit.paragraph
    tag_passage(
        paragraph=paragraph,
        start=0,
        end=len(paragraph.text),
        quote=paragraph.text,
        themes=[rule.theme],
        author=editor,
    )
    page = editor_client.get(rule.get_absolute_url()).content.decode()
    assert page.count("rule-hit--covered") == 1


def test_the_precision_shown_is_the_count(editor_client, editor, rule):
    ids = list(rule.hits.order_by("id").values_list("id", flat=True))
    review_hits(actor=editor, rule=rule, hit_ids=ids[:3], decision="accept")
    review_hits(actor=editor, rule=rule, hit_ids=ids[3:4], decision="reject")
    page = editor_client.get(rule.get_absolute_url()).content.decode()
    assert "75%" in page
    listing = editor_client.get(reverse("rule_list")).content.decode()
    assert "75%" in listing


def test_editing_running_and_deleting(editor_client, rule, supervision):
    response = editor_client.post(
        reverse("rule_edit", args=[rule.pk]),
        {"for_theme": supervision.pk, "query": "监督", "name": "监督"},
    )
    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.query == "监督"
    make_speech(["加强监督。"], title="新", key="new")
    assert editor_client.post(reverse("rule_run", args=[rule.pk])).status_code == 302
    assert rule.hits.filter(paragraph__text="加强监督。").exists()
    assert editor_client.post(reverse("rule_delete", args=[rule.pk])).status_code == 302
    assert not Rule.objects.exists()


def test_the_pages_query_counts_do_not_grow_with_hits(
    editor_client, editor, supervision, django_assert_max_num_queries
):
    for n in range(6):
        make_speech([f"人大第{n}段，人大又一次。", "人大代表。"], title=f"讲话{n}", key=f"q{n}")
    from annotations.services.rules import create_rule

    for n in range(3):
        create_rule(actor=editor, theme=supervision, query="人大" if n else "代表", name=str(n))
    rule = Rule.objects.order_by("id").last()
    with django_assert_max_num_queries(12):
        assert editor_client.get(reverse("rule_list")).status_code == 200
    with django_assert_max_num_queries(14):
        assert editor_client.get(rule.get_absolute_url()).status_code == 200


def test_a_rule_whose_filter_names_nothing_says_so_and_can_drop_it(
    editor_client, editor, supervision, speeches
):
    from annotations.services.rules import create_rule
    from speeches.models import Speaker

    speaker = Speaker.objects.create(name="王萍", slug="wang-ping")
    rule = create_rule(
        actor=editor, theme=supervision, query="人大", filters={"speaker": "wang-ping"}
    )
    speaker.delete()
    page = editor_client.get(rule.get_absolute_url())
    assert page.status_code == 200 and 'role="alert"' in page.content.decode()
    assert editor_client.post(reverse("rule_run", args=[rule.pk])).status_code == 302
    kept = editor_client.post(
        reverse("rule_edit", args=[rule.pk]),
        {"for_theme": supervision.pk, "query": "人大", "keep_filters": "on"},
    )
    assert kept.status_code == 422
    dropped = editor_client.post(
        reverse("rule_edit", args=[rule.pk]), {"for_theme": supervision.pk, "query": "人大"}
    )
    assert dropped.status_code == 302
    rule.refresh_from_db()
    assert rule.filters == "" and rule.hits.count() == 5
