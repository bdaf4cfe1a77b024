"""Chinese full-text search over paragraphs.

The query language::

    人大 监督          both words (terms are ANDed)
    人大监督工作        one term, cut into words by jieba; all of them must occur
    "依法行政" 「依法行政」 “依法行政”   an exact phrase, verified on the text
    -经济  -"经济发展"   leave out paragraphs with this word or phrase
    税  gdp            a single character, an English word (case does not matter)

The index (migration 0002) holds ``Paragraph.tokens``: jieba's search-mode
words of the text plus each of its Chinese characters. A term is cut with
the same tokenizer (``index_words``) and its longest words must be among a
paragraph's tokens (search mode gives the shorter ones inside them anyway).
A phrase must also occur verbatim in the text (ASCII letters compared
without case, on both databases alike); the index only narrows the
candidates. PostgreSQL matches with ``tsvector @@ tsquery`` on
a GIN index, SQLite with FTS5; both see the same tokens and find the same
paragraphs.

How a search stays fast on a large corpus (figures in docs/performance.md):
the first ``RANK_LIMIT`` + 1 hits are read in whatever order the database
finds them cheapest, which stops early for a word found in half of a
million paragraphs as for a rare one. When that is all of them, they are
counted, charted by year and sorted right away. When there are more,
relevance ranks those first ``RANK_LIMIT`` found (the page says so), the
date orders walk the speeches' date index, and the total and the chart
come from ``count_hits``: estimated from a sample when the words are
common, counted one by one when they are not. Filters that leave a short
list of speeches are passed on as their ids (``_scope``), and PostgreSQL's
column statistics tell when testing those speeches' paragraphs one by one
beats the word index (``_word_index_costs_more``).

Highlighting happens in Python on the verbatim text, in code points, after
the same NFKC and case folding the index applies (Ｇ２０ is found by g20).
"""

from __future__ import annotations

import datetime
import functools
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import BooleanField, Count, Expression, F, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import ExtractYear

from speeches.filters import SpeechFilters
from speeches.models import Paragraph, Speech
from speeches.segmentation import index_words

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12

# Hits read in one go: all of them when there are no more, counted and
# charted exactly; relevance ranks these (the first found) when there are more.
RANK_LIMIT = 1000
# A sample of about SAMPLE_ROWS paragraphs (hits, on SQLite) estimates the
# total when it holds MIN_SAMPLE_HITS hits; otherwise up to EXACT_LIMIT are
# counted one by one.
SAMPLE_ROWS = 8_000
MIN_SAMPLE_HITS = 50
EXACT_LIMIT = 10_000
# Filters leaving at most this many speeches are passed on as their ids.
FEW_SPEECHES = 4_000
# PostgreSQL: testing a paragraph read by its speech costs about as much as
# this many hits collected from the word index (_word_index_costs_more).
ROW_TEST_COST = 4


class Sort:
    RELEVANCE = "relevance"
    NEWEST = "newest"
    OLDEST = "oldest"
    CHOICES = (RELEVANCE, NEWEST, OLDEST)


# ---------------------------------------------------------------------------
# The query


@dataclass(frozen=True)
class Term:
    """One term of a query: a word (cut into ``words`` as the index is) or a phrase."""

    text: str
    words: tuple[str, ...]
    phrase: bool = False
    excluded: bool = False

    @property
    def longest_words(self) -> tuple[str, ...]:
        """The words not inside a longer word of the term (人大监督, not 人大 and 监督).

        jieba's search mode gives every occurrence of a long word its inner
        words too, so a paragraph holding the longest words holds them all.
        """
        return tuple(w for w in self.words if not any(w != o and w in o for o in self.words))

    @property
    def index_words(self) -> tuple[str, ...]:
        """The tokens every matching paragraph holds: what the index is asked for.

        A word or a phrase asks for its longest words; the text is then
        checked for the phrase itself. So a phrase, like a word, is found
        where jieba cut the text into the same words: not inside other
        words (国家 in 中国家庭, cut 中国 / 家庭). Asking the index for the
        phrase's characters would find those too, but makes a rare phrase
        of common characters cost a scan of a large part of the corpus.
        """
        return self.longest_words

    @property
    def needles(self) -> tuple[str, ...]:
        """What is highlighted for this term: the phrase, or its longest words."""
        return (self.text,) if self.phrase else self.longest_words

    def display(self) -> str:
        text = f"“{self.text}”" if self.phrase else self.text
        return f"-{text}" if self.excluded else text


@dataclass(frozen=True)
class SearchQuery:
    text: str
    terms: tuple[Term, ...] = ()
    # Terms that were typed but hold nothing searchable (punctuation alone).
    ignored: tuple[str, ...] = ()

    @property
    def positive(self) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if not t.excluded)

    @property
    def excluded(self) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if t.excluded)

    @property
    def is_searchable(self) -> bool:
        """A query needs one positive term: exclusions alone would list everything."""
        return bool(self.positive)

    @property
    def required_words(self) -> tuple[str, ...]:
        """The tokens a matching paragraph holds, all of them."""
        return tuple(dict.fromkeys(w for t in self.positive for w in t.index_words))

    @property
    def needles(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(n for t in self.positive for n in t.needles))

    def __str__(self):
        return " ".join(t.display() for t in self.terms)


_TERM_RE = re.compile(
    r"""(?P<minus>[-－]?)
    (?:"(?P<q1>[^"]*)"?
      |“(?P<q2>[^”]*)”?
      |「(?P<q3>[^」]*)」?
      |『(?P<q4>[^』]*)』?
      |(?P<bare>[^\s"“「『]+))""",
    re.VERBOSE,
)


def parse_query(text: str) -> SearchQuery:
    """Read a query typed by a person. Never fails: what cannot be searched is ignored."""
    text = (text or "").strip()[:MAX_QUERY_LENGTH]
    terms: list[Term] = []
    ignored: list[str] = []
    for match in _TERM_RE.finditer(text):
        quoted = next((match[g] for g in ("q1", "q2", "q3", "q4") if match[g] is not None), None)
        raw = quoted if quoted is not None else match["bare"]
        raw = raw.strip()
        if not raw:
            continue
        words = tuple(dict.fromkeys(index_words(raw)))
        if not words:
            ignored.append(raw)
            continue
        term = Term(text=raw, words=words, phrase=quoted is not None, excluded=bool(match["minus"]))
        if term not in terms:
            terms.append(term)
    return SearchQuery(text=text, terms=tuple(terms[:MAX_TERMS]), ignored=tuple(ignored))


# ---------------------------------------------------------------------------
# Matching in the database


class TextContains(Expression):
    """The paragraph text holds ``phrase``; ASCII letters compared without case.

    Both databases fold only A-Z (SQLite's lower() does no more), so they
    agree on every text.
    """

    output_field = BooleanField()
    conditional = True

    def __init__(self, phrase: str, *, negated: bool = False):
        super().__init__()
        self.phrase = ascii_lower(phrase)
        self.negated = negated

    def as_sql(self, compiler, connection):
        column = compiler.compile(F("text").resolve_expression(compiler.query))[0]
        if connection.vendor == "postgresql":
            sql = (
                f"strpos(translate({column}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', "
                f"'abcdefghijklmnopqrstuvwxyz'), %s) > 0"
            )
        else:
            sql = f"instr(lower({column}), %s) > 0"
        return (f"NOT ({sql})" if self.negated else sql), [self.phrase]


def ascii_lower(text: str) -> str:
    return text.translate(_ASCII_LOWER)


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _fts5_phrase(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def index_condition(query: SearchQuery, vendor: str, *, walk: bool = False, every: int = 1):
    """The index lookup for the query's words: a filter for ``Paragraph`` rows.

    SQLite only: ``every`` keeps one hit in ``every`` (by id), a sample that
    costs nothing to draw; ``walk`` keeps SQLite from starting at the index
    (for a walk along the speeches' date index; top-level queries only).
    """
    required = query.required_words
    excluded = [t.index_words for t in query.excluded if not t.phrase]
    if vendor == "postgresql":
        sql = "plainto_tsquery('simple', %s)"
        params = [" ".join(required)]
        for words in excluded:
            sql += " && !!plainto_tsquery('simple', %s)"
            params.append(" ".join(words))
        return RawSQL(
            # Unqualified: the paragraph table is aliased (U0) when this
            # condition sits in a subquery, as the search exports use it.
            f'"search_vector" @@ ({sql})', params, output_field=BooleanField()
        )
    if vendor == "sqlite":
        match = "(" + " AND ".join(_fts5_phrase(w) for w in required) + ")"
        for words in excluded:
            match += " NOT (" + " AND ".join(_fts5_phrase(w) for w in words) + ")"
        sql = "SELECT rowid FROM speeches_paragraph_fts WHERE speeches_paragraph_fts MATCH %s"
        params: list = [match]
        if every > 1:
            sql += " AND rowid %% %s = 0"
            params.append(every)
        if walk:
            # The unary plus hides the id from the planner, which then
            # walks speeches by date and probes each paragraph's id.
            return RawSQL(
                f'+"speeches_paragraph"."id" IN ({sql})', params, output_field=BooleanField()
            )
        return {"id__in": RawSQL(sql, params)}
    raise NotImplementedError(f"No full-text search for the {vendor} database.")


def token_matches(query: SearchQuery, *, using: str | None = None) -> int:
    """Paragraphs holding the query's words, before phrases, exclusions and filters (SQLite)."""
    match = "(" + " AND ".join(_fts5_phrase(w) for w in query.required_words) + ")"
    with connections[using or DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM speeches_paragraph_fts WHERE speeches_paragraph_fts MATCH %s",
            [match],
        )
        return cursor.fetchone()[0]


def matching_paragraphs(
    query: SearchQuery, filters: SpeechFilters | None = None, *, using: str | None = None
) -> QuerySet[Paragraph]:
    """Paragraphs that match the query and the filters, in no particular order."""
    using = using or DEFAULT_DB_ALIAS
    return _matching(query, _scope(filters, using), using=using, nested=True)


@dataclass(frozen=True)
class Scope:
    """The filters as a condition on paragraphs; ``by_ids``: a short list of speeches."""

    q: Q
    by_ids: bool
    speech_count: int = 0


def _scope(filters: SpeechFilters | None, using: str) -> Scope | None:
    """The filters as a condition on paragraphs.

    Filters that leave few speeches (a speaker, a role, a year) are given to
    the database as the list of those speeches' ids: PostgreSQL can then
    intersect the word index with the paragraphs' speech index before it
    reads a row, instead of reading every paragraph holding the word to
    look up its speech. Broad filters stay a join. One query either way.
    """
    if filters is None or filters.is_empty:
        return None
    speech_ids = list(
        Speech.objects.using(using)
        .filter(filters.q())
        .order_by()
        .values_list("id", flat=True)[: FEW_SPEECHES + 1]
    )
    if len(speech_ids) <= FEW_SPEECHES:
        return Scope(Q(speech_id__in=speech_ids), by_ids=True, speech_count=len(speech_ids))
    return Scope(filters.q("speech__"), by_ids=False)


def _matching(
    query: SearchQuery,
    scope: Scope | None,
    *,
    using: str,
    walk: bool = False,
    every: int = 1,
    nested: bool = False,
) -> QuerySet[Paragraph]:
    """The matching paragraphs; ``nested`` when the queryset may end up in a subquery."""
    if not query.is_searchable:
        return Paragraph.objects.none()
    # SQLite: with a short list of speeches, start from their paragraphs and
    # test each against the index, rather than the other way round.
    walk = not nested and (walk or (scope is not None and scope.by_ids))
    condition = index_condition(query, connections[using].vendor, walk=walk, every=every)
    queryset = Paragraph.objects.using(using)
    queryset = queryset.filter(**condition) if isinstance(condition, dict) else queryset.filter(
        condition
    )
    for term in query.terms:
        if term.phrase:
            queryset = queryset.filter(TextContains(term.text, negated=term.excluded))
    return queryset if scope is None else queryset.filter(scope.q)


def in_date_order(queryset: QuerySet[Paragraph], sort: str) -> QuerySet[Paragraph]:
    """Newest speeches first (undated last); oldest first for ``Sort.OLDEST``."""
    if sort == Sort.OLDEST:
        return queryset.order_by(
            F("speech__date").asc(nulls_last=True), "speech_id", "position"
        )
    return queryset.order_by(F("speech__date").desc(nulls_last=True), "-speech_id", "position")


# ---------------------------------------------------------------------------
# Highlighting


class _FoldTable(dict):
    """str.translate table: each character to its NFKC form, case folded (filled lazily)."""

    def __missing__(self, code: int) -> str:
        value = unicodedata.normalize("NFKC", chr(code)).casefold()
        self[code] = value
        return value


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """``text`` as the index sees it: NFKC, case folded, character by character."""
    return text.translate(_FOLD)


def folded(text: str) -> tuple[str, list[int] | None]:
    """``fold(text)`` and, when folding changed lengths, each folded character's source index.

    Folding may turn one character into several (ﬁ -> fi); each then points
    back at the character it came from, so a match in the folded text maps
    back to code points of the verbatim text. ``None`` means one to one.
    """
    result = fold(text)
    if len(result) == len(text) and all(len(_FOLD[ord(c)]) == 1 for c in set(text)):
        return result, None
    origin: list[int] = []
    for index, char in enumerate(text):
        origin.extend([index] * len(_FOLD[ord(char)]))
    return result, origin


def highlight_spans(text: str, needles: Iterable[str]) -> list[tuple[int, int]]:
    """Code-point spans [start, end) of every occurrence of every needle, merged.

    Matching is on the folded text (NFKC, case folded), as the index is.
    Overlapping and touching occurrences merge into one span.
    """
    folded_text, origin = folded(text)
    spans: list[tuple[int, int]] = []
    for needle in needles:
        folded_needle = fold(needle)
        if not folded_needle:
            continue
        start = folded_text.find(folded_needle)
        while start != -1:
            end = start + len(folded_needle)
            if origin is None:
                spans.append((start, end))
            else:
                spans.append((origin[start], origin[end - 1] + 1))
            start = folded_text.find(folded_needle, start + 1)
    return merge_spans(spans)


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def segments(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[str, bool]]:
    """``text`` cut at the spans: (piece, highlighted) in order, for templates."""
    result: list[tuple[str, bool]] = []
    position = 0
    for start, end in spans:
        if start > position:
            result.append((text[position:start], False))
        result.append((text[start:end], True))
        position = end
    if position < len(text):
        result.append((text[position:], False))
    return result


# ---------------------------------------------------------------------------
# Relevance


def relevance(text: str, needles: Sequence[str], *, average_length: float) -> float:
    """BM25's term-frequency part over the highlighted occurrences.

    Every hit holds every term, so the rarity of a term (BM25's IDF) is the
    same for all of them and left out; what ranks a paragraph higher is
    saying the words more often in fewer characters.
    """
    k1, b = 1.2, 0.75
    # Case folding only: NFKC would cost thirty times as much per paragraph
    # (relevance reads a thousand), and only full-width letters and digits,
    # rare in running text, would count differently.
    folded_text = text.casefold()
    norm = k1 * (1 - b + b * len(text) / average_length)
    score = 0.0
    for needle in needles:
        tf = folded_text.count(needle)
        score += tf * (k1 + 1) / (tf + norm)
    return score


# ---------------------------------------------------------------------------
# Searching


@dataclass(frozen=True)
class Hit:
    paragraph: Paragraph
    spans: list[tuple[int, int]]

    @property
    def segments(self) -> list[tuple[str, bool]]:
        return segments(self.paragraph.text, self.spans)


@dataclass(frozen=True)
class YearCount:
    year: int | None  # None: undated speeches
    count: int


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
    using: str | None = None,
) -> SearchResults:
    """Search paragraphs: one page of hits, the total, and hits per year.

    A fixed number of queries (at most a dozen), whatever the number of hits.
    """
    filters = filters or SpeechFilters()
    sort = sort if sort in Sort.CHOICES else Sort.RELEVANCE
    results = SearchResults(query=query, filters=filters, sort=sort, offset=offset, limit=limit)
    if not query.is_searchable:
        return results
    using = using or DEFAULT_DB_ALIAS
    scope = _scope(filters, using)
    # Read only for a short list of speeches (filtered searches).
    stats = functools.cache(lambda: _word_stats(query, using))
    if scope is not None and scope.by_ids and _word_index_costs_more(stats(), scope):
        with transaction.atomic(using=using), connections[using].cursor() as cursor:
            cursor.execute("SET LOCAL enable_bitmapscan = off")
            _run(results, query, scope, stats, using)
    else:
        _run(results, query, scope, stats, using)
    return results


def _run(
    results: SearchResults,
    query: SearchQuery,
    scope: Scope | None,
    stats: Callable[[], WordStats | None],
    using: str,
) -> None:
    """Fill ``results``: the total, the hits per year, the page of hits."""
    sort, offset, limit = results.sort, results.offset, results.limit
    matches = _matching(query, scope, using=using)
    keys = ("id", "speech__date", "speech_id", "position")

    # When the statistics are at hand (filtered searches on PostgreSQL) and
    # foresee between RANK_LIMIT and EXACT_LIMIT hits, every hit is read at
    # once, without its text; the texts relevance needs follow by id.
    every = None
    known = stats() if scope is not None and scope.by_ids else None
    if known is not None and RANK_LIMIT < known.expected_hits(scope) <= EXACT_LIMIT:
        rows = list(matches.order_by().values_list(*keys)[: EXACT_LIMIT + 1])
        if len(rows) <= EXACT_LIMIT:
            every = rows
            head = rows[:RANK_LIMIT]
            if sort == Sort.RELEVANCE:
                texts = dict(
                    Paragraph.objects.using(using)
                    .filter(id__in=[row[0] for row in head])
                    .order_by()
                    .values_list("id", "text")
                )
                head = [(*row, texts[row[0]]) for row in head]
            results.total = len(rows)
            results.per_year = _per_year(row[1].year if row[1] else None for row in rows)

    if every is None:
        # The first RANK_LIMIT + 1 hits in whatever order the database finds
        # them cheapest: with no ORDER BY it stops as soon as it has them,
        # for a word in half the paragraphs as for a rare one. When there
        # are no more, they are all the hits: counted, charted and sorted
        # right here.
        columns = [*keys, "text"] if sort == Sort.RELEVANCE else list(keys)
        head = list(matches.order_by().values_list(*columns)[: RANK_LIMIT + 1])
        if len(head) <= RANK_LIMIT:
            results.total = len(head)
            results.per_year = _per_year(row[1].year if row[1] else None for row in head)
            every = head
        else:
            del head[RANK_LIMIT:]
            # The statistics cost as much to read as a sample: use them when
            # they are at hand (filtered searches), sample otherwise.
            count = count_hits(query, scope, using=using, stats=known)
            results.total, results.exact = count.total, count.exact
            results.per_year = count.per_year
            every = count.rows  # when they were counted one by one

    if sort == Sort.RELEVANCE:
        ranked = rank(head, query.needles)
        page_ids = [row[0] for row in ranked[offset : offset + limit]]
        results.reachable = len(ranked)
    elif every is not None:
        every.sort(key=_date_order_key(sort))
        page_ids = [row[0] for row in every[offset : offset + limit]]
        results.reachable = results.total
    else:
        ordered = in_date_order(_matching(query, scope, using=using, walk=True), sort)
        page_ids = list(ordered.values_list("id", flat=True)[offset : offset + limit])
        results.reachable = results.total

    results.hits = _hits(page_ids, query, using=using)


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


def _word_stats(query: SearchQuery, using: str) -> WordStats | None:
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


def _word_index_costs_more(stats: WordStats | None, scope: Scope | None) -> bool:
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


def _date_order_key(sort: str):
    """The order of ``in_date_order`` for rows (id, date, speech_id, position), in Python."""
    if sort == Sort.OLDEST:
        return lambda row: (row[1] is None, row[1] or _NO_DATE, row[2], row[3])
    return lambda row: (row[1] is None, -(row[1] or _NO_DATE).toordinal(), -row[2], row[3])


_NO_DATE = datetime.date.min


def rank(rows: list[tuple], needles: Sequence[str]) -> list[tuple]:
    """Rows (id, date, speech_id, position, text) by relevance, best first.

    Ties go to the newer speech, then to document order.
    """
    if not rows:
        return []
    average = sum(len(row[4]) for row in rows) / len(rows)
    newest_first = _date_order_key(Sort.NEWEST)
    needles = [fold(n) for n in needles]
    def key(row):
        return (-relevance(row[4], needles, average_length=average), newest_first(row))

    return sorted(rows, key=key)


def _per_year(years: Iterable[int | None]) -> list[YearCount]:
    counts = Counter(years)
    return sorted(
        (YearCount(year, n) for year, n in counts.items()),
        key=lambda c: (c.year is None, c.year or 0),
    )


def _hits(ids: list[int], query: SearchQuery, *, using: str | None) -> list[Hit]:
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


@dataclass(frozen=True)
class HitCount:
    total: int
    exact: bool
    per_year: list[YearCount]
    # (id, date, speech_id, position) of every hit, when they were counted one by one.
    rows: list[tuple] | None = None


def count_hits(
    query: SearchQuery, scope: Scope | None, *, using: str, stats: WordStats | None = None
) -> HitCount:
    """The total and the hits per year of a query with more than RANK_LIMIT hits.

    A sample comes first, as it is cheap: on PostgreSQL a share of the
    table's pages (TABLESAMPLE SYSTEM with a fixed seed, so a query shows
    the same numbers each time), on SQLite one hit in k by id, drawn inside
    the full-text index. When it holds enough hits for a fair estimate (a
    word in more than about 1% of the paragraphs), the estimate stands.
    Otherwise there are few enough hits to count them one by one, up to
    EXACT_LIMIT; past that, the thin estimate is the best there is. On
    PostgreSQL the column's statistics tell beforehand when a sample could
    not hold enough hits, and it is not drawn.
    """
    matches = _matching(query, scope, using=using)
    estimate = None
    if connections[using].vendor == "postgresql":
        thin = stats is not None and (
            stats.expected_hits(scope) * SAMPLE_ROWS / stats.paragraphs < MIN_SAMPLE_HITS
        )
        if not thin:
            estimate = _sample_pages(matches, using)
    else:
        estimate = _sample_ids(query, scope, using)
    if estimate is not None and estimate.hits_in_sample >= MIN_SAMPLE_HITS:
        return HitCount(estimate.total, False, estimate.per_year)
    rows = list(
        matches.order_by().values_list("id", "speech__date", "speech_id", "position")[
            : EXACT_LIMIT + 1
        ]
    )
    per_year = _per_year(row[1].year if row[1] else None for row in rows)
    if len(rows) <= EXACT_LIMIT:
        return HitCount(len(rows), True, per_year, rows)
    if estimate is None:
        return HitCount(len(rows), False, per_year)
    return HitCount(max(estimate.total, len(rows)), False, estimate.per_year)


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
    rows = (
        _matching(query, scope, using=using, every=every)
        .order_by()
        .annotate(year=ExtractYear("speech__date"))
        .values("year")
        .annotate(n=Count("id"))
        .values_list("year", "n")
    )
    return _scaled(list(rows), every)


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
