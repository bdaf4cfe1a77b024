"""Where sentences end, in Chinese and in Western punctuation.

A full stop is ``。`` (or ``．``); text typed with Western punctuation ends
its sentences with ``.``, which is also the decimal point (``72.3%``) and
part of an ellipsis (``...``): a ``.`` ends a sentence only when neither a
digit nor another ``.`` follows it.
"""

from __future__ import annotations

from .lexicon import SENTENCE_END, SENTENCE_FINAL


def _is_full_stop(text: str, index: int) -> bool:
    """Whether the ``.`` at ``index`` ends a sentence."""
    following = text[index + 1 : index + 2]
    return not (following.isdigit() or following == ".")


def ends_sentence(text: str) -> bool:
    """Whether ``text`` ends with sentence-final punctuation."""
    if not text:
        return False
    last = text[-1]
    if last == ".":
        # "1." alone is a marker, "...5." a decimal cut by a page break.
        return len(text) > 1 and not text[-2].isdigit()
    return last in SENTENCE_FINAL


def first_sentence(text: str) -> tuple[str, str, str]:
    """Split ``text`` at its first sentence end: (sentence, terminator, rest)."""
    for index, ch in enumerate(text):
        if ch in SENTENCE_END or (ch == "." and _is_full_stop(text, index)):
            return text[:index], ch, text[index + 1:]
    return text, "", ""
