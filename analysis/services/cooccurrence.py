"""Themes × themes: which themes are coded together.

Two themes occur together in a paragraph when a passage of each (or of
their sub-themes: the rule of ``analysis.services.coding``) is in it; their
spans overlap when such passages share at least one character (one passage
carrying both themes overlaps itself). Counts are of paragraphs; Jaccard is
the paragraphs with both over the paragraphs with either. The diagonal is
each theme's own total of paragraphs. A theme and its own ancestor always
occur together wherever the sub-theme is coded; those cells are marked.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from itertools import combinations

from django.contrib.auth.models import AbstractBaseUser
from django.db import DEFAULT_DB_ALIAS
from django.utils.translation import gettext_lazy

from analysis.services.coding import ANY, codebook, coded_passages, group_coding
from annotations.models import Theme
from speeches.filters import SpeechFilters


class PairMeasure(StrEnum):
    PARAGRAPHS = "paragraphs"
    OVERLAPS = "overlaps"
    JACCARD = "jaccard"

    @property
    def label(self) -> str:
        return str(PAIR_MEASURE_LABELS[self])


PAIR_MEASURE_LABELS = {
    PairMeasure.PARAGRAPHS: gettext_lazy("Same paragraph"),
    PairMeasure.OVERLAPS: gettext_lazy("Overlapping spans"),
    PairMeasure.JACCARD: gettext_lazy("Jaccard (paragraphs)"),
}


@dataclass(frozen=True)
class Pair:
    paragraphs: int  # paragraphs holding both (on the diagonal: the theme's own)
    overlaps: int  # paragraphs where their spans overlap
    jaccard: float | None  # both / either; None when neither was coded
    nested: bool  # one theme is the other's ancestor (or the same theme)

    def get(self, measure: PairMeasure):
        return getattr(self, measure.value)


@dataclass
class Cooccurrence:
    themes: list[Theme]
    depths: list[int]
    totals: list[int]  # paragraphs per theme
    cells: list[list[Pair]]  # [row][column], symmetric
    coded_paragraphs: int  # paragraphs with any theme


def cooccurrence(
    *,
    filters: SpeechFilters,
    coder: AbstractBaseUser | None = None,
    using: str | None = None,
) -> Cooccurrence:
    """The symmetric matrix over the themes that were coded within the
    filters (and active themes), in tree order. Two queries."""
    using = using or DEFAULT_DB_ALIAS
    nodes, lineage = codebook(using=using)
    coding = group_coding(coded_passages(filters=filters, coder=coder, using=using), lineage)
    nodes = [n for n in nodes if n.theme.active or n.theme.pk in coding.spans]
    ids = [n.theme.pk for n in nodes]
    position = {pk: i for i, pk in enumerate(ids)}
    size = len(ids)
    both = [[0] * size for _ in range(size)]
    overlapping = [[0] * size for _ in range(size)]

    # Paragraph -> theme -> spans, to meet each paragraph's themes together.
    by_paragraph: dict[int, dict[int, list[tuple[int, int]]]] = {}
    for theme, paragraphs in coding.spans.items():
        if theme == ANY or theme not in position:
            continue
        for paragraph, passages in paragraphs.items():
            by_paragraph.setdefault(paragraph, {})[theme] = list(passages.values())
    for themes in by_paragraph.values():
        for theme in themes:
            i = position[theme]
            both[i][i] += 1
            overlapping[i][i] += 1
        for a, b in combinations(themes, 2):
            i, j = position[a], position[b]
            both[i][j] += 1
            both[j][i] += 1
            if _overlap(themes[a], themes[b]):
                overlapping[i][j] += 1
                overlapping[j][i] += 1

    totals = [both[i][i] for i in range(size)]
    cells = []
    for i in range(size):
        row = []
        for j in range(size):
            either = totals[i] + totals[j] - both[i][j]
            row.append(
                Pair(
                    paragraphs=both[i][j],
                    overlaps=overlapping[i][j],
                    jaccard=both[i][j] / either if either else None,
                    nested=ids[i] in lineage.get(ids[j], ()) or ids[j] in lineage.get(ids[i], ()),
                )
            )
        cells.append(row)
    return Cooccurrence(
        themes=[n.theme for n in nodes],
        depths=[n.depth for n in nodes],
        totals=totals,
        cells=cells,
        coded_paragraphs=len(coding.spans.get(ANY, {})),
    )


def _overlap(first: list[tuple[int, int]], second: list[tuple[int, int]]) -> bool:
    return any(a < d and c < b for a, b in first for c, d in second)
