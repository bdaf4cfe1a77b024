"""Highlighting in Python, on the verbatim text, in code points, after the
same NFKC, case and script folding the index applies (Ｇ２０ is found by
g20, 經濟 by 经济)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from text import variants


class _FoldTable(dict):
    """str.translate table: each character to its NFKC form, case and script folded.

    Filled lazily. The script fold maps one character to one, so only NFKC
    and case folding can change lengths (``folded`` maps those back).
    """

    def __init__(self) -> None:
        super().__init__()
        # The characters seen so far that fold to nothing (Unicode has none
        # today): without them, a text folds one to one exactly when its
        # folded form is as long, since no character then folds shorter.
        self.vanishing: set[str] = set()

    def __missing__(self, code: int) -> str:
        value = variants.fold(unicodedata.normalize("NFKC", chr(code)).casefold())
        self[code] = value
        if not value:
            self.vanishing.add(chr(code))
        return value


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """``text`` as the index sees it: NFKC, case and script folded, character by character."""
    return text.translate(_FOLD)


def folded(text: str) -> tuple[str, list[int] | None]:
    """``fold(text)`` and, when folding changed lengths, each folded character's source index.

    Folding may turn one character into several (ﬁ -> fi); each then points
    back at the character it came from, so a match in the folded text maps
    back to code points of the verbatim text. ``None`` means one to one.
    """
    result = fold(text)
    if len(result) == len(text) and all(len(_FOLD[ord(c)]) == 1 for c in set(text)):
        return result, None
    origin: list[int] = []
    for index, char in enumerate(text):
        origin.extend([index] * len(_FOLD[ord(char)]))
    return result, origin


# Occurrences of one needle marked in one paragraph, at most: a 5 MB
# paragraph naming 经济 a hundred thousand times must not make as many spans
# (the page, the API and the concordance all read them).
MAX_SPANS = 200


def highlight_spans(
    text: str, needles: Iterable[str], *, limit: int = MAX_SPANS
) -> list[tuple[int, int]]:
    """Code-point spans [start, end) of the occurrences of every needle, merged:
    the first ``limit`` of each needle.

    Matching is on the folded text (NFKC, case and script folded), as the
    index is: 经济 marks 經濟 and 經济 alike.
    Overlapping and touching occurrences merge into one span.
    """
    folded_text, origin = folded(text)
    spans: list[tuple[int, int]] = []
    for needle in needles:
        folded_needle = fold(needle)
        if not folded_needle:
            continue
        start = folded_text.find(folded_needle)
        found = 0
        while start != -1 and found < limit:
            found += 1
            end = start + len(folded_needle)
            if origin is None:
                spans.append((start, end))
            else:
                spans.append((origin[start], origin[end - 1] + 1))
            start = folded_text.find(folded_needle, start + 1)
    return merge_spans(spans)


class OccurrenceCounter:
    """``len(highlight_spans(text, needles))`` without building the spans.

    Term trends count occurrences in every matching paragraph, where the
    highlighter's spans are thrown away: a count must be what a reader sees
    marked (occurrences that overlap or touch are one, as they merge into
    one span). The needles are folded once, not once per paragraph; a text
    that folds one to one (almost all) is counted on its folded form, where
    the merging is a single pass; any other text goes through
    ``highlight_spans`` itself, whose spans merge in verbatim code points.
    """

    def __init__(self, needles: Iterable[str]) -> None:
        self.needles = tuple(needles)
        self._folded = tuple(n for n in dict.fromkeys(fold(n) for n in self.needles) if n)
        table = _preimages()
        # Each needle as a pattern on the verbatim text: at each place, any
        # character that folds to the needle's (a one-to-one text matches
        # there exactly when its folded form does). A needle that can overlap
        # itself (its start is also its end) is looked for at every place.
        self._patterns = [
            re.compile(
                ("(?=({}))" if _bordered(needle) else "({})").format(
                    "".join(_char_class(c, table) for c in needle)
                )
            )
            for needle in self._folded
        ]

    def __call__(self, text: str) -> int:
        if not _preimages().reshaping.search(text):
            # Every character folds to one: no folded copy of the text.
            spans = []
            for pattern in self._patterns:
                for match in pattern.finditer(text):
                    spans.append(match.span(1))
            return _merged_count(spans)
        folded_text = fold(text)  # fills the table, so ``vanishing`` knows text's characters
        vanishing = _FOLD.vanishing
        if len(folded_text) != len(text) or (vanishing and not vanishing.isdisjoint(text)):
            return len(highlight_spans(text, self.needles))
        spans = []
        for needle in self._folded:
            size = len(needle)
            start = folded_text.find(needle)
            while start != -1:
                spans.append((start, start + size))
                start = folded_text.find(needle, start + 1)
        return _merged_count(spans)


@dataclass(frozen=True)
class PlainCount:
    """What lets a database count ``OccurrenceCounter``'s figure itself, on
    the texts where counting the needles as written gives the same number.

    That is a text holding none of ``markers`` (a character other than
    the needle's own that folds to one of its characters: 經 for 经, G for
    g; or a character that folds to several, or to nothing, one of them
    the needle's), no character beyond the Basic Multilingual Plane (the
    fold table stops there), and none of ``conflicts`` (two occurrences
    touching or overlapping, which the highlighter merges into one: 依法行政
    twice in a row). There every occurrence is the needle verbatim and
    stands apart, so the count is the sum, over the needles, of the
    non-overlapping occurrences a ``replace`` removes. Any other text is
    counted by ``OccurrenceCounter`` (``search.backends.plain_occurrences_sql``
    tells the two apart in SQL).
    """

    needles: tuple[str, ...]
    markers: tuple[str, ...]
    conflicts: tuple[str, ...]


def plain_count(needles: Iterable[str]) -> PlainCount | None:
    """The ``PlainCount`` of ``needles``, or None where no text could be
    counted that way: a needle inside another (每 in 每年: every 每年 is
    both), or with a character that does not fold to itself (it would not
    be found as written)."""
    folded_needles = tuple(n for n in dict.fromkeys(fold(n) for n in needles) if n)
    if not folded_needles:
        return None
    table = _preimages()
    chars = set("".join(folded_needles))
    if any(fold(c) != c for c in chars):
        return None
    if any(a != b and b in a for a in folded_needles for b in folded_needles):
        return None
    markers: dict[str, None] = {}
    for char in sorted(chars):
        markers.update((c, None) for c in table.sources.get(char, ()) if c != char)
        markers.update((c, None) for c in table.spreading.get(char, ()))
    markers.update((c, None) for c in table.vanishing)
    conflicts: dict[str, None] = {}
    for a in folded_needles:
        for b in folded_needles:
            conflicts[a + b] = None  # touching
            for size in range(1, min(len(a), len(b))):
                if a[-size:] == b[:size]:
                    conflicts[a + b[size:]] = None  # overlapping by ``size``
    return PlainCount(folded_needles, tuple(markers), tuple(conflicts))


def _merged_count(spans: list[tuple[int, int]]) -> int:
    """``len(merge_spans(spans))``: occurrences that overlap or touch are one."""
    count, reach = 0, -1
    for start, end in sorted(spans):
        if start > reach:
            count += 1
        reach = max(reach, end)
    return count


def _bordered(needle: str) -> bool:
    """Whether two occurrences of ``needle`` can overlap (a proper prefix is also a suffix)."""
    return any(needle[:n] == needle[-n:] for n in range(1, len(needle)))


def _char_class(char: str, table: _Preimages) -> str:
    chars = table.sources.get(char, [])
    if not chars:
        return "(?!)"  # nothing in the Basic Multilingual Plane folds to it
    return "[" + "".join(re.escape(c) for c in chars) + "]"


class _Preimages:
    """The fold read backwards, over the Basic Multilingual Plane (about
    65,000 characters, folded once per process, a fifth of a second):
    ``sources[c]``, the characters that fold to ``c`` alone; ``spreading[c]``
    and ``vanishing``, those that fold to several (one of them ``c``) or to
    none; ``reshaping``,
    a pattern finding any character that does not fold to exactly one
    (ﬁ -> fi, or nothing), or lies outside that plane. A text without
    such characters folds one to one, character for character."""

    def __init__(self) -> None:
        self.sources: dict[str, list[str]] = {}
        # The characters that fold to several, under each character of their
        # fold (ﬁ under f and i), and those that fold to nothing (``PlainCount``).
        self.spreading: dict[str, list[str]] = {}
        self.vanishing: list[str] = []
        reshaping: list[int] = []
        for code in range(0x10000):
            if 0xD800 <= code <= 0xDFFF:
                reshaping.append(code)
                continue
            char = chr(code)
            value = fold(char)
            if len(value) == 1:
                self.sources.setdefault(value, []).append(char)
                continue
            reshaping.append(code)
            if not value:
                self.vanishing.append(char)
            for part in set(value):
                self.spreading.setdefault(part, []).append(char)
        ranges: list[list[int]] = []
        for code in reshaping:
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
        body = "".join(
            re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
            for a, b in ranges
        )
        self.reshaping = re.compile(f"[{body}\U00010000-\U0010FFFF]")


_PREIMAGES: _Preimages | None = None


def _preimages() -> _Preimages:
    global _PREIMAGES
    if _PREIMAGES is None:
        _PREIMAGES = _Preimages()
    return _PREIMAGES


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


# A hit shows at most this many code points of its paragraph: windows around
# its first matches, joined by an ellipsis (the reader has the whole text).
EXCERPT_LENGTH = 600
EXCERPT_CONTEXT = 80
ELLIPSIS = "…"


def excerpt(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[str, bool]]:
    """``segments`` of ``text``, or of windows around its first spans when it is
    longer than EXCERPT_LENGTH: the page of a long paragraph's hit stays small."""
    if len(text) <= EXCERPT_LENGTH:
        return segments(text, spans)
    windows: list[tuple[int, int]] = []
    for start, end in spans:
        window = (max(0, start - EXCERPT_CONTEXT), min(len(text), end + EXCERPT_CONTEXT))
        windows = merge_spans([*windows, window])
        if sum(last - first for first, last in windows) >= EXCERPT_LENGTH:
            break
    # Clip to the length: the last windows give way.
    budget, clipped = EXCERPT_LENGTH, []
    for first, last in windows or [(0, EXCERPT_LENGTH)]:
        if budget <= 0:
            break
        clipped.append((first, min(last, first + budget)))
        budget -= clipped[-1][1] - first
    result: list[tuple[str, bool]] = []
    for first, last in clipped:
        if first > 0 or result:
            result.append((ELLIPSIS, False))
        inside = [
            (max(start, first) - first, min(end, last) - first)
            for start, end in spans
            if start < last and end > first
        ]
        result.extend(segments(text[first:last], inside))
    if clipped[-1][1] < len(text):
        result.append((ELLIPSIS, False))
    return result


def segments(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[str, bool]]:
    """``text`` cut at the spans: (piece, highlighted) in order, for templates."""
    result: list[tuple[str, bool]] = []
    position = 0
    for start, end in spans:
        if start > position:
            result.append((text[position:start], False))
        result.append((text[start:end], True))
        position = end
    if position < len(text):
        result.append((text[position:], False))
    return result
