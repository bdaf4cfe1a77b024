"""Matching in the database: the word index and phrases, in each vendor's SQL.

PostgreSQL matches with ``tsvector @@ tsquery`` on a GIN index, SQLite with
FTS5; both see the same tokens and find the same paragraphs. A phrase must
also occur in the text (ASCII letters compared without case, traditional
characters as simplified ones, on both databases alike); the index only
narrows the candidates.
"""

from __future__ import annotations

import dataclasses
import functools
import time
import unicodedata
from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import BooleanField, Expression, F, Q, QuerySet
from django.db.models.expressions import RawSQL

from search.highlight import PlainCount
from search.query import SearchQuery, Sort, Term
from speeches.filters import SpeechFilters
from speeches.models import Paragraph, Speech
from speeches.querysets import current_speech_q
from text import variants
from text.segmentation import normalized

# Filters leaving at most this many speeches are passed on as their ids.
FEW_SPEECHES = 4_000


class TextContains(Expression):
    """The paragraph text holds ``phrase``; ASCII letters compared without case,
    traditional and variant characters as their simplified forms.

    Both databases fold only A-Z (SQLite's lower() does no more), so they
    agree on every text. The script fold uses only the characters that can
    matter to this phrase (``variants.variants_in``: a few per character),
    not the whole table: PostgreSQL translates those in the text, SQLite,
    which has no translate(), matches a GLOB pattern whose characters are
    classes of their variants (经济 -> *[经經][济濟]*); nested replace()
    calls would overflow its parser on a long phrase.
    """

    output_field = BooleanField()
    conditional = True

    def __init__(self, phrase: str, *, negated: bool = False, column: str = "text"):
        super().__init__()
        self.phrase = ascii_lower(normalized(phrase))
        self.pairs = fold_pairs(self.phrase)
        self.negated = negated
        self.column = column

    def as_sql(self, compiler, connection):
        column = compiler.compile(F(self.column).resolve_expression(compiler.query))[0]
        sql, params = text_contains_sql(self.phrase, self.pairs, column, connection.vendor)
        return (f"NOT ({sql})" if self.negated else sql), params


def text_contains_sql(
    phrase: str, pairs: list[tuple[str, str]], column: str, vendor: str
) -> tuple[str, list]:
    """``TextContains`` for the SQL expression ``column``: ``phrase`` folded
    (``ascii_lower(normalized(…))``), ``pairs`` its ``fold_pairs``."""
    # Only the upper-case forms of the phrase's own letters can make a
    # difference, as only the variants of its own characters do
    # (``fold_pairs``).
    letters = sorted({char for char in phrase if "a" <= char <= "z"})
    all_pairs = [(letter.upper(), letter) for letter in letters] + pairs
    # Nearly every candidate the character pairs let through holds the
    # phrase as it is written: a plain substring test answers those
    # (strpos, instr: a fast byte search) and the folded comparison,
    # which rewrites the whole text, runs only for the others.
    params: list[object] = [phrase]
    if vendor == "postgresql":
        sql = f"strpos({column}, %s) > 0"
        if all_pairs:
            sources = "".join(source for source, _ in all_pairs)
            targets = "".join(target for _, target in all_pairs)
            sql = f"({sql} OR strpos(translate({column}, %s, %s), %s) > 0)"
            params += [sources, targets, phrase]
    else:
        sql = f"instr({column}, %s) > 0"
        if all_pairs:
            folded = f"lower({column})" if letters else column
            sql = f"({sql} OR {folded} GLOB %s)"
            params.append(glob_pattern(phrase, pairs))
    return sql, params


def plain_occurrences_sql(plan: PlainCount, column: str, vendor: str) -> tuple[str, list]:
    """The occurrences ``OccurrenceCounter`` counts in ``column`` (an SQL text
    expression), counted by the database, or -1 for a text it must count
    itself (``highlight.PlainCount``).

    Term trends group the counts by year in the database instead of
    reading every matching paragraph into Python: the few texts that come
    out -1 (a variant or a merged occurrence in them) are read and counted
    there. Each needle's count is the characters a ``replace`` removes over
    its length, in C.
    """
    find = "strpos({}, %s) > 0" if vendor == "postgresql" else "instr({}, %s) > 0"
    tests = [find.format(column) for _ in plan.conflicts]
    params: list[object] = list(plan.conflicts)
    if vendor == "postgresql":
        # One pass of the regular expression engine over the text for every
        # marker and any character beyond the Basic Multilingual Plane.
        tests.append(f"{column} ~ %s")
        escaped = "".join(f"\\u{ord(c):04x}" for c in plan.markers)
        params.append(f"[{escaped}\\U00010000-\\U0010ffff]")
    else:
        # SQLite has no regular expressions of its own: instr() for each
        # marker (a few per needle), a GLOB class for the last planes.
        tests += [find.format(column) for _ in plan.markers]
        params += list(plan.markers)
        tests.append(f"{column} GLOB %s")
        params.append("*[\U00010000-\U0010ffff]*")
    counts = " + ".join(
        f"(length({column}) - length(replace({column}, %s, ''))) / {len(needle)}"
        for needle in plan.needles
    )
    params += list(plan.needles)
    return f"(CASE WHEN {' OR '.join(tests)} THEN -1 ELSE {counts} END)", params


def glob_pattern(phrase: str, pairs: list[tuple[str, str]]) -> str:
    """A SQLite GLOB pattern for text holding ``phrase``, each character or one
    of the variants in ``pairs`` (source, target) that fold to it."""
    sources: dict[str, str] = {}
    for source, target in pairs:
        sources[target] = sources.get(target, "") + source
    pattern = []
    for char in phrase:
        if char in sources:
            # "^" first would negate the class; "-" and "]" first are themselves.
            pattern.append(
                f"[{sources[char]}{char}]" if char == "^" else f"[{char}{sources[char]}]"
            )
        elif char in "*?[":
            pattern.append(f"[{char}]")
        else:
            pattern.append(char)
    return "*" + "".join(pattern) + "*"


def fold_pairs(phrase: str) -> list[tuple[str, str]]:
    """(character, its fold) for every character a text may hold where ``phrase``
    (folded) has the fold: traditional and variant characters
    (``variants.variants_in``), and the characters NFKC makes one of the
    phrase's (full-width letters and digits, compatibility ideographs, Kangxi
    radicals). Folding a text with these alone finds the phrase in it as
    ``segmentation.normalized`` would, where NFKC keeps lengths."""
    pairs = dict(variants.variants_in(phrase))
    compatible = _compatibility_sources()
    for target in dict.fromkeys(phrase):
        for source in compatible.get(target, ()):
            pairs.setdefault(source, target)
    return list(pairs.items())


@functools.cache
def _compatibility_sources() -> dict[str, tuple[str, ...]]:
    """Each character with those NFKC (then the script fold, then ASCII lower
    case) turns into it alone. Built once (about 0.2 s), when a phrase is first
    checked."""
    sources: dict[str, list[str]] = {}
    for code in range(0x80, 0x30000):
        char = chr(code)
        form = unicodedata.normalize("NFKC", char)
        if form == char or len(form) != 1:
            continue
        target = ascii_lower(variants.fold(form))
        if target != char:
            sources.setdefault(target, []).append(char)
    return {target: tuple(chars) for target, chars in sources.items()}


def ascii_lower(text: str) -> str:
    return text.translate(_ASCII_LOWER)


_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ASCII_LOWER = str.maketrans(_UPPER, _UPPER.lower())


def _fts5_phrase(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


# A term the text is checked for asks the index for at most this many of its
# tokens, the rarest by PostgreSQL's statistics (``index_tokens``).
RAREST_TOKENS = 2
# How long the statistics' word frequencies are kept in a process (ANALYZE
# changes them seldom; a stale figure costs speed, never a hit).
STATS_SECONDS = 600.0
_frequencies: dict[str, tuple[float, dict[str, float], float, float]] = {}


def _kept_statistics(using: str) -> tuple[dict[str, float], float, float]:
    """PostgreSQL: (share of paragraphs per common token, the least share
    tracked, the paragraphs the planner counts), read from pg_stats and
    pg_class in one query and kept STATS_SECONDS; empty before ANALYZE."""
    now = time.monotonic()
    kept = _frequencies.get(using)
    if kept is None or kept[0] < now:
        with connections[using].cursor() as cursor:
            cursor.execute(
                "SELECT most_common_elems::text::text[], most_common_elem_freqs, "
                "(SELECT reltuples FROM pg_class WHERE oid = 'speeches_paragraph'::regclass) "
                "FROM pg_stats WHERE tablename = 'speeches_paragraph' "
                "AND attname = 'search_vector'"
            )
            row = cursor.fetchone()
        if row is None or not row[0]:
            kept = (now + STATS_SECONDS, {}, 0.0, 0.0)
        else:
            words, freqs, rows = row
            frequencies = dict(zip(words, freqs, strict=False))
            kept = (now + STATS_SECONDS, frequencies, freqs[len(words)], float(rows or 0))
        _frequencies[using] = kept
    return kept[1], kept[2], kept[3]


def word_frequencies(using: str) -> tuple[dict[str, float], float] | None:
    """PostgreSQL: the share of paragraphs holding each of the search column's
    most common tokens, and the least share tracked (rarer tokens are not
    listed); None before ANALYZE and on SQLite. Kept STATS_SECONDS."""
    if connections[using].vendor != "postgresql":
        return None
    frequencies, floor, _rows = _kept_statistics(using)
    return (frequencies, floor) if frequencies else None


def candidates_at_most(query: SearchQuery, using: str) -> float | None:
    """PostgreSQL: at most how many paragraphs hold the query's tokens, by the
    statistics ``word_frequencies`` keeps (no query of its own): its rarest
    token's share of the paragraphs. None without statistics."""
    if connections[using].vendor != "postgresql" or not query.required_words:
        return None
    frequencies, floor, rows = _kept_statistics(using)
    if not frequencies or rows <= 0:
        return None
    # Unlisted tokens are rarer than the least listed share.
    return min(frequencies.get(w, floor) for w in query.required_words) * rows


def index_tokens(query: SearchQuery, using: str) -> tuple[str, ...]:
    """The tokens the index is asked for: every token of a term the index
    answers alone, and the RAREST_TOKENS rarest of a term whose text is
    checked (中国特色社会主义: 国特 and 色社, not its seven pairs), which
    any paragraph holding it holds all the same. Fewer posting lists to
    merge, and PostgreSQL's planner, which multiplies the tokens' shares,
    no longer expects a single row of seven common pairs. All of them
    where there are no statistics (SQLite, before ANALYZE)."""
    stats = word_frequencies(using)
    if stats is None:
        return query.required_words
    frequencies, floor = stats
    tokens: list[str] = []
    for term in query.positive:
        words = term.index_words
        # Whole words: a phrase is found where jieba cut the text into its
        # words, every one (``Term.index_words``); all are asked for.
        if term.verified and not term.whole_words and len(words) > RAREST_TOKENS:
            # Unlisted tokens are rarer than the least listed share.
            ranked = sorted(words, key=lambda w: frequencies.get(w, floor / 2))
            keep = set(ranked[:RAREST_TOKENS])
            words = tuple(w for w in words if w in keep)
        tokens.extend(words)
    return tuple(dict.fromkeys(tokens))


def index_condition(
    query: SearchQuery,
    vendor: str,
    *,
    walk: bool = False,
    every: int = 1,
    tokens: tuple[str, ...] | None = None,
    speeches: tuple[int, ...] = (),
):
    """The index lookup for the query's tokens: a filter for ``Paragraph`` rows.

    Exclusions the index answers exactly (``Term.verified`` false) are part
    of it; the others need their text checked (``ExcludedTerm``).
    SQLite only: ``every`` keeps one hit in ``every`` (by id), a sample that
    costs nothing to draw; ``walk`` keeps SQLite from starting at the index
    (for a walk along the speeches' date index; top-level queries only).
    ``tokens``: those asked for, when not all of them (``index_tokens``).
    ``speeches`` (SQLite, with ``walk``): the index is asked for these
    speeches' paragraphs only (``fts5_by_speech``).
    """
    required = query.required_words if tokens is None else tokens
    excluded = _excluded_words(query)
    if vendor == "postgresql":
        sql = "plainto_tsquery('simple', %s)"
        params: list[object] = [" ".join(required)]
        for words in excluded:
            sql += " && !!plainto_tsquery('simple', %s)"
            params.append(" ".join(words))
        return RawSQL(
            # Unqualified: the paragraph table is aliased (U0) when this
            # condition sits in a subquery, as the search exports use it.
            f'"search_vector" @@ ({sql})', params, output_field=BooleanField()
        )
    if vendor == "sqlite":
        match = _fts5_match(required, excluded)
        sql = "SELECT rowid FROM speeches_paragraph_fts WHERE speeches_paragraph_fts MATCH %s"
        params = [match]
        if speeches:
            # Each speech's paragraphs lie between its first and last
            # paragraph's ids: FTS5 seeks that range of its lists, instead of
            # handing over every rowid of the words for SQLite to collect.
            marks = ", ".join(["%s"] * len(speeches))
            sql = (
                'SELECT f.rowid FROM "speeches_speech" s CROSS JOIN "speeches_paragraph_fts" f '
                f'WHERE s.id IN ({marks}) AND f."speeches_paragraph_fts" MATCH %s '
                'AND f.rowid >= (SELECT min(p.id) FROM "speeches_paragraph" p '
                "WHERE p.speech_id = s.id) "
                'AND f.rowid <= (SELECT max(p.id) FROM "speeches_paragraph" p '
                "WHERE p.speech_id = s.id)"
            )
            params = [*speeches, match]
        if every > 1:
            sql += f" AND {'f.rowid' if speeches else 'rowid'} %% %s = 0"
            params.append(every)
        if walk:
            # The unary plus hides the id from the planner, which then
            # walks speeches by date and probes each paragraph's id.
            return RawSQL(
                f'+"speeches_paragraph"."id" IN ({sql})', params, output_field=BooleanField()
            )
        return {"id__in": RawSQL(sql, params)}
    raise NotImplementedError(f"No full-text search for the {vendor} database.")


# SQLite: asking FTS5 for one speech's paragraphs (a seek in each word's
# list) costs about as much as collecting this many rowids of a word.
SPEECH_SEEK_ROWIDS = 200
# ... and at most this many speeches are sought one by one (some 40 µs
# each): past that the seeks cost what collecting every rowid does, and
# the query that tells would be spent for nothing (a year's 1,500).
MOST_SPEECHES_SOUGHT = 500


def fts5_by_speech(query: SearchQuery, scope: Scope | None, using: str) -> Scope | None:
    """SQLite, filters leaving a short list of speeches: should the index be
    asked for each speech's paragraphs (``Scope.by_speech``)?

    Yes when the words' rowids outnumber what the seeks cost (a common word:
    人大 in 270,000 paragraphs, collected in full for ``id IN`` by each
    query), no for rarer words (one short query tells). The same
    paragraphs are found either way.
    """
    if (
        connections[using].vendor != "sqlite"
        or scope is None
        or not scope.speech_ids
        or scope.speech_count > MOST_SPEECHES_SOUGHT
    ):
        return scope
    excluded = _excluded_words(query)
    match = _fts5_match(index_tokens(query, using), excluded)
    enough = scope.speech_count * SPEECH_SEEK_ROWIDS
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM (SELECT 1 FROM speeches_paragraph_fts "
            "WHERE speeches_paragraph_fts MATCH %s LIMIT %s)",
            [match, enough],
        )
        found = cursor.fetchone()[0]
    return dataclasses.replace(scope, by_speech=found >= enough)


def _excluded_words(query: SearchQuery) -> list:
    """The index words of each exclusion the index answers alone (a checked
    one is tested on the text instead)."""
    return [t.index_words for t in query.excluded if not t.verified]


def _fts5_match(required, excluded) -> str:
    """An FTS5 query: every token of ``required``, none of any group in ``excluded``."""
    match = _fts5_all(required)
    for words in excluded:
        match += " NOT " + _fts5_all(words)
    return match


def _fts5_joined(
    queryset: QuerySet[Paragraph], query: SearchQuery, tokens: tuple[str, ...], every: int
) -> QuerySet[Paragraph]:
    """SQLite: the paragraphs the full-text index finds, joined to it.

    ``id IN (SELECT rowid … MATCH …)`` makes SQLite collect every rowid the
    index finds before it reads a paragraph (430,000 for 发展 at a million
    paragraphs: 58 ms for the first 1,001 hits); joined, the index's
    rowids are read as the rows are, and a LIMIT stops both (3 ms). Top-level
    queries only: the condition names the paragraph table unaliased.
    """
    excluded = _excluded_words(query)
    where = [
        '"speeches_paragraph_fts" MATCH %s',
        '"speeches_paragraph_fts"."rowid" = "speeches_paragraph"."id"',
    ]
    params: list[object] = [_fts5_match(tokens, excluded)]
    if every > 1:
        where.append('"speeches_paragraph_fts"."rowid" %% %s = 0')
        params.append(every)
    return queryset.extra(tables=["speeches_paragraph_fts"], where=where, params=params)


# The narrow index of migration speeches/0020: (id, speech_id, position).
COVERING_INDEX = "paragraph_id_speech_idx"


def reads_text(query: SearchQuery) -> bool:
    """Does matching the query read the paragraphs' text (a term checked on it)?"""
    return any(term.verified for term in query.terms)


def covering_sql(
    queryset: QuerySet, query: SearchQuery, scope: Scope | None
) -> tuple[str, list] | None:
    """The SQL of ``queryset``, ``matching``'s hits of ``query`` reduced to
    their ids, speeches, positions and speeches' columns, and its parameters.

    SQLite reads the paragraphs there through their narrow index
    (``COVERING_INDEX``) when nothing else of the row is needed: a row holds
    the text and tokens inline, so each hit read through the table is a page
    of its own (the sample of a common word's 8,000 hits, the first 10,001
    hits counted); the index holds hundreds a page. Its planner prefers the
    rowid, hence INDEXED BY. Only where the full-text index is joined
    (``matching``: top-level, no short list of speeches) and no text is
    checked; None elsewhere (the queryset is run as it is).
    """
    if (
        connections[queryset.db].vendor != "sqlite"
        or (scope is not None and scope.by_ids)
        or reads_text(query)
    ):
        return None
    sql, params = queryset.query.sql_with_params()
    table = 'FROM "speeches_paragraph" '
    joined = '"speeches_paragraph_fts"."rowid" = "speeches_paragraph"."id"'
    if joined not in sql or sql.count(table) != 1:
        return None
    return sql.replace(table, f'{table.rstrip()} INDEXED BY "{COVERING_INDEX}" '), list(params)


def _fts5_all(words) -> str:
    return "(" + " AND ".join(_fts5_phrase(w) for w in words) + ")"


class ExcludedTerm(Expression):
    """Not holding an excluded term the index cannot answer alone (-"经济发展"):
    NOT (the term's tokens AND the text holding it). The index rules out
    most paragraphs before any text is read."""

    output_field = BooleanField()
    conditional = True

    def __init__(self, term: Term):
        super().__init__()
        self.term = term

    def as_sql(self, compiler, connection):
        contains_sql, contains_params = TextContains(self.term.text).as_sql(compiler, connection)
        tokens = self.term.index_words
        if connection.vendor == "postgresql":
            # Unqualified, as in ``index_condition``.
            index_sql = "\"search_vector\" @@ plainto_tsquery('simple', %s)"
            index_params = [" ".join(tokens)]
        else:
            column = compiler.compile(F("id").resolve_expression(compiler.query))[0]
            index_sql = (
                f"{column} IN (SELECT rowid FROM speeches_paragraph_fts "
                "WHERE speeches_paragraph_fts MATCH %s)"
            )
            index_params = [_fts5_all(tokens)]
        return (
            f"NOT ({index_sql} AND {contains_sql})",
            [*index_params, *contains_params],
        )


def token_matches(query: SearchQuery, *, using: str | None = None) -> int:
    """Paragraphs holding the query's words, before phrases, exclusions and filters (SQLite)."""
    match = _fts5_all(query.required_words)
    with connections[using or DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM speeches_paragraph_fts WHERE speeches_paragraph_fts MATCH %s",
            [match],
        )
        return cursor.fetchone()[0]


def matching_paragraphs(
    query: SearchQuery,
    filters: SpeechFilters | None = None,
    *,
    within: Q | None = None,
    using: str | None = None,
    verify: bool = True,
) -> QuerySet[Paragraph]:
    """Paragraphs that match the query and the filters, in no particular order.

    ``within``: a condition on paragraphs other apps' filters add
    (``extensions``), such as a theme. ``verify``: see ``matching``.
    """
    using = using or DEFAULT_DB_ALIAS
    return matching(
        query, scope_of(filters, using, within=within), using=using, nested=True, verify=verify
    )


def verified_sql(query: SearchQuery, column: str, vendor: str) -> tuple[str, list]:
    """The text check ``matching(…, verify=False)`` left out, on the SQL
    expression ``column``: every positive term the index cannot answer
    alone occurs in it ("TRUE" when there is none)."""
    parts, params = [], []
    for term in query.positive:
        if term.verified:
            phrase = ascii_lower(normalized(term.text))
            sql, term_params = text_contains_sql(phrase, fold_pairs(phrase), column, vendor)
            parts.append(sql)
            params += term_params
    return (" AND ".join(parts) or "TRUE"), params


@dataclass(frozen=True)
class Scope:
    """The filters as a condition on paragraphs; ``by_ids``: a short list of speeches."""

    q: Q
    by_ids: bool
    speech_count: int = 0
    # The short list itself (by_ids), and whether SQLite asks its full-text
    # index for each listed speech's paragraphs (``fts5_by_speech``).
    speech_ids: tuple[int, ...] = ()
    by_speech: bool = False

    @classmethod
    def of_speeches(cls, ids, *, by_speech: bool = False) -> Scope:
        """The paragraphs of the speeches ``ids``, a short list."""
        ids = tuple(ids)
        return cls(
            Q(speech_id__in=ids), by_ids=True, speech_count=len(ids), speech_ids=ids,
            by_speech=by_speech,
        )


def scope_of(
    filters: SpeechFilters | None, using: str, *, within: Q | None = None
) -> Scope | None:
    """The filters as a condition on paragraphs.

    Filters that leave few speeches (a speaker, a role, a year) are given to
    the database as the list of those speeches' ids: PostgreSQL can then
    intersect the word index with the paragraphs' speech index before it
    reads a row, instead of reading every paragraph holding the word to
    look up its speech. Broad filters stay a join. One query either way.
    ``within``, a condition on paragraphs, joins whichever it is.
    """
    if filters is None or filters.is_empty:
        return None if within is None else Scope(within, by_ids=False)
    scope = _speech_scope(filters, using)
    if within is None:
        return scope
    return dataclasses.replace(scope, q=scope.q & within)


def _speech_scope(filters: SpeechFilters, using: str) -> Scope:
    speech_ids = list(
        Speech.objects.using(using)
        .filter(filters.q())
        .order_by()
        .values_list("id", flat=True)[: FEW_SPEECHES + 1]
    )
    if len(speech_ids) <= FEW_SPEECHES:
        return Scope.of_speeches(speech_ids)
    return Scope(filters.q("speech__"), by_ids=False)


def matching(
    query: SearchQuery,
    scope: Scope | None,
    *,
    using: str,
    walk: bool = False,
    every: int = 1,
    nested: bool = False,
    verify: bool = True,
) -> QuerySet[Paragraph]:
    """The matching paragraphs; ``nested`` when the queryset may end up in a subquery.

    ``verify=False`` leaves out the check of the text for the positive
    terms (``verified_sql`` gives it, for a caller that reads the text
    anyway and tests it where it has it: term trends)."""
    if not query.is_searchable:
        return Paragraph.objects.none()
    # SQLite: with a short list of speeches, start from their paragraphs and
    # test each against the index, rather than the other way round.
    walk = not nested and (walk or (scope is not None and scope.by_ids))
    vendor = connections[using].vendor
    tokens = index_tokens(query, using)
    queryset: QuerySet[Paragraph] = Paragraph.objects.using(using)
    if vendor == "sqlite" and not walk and not nested:
        queryset = _fts5_joined(queryset, query, tokens, every)
    else:
        speeches = scope.speech_ids if walk and scope is not None and scope.by_speech else ()
        condition = index_condition(
            query, vendor, walk=walk, every=every, tokens=tokens, speeches=speeches
        )
        queryset = (
            queryset.filter(**condition)
            if isinstance(condition, dict)
            else queryset.filter(condition)
        )
    for term in query.terms:
        if term.excluded and term.verified:
            queryset = queryset.filter(ExcludedTerm(term))
        elif term.verified and verify:
            queryset = queryset.filter(TextContains(term.text))
    # Without filters, the speeches of withdrawn compilations are still left
    # out (a scope's condition leaves them out already: SpeechFilters.q).
    return queryset.filter(current_speech_q("speech__") if scope is None else scope.q)


def in_date_order(queryset: QuerySet[Paragraph], sort: str) -> QuerySet[Paragraph]:
    """Newest speeches first (undated last); oldest first for ``Sort.OLDEST``."""
    if sort == Sort.OLDEST:
        return queryset.order_by(
            F("speech__date").asc(nulls_last=True), "speech_id", "position"
        )
    return queryset.order_by(F("speech__date").desc(nulls_last=True), "-speech_id", "position")
