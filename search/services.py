"""Chinese full-text search over paragraphs.

The query language (``query``)::

    人大 监督          both words (terms are ANDed)
    人大监督工作        one term, cut into words by jieba; all of them must occur
    "依法行政" 「依法行政」 “依法行政”   an exact phrase, verified on the text
    -经济  -"经济发展"   leave out paragraphs with this word or phrase
    税  gdp            a single character, an English word (case does not matter)
    經濟               either script: found as 经济, 經濟 and 經济 alike

The index (migration 0002) holds ``Paragraph.tokens``: jieba's search-mode
words of the text plus each of its Chinese characters. A term is cut with
the same tokenizer (``index_words``) and its longest words must be among a
paragraph's tokens (search mode gives the shorter ones inside them anyway).
A phrase must also occur in the text (ASCII letters compared without
case, on both databases alike); the index only narrows the candidates.
Traditional and variant characters count as their simplified forms
everywhere, in the index, the query, phrases and highlights
(``text.variants``): 经济 finds 經濟 and 經济, and 經濟 finds 经济.
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
    token_matches,
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
from search.highlight import fold, folded, highlight_spans, merge_spans, segments
from search.query import MAX_QUERY_LENGTH, MAX_TERMS, SearchQuery, Sort, Term, parse_query
from search.ranking import rank, relevance

__all__ = [
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
    "Scope",
    "SearchQuery",
    "SearchResults",
    "Sort",
    "Term",
    "TextContains",
    "WordStats",
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
    "rank",
    "relevance",
    "round_estimate",
    "sampled_estimate",
    "search",
    "segments",
    "token_matches",
]
