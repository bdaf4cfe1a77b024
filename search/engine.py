"""``search()``: one page of hits, the total and the hits per year.

How a search stays fast on a large corpus (figures in docs/performance.md):
the first ``RANK_LIMIT`` + 1 hits are read in whatever order the database
finds them cheapest, which stops early for a word found in half of a
million paragraphs as for a rare one. When that is all of them, they are
counted, charted by year and sorted right away. When there are more,
relevance ranks those first ``RANK_LIMIT`` found (the page says so), and
the total and the chart come from ``count_hits``: estimated from a sample
when the words are common, counted when they are not. The date orders
sort the hits counted when there are at most ``EXACT_LIMIT``; past that,
on PostgreSQL, they read the speeches of the years the hits per year
point to (``_date_page``), and SQLite walks the speeches' date index.
Filters that leave a short list of speeches are passed on as their ids
(``scope_of``), and PostgreSQL's column statistics tell when testing those
speeches' paragraphs one by one beats the word index
(``word_index_costs_more``).
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import F, Q

from search.backends import (
    Scope,
    candidates_at_most,
    fts5_by_speech,
    in_date_order,
    matching,
    scope_of,
)
from search.estimates import (
    CERTAINLY_MORE,
    EXACT_LIMIT,
    WordStats,
    YearCount,
    count_hits,
    per_year_counts,
    read_hit_rows,
    word_index_costs_more,
    word_stats,
)
from search.highlight import excerpt, highlight_spans, segments
from search.query import SearchQuery, Sort
from search.ranking import HIT_COLUMNS, date_order_key, hit_rows, rank
from speeches.filters import SpeechFilters
from speeches.models import Paragraph, Speech
from speeches.querysets import current_speech_q

# Hits read in one go: all of them when there are no more, counted and
# charted exactly; relevance ranks these (the first found) when there are more.
RANK_LIMIT = 1000
# Past any archive's paragraphs, and within what both databases take for an
# OFFSET (a 64-bit integer): a page number of 10**30 asks for no hit, not
# for a database error.
MAX_OFFSET = 2**31 - 1
# A page in date order is looked for first in the years whose hits (maybe
# estimated) are this many times those up to the page's end (_date_page).
DATE_PAGE_MARGIN = 3
# SQLite: a page in date order is looked for first among this many of the
# newest (oldest) speeches, then among that many (_first_speeches_page).
FIRST_SPEECHES = (64, 1024)


@dataclass(frozen=True)
class Hit:
    paragraph: Paragraph
    spans: list[tuple[int, int]]

    @property
    def segments(self) -> list[tuple[str, bool]]:
        return segments(self.paragraph.text, self.spans)

    @property
    def excerpt(self) -> list[tuple[str, bool]]:
        """What a list of hits shows: the text, or windows around the first matches
        of a long one."""
        return excerpt(self.paragraph.text, self.spans)


@dataclass
class SearchResults:
    query: SearchQuery
    filters: SpeechFilters
    sort: str
    offset: int
    limit: int
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    # False: ``total`` and ``per_year`` are estimated from a sample.
    exact: bool = True
    per_year: list[YearCount] = field(default_factory=list)
    # How many hits can be paged through: all of them by date, the ranked
    # ones by relevance.
    reachable: int = 0

    @property
    def ranked_subset(self) -> bool:
        """Relevance ranked only the first RANK_LIMIT hits found."""
        return self.sort == Sort.RELEVANCE and self.total > RANK_LIMIT


def search(
    query: SearchQuery,
    *,
    filters: SpeechFilters | None = None,
    sort: str = Sort.RELEVANCE,
    offset: int = 0,
    limit: int = 20,
    exact: bool = False,
    within: Q | None = None,
    using: str | None = None,
) -> SearchResults:
    """Search paragraphs: one page of hits, the total, and hits per year.

    A fixed number of queries (at most a dozen), whatever the number of hits.
    Totals and hits per year are exact up to EXACT_LIMIT hits; past that
    they are estimated (``SearchResults.exact`` false) unless ``exact``
    asks for every hit to be counted. ``within``: a condition on paragraphs
    that other apps' filters add (``extensions``: a theme).
    """
    filters = filters or SpeechFilters()
    sort = sort if sort in Sort.CHOICES else Sort.RELEVANCE
    offset = min(max(offset, 0), MAX_OFFSET)
    results = SearchResults(query=query, filters=filters, sort=sort, offset=offset, limit=limit)
    if not query.is_searchable:
        return results
    using = using or DEFAULT_DB_ALIAS
    scope = fts5_by_speech(query, scope_of(filters, using, within=within), using)
    # Read only for a short list of speeches (filtered searches).
    stats = functools.cache(lambda: word_stats(query, using))
    if scope is not None and scope.by_ids and word_index_costs_more(stats(), scope):
        with transaction.atomic(using=using), connections[using].cursor() as cursor:
            cursor.execute("SET LOCAL enable_bitmapscan = off")
            _run(results, query, scope, stats, using, exact)
    else:
        _run(results, query, scope, stats, using, exact)
    return results


def _run(
    results: SearchResults,
    query: SearchQuery,
    scope: Scope | None,
    stats: Callable[[], WordStats | None],
    using: str,
    exact: bool,
) -> None:
    """Fill ``results``: the total, the hits per year, the page of hits."""
    sort, offset, limit = results.sort, results.offset, results.limit
    matches = matching(query, scope, using=using)
    keys = HIT_COLUMNS

    # When the statistics are at hand (filtered searches on PostgreSQL) and
    # foresee between RANK_LIMIT and EXACT_LIMIT hits, every hit is read at
    # once, without its text; the texts relevance needs follow by id.
    every = None
    known = stats() if scope is not None and scope.by_ids else None
    if known is not None and RANK_LIMIT < known.expected_hits(scope) <= EXACT_LIMIT:
        rows = hit_rows(matches.order_by().values_list(*keys)[: EXACT_LIMIT + 1])
        if len(rows) <= EXACT_LIMIT:
            every = rows
            head = rows[:RANK_LIMIT]
            if sort == Sort.RELEVANCE:
                texts = dict(
                    Paragraph.objects.using(using)
                    .filter(id__in=[row.id for row in head])
                    .order_by()
                    .values_list("id", "text")
                )
                head = [row._replace(text=texts[row.id]) for row in head]
            results.total = len(rows)
            results.per_year = per_year_counts(row.date.year if row.date else None for row in rows)

    if every is None:
        # The first RANK_LIMIT + 1 hits in whatever order the database finds
        # them cheapest: with no ORDER BY it stops as soon as it has them,
        # for a word in half the paragraphs as for a rare one. When there
        # are no more, they are all the hits: counted, charted and sorted
        # right here.
        if sort == Sort.RELEVANCE:
            head = hit_rows(matches.order_by().values_list(*keys, "text")[: RANK_LIMIT + 1])
        else:
            head = read_hit_rows(
                matches.order_by().values_list(*keys)[: RANK_LIMIT + 1], query, scope
            )
        if len(head) <= RANK_LIMIT:
            results.total = len(head)
            results.per_year = per_year_counts(row.date.year if row.date else None for row in head)
            every = head
        else:
            del head[RANK_LIMIT:]
            # The statistics cost as much to read as a sample: use them when
            # they are at hand (filtered searches), sample otherwise.
            # Relevance needs no more rows than these: the others are
            # counted per year in the database.
            # PostgreSQL's statistics may say the hits cannot be so many that
            # a sample spares counting them: then they are counted first, and
            # a term of 5,794 hits (接诉即办) draws no sample.
            bound = (
                known.expected_hits(scope) if known is not None
                else candidates_at_most(query, using)
            )
            count = count_hits(
                query, scope, using=using, stats=known, exact=exact,
                keep_rows=sort != Sort.RELEVANCE,
                count_first=bound is not None and bound < CERTAINLY_MORE * EXACT_LIMIT,
            )
            results.total, results.exact = count.total, count.exact
            results.per_year = count.per_year
            every = count.rows  # when they were counted one by one

    if sort == Sort.RELEVANCE:
        ranked = rank(head, query.needles)
        page_ids = [row.id for row in ranked[offset : offset + limit]]
        results.reachable = len(ranked)
    elif every is not None:
        every.sort(key=date_order_key(sort))
        page_ids = [row.id for row in every[offset : offset + limit]]
        results.reachable = results.total
    else:
        if connections[using].vendor == "postgresql":
            page_ids = _date_page(query, scope, results.per_year, sort, offset, limit, using)
        else:
            page_ids = _walk_page(query, scope, sort, offset, limit, using)
        results.reachable = results.total

    results.hits = hits_for(page_ids, query, using=using)


def _date_page(
    query: SearchQuery,
    scope: Scope | None,
    per_year: list[YearCount],
    sort: str,
    offset: int,
    limit: int,
    using: str,
) -> list[int]:
    """One page of hits in date order, when there are too many to read and sort
    (PostgreSQL: its walk of the speeches by date tests each paragraph met).

    The hits per year (counted or estimated) tell which years hold the
    page: the speeches since (until) the newest (oldest) years whose hits
    make DATE_PAGE_MARGIN times the hits up to the page's end. Those are
    walked by date and their paragraphs tested, so that only they are
    checked; every hit in them comes before any hit outside them, so their
    first hits in date order are the page. When those years fall short (the
    estimate was high), or the page lies past them, the speeches are walked
    by date, all of them.
    """
    wanted = offset + limit
    dated = [(c.year, c.count) for c in per_year if c.year is not None]
    if sort != Sort.OLDEST:
        dated.reverse()
    years: list[int] = []
    enough = 0
    for year, count in dated:
        years.append(year)
        enough += count
        if enough >= DATE_PAGE_MARGIN * wanted:
            break
    else:
        years = []  # the page may reach undated speeches, or the estimate is thin
    if years:
        # Open-ended: a year the sample missed lies inside the range.
        if sort == Sort.OLDEST:
            bound = {"date__lte": datetime.date(max(years), 12, 31)}
        else:
            bound = {"date__gte": datetime.date(min(years), 1, 1)}
        condition = scope.q if scope is not None else current_speech_q("speech__")
        narrow = Scope(condition & Q(**{f"speech__{k}": v for k, v in bound.items()}), False)
        # The speeches' date index is walked from the newest (oldest) of
        # these years, each speech's paragraphs read by its id and tested:
        # the page lies in the first speeches met. Left to itself, the
        # planner may first collect every hit of the words from the word
        # index (人大 at a million paragraphs: 270,000 of them, 250 ms
        # against 1 ms), or join them all by hash (依法行政: 770 ms against
        # 4 ms); without bitmap scans, the only way to read GIN, it walks.
        # No savepoint: inside a caller's transaction the setting lasts to
        # its end, where it changes plans, never results.
        with (
            transaction.atomic(using=using, savepoint=False),
            connections[using].cursor() as cursor,
        ):
            if connections[using].vendor == "postgresql":
                cursor.execute("SET LOCAL enable_bitmapscan = off")
            page = list(
                in_date_order(matching(query, narrow, using=using), sort)
                .values_list("id", flat=True)[:wanted]
            )
        if len(page) == wanted:
            return page[offset:]
    return _walk_page(query, scope, sort, offset, limit, using)


def _walk_page(
    query: SearchQuery, scope: Scope | None, sort: str, offset: int, limit: int, using: str
) -> list[int]:
    """One page of hits in date order, walking the speeches by date (SQLite
    probes the full-text index's answer for each paragraph met, cheaply;
    PostgreSQL tests each paragraph's search vector, which costs more)."""
    if scope is None and connections[using].vendor == "sqlite":
        page = _first_speeches_page(query, sort, offset, limit, using)
        if page is not None:
            return page
    ordered = in_date_order(matching(query, scope, using=using, walk=True), sort)
    return list(ordered.values_list("id", flat=True)[offset : offset + limit])


def _first_speeches_page(
    query: SearchQuery, sort: str, offset: int, limit: int, using: str
) -> list[int] | None:
    """SQLite: one page of hits in date order from the newest (oldest)
    speeches alone, asked of the full-text index speech by speech
    (``Scope.by_speech``); None when they hold too few hits.

    The walk of every speech probes a list of every rowid of the words,
    which SQLite collects first (人大: 270,000 at a million paragraphs,
    the most of a date page's time); the first FIRST_SPEECHES speeches in
    the page's order hold the page of a common word. Every hit in them
    comes before any hit outside, so when they hold the page it is the
    page; otherwise the walk of all speeches gives it.
    """
    wanted = offset + limit
    speeches = Speech.objects.using(using).filter(current_speech_q())
    if sort == Sort.OLDEST:
        speeches = speeches.order_by(F("date").asc(nulls_last=True), "id")
    else:
        speeches = speeches.order_by(F("date").desc(nulls_last=True), "-id")
    for count in FIRST_SPEECHES:
        ids = tuple(speeches.values_list("id", flat=True)[:count])
        first = Scope.of_speeches(ids, by_speech=True)
        ordered = in_date_order(matching(query, first, using=using, walk=True), sort)
        page = list(ordered.values_list("id", flat=True)[:wanted])
        if len(page) == wanted or len(ids) < count:  # the page, or every speech
            return page[offset:]
    return None


def hits_for(ids: list[int], query: SearchQuery, *, using: str | None = None) -> list[Hit]:
    """The paragraphs ``ids`` as hits of ``query``, in that order (one query)."""
    if not ids:
        return []
    rows = (
        Paragraph.objects.using(using)
        .filter(id__in=ids)
        .select_related("speech__speaker", "speech__compilation", "section")
        .defer("tokens", "speech__compilation__text")
    )
    by_id = {p.id: p for p in rows}
    needles = query.needles
    return [Hit(by_id[i], highlight_spans(by_id[i].text, needles)) for i in ids if i in by_id]
