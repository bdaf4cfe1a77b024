"""Ranking hits: relevance (BM25's term frequency) and the date orders, in Python."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from search.highlight import fold
from search.query import Sort
from text import variants

RANK_TEXT_LENGTH = 20_000


def relevance(text: str, needles: Sequence[str], *, average_length: float) -> float:
    """BM25's term-frequency part over the highlighted occurrences.

    Every hit holds every term, so the rarity of a term (BM25's IDF) is the
    same for all of them and left out; what ranks a paragraph higher is
    saying the words more often in fewer characters.
    """
    k1, b = 1.2, 0.75
    # Case and script folding only: NFKC would cost thirty times as much per
    # paragraph (relevance reads a thousand), and only full-width letters
    # and digits, rare in running text, would count differently. The script
    # fold scans a simplified text and copies only one holding variants.
    # A huge paragraph counts its first RANK_TEXT_LENGTH code points: enough
    # to rank, and a 5 MB one costs no more than a long speech's paragraph.
    text = text[:RANK_TEXT_LENGTH]
    folded_text = variants.fold(text.casefold())
    norm = k1 * (1 - b + b * len(text) / average_length)
    score = 0.0
    for needle in needles:
        tf = folded_text.count(needle)
        score += tf * (k1 + 1) / (tf + norm)
    return score


class HitRow(NamedTuple):
    """A hit as the engine reads it before the page: enough to count, chart
    and order it. ``text`` is read only when relevance needs it."""

    id: int
    date: datetime.date | None
    speech_id: int
    position: int
    text: str = ""


# The columns of a HitRow, for values_list.
HIT_COLUMNS = ("id", "speech__date", "speech_id", "position")


def hit_rows(rows: Iterable[tuple]) -> list[HitRow]:
    """``values_list`` rows (``HIT_COLUMNS``, maybe ``text``) as HitRows."""
    return [HitRow(*row) for row in rows]


def date_order_key(sort: str):
    """The order of ``in_date_order`` for HitRows, in Python."""
    if sort == Sort.OLDEST:
        return lambda row: (row.date is None, row.date or _NO_DATE, row.speech_id, row.position)
    return lambda row: (
        row.date is None,
        -(row.date or _NO_DATE).toordinal(),
        -row.speech_id,
        row.position,
    )


_NO_DATE = datetime.date.min


def rank(rows: list[HitRow], needles: Sequence[str]) -> list[HitRow]:
    """HitRows (with their text) by relevance, best first.

    Ties go to the newer speech, then to document order.
    """
    if not rows:
        return []
    average = sum(min(len(row.text), RANK_TEXT_LENGTH) for row in rows) / len(rows)
    newest_first = date_order_key(Sort.NEWEST)
    needles = [fold(n) for n in needles]
    def key(row):
        return (-relevance(row.text, needles, average_length=average), newest_first(row))

    return sorted(rows, key=key)
