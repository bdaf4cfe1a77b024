"""Term trends: how often search terms occur, by year (or speaker, role, meeting).

Each term is a query of the search language (words, "phrases", -exclusions)
and is matched by the search engine itself (``speeches.search``): a term's
paragraphs are exactly the paragraphs a search for it finds, and its
occurrences are the matches the search highlights in them (the lines of its
concordance), counted by ``OccurrenceCounter`` without building the spans
(on PostgreSQL the database counts, and groups by column, every text
where a plain count gives the same figure: ``_counted``).
Nothing is sampled or estimated. Rates divide by the text of the same
column (``analysis.services.volumes``). By year, undated speeches are left
out of the series and reported on their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import F, Func, TextField
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from analysis.errors import AnalysisError
from analysis.services.dimensions import Column, Dimension, make_column, normalize_key
from analysis.services.volumes import fill_years, volume_columns
from search.services import (
    OccurrenceCounter,
    SearchQuery,
    matching_paragraphs,
    parse_query,
    plain_count,
    plain_occurrences_sql,
    verified_sql,
)
from speeches.filters import SpeechFilters

MAX_SERIES = 8
PER_CHARACTERS = 10_000
# Terms are separated by new lines, commas or semicolons; spaces belong to
# the search language (both words must occur).
TERM_SEPARATORS = re.compile(r"[\n\r,，;；]+")
# Paragraphs read per round trip while counting.
CHUNK = 5_000


class TrendMeasure(StrEnum):
    RATE = "rate"
    OCCURRENCES = "occurrences"
    PARAGRAPHS = "paragraphs"

    @property
    def label(self) -> str:
        return str(TREND_MEASURE_LABELS[self])


TREND_MEASURE_LABELS = {
    TrendMeasure.RATE: gettext_lazy("Occurrences per 10,000 characters"),
    TrendMeasure.OCCURRENCES: gettext_lazy("Occurrences"),
    TrendMeasure.PARAGRAPHS: gettext_lazy("Paragraphs"),
}


@dataclass
class Series:
    term: str
    query: SearchQuery
    # Per column (same order as the trend's columns).
    paragraphs: list[int]
    occurrences: list[int]
    # Hits in undated speeches, left out of a trend by year.
    undated_paragraphs: int = 0
    undated_occurrences: int = 0

    @property
    def total_paragraphs(self) -> int:
        return sum(self.paragraphs)

    @property
    def total_occurrences(self) -> int:
        return sum(self.occurrences)


@dataclass
class Trend:
    dimension: Dimension
    columns: list[Column]
    series: list[Series]
    # By year: the undated speeches' text, left out (None for other dimensions).
    undated: Column | None = None
    ignored: list[str] = field(default_factory=list)

    def value(self, series: Series, index: int, measure: TrendMeasure) -> float | None:
        if measure is TrendMeasure.PARAGRAPHS:
            return series.paragraphs[index]
        if measure is TrendMeasure.OCCURRENCES:
            return series.occurrences[index]
        characters = self.columns[index].characters
        return series.occurrences[index] * PER_CHARACTERS / characters if characters else None


def split_terms(text: str) -> list[str]:
    """The terms typed in one box: one per line, or separated by commas or semicolons."""
    return list(dict.fromkeys(t.strip() for t in TERM_SEPARATORS.split(text or "") if t.strip()))


def term_trend(
    *,
    terms: list[str],
    dimension: Dimension = Dimension.YEAR,
    filters: SpeechFilters | None = None,
    using: str | None = None,
) -> Trend:
    """Exact paragraphs and occurrences of each term per column, with the
    text volume of each column. One query per term and two for the volumes
    (one more per term for the filters' speeches when they are few, as
    search does).

    Raises ``AnalysisError`` ("no-terms", "too-many-terms") for what cannot be counted.
    """
    using = using or DEFAULT_DB_ALIAS
    filters = filters or SpeechFilters()
    if len(terms) > MAX_SERIES:
        raise AnalysisError(
            _("At most %(n)s terms at a time.") % {"n": MAX_SERIES},
            code="too-many-terms",
        )
    queries, ignored = [], []
    for term in terms:
        query = parse_query(term)
        (queries if query.is_searchable else ignored).append((term, query))
    if not queries:
        raise AnalysisError(
            _("Enter at least one search term, e.g. 依法行政."), code="no-terms"
        )
    columns = volume_columns(dimension=dimension, filters=filters, using=using)
    undated = None
    if dimension is Dimension.YEAR:
        undated = next((c for c in columns if c.key is None), None) or make_column(
            dimension, None
        )
        columns = fill_years([c for c in columns if c.key is not None])
    index = {c.key: i for i, c in enumerate(columns)}
    key = dimension.key("speech__")
    series: list[Series] = []
    for term, query in queries:
        current = Series(term, query, [0] * len(columns), [0] * len(columns))
        # What the highlighter would mark, counted without building its spans.
        count = OccurrenceCounter(query.needles)
        for value, paragraphs, occurrences, text in _counted(query, filters, key, using):
            value = normalize_key(value)
            if text is not None:
                occurrences = paragraphs * count(text)
            i = index.get(value)
            if i is None and value is None and dimension is Dimension.YEAR:
                current.undated_paragraphs += paragraphs
                current.undated_occurrences += occurrences
                continue
            if i is None:  # a speech imported since the volumes were read
                i = index[value] = len(columns)
                columns.append(make_column(dimension, value))
                for other in (*series, current):
                    other.paragraphs.append(0)
                    other.occurrences.append(0)
            current.paragraphs[i] += paragraphs
            current.occurrences[i] += occurrences
        series.append(current)
    return Trend(dimension, columns, series, undated, [t for t, _q in ignored])


def _counted(query: SearchQuery, filters: SpeechFilters, key, using: str):
    """(column key, paragraphs, occurrences, None) per column, counted by the
    database (``plain_occurrences_sql``), and (column key, paragraphs, 0, text)
    for the texts it leaves to ``OccurrenceCounter`` (paragraphs: how many
    share that text); one query.

    PostgreSQL only: it counts in C, close to the rows, and sends back a
    line per year instead of every matching text. SQLite's text functions
    cost more per paragraph than the counter does in Python (measured:
    about 1.4 times its CPU time), so there, as for needles no text can
    be counted plainly for (``plain_count``), every matching text is read
    and counted in Python."""
    vendor = connections[using].vendor
    plan = plain_count(query.needles) if vendor == "postgresql" else None
    if plan is None:
        rows = matching_paragraphs(query, filters, using=using).order_by().values_list(key, "text")
        for value, text in rows.iterator(chunk_size=CHUNK):
            yield value, 1, 0, text
        return
    # The text is read once, as a value in memory (``||`` makes one), and
    # checked for the terms and counted there: PostgreSQL keeps most
    # paragraph texts out of line (TOAST: an index and a heap page more per
    # text) and would fetch a text again for the check in the scan and for
    # each place the count names it. The fences (OFFSET 0) keep the planner
    # from merging the levels back into one.
    body = Func(F("text"), template="(%(expressions)s || '')", output_field=TextField())
    inner = (
        matching_paragraphs(query, filters, using=using, verify=False)
        .order_by()
        .annotate(column_key=key, body=body)
        .values_list("column_key", "body")
    )
    try:
        sql, params = inner.query.get_compiler(using).as_sql()
    except EmptyResultSet:
        return  # the filters exclude every paragraph (e.g. a year outside from–to)
    plain_sql, plain_params = plain_occurrences_sql(plan, '"body"', vendor)
    verified, verified_params = verified_sql(query, '"body"', vendor)
    grouped = f"""SELECT "column_key", CASE WHEN "plain" < 0 THEN "body" END,
            COUNT(*), SUM(CASE WHEN "plain" < 0 THEN 0 ELSE "plain" END)
        FROM (SELECT "column_key", "body", {plain_sql} AS "plain"
            FROM ({sql} OFFSET 0) texts WHERE {verified} OFFSET 0) counted
        GROUP BY 1, 2"""
    with connections[using].cursor() as cursor:
        # Parameters in the order the statement names them.
        cursor.execute(grouped, (*plain_params, *params, *verified_params))
        for value, text, paragraphs, occurrences in cursor.fetchall():
            yield value, paragraphs, int(occurrences or 0), text
