"""Section headings that match a query: a hit in a heading links to its section.

Headings are short and far fewer than paragraphs, so they are not in the
word index: each term is looked for in the heading itself, compared as
phrases are (``TextContains``: NFKC, one simplified script, ASCII letters
without case), on both databases alike. A run-in heading is the start of
its paragraph's text and is found there, so it is left out here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import DEFAULT_DB_ALIAS
from django.db.models import F, Min

from search.backends import TextContains
from search.highlight import highlight_spans, segments
from search.query import SearchQuery
from speeches.filters import SpeechFilters
from speeches.models import Section, reader_url

# Headings shown with a search's first page, and counted at most.
HEADING_LIMIT = 10
HEADING_COUNT_LIMIT = 1000


@dataclass(frozen=True)
class HeadingHit:
    section: Section
    spans: list[tuple[int, int]]

    @property
    def segments(self) -> list[tuple[str, bool]]:
        return segments(self.section.heading, self.spans)

    def reader_url(self, hl: str = "") -> str:
        """The section in the reader, on the page of its first paragraph."""
        section = self.section
        position = getattr(section, "first_position", None)
        return reader_url(section.speech_id, position, section.anchor, hl=hl)


@dataclass
class HeadingResults:
    hits: list[HeadingHit] = field(default_factory=list)
    total: int = 0
    # False: more than HEADING_COUNT_LIMIT headings match; ``total`` is that limit.
    exact: bool = True


def heading_hits(
    query: SearchQuery,
    filters: SpeechFilters | None = None,
    *,
    limit: int = HEADING_LIMIT,
    using: str | None = None,
) -> HeadingResults:
    """The headings holding every positive term and no excluded one, newest speech
    first (two queries: the matching ids, counted up to a limit, then a page)."""
    results = HeadingResults()
    if not query.is_searchable:
        return results
    using = using or DEFAULT_DB_ALIAS
    sections = Section.objects.using(using).filter(run_in=False).exclude(heading="")
    for term in query.terms:
        if term.excluded:
            sections = sections.filter(TextContains(term.text, negated=True, column="heading"))
            continue
        for needle in term.needles:
            sections = sections.filter(TextContains(needle, column="heading"))
    # As paragraph search does (``backends.matching``): the speeches of
    # withdrawn or superseded compilations are left out, unless a filter
    # names their compilation (``SpeechFilters.q``).
    filters = filters or SpeechFilters()
    sections = sections.filter(filters.q("speech__"))
    ordered = sections.order_by(
        F("speech__date").desc(nulls_last=True), "-speech_id", "position"
    )
    ids = list(ordered.values_list("id", flat=True)[: HEADING_COUNT_LIMIT + 1])
    results.total = min(len(ids), HEADING_COUNT_LIMIT)
    results.exact = len(ids) <= HEADING_COUNT_LIMIT
    page = ids[:limit]
    by_id = (
        Section.objects.using(using)
        .select_related("speech__speaker")
        .annotate(first_position=Min("paragraphs__position"))
        .in_bulk(page)
    )
    needles = query.needles
    results.hits = [
        HeadingHit(by_id[i], highlight_spans(by_id[i].heading, needles)) for i in page
    ]
    return results
