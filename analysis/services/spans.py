"""Bringing the coded spans (``analysis.models.CodedSpan``) and the counted
paragraphs and pairs (``CodedParagraph``, ``CodedPair``) up to date.

``refresh_coded_spans`` runs before every analysis; cheap when nothing
changed (seven small statements, its savepoint included). Passages written or changed
since the last refresh, with a margin for transactions that committed
late, are rewritten unless their rows were written for that very change
(``CodedSpan.written_for``); a change to the codebook rewrites every span,
since a theme's place in the tree decides which rows a passage counts in.
Each paragraph whose spans were rewritten, or where a passage was deleted
(``StaleParagraph``, marked by ``analysis.signals``), is counted again from
its spans: the passages and characters covered per theme (each character
once: spans in order of their start, each adding what reaches past the
furthest end before it, a window function on both databases) and which
pairs of themes meet and overlap, for every coder together and for each.
``rewrite_spans`` rewrites the spans of passages that moved without a new
``updated_at`` (structural edits, new versions: ``analysis.follow``) and
marks their paragraphs stale. Only the refresh counts paragraphs, under
the lock on its row: two counts of one paragraph never run side by side.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import Count, Exists, Max, OuterRef, Q
from django.utils import timezone

from analysis.models import CodedPair, CodedParagraph, CodedSpan, SpanRefresh, StaleParagraph
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
        stale = StaleParagraph.objects.using(using)
        if full:
            CodedSpan.objects.using(using).all().delete()
            written = _write(annotations, using)
            count_paragraphs(paragraph_ids=None, using=using)
            stale.all().delete()
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
            touched = set(stale.values_list("paragraph_id", flat=True))
            written = 0
            chains = lineage(using=using) if ids else {}
            for chunk in _chunks(ids):
                old = CodedSpan.objects.using(using).filter(annotation__in=chunk)
                touched.update(old.values_list("paragraph_id", flat=True))
                old.delete()
                chunk_annotations = annotations.filter(pk__in=chunk)
                touched.update(chunk_annotations.values_list("paragraph_id", flat=True))
                written += _write(chunk_annotations, using, chains)
            if touched:
                count_paragraphs(paragraph_ids=sorted(touched), using=using)
                for chunk in _chunks(sorted(touched)):
                    stale.filter(paragraph_id__in=chunk).delete()
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


def rewrite_spans(
    *,
    speech_ids: Sequence[int] = (),
    paragraph_ids: Sequence[int] = (),
    using: str | None = None,
) -> int:
    """Rewrite the spans of the passages now in ``speech_ids`` or
    ``paragraph_ids`` (and drop the rows left there by passages that moved
    out), and mark those paragraphs to be counted again by the next
    refresh (``StaleParagraph``): after a structural edit or a
    new version moved passages between paragraphs and speeches without
    touching their ``updated_at`` (``analysis.follow``). Nothing to do
    before the first refresh, which writes every span. How many passages
    were rewritten."""
    using = using or DEFAULT_DB_ALIAS
    if not SpanRefresh.objects.using(using).exists():
        return 0
    speech_ids, paragraph_ids = list(speech_ids), list(paragraph_ids)
    annotations = Annotation.objects.using(using).order_by()
    spans = CodedSpan.objects.using(using)
    touched = set(paragraph_ids)
    chosen = []
    for chunk in _chunks(speech_ids):
        chosen.append((Q(paragraph__speech_id__in=chunk), Q(speech_id__in=chunk)))
    for chunk in _chunks(paragraph_ids):
        chosen.append((Q(paragraph_id__in=chunk), Q(paragraph_id__in=chunk)))
    written = 0
    chains = lineage(using=using) if chosen else {}
    for passages_q, spans_q in chosen:
        moved = annotations.filter(passages_q)
        old = spans.filter(spans_q | Q(annotation__in=moved.values("id")))
        touched.update(old.values_list("paragraph_id", flat=True))
        old.delete()
        touched.update(moved.values_list("paragraph_id", flat=True))
        written += _write(moved, using, chains)
    # Counted at the next refresh, under its lock: counting here too could
    # count one paragraph twice beside it, and taking its lock while the
    # edit holds the speech's could deadlock with a refresh writing spans.
    StaleParagraph.objects.using(using).bulk_create(
        [StaleParagraph(paragraph_id=pk) for pk in touched],
        batch_size=BATCH,
        ignore_conflicts=True,
    )
    return written


def _chunks(ids: list[int]):
    for at in range(0, len(ids), CHUNK):
        yield ids[at:at + CHUNK]


# Characters covered, each once: spans in order of their start, each
# adding what reaches past the furthest end before it (``reach``).
_COVERED = """SUM(CASE WHEN reach IS NULL OR "start" >= reach THEN "end" - "start"
    WHEN "end" <= reach THEN 0 ELSE "end" - reach END)"""
_REACH = """MAX("end") OVER (PARTITION BY {by} ORDER BY "start", "end", annotation_id
    ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach"""


def count_paragraphs(*, paragraph_ids: list[int] | None, using: str) -> None:
    """Rewrite ``CodedParagraph`` and ``CodedPair`` for ``paragraph_ids``
    (None: for every paragraph) from their coded spans, in three
    statements per chunk of paragraphs: delete, count themes, count pairs."""
    if paragraph_ids is None:
        CodedParagraph.objects.using(using).all().delete()
        CodedPair.objects.using(using).all().delete()
        _count(None, using)
        return
    for chunk in _chunks(paragraph_ids):
        CodedParagraph.objects.using(using).filter(paragraph_id__in=chunk).delete()
        CodedPair.objects.using(using).filter(paragraph_id__in=chunk).delete()
        _count(chunk, using)


def _count(chunk: list[int] | None, using: str) -> None:
    where, params = "", []
    if chunk is not None:
        where = f"WHERE paragraph_id IN ({', '.join(['%s'] * len(chunk))})"
        params = list(chunk)
    spans = f"""SELECT theme_id, annotation_id, paragraph_id, speech_id, author_id,
        "start", "end" FROM {CodedSpan._meta.db_table} {where}"""
    figures = f"""
        WITH s AS ({spans}),
        u AS (
            SELECT theme_id, annotation_id, paragraph_id, speech_id, author_id, "start", "end"
            FROM s
            UNION ALL
            SELECT DISTINCT CAST(NULL AS BIGINT), annotation_id, paragraph_id, speech_id, author_id,
                "start", "end"
            FROM s
        )
        INSERT INTO {CodedParagraph._meta.db_table}
            (theme_id, paragraph_id, speech_id, author_id, everyone, passages, characters)
        SELECT theme_id, paragraph_id, speech_id, CAST(NULL AS BIGINT), TRUE, COUNT(*), {_COVERED}
        FROM (SELECT u.*, {_REACH.format(by="theme_id, paragraph_id")} FROM u) r
        GROUP BY theme_id, paragraph_id, speech_id
        UNION ALL
        SELECT theme_id, paragraph_id, speech_id, author_id, FALSE, COUNT(*), {_COVERED}
        FROM (SELECT u.*, {_REACH.format(by="theme_id, paragraph_id, author_id")} FROM u) r
        GROUP BY theme_id, paragraph_id, speech_id, author_id
    """
    overlap = 'CASE WHEN x."start" < y."end" AND y."start" < x."end" THEN 1 ELSE 0 END'
    pairs = f"""
        WITH s AS ({spans})
        INSERT INTO {CodedPair._meta.db_table}
            (a_id, b_id, paragraph_id, speech_id, author_id, everyone, overlapping)
        SELECT x.theme_id, y.theme_id, x.paragraph_id, x.speech_id, CAST(NULL AS BIGINT), TRUE,
            MAX({overlap})
        FROM s x JOIN s y ON x.paragraph_id = y.paragraph_id AND x.theme_id < y.theme_id
        GROUP BY x.theme_id, y.theme_id, x.paragraph_id, x.speech_id
        UNION ALL
        SELECT x.theme_id, y.theme_id, x.paragraph_id, x.speech_id, x.author_id, FALSE,
            MAX({overlap})
        FROM s x JOIN s y ON x.paragraph_id = y.paragraph_id AND x.theme_id < y.theme_id
            AND x.author_id = y.author_id
        GROUP BY x.theme_id, y.theme_id, x.paragraph_id, x.speech_id, x.author_id
    """
    with connections[using].cursor() as cursor:
        cursor.execute(figures, params)
        cursor.execute(pairs, params)


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
