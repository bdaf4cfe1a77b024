"""Pairing the paragraphs of two versions of a text, and how much they share.

Pure Python (no Django): the versions service (``speeches.services.versions``), the
diff view and re-anchoring (``annotations.anchoring``) use it.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Alignment:
    """``old_to_new[i]``: the new paragraph old paragraph ``i`` became (None:
    removed); ``same[i]``: with the same text. New paragraphs no old one
    became are ``added``."""

    old_to_new: tuple[int | None, ...]
    same: tuple[bool, ...]
    added: tuple[int, ...]

    @property
    def unchanged(self) -> int:
        return sum(self.same)

    @property
    def changed(self) -> int:
        return sum(1 for i, j in enumerate(self.old_to_new) if j is not None and not self.same[i])

    @property
    def removed(self) -> int:
        return sum(1 for j in self.old_to_new if j is None)


def align(old: Sequence[str], new: Sequence[str]) -> Alignment:
    """Pair the paragraphs of two versions: equal runs first, then, inside
    each replaced stretch, each old paragraph with the most similar new one
    (similar enough: at least half of its characters in common)."""
    old_to_new: list[int | None] = [None] * len(old)
    same = [False] * len(old)
    taken: set[int] = set()
    matcher = difflib.SequenceMatcher(None, list(old), list(new), autojunk=False)
    opcodes = matcher.get_opcodes()
    # Equal runs first, all of them, so that a changed paragraph is never
    # paired with one that is another's unchanged counterpart.
    for tag, i1, i2, j1, _j2 in opcodes:
        if tag == "equal":
            for k in range(i2 - i1):
                old_to_new[i1 + k] = j1 + k
                same[i1 + k] = True
                taken.add(j1 + k)
    for tag, i1, i2, j1, j2 in opcodes:
        if tag in ("replace", "delete"):
            # A replaced stretch may also have absorbed text moved from nearby
            # (a paragraph split or merged at its edge).
            lo, hi = max(0, j1 - 1), min(len(new), j2 + 1)
            for i in range(i1, i2):
                best, score = None, 0.5
                for j in range(lo, hi):
                    if j in taken:
                        continue
                    ratio = _similarity(old[i], new[j])
                    if ratio > score:
                        best, score = j, ratio
                if best is not None:
                    old_to_new[i] = best
                    taken.add(best)
    added = tuple(j for j in range(len(new)) if j not in taken)
    return Alignment(tuple(old_to_new), tuple(same), added)


def _similarity(a: str, b: str) -> float:
    """Share of ``a``'s characters found, in order, in ``b`` (also when ``b`` holds more)."""
    if not a or not b:
        return 0.0
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(a)


def paragraph_similarity(old: Sequence[str], new: Sequence[str]) -> float:
    """Share of paragraphs the versions have in common, over the longer one."""
    if not old and not new:
        return 1.0
    counts: dict[str, int] = {}
    for text in old:
        counts[text] = counts.get(text, 0) + 1
    common = 0
    for text in new:
        if counts.get(text):
            counts[text] -= 1
            common += 1
    return common / max(len(old), len(new))
