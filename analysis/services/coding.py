"""The coded passages an analysis counts, grouped by the database.

A theme's figures include the passages of all its sub-themes, each passage
once (a passage tagged with a theme and with its parent counts once in the
parent's row): the same rule as the theme page, which lists a theme's
passages with its sub-themes', so a cell and the page it links to agree.
"Characters coded" counts each character of a paragraph once per theme,
however many of the theme's passages overlap on it.

Both are counted ahead, per paragraph (``analysis.models.CodedParagraph``
and ``CodedPair``, kept by ``analysis.services.spans`` from the coded
spans): a table or a matrix is one grouping of those rows by speech
properties, filtered like any list of speeches, for every coder together
or for one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Sum

from analysis.models import CodedPair, CodedParagraph
from annotations.models import Theme
from annotations.services.tree import Node, theme_tree
from speeches.filters import SpeechFilters

# Key of the "any theme" row: every coded passage once.
ANY = 0


@dataclass(frozen=True)
class Figures:
    """Passages, distinct paragraphs and characters coded."""

    passages: int = 0
    paragraphs: int = 0
    characters: int = 0

    def __add__(self, other: Figures) -> Figures:
        return Figures(
            self.passages + other.passages,
            self.paragraphs + other.paragraphs,
            self.characters + other.characters,
        )

    def get(self, name: str) -> int:
        return getattr(self, name)


def codebook(*, using: str) -> list[Node]:
    """The themes in tree order (one query)."""
    return theme_tree(Theme.objects.using(using).in_tree_order())


def _scope(rows, coder: AbstractBaseUser | None):
    """Every coder's counts together, or one coder's alone."""
    if coder is None:
        return rows.filter(everyone=True)
    return rows.filter(everyone=False, author=coder)


def figures_by_theme_and_key(
    *, filters: SpeechFilters, coder: AbstractBaseUser | None, key, using: str
) -> dict[tuple[int, object], Figures]:
    """(theme id or ANY, column key) -> figures, in one query; ``key`` is
    an expression on the path ``speech__``. One row per theme and paragraph
    (``CodedParagraph``): passages and characters add up, rows count the
    paragraphs."""
    rows = (
        _scope(CodedParagraph.objects.using(using), coder)
        .filter(filters.q("speech__"))
        .order_by()
        .annotate(key=key)
        .values("theme_id", "key")
        .annotate(
            n_passages=Sum("passages"), n_paragraphs=Count("id"), n_characters=Sum("characters")
        )
        .values_list("theme_id", "key", "n_passages", "n_paragraphs", "n_characters")
    )
    return {
        (ANY if theme is None else theme, k): Figures(passages, paragraphs, int(characters or 0))
        for theme, k, passages, paragraphs, characters in rows
    }


def theme_pairs(
    *, filters: SpeechFilters, coder: AbstractBaseUser | None, using: str
) -> tuple[dict, dict, int]:
    """({(a, b): paragraphs with both}, {(a, b): paragraphs where their spans
    overlap}, paragraphs coded), for a <= b, in two queries: each theme's
    paragraphs (``CodedParagraph``; on the diagonal a theme's spans overlap
    themselves) and the pairs (``CodedPair``)."""
    both: dict[tuple[int, int], int] = {}
    overlaps: dict[tuple[int, int], int] = {}
    paragraphs = 0
    totals = (
        _scope(CodedParagraph.objects.using(using), coder)
        .filter(filters.q("speech__"))
        .order_by()
        .values("theme_id")
        .annotate(n=Count("id"))
        .values_list("theme_id", "n")
    )
    for theme, n in totals:
        if theme is None:
            paragraphs = n
        else:
            both[(theme, theme)] = overlaps[(theme, theme)] = n
    pairs = (
        _scope(CodedPair.objects.using(using), coder)
        .filter(filters.q("speech__"))
        .order_by()
        .values("a_id", "b_id")
        .annotate(n=Count("id"), o=Sum("overlapping"))
        .values_list("a_id", "b_id", "n", "o")
    )
    for a, b, n, o in pairs:
        both[(a, b)] = n
        if o:
            overlaps[(a, b)] = o
    return both, overlaps, paragraphs


def covered(spans: Iterable[tuple[int, int]]) -> int:
    """Characters covered by the spans, each once however many overlap on it
    (the rule the SQL above follows, in Python, for tests and readers)."""
    total, reach = 0, -1
    for start, end in sorted(spans):
        if end <= reach:
            continue
        total += end - max(start, reach)
        reach = end
    return total
