"""Keyword in context, and every hit of a search in turn.

A concordance line is one match with the text on either side, the way
corpus linguists read a word's uses down a column. Offsets are code points
of the paragraph's text, like the highlights'.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from django.db.models import Q

from search.backends import in_date_order, matching_paragraphs
from search.engine import Hit, hits_for
from search.query import SearchQuery, Sort
from speeches.filters import SpeechFilters

# Characters shown on each side of a match: about a clause of Chinese.
CONTEXT_WIDTH = 24
# Hits read per query when walking every hit (an export).
BATCH = 500


@dataclass(frozen=True)
class ContextLine:
    before: str
    match: str
    after: str
    start: int
    end: int


def context_lines(
    text: str, spans: Sequence[tuple[int, int]], *, width: int = CONTEXT_WIDTH
) -> list[ContextLine]:
    """One line per span: up to ``width`` code points before and after it."""
    return [
        ContextLine(
            before=text[max(0, start - width) : start],
            match=text[start:end],
            after=text[end : end + width],
            start=start,
            end=end,
        )
        for start, end in spans
    ]


def every_hit(
    query: SearchQuery,
    filters: SpeechFilters | None = None,
    *,
    sort: str = Sort.OLDEST,
    batch: int = BATCH,
    within: Q | None = None,
    using: str | None = None,
) -> Iterator[Hit]:
    """Every hit in date order, read ``batch`` at a time (one query per batch).

    The ids come first, in one query (a list of integers even for a
    million hits); the paragraphs follow batch by batch, so that memory
    stays flat however many hits there are.
    """
    if not query.is_searchable:
        return
    sort = Sort.NEWEST if sort == Sort.NEWEST else Sort.OLDEST
    matches = matching_paragraphs(query, filters, within=within, using=using)
    ids = list(in_date_order(matches, sort).values_list("id", flat=True))
    for first in range(0, len(ids), batch):
        yield from hits_for(ids[first : first + batch], query, using=using)
