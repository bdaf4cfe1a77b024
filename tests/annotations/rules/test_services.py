"""Rules as services: saving, running, reviewing, re-running, figures."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from annotations.models import Annotation, HitStatus, Rule, RuleHit
from annotations.services import tag_passage
from annotations.services.rules import (
    ACCEPT,
    REJECT,
    create_rule,
    delete_rule,
    figures_of,
    review_hits,
    run_rule,
    update_rule,
)
from core.errors import InvalidInput, NotPermitted
from tests.annotations.conftest import make_speech


def spans(rule):
    return sorted(
        (h.paragraph.text[h.start : h.end], h.paragraph.position, h.start)
        for h in rule.hits.select_related("paragraph")
    )


def test_saving_a_rule_runs_its_search_with_its_filters(editor, supervision, speeches):
    first, second = speeches
    rule = create_rule(
        actor=editor,
        theme=supervision,
        query="人大 -乡村",
        filters={"compilation": str(second.compilation_id)},
    )
    assert rule.filters == f"compilation={second.compilation_id}"
    assert rule.author == editor and rule.last_run_at is not None and not rule.capped
    # Only the second speech's paragraphs: one match in each of its two.
    found = rule.hits.select_related("paragraph__speech")
    assert {h.paragraph.speech_id for h in found} == {second.pk}
    assert [
        (h.paragraph.position, h.start, h.end) for h in found.order_by("paragraph__position")
    ] == [(1, 2, 4), (2, 3, 5)]
    assert all(h.status == HitStatus.PENDING for h in found)
    assert Annotation.objects.count() == 0  # nothing applied unreviewed


def test_the_theme_filter_of_search_is_a_filter_of_the_rule(
    editor, supervision, rule_of_law, speeches, paragraphs
):
    first, _second = speeches
    paragraph = first.paragraphs.get(position=2)
    tag_passage(
        paragraph=paragraph,
        start=0,
        end=5,
        quote=paragraph.text[:5],
        themes=[rule_of_law],
        author=editor,
    )
    rule = create_rule(
        actor=editor, theme=supervision, query="人大", filters={"not_theme": "rule-of-law"}
    )
    assert paragraph.pk not in set(rule.hits.values_list("paragraph_id", flat=True))
    assert rule.hits.exists()


@pytest.mark.parametrize(
    ("query", "filters"),
    [
        ("", {}),
        ("   ", {}),
        ("-人大", {}),  # exclusions alone search nothing
        ("，。", {}),  # punctuation alone
        ("人" * 201, {}),
        ("人大", {"speaker": "nobody-at-all"}),
        ("人大", {"year": "twenty"}),
        ("人大", {"theme": "no-such-theme"}),
        ("人大", {"colour": "red"}),
    ],
)
def test_bad_searches_are_refused_and_write_nothing(editor, supervision, speeches, query, filters):
    with pytest.raises(InvalidInput):
        create_rule(actor=editor, theme=supervision, query=query, filters=filters)
    assert Rule.objects.count() == 0 and RuleHit.objects.count() == 0


def test_only_editors_make_rules(annotator, viewer, supervision, speeches):
    for user in (annotator, viewer):
        with pytest.raises(NotPermitted):
            create_rule(actor=user, theme=supervision, query="人大")
    assert Rule.objects.count() == 0


def test_a_retired_theme_takes_no_rule(editor, supervision, speeches):
    supervision.active = False
    supervision.save()
    with pytest.raises(InvalidInput):
        create_rule(actor=editor, theme=supervision, query="人大")
    assert Rule.objects.count() == 0


def test_accepting_makes_an_annotation_with_the_rule_as_origin(editor, rule):
    hit = rule.hits.select_related("paragraph").order_by("id").first()
    outcome = review_hits(actor=editor, rule=rule, hit_ids=[hit.pk], decision=ACCEPT)
    assert (outcome.accepted, outcome.rejected, outcome.covered) == (1, 0, 0)
    annotation = Annotation.objects.get(pk=outcome.created[0])
    assert annotation.rule == rule and annotation.author == editor
    assert list(annotation.themes.all()) == [rule.theme]
    assert (annotation.paragraph_id, annotation.start, annotation.end) == (
        hit.paragraph_id,
        hit.start,
        hit.end,
    )
    assert annotation.quote == "人大"
    hit.refresh_from_db()
    assert (hit.status, hit.reviewer, hit.annotation) == (HitStatus.ACCEPTED, editor, annotation)
    # Sent again (a second reviewer, a form sent twice): nothing more.
    again = review_hits(actor=editor, rule=rule, hit_ids=[hit.pk], decision=ACCEPT)
    assert (again.accepted, again.already, again.created) == (0, 1, [])
    assert Annotation.objects.count() == 1


def test_a_hit_already_coded_with_the_theme_is_not_tagged_twice(editor, rule):
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
    outcome = review_hits(actor=editor, rule=rule, hit_ids=[hit.pk], decision=ACCEPT)
    assert (outcome.accepted, outcome.covered, outcome.created) == (1, 1, [])
    hit.refresh_from_db()
    assert hit.annotation == existing
    assert Annotation.objects.count() == 1


def test_rejections_are_remembered_when_the_rule_runs_again(editor, rule):
    ids = list(rule.hits.values_list("id", flat=True))
    outcome = review_hits(actor=editor, rule=rule, hit_ids=ids[:2], decision=REJECT)
    assert outcome.rejected == 2
    assert run_rule(rule=rule) == 0  # nothing new, and the rejected stay rejected
    assert rule.hits.filter(status=HitStatus.REJECTED).count() == 2
    assert rule.hits.count() == len(ids)


def test_an_unknown_hit_refuses_the_whole_review(editor, rule, supervision):
    other = create_rule(actor=editor, theme=supervision, query="监督")
    mine = rule.hits.first().pk
    theirs = other.hits.first().pk
    for bad in ([mine, theirs], [mine, 10**9], [], list(range(1, 300))):
        with pytest.raises(InvalidInput):
            review_hits(actor=editor, rule=rule, hit_ids=bad, decision=ACCEPT)
    with pytest.raises(InvalidInput):
        review_hits(actor=editor, rule=rule, hit_ids=[mine], decision="maybe")
    assert not RuleHit.objects.exclude(status=HitStatus.PENDING).exists()
    assert Annotation.objects.count() == 0


def test_readers_and_annotators_do_not_review(viewer, annotator, rule):
    hit = rule.hits.first()
    for user in (viewer, annotator):
        with pytest.raises(NotPermitted):
            review_hits(actor=user, rule=rule, hit_ids=[hit.pk], decision=ACCEPT)
    assert rule.hits.pending().count() == rule.hits.count()


def test_any_editor_may_change_review_and_delete_another_editors_rule(rule, django_user_model):
    from tests.conftest import make_user

    other = make_user("another-editor", "editor")
    update_rule(actor=other, rule=rule, name="人大（复核）")
    review_hits(actor=other, rule=rule, hit_ids=[rule.hits.first().pk], decision=REJECT)
    assert Rule.objects.get(pk=rule.pk).name == "人大（复核）"
    accepted = review_hits(
        actor=other, rule=rule, hit_ids=[rule.hits.pending().first().pk], decision=ACCEPT
    )
    delete_rule(actor=other, rule=rule)
    assert not Rule.objects.exists() and not RuleHit.objects.exists()
    # The passage it made stays tagged, without an origin.
    survivor = Annotation.objects.get(pk=accepted.created[0])
    assert survivor.rule is None and survivor.author == other


def test_a_new_search_drops_waiting_hits_and_keeps_reviewed_ones(editor, rule):
    reviewed = rule.hits.order_by("id").first()
    review_hits(actor=editor, rule=rule, hit_ids=[reviewed.pk], decision=REJECT)
    update_rule(actor=editor, rule=rule, query="监督")
    texts = {
        h.paragraph.text[h.start : h.end] for h in rule.hits.pending().select_related("paragraph")
    }
    assert texts == {"监督"}
    assert rule.hits.filter(pk=reviewed.pk, status=HitStatus.REJECTED).exists()


def test_a_new_compilation_adds_only_its_own_hits(editor, rule):
    before = set(rule.hits.values_list("id", flat=True))
    review_hits(actor=editor, rule=rule, hit_ids=list(before)[:1], decision=REJECT)
    third = make_speech(["人大代表要履职尽责。", "没有这个词。"], title="第三篇", key="third")
    added = run_rule(rule=rule, compilation_id=third.compilation_id)
    assert added == 1
    new = rule.hits.exclude(pk__in=before).select_related("paragraph")
    assert [(h.paragraph.speech_id, h.start, h.end, h.status) for h in new] == [
        (third.pk, 0, 2, HitStatus.PENDING)
    ]
    assert rule.hits.filter(status=HitStatus.REJECTED).count() == 1


def test_precision_is_accepted_over_reviewed(editor, rule):
    ids = list(rule.hits.order_by("id").values_list("id", flat=True))
    assert figures_of(rule).precision is None
    review_hits(actor=editor, rule=rule, hit_ids=ids[:3], decision=ACCEPT)
    review_hits(actor=editor, rule=rule, hit_ids=ids[3:4], decision=REJECT)
    figures = figures_of(rule)
    accepted = RuleHit.objects.filter(rule=rule, status="accepted").count()
    rejected = RuleHit.objects.filter(rule=rule, status="rejected").count()
    pending = RuleHit.objects.filter(rule=rule, status="pending").count()
    assert (figures.accepted, figures.rejected, figures.pending) == (accepted, rejected, pending)
    assert figures.precision == pytest.approx(accepted / (accepted + rejected)) == 0.75
    listed = Rule.objects.with_figures().get(pk=rule.pk)
    assert figures_of(listed) == figures


def test_a_run_reads_in_batches_not_hit_by_hit(editor, rule):
    for n in range(5):
        make_speech([f"人大第{n}段。人大又一次。"], title=f"讲话{n}", key=f"k{n}")
    with CaptureQueriesContext(connection) as few:
        run_rule(rule=rule)
    assert len(few.captured_queries) <= 12


def test_a_hit_whose_text_changed_is_dropped_not_tagged(editor, rule):
    hit = rule.hits.select_related("paragraph").order_by("id").first()
    paragraph = hit.paragraph
    paragraph.text = "改过的文字，" + paragraph.text  # the match moved six places on
    paragraph.save(update_fields=["text"])
    outcome = review_hits(actor=editor, rule=rule, hit_ids=[hit.pk], decision=ACCEPT)
    assert (outcome.accepted, outcome.stale, outcome.created) == (0, 1, [])
    assert not RuleHit.objects.filter(pk=hit.pk).exists() and not Annotation.objects.exists()
    assert run_rule(rule=rule) == 1  # found again where it now is
    moved = rule.hits.get(paragraph=paragraph, start=hit.start + 6)
    assert moved.status == HitStatus.PENDING


def test_a_rule_whose_filter_names_nothing_any_more_is_skipped_on_import(
    editor, supervision, speeches, caplog
):
    from annotations.services.rules import run_rules_for_compilation
    from speeches.models import Speaker

    speaker = Speaker.objects.create(name="王萍", slug="wang-ping")
    broken = create_rule(
        actor=editor, theme=supervision, query="人大", filters={"speaker": "wang-ping"}
    )
    sound = create_rule(actor=editor, theme=supervision, query="监督")
    speaker.delete()
    third = make_speech(["人大要加强监督。"], title="第三篇", key="third")
    found = run_rules_for_compilation(compilation_id=third.compilation_id)
    assert found == {sound.pk: 1} and broken.pk not in found
    assert "not run" in caplog.text


def test_merging_a_theme_moves_its_rules(editor, rule, rule_of_law):
    from annotations.services import merge_themes

    merge_themes(actor=editor, source=rule.theme, target=rule_of_law)
    rule.refresh_from_db()
    assert rule.theme == rule_of_law
