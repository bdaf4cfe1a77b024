"""Where one speech ends and the next begins.

Three layouts are recognised, in this order:

1. ``第X篇：TITLE`` marker lines (X in Chinese or Arabic numerals; colon
   full- or half-width, or a space; the title may also stand on the next
   line), and the ``篇一：`` / ``范文一：`` forms of essay-site compilations.
   Text before the first marker is a block of its own.
2. Excerpts separated by bare numeral lines (``一`` … ``八``) counting up
   from one, most of them closing with a bracketed date/occasion line: an
   anthology of passages from different speeches.
3. Otherwise the whole file is one speech.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import parse_date_line
from .normalize import Line
from .numerals import numeral_to_int

_NUM = r"[一二三四五六七八九十百零〇两\d０-９]+"
# 第一篇：TITLE, plus the 篇一 / 范文一 forms of essay-site compilations.
SPEECH_MARKER_RE = re.compile(
    rf"^[【\[]?\s*(?:第\s*(?P<num>{_NUM})\s*篇|(?:篇|范文|範文)\s*(?P<num2>{_NUM}))\s*"
    r"(?:[】\]]\s*[：:]?|[：:]|\s|$)\s*(?P<title>.*)$"
)
BARE_NUMERAL_RE = re.compile(r"^(?:[一二三四五六七八九十]{1,3}|\d{1,2}|[０-９]{1,2})$")


@dataclass
class Block:
    """The lines of one speech (or of the preamble before the first one).

    ``marker`` is the line that opened the block (a 第X篇 line or a bare
    numeral), ``marker_title`` the title it carries, ``number`` its number.
    """

    kind: str  # "preamble", "marked", "excerpt" or "whole"
    lines: list[Line]
    marker: Line | None = None
    marker_title: str | None = None
    number: int | None = None


def split_blocks(lines: list[Line]) -> tuple[str, list[Block]]:
    """Cut the normalized lines into blocks; returns (layout, blocks).

    ``layout`` is "marked", "excerpts" or "single". In the first two the
    first block has kind "preamble" (possibly with no lines).
    """
    marked = _split_marked(lines)
    if marked is not None:
        return "marked", marked
    excerpts = _split_excerpts(lines)
    if excerpts is not None:
        return "excerpts", excerpts
    return "single", [Block("whole", list(lines))]


def _split_marked(lines: list[Line]) -> list[Block] | None:
    starts = []
    for index, line in enumerate(lines):
        match = SPEECH_MARKER_RE.match(line.text)
        if match and len(line.text) <= 120:
            number = numeral_to_int(match.group("num") or match.group("num2"))
            if number is not None:
                starts.append((index, match.group("title").strip(), number))
    if not starts:
        return None
    blocks = [Block("preamble", lines[: starts[0][0]])]
    for position, (index, title, number) in enumerate(starts):
        end = starts[position + 1][0] if position + 1 < len(starts) else len(lines)
        blocks.append(
            Block("marked", lines[index + 1 : end], lines[index], title or None, number)
        )
    return blocks


def _split_excerpts(lines: list[Line]) -> list[Block] | None:
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
