"""What the search page tells someone whose query found nothing.

Read from the parsed query alone (the query language is in
``search.query``): the engines are not asked anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django import template

from annotations.models import Theme
from search.query import SearchQuery
from text.chinese import CHINESE_CHARACTER_RE

register = template.Library()

_LATIN_WORD = re.compile(r"[a-z]+")
# Words people type as operators, from other search engines. The query
# language has none: every term is required, so OR only ever finds "or".
_OPERATORS = {"OR", "|", "||"}
# The English words most queries about a theme share with its English name
# start with the same letters ("economy", "Economic development").
_STEM = 5


@dataclass(frozen=True)
class NoHitHints:
    latin_only: bool = False
    # Chinese theme names whose English names share a word with the query.
    chinese_terms: tuple[str, ...] = ()
    or_operator: bool = False
    # The other terms of a query that used OR, each to be searched alone.
    alternatives: tuple[str, ...] = field(default_factory=tuple)


def _is_operator(text: str, query: SearchQuery) -> bool:
    if text in _OPERATORS:
        return True
    # "or" among Chinese words is an operator too; among English words it is a word.
    return text.lower() == "or" and bool(CHINESE_CHARACTER_RE.search(query.text))


def _chinese_names(words: set[str]) -> tuple[str, ...]:
    stems = {word[:_STEM] for word in words if len(word) >= 3}
    if not stems:
        return ()
    names = []
    for name, name_en in Theme.objects.active().in_tree_order().values_list("name", "name_en"):
        english = _LATIN_WORD.findall(name_en.lower())
        if any(w.startswith(stem) for w in english for stem in stems):
            names.append(name)
    return tuple(names[:3])


@register.simple_tag
def no_hit_hints(query: SearchQuery) -> NoHitHints:
    """Hints for a query that found nothing: one in English letters alone (the
    corpus is Chinese), one that uses OR (terms are always ANDed)."""
    typed = [t.text for t in query.terms] + list(query.ignored)
    or_operator = any(_is_operator(text, query) for text in typed)
    alternatives = tuple(
        t.display() for t in query.positive if not _is_operator(t.text, query)
    ) if or_operator else ()
    words = [t.text for t in query.positive if not _is_operator(t.text, query)]
    latin_only = bool(words) and not any(CHINESE_CHARACTER_RE.search(w) for w in words)
    latin_words = {w for text in words for w in _LATIN_WORD.findall(text.lower())}
    return NoHitHints(
        latin_only=latin_only,
        chinese_terms=_chinese_names(latin_words) if latin_only else (),
        or_operator=or_operator,
        alternatives=alternatives,
    )
