"""Ranking hits: relevance (BM25's term frequency) and the date orders, in Python."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from speeches import variants
from speeches.search.highlight import fold
from speeches.search.query import Sort

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


def date_order_key(sort: str):
    """The order of ``in_date_order`` for rows (id, date, speech_id, position), in Python."""
    if sort == Sort.OLDEST:
        return lambda row: (row[1] is None, row[1] or _NO_DATE, row[2], row[3])
    return lambda row: (row[1] is None, -(row[1] or _NO_DATE).toordinal(), -row[2], row[3])


_NO_DATE = datetime.date.min


def rank(rows: list[tuple], needles: Sequence[str]) -> list[tuple]:
    """Rows (id, date, speech_id, position, text) by relevance, best first.

    Ties go to the newer speech, then to document order.
    """
    if not rows:
        return []
    average = sum(min(len(row[4]), RANK_TEXT_LENGTH) for row in rows) / len(rows)
    newest_first = date_order_key(Sort.NEWEST)
    needles = [fold(n) for n in needles]
    def key(row):
        return (-relevance(row[4], needles, average_length=average), newest_first(row))

    return sorted(rows, key=key)
