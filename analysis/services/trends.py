"""Term trends: how often search terms occur, by year (or speaker, role, meeting).

Each term is a query of the search language (words, "phrases", -exclusions)
and is matched by the search engine itself (``speeches.search``): a term's
paragraphs are exactly the paragraphs a search for it finds, and its
occurrences are the matches the search highlights in them (the lines of its
concordance). Nothing is sampled or estimated. Rates divide by the text of
the same column (``analysis.services.volumes``). By year, undated speeches
are left out of the series and reported on their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from django.db import DEFAULT_DB_ALIAS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from analysis.errors import AnalysisError
from analysis.services.dimensions import Column, Dimension, make_column, normalize_key
from analysis.services.volumes import fill_years, volume_columns
from search.services import SearchQuery, highlight_spans, matching_paragraphs, parse_query
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
    series = []
    for term, query in queries:
        paragraphs = [0] * len(columns)
        occurrences = [0] * len(columns)
        current = Series(term, query, paragraphs, occurrences)
        needles = query.needles
        rows = matching_paragraphs(query, filters, using=using).order_by().values_list(key, "text")
        for value, text in rows.iterator(chunk_size=CHUNK):
            found = len(highlight_spans(text, needles))
            value = normalize_key(value)
            i = index.get(value)
            if i is None and value is None and dimension is Dimension.YEAR:
                current.undated_paragraphs += 1
                current.undated_occurrences += found
                continue
            if i is None:  # a speech imported since the volumes were read
                i = index[value] = len(columns)
                columns.append(make_column(dimension, value))
                for other in (*series, current):
                    other.paragraphs.append(0)
                    other.occurrences.append(0)
            paragraphs[i] += 1
            occurrences[i] += found
        series.append(current)
    return Trend(dimension, columns, series, undated, [t for t, _q in ignored])
