"""The migration that marks passages made from rules' hits (Annotation.from_rule)."""

import pytest
from django.db import connection

from annotations.models import Annotation
from annotations.services import tag_passage
from annotations.services.rules import review_hits

from ..conftest import migrate

BEFORE = [("annotations", "0010_text_length_limits")]
AFTER = [("annotations", "0011_annotation_from_rule")]


@pytest.mark.django_db(transaction=True)
def test_existing_passages_from_rules_are_marked_even_when_the_rule_is_gone(
    rule, editor, annotator, speeches, latest_schema_afterwards
):
    hits = list(rule.hits.order_by("id").values_list("id", flat=True)[:2])
    outcome = review_hits(actor=editor, rule=rule, hit_ids=hits, decision="accept")
    kept, orphan = outcome.created
    p = speeches[0].paragraphs.get(position=3)
    by_hand = tag_passage(paragraph=p, start=0, end=2, quote=p.text[:2], themes=[rule.theme],
                          author=annotator)
    migrate(BEFORE)
    # A rule deleted before the flag existed left its passage with no rule:
    # only the activity log's entry for the tagging still names it.
    with connection.cursor() as cursor:
        cursor.execute("UPDATE annotations_annotation SET rule_id = NULL WHERE id = %s", [orphan])
    migrate(AFTER)
    marked = dict(Annotation.objects.values_list("id", "from_rule"))
    assert marked == {kept: True, orphan: True, by_hand.pk: False}
