"""The coded passages an analysis counts, read once and grouped in memory.

A theme's figures include the passages of all its sub-themes, each passage
once (a passage tagged with a theme and with its parent counts once in the
parent's row): the same rule as the theme page, which lists a theme's
passages with its sub-themes', so a cell and the page it links to agree.
"Characters coded" counts each character of a paragraph once per theme,
however many of the theme's passages overlap on it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.db import DEFAULT_DB_ALIAS

from annotations.models import Annotation, Theme
from annotations.tree import Node, theme_tree
from speeches.filters import SpeechFilters

# Key of the "any theme" row and column: every coded passage once.
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


COUNTS = ("passages", "paragraphs", "characters")


@dataclass
class Coding:
    """Theme id (or ANY) -> paragraph id -> {annotation id: (start, end)};
    paragraph id -> column key (when a dimension was asked for)."""

    spans: dict[int, dict[int, dict[int, tuple[int, int]]]] = field(default_factory=dict)
    column_of: dict[int, object] = field(default_factory=dict)


def codebook(*, using: str | None = None) -> tuple[list[Node], dict[int, list[int]]]:
    """The themes in tree order (one query) and, for each, itself and its ancestors."""
    themes = list(Theme.objects.using(using or DEFAULT_DB_ALIAS).in_tree_order())
    nodes = theme_tree(themes)
    parents = {t.pk: t.parent_id for t in themes}
    lineage: dict[int, list[int]] = {}
    for pk in parents:
        chain, seen, current = [], set(), pk
        while current is not None and current not in seen:
            chain.append(current)
            seen.add(current)
            current = parents.get(current)
        lineage[pk] = chain
    return nodes, lineage


def coded_passages(
    *,
    filters: SpeechFilters,
    coder: AbstractBaseUser | None = None,
    column_key=None,
    using: str | None = None,
):
    """(annotation, theme, paragraph, start, end[, column key]) for every theme
    of every passage in the filtered speeches (by ``coder`` when given).
    One query; ``column_key`` is an expression on the speech's path
    ``annotation__paragraph__speech__``."""
    using = using or DEFAULT_DB_ALIAS
    through = Annotation.themes.through.objects.using(using)
    rows = through.filter(filters.q("annotation__paragraph__speech__"))
    if coder is not None:
        rows = rows.filter(annotation__author=coder)
    fields: list = [
        "annotation_id", "theme_id", "annotation__paragraph_id",
        "annotation__start", "annotation__end",
    ]
    if column_key is not None:
        fields.append(column_key)
    return rows.order_by().values_list(*fields)


def group_coding(rows: Iterable[tuple], lineage: dict[int, list[int]]) -> Coding:
    """Spans by theme (with the ancestors of each theme the passage carries) and paragraph."""
    coding = Coding()
    spans = coding.spans
    for row in rows:
        annotation, theme, paragraph, start, end = row[:5]
        if len(row) > 5:
            coding.column_of[paragraph] = row[5]
        for target in (*lineage.get(theme, (theme,)), ANY):
            spans.setdefault(target, {}).setdefault(paragraph, {})[annotation] = (start, end)
    return coding


def covered(spans: Iterable[tuple[int, int]]) -> int:
    """Characters covered by the spans, each once however many overlap on it."""
    total, reach = 0, -1
    for start, end in sorted(spans):
        if end <= reach:
            continue
        total += end - max(start, reach)
        reach = end
    return total


def paragraph_figures(annotations: dict[int, tuple[int, int]]) -> Figures:
    """One paragraph's figures for one theme."""
    return Figures(len(annotations), 1, covered(annotations.values()))
