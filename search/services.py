"""Chinese full-text search over paragraphs.

The query language (``query``)::

    人大 监督          both terms (terms are ANDed)
    从严治党           its characters together, wherever they occur (全面从严治党 too)
    "依法行政" 「依法行政」 “依法行政”   an exact phrase (spaces and punctuation included)
    -经济  -"经济发展"   leave out paragraphs with this word or phrase
    税  gdp            a single character, an English word (case does not matter)
    經濟               either script: found as 经济, 經濟 and 經济 alike

The index (migrations 0002, 0006) holds ``Paragraph.tokens``: every Chinese
character of the text and every two adjacent ones, its other words
(letters and digits), and jieba's search-mode words marked as whole words
(``segmentation.search_tokens``). A term asks for its own character pairs,
which any paragraph holding it holds, so the index narrows and never
misses (as Lucene's CJK bigrams, pg_bigm or FTS5's trigram tokenizer);
the text is then checked for the term itself, except for a term of one
token (one or two characters, an English word, a number), which the index
answers exactly. With "whole words only" a term asks for jieba's words, as
search did before it found strings. Text checks compare the text as the
index sees it: NFKC, traditional and variant characters as simplified ones
(``text.variants``), ASCII letters without case, on both databases
alike: 经济 finds 經濟 and 經济, and 經濟 finds 经济.
PostgreSQL matches with ``tsvector @@ tsquery`` on a GIN index, SQLite
with FTS5; both see the same tokens and find the same paragraphs
(``backends``).

``engine`` runs a search in a fixed number of queries, ``estimates`` counts
hits too many to read (samples and PostgreSQL's statistics), ``ranking``
orders them and ``highlight`` marks them, in code points of the verbatim
text. This module exposes what the pages, the API and the exports use.
"""

from search.backends import (
    FEW_SPEECHES,
    Scope,
    TextContains,
    ascii_lower,
    in_date_order,
    index_condition,
    matching_paragraphs,
    plain_occurrences_sql,
    token_matches,
    verified_sql,
)
from search.engine import RANK_LIMIT, Hit, SearchResults, search
from search.estimates import (
    EXACT_LIMIT,
    MIN_SAMPLE_HITS,
    ROW_TEST_COST,
    SAMPLE_ROWS,
    Estimate,
    HitCount,
    WordStats,
    YearCount,
    count_hits,
    round_estimate,
    sampled_estimate,
)
from search.highlight import (
    OccurrenceCounter,
    PlainCount,
    fold,
    folded,
    highlight_spans,
    merge_spans,
    plain_count,
    segments,
)
from search.query import (
    MAX_QUERY_LENGTH,
    MAX_TERMS,
    WHOLE_WORDS_PARAM,
    SearchQuery,
    Sort,
    Term,
    parse_query,
    query_from_params,
)
from search.ranking import rank, relevance


def warm_up() -> None:
    """Load what every search needs before the first one: jieba's and rjieba's
    dictionaries (``text.segmentation``), the script and compatibility fold
    tables (``backends.fold_pairs``). ``config.wsgi`` calls it, then freezes
    the garbage collector's view of these long-lived objects."""
    from search.backends import fold_pairs
    from text.segmentation import search_tokens

    search_tokens("人民群众的APP 2020年")
    parse_query("人民群众 APP")
    fold_pairs("人民")


__all__ = [
    "warm_up",
    "EXACT_LIMIT",
    "FEW_SPEECHES",
    "MAX_QUERY_LENGTH",
    "MAX_TERMS",
    "MIN_SAMPLE_HITS",
    "RANK_LIMIT",
    "ROW_TEST_COST",
    "SAMPLE_ROWS",
    "Estimate",
    "Hit",
    "HitCount",
    "OccurrenceCounter",
    "PlainCount",
    "plain_count",
    "plain_occurrences_sql",
    "Scope",
    "SearchQuery",
    "SearchResults",
    "Sort",
    "Term",
    "TextContains",
    "WordStats",
    "WHOLE_WORDS_PARAM",
    "YearCount",
    "ascii_lower",
    "count_hits",
    "fold",
    "folded",
    "highlight_spans",
    "in_date_order",
    "index_condition",
    "matching_paragraphs",
    "merge_spans",
    "parse_query",
    "query_from_params",
    "rank",
    "relevance",
    "round_estimate",
    "sampled_estimate",
    "search",
    "segments",
    "token_matches",
    "verified_sql",
]
