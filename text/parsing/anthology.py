"""Anthologies: excerpts of different speeches, each dated after it.

Two layouts: excerpts separated by bare numeral lines (``一`` … ``八``)
counting up from one, most of them closing with a bracketed date/occasion
line; and excerpts with no numbers, each closed by its dateline, under
theme headings.
"""

from __future__ import annotations

import re

from .blocks import Block
from .dates import parse_date_line
from .linekinds import classify, is_salutation
from .markers import match_marker
from .normalize import Line
from .numerals import numeral_to_int
from .sentences import ends_sentence

BARE_NUMERAL_RE = re.compile(r"^(?:[一二三四五六七八九十]{1,3}|\d{1,2}|[０-９]{1,2})$")


def split_excerpts(lines: list[Line]) -> list[Block] | None:
    """Excerpts after bare numeral lines counting up from one; None unless
    at least half of them close with a bracketed dateline."""
    starts: list[int] = []
    expected = 1
    for index, line in enumerate(lines):
        if BARE_NUMERAL_RE.match(line.text) and numeral_to_int(line.text) == expected:
            starts.append(index)
            expected += 1
    if len(starts) < 2:
        return None
    bodies = [
        lines[start + 1 : (starts[i + 1] if i + 1 < len(starts) else len(lines))]
        for i, start in enumerate(starts)
    ]
    # An anthology dates each excerpt after it; without that, bare numerals
    # are just section numbers of one speech.
    dated = sum(1 for body in bodies if _ends_with_date_line(body))
    if dated * 2 < len(bodies):
        return None
    blocks = [Block("preamble", lines[: starts[0]])]
    for i, start in enumerate(starts):
        blocks.append(Block("excerpt", bodies[i], lines[start], None, i + 1))
    return blocks


def _ends_with_date_line(body: list[Line]) -> bool:
    # The last excerpt may be followed by page furniture: look at its last
    # few lines.
    for line in body[-3:]:
        parsed = parse_date_line(line.text)
        if parsed is not None and parsed.bracketed:
            return True
    return False


# An excerpt holds at least one finished sentence: a stop, not a bracket,
# closes it, and it is longer than a label.
_EXCERPT_MIN_SENTENCE = 6
_FULL_STOPS = "。！？!?…"


def _is_sentence(text: str) -> bool:
    if len(text) < _EXCERPT_MIN_SENTENCE:
        return False
    if text[-1] in "”」』’\"" and len(text) > 1:
        return text[-2] in _FULL_STOPS
    return text[-1] in _FULL_STOPS


def split_dated_excerpts(lines: list[Line]) -> list[Block] | None:
    """Excerpts with no numbers, each closed by its dateline.

    ``…正文。`` / ``（2019年5月31日在…会议上的讲话）`` repeated: every line that
    is a bracketed or dashed date with an occasion ends an excerpt. Theme
    headings between excerpts (``一、关于…``) stay with the excerpt that
    follows them. Each excerpt must hold a finished sentence before its
    dateline, so the datelines under the titles of unmarked speeches never
    make this layout.
    """
    ends = [index for index, line in enumerate(lines) if _is_closing_dateline(line.text)]
    if len(ends) < 2:
        return None
    # A speech that cites its quotations (“…” / （2019年5月31日在…上的讲话）)
    # addresses its audience first; an anthology does not.
    if any(is_salutation(line.text) for line in lines[: ends[0]]):
        return None
    start = _first_text_line(lines[: ends[0]])
    blocks = [Block("preamble", lines[:start])]
    for number, end in enumerate(ends, start=1):
        if not any(_is_sentence(line.text) for line in lines[start:end]):
            return None
        blocks.append(Block("excerpt", lines[start : end + 1], None, None, number))
        start = end + 1
    # What follows the last dateline (page furniture) stays with the last
    # excerpt, whose trailer reading sets it aside.
    blocks[-1].lines.extend(lines[start:])
    return blocks


def _is_closing_dateline(text: str) -> bool:
    parsed = parse_date_line(text)
    return (
        parsed is not None
        and bool(parsed.date)
        and bool(parsed.rest)
        and (parsed.bracketed or parsed.dashed)
    )


def _first_text_line(lines: list[Line]) -> int:
    """Index of the first line of text below a page's title and furniture."""
    for index, line in enumerate(lines):
        if match_marker(line.text) is not None:
            return index
        if ends_sentence(line.text) and classify(line.text, None) is None:
            return index
    return len(lines)
