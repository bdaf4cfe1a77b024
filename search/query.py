"""The query language: what a person types, read into terms.

::

    人大 监督          both words (terms are ANDed)
    人大监督工作        one term, cut into words by jieba; all of them must occur
    "依法行政" 「依法行政」 “依法行政”   an exact phrase, verified on the text
    -经济  -"经济发展"   leave out paragraphs with this word or phrase
    税  gdp            a single character, an English word (case does not matter)
    經濟               either script: found as 经济, 經濟 and 經济 alike
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from text.segmentation import index_words

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12


class Sort:
    RELEVANCE = "relevance"
    NEWEST = "newest"
    OLDEST = "oldest"
    CHOICES = (RELEVANCE, NEWEST, OLDEST)


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
