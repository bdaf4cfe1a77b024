"""Sort keys that put Chinese names and titles in pinyin order.

Code-point order scatters Chinese (王 before 李 before 张 by no rule a
reader knows); readers expect the dictionary order of pinyin. The key
spells each Chinese character in pinyin with its tone number (wang2 ping2),
keeps other characters as they are, lower-cased, and ends with the text
itself so equal spellings still sort one way. Stored beside the text, it
lets the database order by it. Every syllable ends in its tone digit, which
sorts before any letter, so the order holds under any collation, also one
that ignores spaces.
"""

from __future__ import annotations

from pypinyin import Style, lazy_pinyin

SORT_KEY_MAX = 600


def pinyin_sort_key(text: str) -> str:
    """``王萍`` -> ``wang2 ping2 王萍``; stays within ``SORT_KEY_MAX``."""
    spelled = " ".join(lazy_pinyin(text, style=Style.TONE3, neutral_tone_with_five=True))
    return f"{spelled.lower()} {text}"[:SORT_KEY_MAX]
