"""The text behind each column: characters, paragraphs and speeches.

Rates per 10,000 characters divide by these figures; the pages show them
under each column and year, so that a thin year reads as thin.
"""

from __future__ import annotations

from django.db import DEFAULT_DB_ALIAS

from analysis.models import SpeechVolume
from analysis.services.dimensions import Column, Dimension, make_column
from speeches.filters import SpeechFilters

# Rows written per INSERT when volumes are first filled in.
BATCH = 5_000


def record_missing_volumes(*, using: str | None = None) -> int:
    """Write the volume of every speech that has none yet; how many were written.

    One query when nothing is missing. Speeches imported since the last
    analysis are found by the anti-join; paragraph texts change only by a
    structural edit, which recounts its speeches (``recount_volumes``), so
    rows once written stay right (see ``analysis.models``).
    Concurrent requests may both compute a row: the second insert is ignored.
    """
    using = using or DEFAULT_DB_ALIAS
    rows = [
        SpeechVolume(speech_id=pk, characters=characters or 0, paragraphs=count)
        for pk, characters, count in SpeechVolume.objects.using(using).missing()
    ]
    SpeechVolume.objects.using(using).bulk_create(
        rows, batch_size=BATCH, ignore_conflicts=True
    )
    return len(rows)


def recount_volumes(*, speech_ids: list[int], using: str | None = None) -> int:
    """Count the volume of ``speech_ids`` again (their paragraphs were
    split, merged, added, removed or moved: ``analysis.follow``); how many
    rows were written. Two queries and an insert; a speech that is not
    current gets no row (it is counted when it is current again)."""
    using = using or DEFAULT_DB_ALIAS
    SpeechVolume.objects.using(using).filter(speech_id__in=speech_ids).delete()
    rows = [
        SpeechVolume(speech_id=pk, characters=characters or 0, paragraphs=count)
        for pk, characters, count in SpeechVolume.objects.using(using)
        .missing()
        .filter(id__in=speech_ids)
    ]
    SpeechVolume.objects.using(using).bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def volume_columns(
    *, dimension: Dimension, filters: SpeechFilters, using: str | None = None
) -> list[Column]:
    """One column per value of ``dimension`` among the filtered speeches, with
    its text volume, in the dimension's natural order (years ascending,
    undated last; otherwise by label); one query (after the volumes are
    brought up to date)."""
    using = using or DEFAULT_DB_ALIAS
    record_missing_volumes(using=using)
    rows = (
        SpeechVolume.objects.using(using)
        .filter(filters.q("speech__"))
        .grouped(dimension.key("speech__"), dimension.label_expression("speech__"))
    )
    merged: dict = {}
    for key, label, characters, paragraphs, speeches in rows:
        column = make_column(
            dimension, key, label or "",
            characters=characters or 0, paragraphs=paragraphs or 0, speeches=speeches,
        )
        # "" and NULL are one missing value: add them up.
        if column.key in merged:
            old = merged[column.key]
            column = make_column(
                dimension, column.key, old.label,
                characters=old.characters + column.characters,
                paragraphs=old.paragraphs + column.paragraphs,
                speeches=old.speeches + column.speeches,
            )
        merged[column.key] = column
    return sorted(merged.values(), key=lambda c: natural_order(dimension, c))


def natural_order(dimension: Dimension, column: Column):
    if dimension is Dimension.YEAR:
        return (column.key is None, column.key or 0)
    return (column.key is None, column.label, str(column.key))


def fill_years(columns: list[Column]) -> list[Column]:
    """Year columns with the years between the first and the last that have
    no text added (at zero), so a chart's axis has no silent jumps."""
    dated = {c.key: c for c in columns if c.key is not None}
    if not dated:
        return list(columns)
    first, last = min(dated), max(dated)
    filled = [
        dated.get(year) or make_column(Dimension.YEAR, year)
        for year in range(int(first), int(last) + 1)
    ]
    return filled + [c for c in columns if c.key is None]
