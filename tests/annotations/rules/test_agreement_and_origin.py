"""A rule against a coder on the agreement page and in the API; the origin of
an accepted hit in the reader and the exports; rules on a new import."""

import csv
import io

import pytest
from django.utils.translation import gettext as _

from annotations.exports.rows import COLUMNS, headers
from annotations.models import Annotation, HitStatus, RuleHit
from annotations.services import tag_passage
from annotations.services.agreement import compare_rule_with_coder
from annotations.services.rules import review_hits
from speeches.models import Speech


@pytest.fixture
def coded(rule, editor, annotator, speeches):
    """The rule found 人大 in paragraphs 1 and 2 of the first speech and 1 and 2
    of the second; the editor accepted the first speech's, rejected the second's;
    the annotator tagged paragraph 2 of the first and paragraph 3 (no 人大).
    Paragraph 2 of the first speech names 人大 twice: three hits there in all."""
    first, second = speeches
    by_speech = {s.pk: [] for s in speeches}
    for hit in rule.hits.select_related("paragraph"):
        by_speech[hit.paragraph.speech_id].append(hit.pk)
    review_hits(actor=editor, rule=rule, hit_ids=by_speech[first.pk], decision="accept")
    review_hits(actor=editor, rule=rule, hit_ids=by_speech[second.pk], decision="reject")
    for position in (2, 3):
        p = first.paragraphs.get(position=position)
        tag_passage(
            paragraph=p, start=0, end=2, quote=p.text[:2], themes=[rule.theme], author=annotator
        )
    return first, second


def test_the_rule_against_a_coder_with_accepted_or_all_hits(rule, annotator, coded):
    first, _second = coded
    accepted = compare_rule_with_coder(Speech.objects.all(), rule=rule, coder=annotator)
    # Units: the first speech's three paragraphs (the coder coded only it).
    assert (accepted.speeches, accepted.paragraphs) == (1, 3)
    cell = accepted.cell
    assert (cell.both, cell.first_only, cell.second_only, cell.neither) == (1, 1, 1, 0)
    every = compare_rule_with_coder(Speech.objects.all(), rule=rule, coder=annotator, calls="all")
    assert (every.cell.both, every.cell.first_only) == (1, 1)  # the second speech is not a unit


def test_the_reviewers_accepted_passages_are_the_rules_not_the_reviewers(rule, editor, coded):
    versus_reviewer = compare_rule_with_coder(Speech.objects.all(), rule=rule, coder=editor)
    assert versus_reviewer.speeches == 0 and versus_reviewer.cell.units == 0


def test_the_agreement_page_and_api_compare_a_rule_with_a_coder(
    viewer_client, rule, coded, django_assert_max_num_queries
):
    with django_assert_max_num_queries(16):
        page = viewer_client.get(
            "/themes/agreement/", {"rule": rule.pk, "coder": "annotator", "hits": "all"}
        )
    html = page.content.decode()
    assert page.status_code == 200 and 'data-rule-calls="all"' in html
    body = viewer_client.get(f"/api/rules/{rule.pk}/agreement", {"coder": "annotator"}).json()
    assert (body["hits"], body["both"], body["rule_only"], body["coder_only"], body["neither"]) == (
        "accepted",
        1,
        1,
        1,
        0,
    )
    assert body["paragraphs"] == 3 and body["agreement"] == pytest.approx(1 / 3)
    missing = viewer_client.get(f"/api/rules/{rule.pk}/agreement", {"coder": "nobody"})
    assert missing.status_code == 422


def test_the_origin_shows_in_the_reader_and_the_csv(editor_client, rule, coded):
    first, _second = coded
    from tests.annotations.test_reader_payload import embedded

    config = embedded(editor_client, first)
    from_rule = [a for a in config["annotations"] if a["rule_id"]]
    assert {a["rule"] for a in from_rule} == {"人大"} and len(from_rule) == 3
    by_hand = [a for a in config["annotations"] if not a["rule_id"]]
    assert by_hand and all(a["rule"] is None for a in by_hand)
    response = editor_client.get("/exports/annotations.csv", {"speech": first.pk})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    header, *rows = list(csv.reader(io.StringIO(text)))
    column = [name for name, _label in COLUMNS].index("origin")
    assert header == headers()
    origins = sorted(row[column] for row in rows)
    label = str(_("rule #%(id)s %(rule)s") % {"id": rule.pk, "rule": "人大"})
    assert origins == ["", "", label, label, label]  # two by hand, three from the rule


def test_an_import_queues_the_rules_on_the_new_compilation(
    rule, editor, seed_bytes, pending_dir, settings, django_capture_on_commit_callbacks
):
    from speeches.services.jobs import run_import_job, start_import
    from tests.conftest import SEED

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    before = set(rule.hits.values_list("id", flat=True))
    rejected = rule.hits.order_by("id").first()
    review_hits(actor=editor, rule=rule, hit_ids=[rejected.pk], decision="reject")
    job = start_import(data=seed_bytes, filename=SEED.name, user=editor, enqueue=False)
    with django_capture_on_commit_callbacks(execute=True):
        job = run_import_job(job_id=job.pk)
    new = rule.hits.exclude(pk__in=before)
    assert new.exists() and not new.exclude(paragraph__speech__compilation=job.compilation).exists()
    assert not new.exclude(status=HitStatus.PENDING).exists()
    assert rule.hits.get(pk=rejected.pk).status == HitStatus.REJECTED
    assert Annotation.objects.count() == 0  # nothing applied unreviewed
    assert RuleHit.objects.filter(rule=rule).count() == len(before) + new.count()
