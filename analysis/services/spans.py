"""Bringing the coded spans (``analysis.models.CodedSpan``) up to date.

Called before every analysis; cheap when nothing changed (four small
queries). Passages written or changed since the last refresh, with a margin
for transactions that committed late, are rewritten unless their rows were
written for that very change (``CodedSpan.written_for``); a change to the
codebook rewrites every span, since a theme's place in the tree decides
which rows a passage counts in.
"""

from __future__ import annotations

import datetime

from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models import Count, Exists, Max, OuterRef, Q
from django.utils import timezone

from analysis.models import CodedSpan, SpanRefresh
from annotations.models import Annotation, Theme

# A passage saved this long before a refresh began is still looked at again:
# its transaction may have committed after the refresh read the table.
MARGIN = datetime.timedelta(minutes=10)
BATCH = 5_000
# Passages named per statement when only some are rewritten (SQLite's limit
# on parameters is far above it).
CHUNK = 900


def lineage(*, using: str | None = None) -> dict[int, list[int]]:
    """Theme id -> itself and its ancestors, nearest first (one query)."""
    parents = dict(Theme.objects.using(using or DEFAULT_DB_ALIAS).values_list("pk", "parent_id"))
    result: dict[int, list[int]] = {}
    for pk in parents:
        chain, seen, current = [], set(), pk
        while current is not None and current not in seen:
            chain.append(current)
            seen.add(current)
            current = parents.get(current)
        result[pk] = chain
    return result


def refresh_coded_spans(*, using: str | None = None) -> int:
    """Rewrite the spans of passages changed since the last refresh (all of
    them after a codebook change); how many passages were rewritten."""
    using = using or DEFAULT_DB_ALIAS
    started = timezone.now()
    themes = Theme.objects.using(using).aggregate(changed=Max("updated_at"), n=Count("id"))
    with transaction.atomic(using=using):
        state = SpanRefresh.objects.using(using).select_for_update().first()
        full = (
            state is None
            or state.themes_changed_at != themes["changed"]
            or state.theme_count != themes["n"]
        )
        annotations = Annotation.objects.using(using).order_by()
        if full:
            CodedSpan.objects.using(using).all().delete()
            written = _write(annotations, using)
        else:
            # Saved since the last refresh (less the margin) and not as the
            # rows have it: a passage saved once is rewritten once, however
            # many refreshes follow within the margin.
            recent = annotations.filter(updated_at__gte=state.refreshed_at - MARGIN).exclude(
                Exists(CodedSpan.objects.using(using).filter(
                    annotation=OuterRef("pk"), written_for=OuterRef("updated_at")
                ))
            )
            ids = list(recent.values_list("pk", flat=True))
            written = 0
            chains = lineage(using=using) if ids else {}
            for at in range(0, len(ids), CHUNK):
                chunk = ids[at:at + CHUNK]
                CodedSpan.objects.using(using).filter(annotation__in=chunk).delete()
                written += _write(annotations.filter(pk__in=chunk), using, chains)
        values = {
            "refreshed_at": started,
            "themes_changed_at": themes["changed"],
            "theme_count": themes["n"],
        }
        if state is None:
            SpanRefresh.objects.using(using).create(**values)
        else:
            SpanRefresh.objects.using(using).filter(pk=state.pk).update(**values)
    return written


def rewrite_speech_spans(*, speech_ids: list[int], using: str | None = None) -> int:
    """Rewrite the spans of the passages in ``speech_ids`` (and drop those
    left under them by passages that moved out): after a structural edit
    moved passages between paragraphs and speeches without touching their
    ``updated_at`` (``analysis.follow``). Nothing to do before the first
    refresh, which writes every span. How many passages were rewritten."""
    using = using or DEFAULT_DB_ALIAS
    if not SpanRefresh.objects.using(using).exists():
        return 0
    annotations = Annotation.objects.using(using).filter(
        paragraph__speech_id__in=speech_ids
    ).order_by()
    CodedSpan.objects.using(using).filter(
        Q(speech_id__in=speech_ids) | Q(annotation__in=annotations.values("id"))
    ).delete()
    return _write(annotations, using)


def _write(annotations, using: str, chains: dict[int, list[int]] | None = None) -> int:
    """Spans for ``annotations``: one per theme it counts for, each once."""
    chains = chains if chains is not None else lineage(using=using)
    through = Annotation.themes.through.objects.using(using).filter(
        annotation__in=annotations.values("id")
    )
    rows = through.order_by("annotation_id").values_list(
        "annotation_id", "theme_id", "annotation__paragraph_id",
        "annotation__paragraph__speech_id", "annotation__author_id",
        "annotation__start", "annotation__end", "annotation__updated_at",
    )
    batch: list[CodedSpan] = []
    seen: set[tuple[int, int]] = set()
    passages: set[int] = set()
    for annotation, theme, paragraph, speech, author, start, end, changed in rows.iterator(
        chunk_size=BATCH
    ):
        passages.add(annotation)
        for target in chains.get(theme, (theme,)):
            if (annotation, target) in seen:
                continue
            seen.add((annotation, target))
            batch.append(CodedSpan(
                annotation_id=annotation, theme_id=target, paragraph_id=paragraph,
                speech_id=speech, author_id=author, start=start, end=end,
                written_for=changed,
            ))
        if len(batch) >= BATCH:
            CodedSpan.objects.using(using).bulk_create(batch, ignore_conflicts=True)
            batch = []
    if batch:
        CodedSpan.objects.using(using).bulk_create(batch, ignore_conflicts=True)
    return len(passages)
