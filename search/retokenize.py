"""Recompute stored search tokens in place, after the way they are cut changed.

Tokens are computed once, at import (``services.import_compilation``). When
the segmentation changes (jieba, the project dictionary, the script fold of
``text.variants``), paragraphs imported before it keep tokens cut the
old way; ``retokenize`` cuts them again. The full-text index follows the
tokens column by itself (a generated column on PostgreSQL, triggers on
SQLite). Used by the ``reindex_search`` command and by data migrations,
which pass their historical model's queryset.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from django.db import transaction
from django.db.models import QuerySet

from text import variants
from text.segmentation import search_tokens

BATCH = 2000


def retokenize(
    paragraphs: QuerySet,
    *,
    batch: int = BATCH,
    select: Callable[[str], bool] | None = None,
) -> tuple[int, int]:
    """Recompute the tokens of ``paragraphs``; (paragraphs read, paragraphs changed).

    Rows are read ``batch`` at a time by id, never with a cursor left open
    while the table is written, and each batch's changes are saved in a
    transaction of their own: a database of millions of paragraphs is
    neither held in memory nor locked for the whole run, and a run broken
    off keeps what it did. ``select``: only texts it accepts are cut again
    (cutting is the costly part); only changed tokens are written.
    """
    model, using = paragraphs.model, paragraphs.db
    read = changed = 0
    last = 0
    while True:
        rows = list(
            paragraphs.filter(id__gt=last).order_by("id").only("id", "text", "tokens")[:batch]
        )
        if not rows:
            return read, changed
        last = rows[-1].id
        read += len(rows)
        stale = []
        for paragraph in rows:
            if select is not None and not select(paragraph.text):
                continue
            tokens = search_tokens(paragraph.text)
            if tokens != paragraph.tokens:
                paragraph.tokens = tokens
                stale.append(paragraph)
        if stale:
            with transaction.atomic(using=using):
                model._base_manager.using(using).bulk_update(stale, ["tokens"])
            changed += len(stale)


def holds_variants(text: str) -> bool:
    """Would the script fold change how ``text`` is cut? (a traditional or variant
    character, after NFKC: ⾨, a radical, is 門 then)."""
    return variants.has_variants(unicodedata.normalize("NFKC", text))
