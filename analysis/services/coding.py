"""The coded passages an analysis counts, grouped by the database.

A theme's figures include the passages of all its sub-themes, each passage
once (a passage tagged with a theme and with its parent counts once in the
parent's row): the same rule as the theme page, which lists a theme's
passages with its sub-themes', so a cell and the page it links to agree.
"Characters coded" counts each character of a paragraph once per theme,
however many of the theme's passages overlap on it: spans are read in
order of their start, and each adds what reaches past the furthest end
before it (a window function, on both databases).

The rows come from ``analysis.models.CodedSpan`` (brought up to date first
by ``analysis.services.spans``), filtered like any list of speeches.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import connections

from analysis.models import CodedSpan
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


def spans(
    *, filters: SpeechFilters, coder: AbstractBaseUser | None, using: str, column_key=None
):
    """The coded spans within the filters (and of ``coder``), as a queryset of
    (theme_id, annotation_id, paragraph_id, start, end[, key]) values; ``column_key``
    is an expression on the path ``speech__``."""
    rows = CodedSpan.objects.using(using).filter(filters.q("speech__")).order_by()
    if coder is not None:
        rows = rows.filter(author=coder)
    fields = ["theme_id", "annotation_id", "paragraph_id", "start", "end"]
    if column_key is not None:
        return rows.annotate(key=column_key).values(*fields, "key")
    return rows.values(*fields)


def _sql(queryset) -> tuple[str, list]:
    sql, params = queryset.query.sql_with_params()
    return sql, list(params)


def figures_by_theme_and_key(queryset, *, using: str) -> dict[tuple[int, object], Figures]:
    """(theme id or ANY, column key) -> figures, in one query."""
    inner, params = _sql(queryset)
    sql = f"""
        WITH s AS ({inner}),
        u AS (
            SELECT theme_id, annotation_id, paragraph_id, "start", "end", "key" FROM s
            UNION ALL
            SELECT DISTINCT {ANY}, annotation_id, paragraph_id, "start", "end", "key" FROM s
        ),
        r AS (
            SELECT theme_id, paragraph_id, "key", "start", "end",
                MAX("end") OVER (
                    PARTITION BY theme_id, paragraph_id ORDER BY "start", "end", annotation_id
                    ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
                ) AS reach
            FROM u
        )
        SELECT theme_id, "key", COUNT(*), COUNT(DISTINCT paragraph_id),
            SUM(CASE WHEN reach IS NULL OR "start" >= reach THEN "end" - "start"
                     WHEN "end" <= reach THEN 0 ELSE "end" - reach END)
        FROM r GROUP BY theme_id, "key"
    """
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        return {
            (theme, key): Figures(passages, paragraphs, int(characters or 0))
            for theme, key, passages, paragraphs, characters in cursor.fetchall()
        }


def theme_pairs(queryset, *, using: str) -> tuple[dict, dict, int]:
    """({(a, b): paragraphs with both}, {(a, b): paragraphs where their spans
    overlap}, paragraphs coded), for a <= b, in one query."""
    inner, params = _sql(queryset)
    sql = f"""
        WITH s AS ({inner}),
        tp AS (SELECT DISTINCT theme_id, paragraph_id FROM s)
        SELECT 'b', a.theme_id, b.theme_id, COUNT(*)
            FROM tp a JOIN tp b ON a.paragraph_id = b.paragraph_id AND a.theme_id <= b.theme_id
            GROUP BY a.theme_id, b.theme_id
        UNION ALL
        SELECT 'o', x, y, COUNT(*) FROM (
            SELECT DISTINCT a.theme_id AS x, b.theme_id AS y, a.paragraph_id
            FROM s a JOIN s b ON a.paragraph_id = b.paragraph_id AND a.theme_id <= b.theme_id
                AND a."start" < b."end" AND b."start" < a."end"
        ) o GROUP BY x, y
        UNION ALL
        SELECT 'p', 0, 0, COUNT(DISTINCT paragraph_id) FROM s
    """
    both: dict[tuple[int, int], int] = {}
    overlaps: dict[tuple[int, int], int] = {}
    paragraphs = 0
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        for kind, a, b, n in cursor.fetchall():
            if kind == "b":
                both[(a, b)] = n
            elif kind == "o":
                overlaps[(a, b)] = n
            else:
                paragraphs = n
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
