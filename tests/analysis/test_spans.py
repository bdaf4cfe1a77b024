"""The coded spans stay current as passages and the codebook change."""

import datetime

from django.utils import timezone

from analysis.models import CodedSpan, SpanRefresh
from analysis.services import Dimension, crosstab
from analysis.services.spans import refresh_coded_spans
from annotations import services as annotation_services
from annotations.models import Annotation, Theme
from speeches.filters import SpeechFilters
from tests.analysis.conftest import tag


def _passages(theme):
    table = crosstab(dimension=Dimension.YEAR, filters=SpeechFilters())
    return next(r for r in table.rows if r.theme.pk == theme.pk).total.passages


def _age(minutes):
    """Make every passage and the last refresh look ``minutes`` old."""
    past = timezone.now() - datetime.timedelta(minutes=minutes)
    Annotation.objects.update(updated_at=past)
    SpanRefresh.objects.update(refreshed_at=past + datetime.timedelta(minutes=minutes // 2))


def test_spans_follow_new_changed_and_deleted_passages(archive):
    refresh_coded_spans()
    assert CodedSpan.objects.filter(theme=archive["law"]).count() == 8
    _age(60)
    assert refresh_coded_spans() == 0  # nothing changed: nothing rewritten
    new = tag(archive["speeches"]["li2021"], 2, 5, 9, [archive["admin"]], archive["bob"])
    assert _passages(archive["law"]) == 9  # the parent counts its sub-theme's new passage
    annotation_services.update_annotation(
        annotation=new, actor=archive["bob"], themes=[archive["rural"]]
    )
    assert _passages(archive["law"]) == 8 and _passages(archive["rural"]) == 3
    new.delete()
    assert _passages(archive["rural"]) == 2


def test_a_codebook_change_rewrites_every_span(archive, editor):
    refresh_coded_spans()
    _age(60)
    # Supervision moves under law: law's row now holds its passages too.
    annotation_services.update_theme(
        actor=editor, theme=archive["supervision"], parent=archive["law"], position=None
    )
    assert _passages(archive["law"]) == 8 + 4 - 1  # wang2021 p2 carries both: once
    merged = annotation_services.merge_themes(
        actor=editor, source=archive["rural"], target=archive["law"]
    )
    assert _passages(merged) == 11 + 2
    assert not Theme.objects.filter(slug="rural").exists()


def test_a_passage_is_rewritten_once_per_change_within_the_margin(archive):
    refresh_coded_spans()
    # Every passage was saved minutes ago, within the margin: none is
    # rewritten again, as long as it is not saved again.
    assert refresh_coded_spans() == 0
    passage = Annotation.objects.filter(themes=archive["rural"]).first()
    annotation_services.update_annotation(
        annotation=passage, actor=passage.author, themes=[archive["supervision"]]
    )
    assert refresh_coded_spans() == 1
    assert refresh_coded_spans() == 0
    assert _passages(archive["rural"]) == 1
    # A passage whose themes were all taken off loses its rows.
    Annotation.objects.get(pk=passage.pk).themes.clear()
    Annotation.objects.filter(pk=passage.pk).update(updated_at=timezone.now())
    assert refresh_coded_spans() == 0
    assert not CodedSpan.objects.filter(annotation=passage).exists()
