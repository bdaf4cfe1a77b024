"""How many hits, and how many per year, when there are too many to read.

A sample comes first (PostgreSQL: a share of the table's pages; SQLite: one
hit in k by id); when the words are rare, the hits are counted one by one.
PostgreSQL's column statistics of the search index tell beforehand when a
sample could not hold enough hits, and when the word index costs more than
testing a few speeches' paragraphs one by one.
"""

from __future__ import annotations

import datetime
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connections
from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractYear

from search.backends import Scope, covering_sql, matching, token_matches
from search.query import SearchQuery
from search.ranking import HIT_COLUMNS, HitRow, hit_rows
from speeches.models import Paragraph

# Up to EXACT_LIMIT hits are counted one by one; past that a sample of about
# SAMPLE_ROWS paragraphs (hits, on SQLite) estimates the total when it holds
# MIN_SAMPLE_HITS hits, and every hit is counted otherwise.
SAMPLE_ROWS = 8_000
MIN_SAMPLE_HITS = 50
EXACT_LIMIT = 10_000
# An estimate this many times EXACT_LIMIT is not checked by counting.
CERTAINLY_MORE = 3
# PostgreSQL: testing a paragraph read by its speech costs about as much as
# this many hits collected from the word index (word_index_costs_more).
ROW_TEST_COST = 4


@dataclass(frozen=True)
class YearCount:
    year: int | None  # None: undated speeches
    count: int


def per_year_counts(years: Iterable[int | None]) -> list[YearCount]:
    counts = Counter(years)
    return sorted(
        (YearCount(year, n) for year, n in counts.items()),
        key=lambda c: (c.year is None, c.year or 0),
    )


@dataclass(frozen=True)
class WordStats:
    """What PostgreSQL's statistics of the search column say about the query's words."""

    known: bool  # every word is among the column's most common elements
    rarest: float  # share of paragraphs holding the rarest word (known words only)
    floor: float  # the least share the statistics track: unknown words are rarer
    paragraphs: float
    speeches: float

    def expected_hits(self, scope: Scope | None) -> float:
        """An upper bound of the hits: the rarest word's, within the filtered speeches' share."""
        share = 1.0
        if scope is not None and scope.by_ids and self.speeches > 0:
            share = min(1.0, scope.speech_count / self.speeches)
        return (self.rarest if self.known else self.floor) * self.paragraphs * share


def word_stats(query: SearchQuery, using: str) -> WordStats | None:
    """PostgreSQL: the statistics ANALYZE keeps of the search column (None elsewhere or before)."""
    if connections[using].vendor != "postgresql":
        return None
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT count(*) FROM unnest(e, f) AS u(word, freq) WHERE word = ANY(%s)), "
            "(SELECT min(freq) FROM unnest(e, f) AS u(word, freq) WHERE word = ANY(%s)), "
            # After the elements' frequencies: the least and the greatest.
            "f[array_length(e, 1) + 1], "
            "(SELECT reltuples FROM pg_class WHERE oid = 'speeches_paragraph'::regclass), "
            "(SELECT reltuples FROM pg_class WHERE oid = 'speeches_speech'::regclass) "
            "FROM (SELECT most_common_elems::text::text[] AS e, most_common_elem_freqs AS f "
            "FROM pg_stats WHERE tablename = 'speeches_paragraph' "
            "AND attname = 'search_vector') AS s",
            [list(query.required_words)] * 2,
        )
        row = cursor.fetchone()
    if row is None or row[2] is None or not row[3] or row[3] <= 0:
        return None
    known, rarest, floor, paragraphs, speeches = row
    return WordStats(
        known=known == len(query.required_words),
        rarest=rarest or 0.0,
        floor=floor,
        paragraphs=paragraphs,
        speeches=speeches or 0.0,
    )


def word_index_costs_more(stats: WordStats | None, scope: Scope | None) -> bool:
    """PostgreSQL: would reading the filtered paragraphs one by one beat the word index?

    Collecting every hit of a common word from the GIN index takes tens of
    milliseconds (65 ms for 发展, in 40% of a million paragraphs), and
    PostgreSQL's planner does not know it: intersecting that with a
    speaker's three thousand paragraphs looks cheap to it. Reading those
    paragraphs and testing each is cheaper then. So when the filters leave
    a list of speeches whose paragraphs are far fewer than the hits of the
    query's rarest word (by the column's statistics), bitmap scans, the
    only way to use GIN, are switched off for the search.
    """
    if stats is None or not stats.known or scope is None or not scope.by_ids:
        return False
    if stats.speeches <= 0:
        return False
    scoped = scope.speech_count * stats.paragraphs / stats.speeches
    return scoped * ROW_TEST_COST < stats.rarest * stats.paragraphs


@dataclass(frozen=True)
class HitCount:
    total: int
    exact: bool
    per_year: list[YearCount]
    # Every hit, when they were counted one by one.
    rows: list[HitRow] | None = None


def count_hits(
    query: SearchQuery,
    scope: Scope | None,
    *,
    using: str,
    stats: WordStats | None = None,
    exact: bool = False,
    keep_rows: bool = True,
    count_first: bool = False,
) -> HitCount:
    """The total and the hits per year of a query with more than RANK_LIMIT hits.

    Up to EXACT_LIMIT hits are always counted one by one, so that every
    total and chart up to that size is exact: the hits are read in no
    order (without their text), which stops after EXACT_LIMIT + 1, unless
    a sample drawn first shows far more (CERTAINLY_MORE times). Past
    that, the sample estimates them (the page says so): on PostgreSQL a share
    of the table's pages (TABLESAMPLE SYSTEM with a fixed seed, so a query
    shows the same numbers each time), on SQLite one hit in k by id, drawn
    inside the full-text index. A sample too thin for a fair estimate (the
    statistics may foresee it on PostgreSQL) is not trusted: every hit is
    counted then, as when ``exact`` asks for it (the API's ``exact=true``,
    the page's "count exactly"). ``keep_rows`` false: the hits counted one
    by one are counted per year in the database (a grouped query over the
    first EXACT_LIMIT + 1), not read; ``HitCount.rows`` is None then.
    ``count_first``: the hits cannot be CERTAINLY_MORE times EXACT_LIMIT
    (the statistics say so), so the sample could not spare the count: they
    are counted first, and the sample drawn only when there are more than
    EXACT_LIMIT. What it says is what the other order would.
    """
    matches = matching(query, scope, using=using)
    if exact:
        return _count_every_hit(matches, query, scope)
    if count_first:
        counted = _count_first(matches, query, scope, keep_rows)
        if counted is not None:
            return counted
    estimate = None
    if connections[using].vendor == "postgresql":
        thin = stats is not None and (
            stats.expected_hits(scope) * SAMPLE_ROWS / stats.paragraphs < MIN_SAMPLE_HITS
        )
        if not thin:
            estimate = _sample_pages(matches, using)
    else:
        estimate = _sample_ids(query, scope, using)
        if estimate is None and not keep_rows:
            # The index finds fewer than 2 × SAMPLE_ROWS paragraphs: counting
            # them all, once, costs less than counting EXACT_LIMIT + 1 of
            # them and then all of them when there are more (从严治党: 13,038
            # hits of 14,000 candidates at a million paragraphs); what it
            # says is what those two would.
            return _count_every_hit(matches, query, scope)
    fair = estimate is not None and estimate.hits_in_sample >= MIN_SAMPLE_HITS
    # A fair sample finding several times EXACT_LIMIT: the hits are more than
    # that beyond any doubt (a sample of 50 hits or more showing three times
    # the share of a total of EXACT_LIMIT is a chance of less than one in a
    # million), and reading EXACT_LIMIT of them would cost what the
    # estimate saves.
    if fair and estimate is not None and estimate.total >= CERTAINLY_MORE * EXACT_LIMIT:
        return HitCount(estimate.total, False, estimate.per_year)
    if not count_first:
        counted = _count_first(matches, query, scope, keep_rows)
        if counted is not None:
            return counted
    if not fair or estimate is None:
        return _count_every_hit(matches, query, scope)
    # The sample may fall short of what was just counted; never below it.
    return HitCount(max(estimate.total, EXACT_LIMIT + 1), False, estimate.per_year)


def _count_first(
    matches: QuerySet[Paragraph], query: SearchQuery, scope: Scope | None, keep_rows: bool
) -> HitCount | None:
    """The hits counted one by one when they are at most EXACT_LIMIT (None when
    there are more): the first EXACT_LIMIT + 1 found, read (``keep_rows``)
    or counted per year in the database."""
    if keep_rows:
        rows = read_hit_rows(
            matches.order_by().values_list(*HIT_COLUMNS)[: EXACT_LIMIT + 1], query, scope
        )
        if len(rows) <= EXACT_LIMIT:
            per_year = per_year_counts(row.date.year if row.date else None for row in rows)
            return HitCount(len(rows), True, per_year, rows)
        return None
    per_year = _first_hits_per_year(matches, EXACT_LIMIT + 1, query, scope)
    if sum(c.count for c in per_year) <= EXACT_LIMIT:
        return HitCount(sum(c.count for c in per_year), True, per_year)
    return None


def read_hit_rows(queryset: QuerySet, query: SearchQuery, scope: Scope | None) -> list[HitRow]:
    """HitRows of ``queryset`` (``matching``'s hits as ``HIT_COLUMNS``), read
    through the paragraphs' narrow index where SQLite can (``covering_sql``)."""
    covered = covering_sql(queryset, query, scope)
    if covered is None:
        return hit_rows(queryset)
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(*covered)
        rows = cursor.fetchall()
    return [HitRow(id_, _date(day), speech, position) for id_, day, speech, position in rows]


def _date(value: object) -> datetime.date | None:
    """A date as a raw cursor gives it (SQLite: a date, or its text where the
    column's declared type is lost)."""
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value))


def _first_hits_per_year(
    matches: QuerySet[Paragraph], limit: int, query: SearchQuery, scope: Scope | None
) -> list[YearCount]:
    """The first ``limit`` hits found (in no order), counted per year in the
    database: one short row per year leaves it, not a row per hit."""
    first = (
        matches.order_by()
        .annotate(year=ExtractYear("speech__date"))
        .values_list("year", flat=True)[:limit]
    )
    sql, params = covering_sql(first, query, scope) or first.query.sql_with_params()
    with connections[matches.db].cursor() as cursor:
        cursor.execute(f"SELECT hit.year, COUNT(*) FROM ({sql}) hit GROUP BY hit.year", params)
        grouped = cursor.fetchall()
    return year_counts(grouped)


def year_counts(grouped: Iterable[tuple]) -> list[YearCount]:
    """(year, hits) rows of a grouped query as YearCounts, undated last."""
    # PostgreSQL's EXTRACT gives a numeric, which a raw cursor hands back as Decimal.
    return sorted(
        (YearCount(None if year is None else int(year), n) for year, n in grouped),
        key=lambda c: (c.year is None, c.year or 0),
    )


def _grouped_by_year(
    matches: QuerySet[Paragraph], query: SearchQuery, scope: Scope | None
) -> list[tuple]:
    """(year, hits) of ``matches``, grouped in the database."""
    grouped = (
        matches.order_by()
        .annotate(year=ExtractYear("speech__date"))
        .values("year")
        .annotate(n=Count("id"))
        .values_list("year", "n")
    )
    covered = covering_sql(grouped, query, scope)
    if covered is None:
        return list(grouped)
    with connections[matches.db].cursor() as cursor:
        cursor.execute(*covered)
        return cursor.fetchall()


def _count_every_hit(
    matches: QuerySet[Paragraph], query: SearchQuery, scope: Scope | None
) -> HitCount:
    """Every hit counted, per year, in one query (no row leaves the database)."""
    per_year = year_counts(_grouped_by_year(matches, query, scope))
    return HitCount(sum(c.count for c in per_year), True, per_year)


@dataclass(frozen=True)
class Estimate:
    total: int
    per_year: list[YearCount]
    hits_in_sample: int


def _sample_pages(matches: QuerySet[Paragraph], using: str) -> Estimate | None:
    """PostgreSQL: hits per year in a sample of about SAMPLE_ROWS paragraphs, scaled up."""
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE oid = 'speeches_paragraph'::regclass")
        rows_in_table = float(cursor.fetchone()[0])
    if rows_in_table <= SAMPLE_ROWS:
        return None  # never analysed, or so small that counting is cheap
    return sampled_estimate(matches, percent=100.0 * SAMPLE_ROWS / rows_in_table)


def _sample_ids(query: SearchQuery, scope: Scope | None, using: str) -> Estimate | None:
    """SQLite: hits per year among the hits whose id is a multiple of k, scaled up.

    k is chosen from the number of paragraphs holding the words (one
    cheap count in the full-text index) to keep about SAMPLE_ROWS of them.
    """
    every = token_matches(query, using=using) // SAMPLE_ROWS
    if every < 2:
        return None
    sample = matching(query, scope, using=using, every=every)
    return _scaled(_grouped_by_year(sample, query, scope), every)


def sampled_estimate(matches: QuerySet[Paragraph], *, percent: float) -> Estimate:
    """Count the hits in ``percent`` of the paragraph table's pages, and scale up.

    PostgreSQL only. The sample is the same for the same percentage
    (REPEATABLE), so a query shows the same figures each time.
    """
    grouped = (
        matches.order_by()
        .annotate(year=ExtractYear("speech__date"))
        .values("year")
        .annotate(n=Count("id"))
        .values_list("year", "n")
    )
    sql, params = grouped.query.sql_with_params()
    table = 'FROM "speeches_paragraph"'
    if sql.count(table) != 1:
        raise RuntimeError(f"cannot sample this query: {sql}")
    sql = sql.replace(table, f"{table} TABLESAMPLE SYSTEM ({percent:.6f}) REPEATABLE (42)")
    with connections[matches.db].cursor() as cursor:
        cursor.execute(sql, params)
        sampled = cursor.fetchall()
    return _scaled(sampled, 100.0 / percent)


def _scaled(sampled: list[tuple], scale: float) -> Estimate:
    # PostgreSQL's EXTRACT gives a numeric, which a raw cursor hands back as Decimal.
    per_year = sorted(
        (
            YearCount(None if year is None else int(year), round_estimate(round(n * scale)))
            for year, n in sampled
        ),
        key=lambda c: (c.year is None, c.year or 0),
    )
    hits = sum(n for _, n in sampled)
    return Estimate(round_estimate(round(hits * scale)), per_year, hits)


def round_estimate(value: int) -> int:
    """An estimate to two significant figures (123,456 -> 120,000)."""
    if value < 100:
        return value
    return round(value, 1 - int(math.log10(value)))
