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

from django.contrib.auth.models import AbstractBaseUser
from django.db import DEFAULT_DB_ALIAS
from django.utils.translation import gettext_lazy

from analysis.services.coding import codebook, theme_pairs
from analysis.services.spans import lineage, refresh_coded_spans
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
    filters (and active themes), in tree order. A fixed number of queries:
    the refresh of the coded spans (three when nothing changed), the
    codebook and the pairs."""
    using = using or DEFAULT_DB_ALIAS
    refresh_coded_spans(using=using)
    nodes = codebook(using=using)
    chains = lineage(using=using)
    both, overlaps, coded = theme_pairs(filters=filters, coder=coder, using=using)
    totals_by_id = {a: n for (a, b), n in both.items() if a == b}
    nodes = [n for n in nodes if n.theme.active or n.theme.pk in totals_by_id]
    ids = [n.theme.pk for n in nodes]
    totals = [totals_by_id.get(pk, 0) for pk in ids]
    cells = []
    for i, a in enumerate(ids):
        row = []
        for j, b in enumerate(ids):
            pair = (min(a, b), max(a, b))
            together = both.get(pair, 0)
            either = totals[i] + totals[j] - together
            row.append(
                Pair(
                    paragraphs=together,
                    overlaps=overlaps.get(pair, 0),
                    jaccard=together / either if either else None,
                    nested=a in chains.get(b, ()) or b in chains.get(a, ()),
                )
            )
        cells.append(row)
    return Cooccurrence(
        themes=[n.theme for n in nodes],
        depths=[n.depth for n in nodes],
        totals=totals,
        cells=cells,
        coded_paragraphs=coded,
    )
