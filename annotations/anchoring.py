"""Re-anchoring: where an annotation made on one version of a speech's text
goes in the next version. Pure Python (no Django): the versions service and
bench/reanchor_bench.py use the same functions.

An annotation is a W3C text-quote selector on one paragraph (``quote``
with up to 32 code points of ``prefix`` and ``suffix``) plus its position
(``start``/``end``). In order, the first that holds wins:

1. ``exact``: the paragraph aligned with the old one has the quote at the
   same offsets.
2. ``exact``: the quote occurs once in the new speech, or, among several
   occurrences, one is the only best fit of its prefix and suffix (ties
   are never guessed); a quote cut by a paragraph split is found as the end
   of one paragraph and the start of the next and placed in two parts.
3. ``fuzzy``: diff-match-patch's ``match_main`` (what Hypothesis uses)
   finds the quote's start and end near where the quote was, in the aligned
   paragraph; the text found is kept only when it is at least
   ``FUZZY_THRESHOLD`` similar to the quote *and* its context agrees with
   the old prefix or suffix.
4. Otherwise nothing: the annotation is an orphan for a person to place.
   Never is an annotation put on text it did not quote.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from diff_match_patch import diff_match_patch

# The paragraphs of two versions are paired by text.alignment (pure, like this module).
from text.alignment import Alignment, align, paragraph_similarity  # noqa: F401

# Share of the quote's characters the fuzzy match must keep (1 - edit distance / length).
FUZZY_THRESHOLD = 0.8
# The quote's own length from its start, tried when the diff's span falls
# short: it may cut off text typed inside the quote, so it must be closer.
FIXED_LENGTH_THRESHOLD = 0.9
# Characters of old context that must agree around a quote found away from
# its place, and (stricter) around a fuzzy match.
FUZZY_CONTEXT = 4
FUZZY_CONTEXT_STRICT = 8
FAR_CONTEXT = 16
# A quote this long is its own evidence: found once, it is the same text.
LONG_QUOTE = 16
# match_main works on patterns of at most this many characters (Match_MaxBits).
MATCH_BITS = 32


@dataclass(frozen=True)
class Selector:
    paragraph: int  # index of the old paragraph in the old speech
    start: int
    end: int
    quote: str
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True)
class Placement:
    """Where the selector went: one piece, or two across a split."""

    pieces: tuple[tuple[int, int, int], ...]  # (new paragraph index, start, end)
    method: str  # "exact" or "fuzzy"


# ---- Placing one selector ----


def anchor(
    selector: Selector, new: Sequence[str], alignment: Alignment | None = None
) -> Placement | None:
    aligned = alignment.old_to_new[selector.paragraph] if alignment is not None else None
    quote = selector.quote
    if aligned is not None and new[aligned][selector.start : selector.end] == quote:
        return Placement(((aligned, selector.start, selector.end),), "exact")
    found = _by_quote(selector, new, aligned)
    if found is not None:
        return found
    found = _across_split(selector, new, aligned)
    if found is not None:
        return found
    if aligned is not None:
        return _fuzzy(selector, new, aligned)
    return None


def _common_suffix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _context_score(selector: Selector, text: str, start: int, end: int) -> int:
    """Characters of the old prefix and suffix found right around ``[start, end)``."""
    return _common_suffix(text[:start], selector.prefix) + _common_prefix(
        text[end:], selector.suffix
    )


def _needed_context(selector: Selector, *, elsewhere: bool = False) -> int:
    """How much context must agree where a quote is found away from its place:
    ``FUZZY_CONTEXT`` characters in its own (aligned) paragraph, ``FAR_CONTEXT``
    in another one, or all there was (a quote at a paragraph's edges)."""
    wanted = FAR_CONTEXT if elsewhere else FUZZY_CONTEXT
    return min(wanted, len(selector.prefix) + len(selector.suffix))


def _by_quote(selector: Selector, new: Sequence[str], aligned: int | None) -> Placement | None:
    quote = selector.quote
    hits = []
    for index, text in enumerate(new):
        at = text.find(quote)
        while at != -1:
            hits.append((index, at))
            at = text.find(quote, at + 1)
    if not hits:
        return None
    if len(hits) == 1:
        index, at = hits[0]
        # A short quote found once may still be other text of the same words
        # (its own was deleted): its context must agree too.
        if len(quote) >= LONG_QUOTE or _context_score(
            selector, new[index], at, at + len(quote)
        ) >= _needed_context(selector, elsewhere=index != aligned):
            return Placement(((index, at, at + len(quote)),), "exact")
        return None
    scored = sorted(
        ((_context_score(selector, new[i], at, at + len(quote)), i == aligned, i, at)
         for i, at in hits),
        reverse=True,
    )
    best, second = scored[0], scored[1]
    # The best fit must stand out on its context; being in the aligned
    # paragraph settles only between equally fitting places there and elsewhere.
    if best[0] < _needed_context(selector, elsewhere=not best[1]):
        return None
    if best[0] > second[0] or (best[0] == second[0] and best[1] and not second[1]):
        _score, _aligned, index, at = best
        return Placement(((index, at, at + len(quote)),), "exact")
    return None


def _across_split(selector: Selector, new: Sequence[str], aligned: int | None) -> Placement | None:
    """The quote as the end of one paragraph and the start of the next
    (white space at the cut aside): the paragraph was split inside it."""
    quote = selector.quote
    found = []
    for index in range(len(new) - 1):
        left, right = new[index].rstrip(), new[index + 1].lstrip()
        lead = len(new[index + 1]) - len(right)
        for cut in range(1, len(quote)):
            head, tail = quote[:cut].rstrip(), quote[cut:].lstrip()
            if head and tail and left.endswith(head) and right.startswith(tail):
                before = _common_suffix(left[: len(left) - len(head)], selector.prefix)
                after = _common_prefix(right[len(tail):], selector.suffix)
                if before + after >= _needed_context(selector) or len(quote) >= LONG_QUOTE:
                    found.append((
                        (index, len(left) - len(head), len(left)),
                        (index + 1, lead, lead + len(tail)),
                    ))
                break
    if len(found) != 1:
        return None
    return Placement(found[0], "exact")


def _span_of(diffs, length: int) -> tuple[int, int] | None:
    """Where the quote lies in the window, from a diff of quote against window:
    from its first to its last character kept, widened over characters that
    replaced the quote's own at either end (a typo fixed there), never over
    text merely next to it."""
    dmp_equal = 0
    spans = []  # (quote start, quote end, window start, window end) of kept runs
    q = w = 0
    for op, text in diffs:
        n = len(text)
        if op == dmp_equal:
            spans.append((q, q + n, w, w + n))
            q, w = q + n, w + n
        elif op < 0:
            q += n
        else:
            w += n
    # A short run at either end, cut off from the rest by more window text
    # than quote text, is a character of other words matched by chance.
    while len(spans) > 1 and spans[0][1] - spans[0][0] < 3 and (
        spans[1][2] - spans[0][3] > spans[1][0] - spans[0][1]
    ):
        spans.pop(0)
    while len(spans) > 1 and spans[-1][1] - spans[-1][0] < 3 and (
        spans[-1][2] - spans[-2][3] > spans[-1][0] - spans[-2][1]
    ):
        spans.pop()
    if not spans:
        return None
    first, last = spans[0], spans[-1]
    start, end = first[2], last[3]
    # Characters of the quote lost before its first kept run, and window
    # characters between the window's start and that run: as many of them as
    # were lost stand in for them (replacements), no more.
    start -= min(first[0], first[2])
    end += min(length - last[1], _window_after(diffs, last))
    return start, end


def _window_after(diffs, last) -> int:
    """Window characters after the last kept run."""
    total = sum(len(text) for op, text in diffs if op >= 0)
    return total - last[3]


def _fuzzy(selector: Selector, new: Sequence[str], aligned: int) -> Placement | None:
    text, quote = new[aligned], selector.quote
    if not text:
        return None
    dmp = diff_match_patch()
    dmp.Match_Threshold = 0.4
    dmp.Match_Distance = 1000
    expected = min(selector.start, len(text))
    approx = dmp.match_main(text, quote[:MATCH_BITS], expected)
    if approx == -1:
        return None
    # match_main gives where the quote's start is, about; the diff of the
    # quote against the text around there says exactly where its first and
    # last characters went, whatever was typed or dropped inside it.
    lo = max(0, approx - FUZZY_CONTEXT_STRICT)
    hi = min(len(text), approx + len(quote) + len(quote) // 2 + 2 * FUZZY_CONTEXT_STRICT)
    window = text[lo:hi]
    # The raw diff keeps every run of characters in common (a cleanup would
    # drop a short one after an insertion: the quote's last words); lone
    # characters matched by chance at either end are dropped in _span_of.
    diffs = dmp.diff_main(quote, window, False)
    span = _span_of(diffs, len(quote))
    if span is None:
        return None
    start, end = lo + span[0], lo + span[1]
    # The diff may tie the quote's last characters to a later repeat of them
    # (任何人、任 … 任何组织、任): when the span it gives is not close enough to
    # the quote, the span as long as the quote is weighed instead.
    best = None
    for span_start, span_end, needed in (
        (start, end, FUZZY_THRESHOLD),
        (start, start + len(quote), FIXED_LENGTH_THRESHOLD),
    ):
        if best is not None and best[0] >= FUZZY_THRESHOLD:
            break
        span_start = min(span_start, len(text))
        span_end = min(max(span_end, span_start + 1), len(text))
        candidate = text[span_start:span_end]
        if not candidate.strip():
            continue
        diffs = dmp.diff_main(quote, candidate)
        similarity = 1 - dmp.diff_levenshtein(diffs) / max(len(quote), len(candidate))
        if similarity >= needed and (best is None or similarity > best[0]):
            best = (similarity, span_start, span_end)
    if best is None or best[0] < FUZZY_THRESHOLD:
        return None
    _similarity_kept, start, end = best
    return Placement(((aligned, start, end),), "fuzzy")
