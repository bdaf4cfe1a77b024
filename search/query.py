"""The query language: what a person types, read into terms.

::

    人大 监督          both terms (terms are ANDed)
    从严治党           its characters together, wherever they occur (全面从严治党 too)
    "依法行政" 「依法行政」 “依法行政”   an exact phrase (spaces and punctuation included)
    -经济  -"经济发展"   leave out paragraphs with this word or phrase
    税  gdp            a single character, an English word (case does not matter)
    經濟               either script: found as 经济, 經濟 and 經济 alike

With "whole words only" (``whole_words``) a term is cut into words by jieba
and all of its words must occur as words of the paragraph (人民 is not found
in 工人民主), as search worked before it found strings.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from text.segmentation import gram_tokens, index_words, normalized, word_token

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
# The GET parameter of "whole words only" (=1) on the page and in its exports.
WHOLE_WORDS_PARAM = "whole"


class Sort:
    RELEVANCE = "relevance"
    NEWEST = "newest"
    OLDEST = "oldest"
    CHOICES = (RELEVANCE, NEWEST, OLDEST)


@dataclass(frozen=True)
class Term:
    """One term of a query: a string of characters found wherever it occurs, or,
    with ``whole_words``, jieba's words of the term (``words``).

    The index holds every Chinese character and every two adjacent ones of
    a paragraph (``segmentation.gram_tokens``), so a term asks for its own
    and cannot miss: 从严治党 is a candidate in 全面从严治党 whatever jieba
    made of it. Those grams only narrow; the text is then checked for the
    term itself (``verified``), except when the term is one token (a word
    of letters or digits, one or two Chinese characters), where the index
    answers exactly.
    """

    text: str
    words: tuple[str, ...]
    phrase: bool = False
    excluded: bool = False
    whole_words: bool = False

    @property
    def folded(self) -> str:
        """The term as the index sees it: NFKC, one simplified script, case folded."""
        return normalized(self.text).casefold()

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

        Whole words: the longest words, marked as jieba's (``word_token``),
        and for a phrase the text is checked too, as it always was (a
        phrase is then found only where jieba cut the text the same way).
        Otherwise the term's grams: its letters-and-digits words and each
        two adjacent Chinese characters (a lone character stands for
        itself), all of which any text holding the term holds.
        """
        if self.whole_words:
            tokens = [t for w in self.longest_words for t in word_token(w)]
        else:
            tokens = gram_tokens(self.folded)
            bigrams = {t for t in tokens if len(t) == 2 and not t.isascii()}
            # A character inside one of the term's bigrams adds nothing to it.
            tokens = [t for t in tokens if not (len(t) == 1 and any(t in b for b in bigrams))]
        return tuple(dict.fromkeys(tokens))

    @property
    def verified(self) -> bool:
        """Must the text be checked for the term? Not when the index says it exactly:
        the term is one token (人民, 税, GDP, 2020), found wherever it occurs."""
        if self.whole_words:
            return self.phrase
        return self.index_words != (self.folded,)

    @property
    def needles(self) -> tuple[str, ...]:
        """What is highlighted for this term: the term, or its longest words."""
        if self.whole_words and not self.phrase:
            return self.longest_words
        return (self.text,)

    def display(self) -> str:
        text = f"“{self.text}”" if self.phrase else self.text
        return f"-{text}" if self.excluded else text


@dataclass(frozen=True)
class SearchQuery:
    text: str
    terms: tuple[Term, ...] = ()
    # Terms that were typed but hold nothing searchable (punctuation alone).
    ignored: tuple[str, ...] = ()
    # Match jieba's words only (today's "whole words only" option), not strings.
    whole_words: bool = False

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


def parse_query(text: str, *, whole_words: bool = False) -> SearchQuery:
    """Read a query typed by a person. Never fails: what cannot be searched is ignored.

    ``whole_words``: terms match jieba's words of the text (人民 not inside
    工人民主), instead of wherever their characters occur together.
    """
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
        term = Term(
            text=raw,
            words=words,
            phrase=quoted is not None,
            excluded=bool(match["minus"]),
            whole_words=whole_words,
        )
        if not term.index_words:
            ignored.append(raw)
            continue
        if term not in terms:
            terms.append(term)
    return SearchQuery(
        text=text,
        terms=tuple(terms[:MAX_TERMS]),
        ignored=tuple(ignored),
        whole_words=whole_words,
    )


def query_from_params(params: Mapping[str, str]) -> SearchQuery:
    """The query of a page's or an export's GET parameters: ``q`` and ``whole``."""
    return parse_query(
        params.get("q", "")[:MAX_QUERY_LENGTH],
        whole_words=params.get(WHOLE_WORDS_PARAM) == "1",
    )
