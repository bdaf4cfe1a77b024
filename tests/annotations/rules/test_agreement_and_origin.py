"""A rule against a coder on the agreement page and in the API; the origin of
an accepted hit in the reader and the exports; rules on a new import."""

import csv
import io

import pytest
from django.utils.translation import gettext as _

from annotations.exports.rows import COLUMNS, headers
from annotations.models import Annotation, HitStatus, RuleHit
from annotations.services import tag_passage
from annotations.services.agreement import compare_coders, compare_rule_with_coder
from annotations.services.rules import delete_rule, review_hits
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


def test_passages_from_a_rule_are_not_the_reviewers_calls_between_coders(
    rule, editor, annotator, coded
):
    """The editor's three passages in the first speech came from accepting the
    rule's hits: the editor coded nothing by hand, so is no coder to compare."""
    first, _second = coded
    assert compare_coders(Speech.objects.all()) == []
    p3 = first.paragraphs.get(position=3)
    tag_passage(paragraph=p3, start=0, end=2, quote=p3.text[:2], themes=[rule.theme],
                author=editor)
    (pair,) = compare_coders(Speech.objects.all())
    assert (pair.first, pair.second) == (annotator, editor)
    (cell,) = pair.tagged_cells
    # The annotator tagged paragraphs 2 and 3, the editor 3 by hand (1 and 2
    # from the rule, which would have made it 2, 0, 1, 0).
    assert (pair.paragraphs, cell.both, cell.first_only, cell.second_only, cell.neither) == (
        3, 1, 1, 0, 1)
    assert (pair.first_from_rules, pair.second_from_rules) == (0, 3)
    # Deleting the rule clears the passages' rule but not where they came from.
    delete_rule(actor=editor, rule=rule)
    assert Annotation.objects.filter(from_rule=True, rule__isnull=True).count() == 3
    (after,) = compare_coders(Speech.objects.all())
    assert after.tagged_cells == pair.tagged_cells
    assert after.second_from_rules == 3


def test_passages_from_other_rules_are_not_the_coders_calls_against_a_rule(
    rule, editor, coded
):
    from annotations.services.rules import create_rule

    other = create_rule(actor=editor, theme=rule.theme, query="监督", name="监督")
    review_hits(actor=editor, rule=other, hit_ids=list(other.hits.values_list("id", flat=True)),
                decision="accept")
    versus = compare_rule_with_coder(Speech.objects.all(), rule=rule, coder=editor)
    # Only the first rule's and the second rule's accepted passages: nothing by hand.
    assert versus.speeches == 0 and versus.cell.units == 0
    assert versus.coder_from_rules == Annotation.objects.filter(author=editor).count() > 3


def test_the_agreement_page_and_api_say_what_was_left_out(
    viewer_client, rule, editor, coded
):
    first, _second = coded
    p3 = first.paragraphs.get(position=3)
    tag_passage(paragraph=p3, start=0, end=2, quote=p3.text[:2], themes=[rule.theme],
                author=editor)
    html = viewer_client.get("/themes/agreement/").content.decode()
    assert 'data-from-rules="3"' in html
    assert "未计入 editor 来自规则的 3 个段落" in html
    (pair,) = viewer_client.get("/api/agreement").json()["items"]
    assert (pair["first"], pair["first_from_rules"], pair["second_from_rules"]) == (
        "annotator", 0, 3)
    body = viewer_client.get(f"/api/rules/{rule.pk}/agreement", {"coder": "editor"}).json()
    assert (body["coder_from_rules"], body["speeches"], body["both"]) == (3, 1, 0)
    # The CSV of the page's table says it too, on each of the pair's rows.
    response = viewer_client.get("/themes/agreement/", {"format": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    (row,) = csv.DictReader(io.StringIO(text))
    assert (row["编码者 A"], row["编码者 B"]) == ("annotator", "editor")
    assert (row["编码者 A 来自规则的段落（未计入）"], row["编码者 B 来自规则的段落（未计入）"]) == (
        "0", "3")


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
