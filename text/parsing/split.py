"""Where one speech ends and the next begins.

Three layouts are recognised, in this order:

1. ``第X篇：TITLE`` marker lines (X in Chinese or Arabic numerals; colon
   full- or half-width, or a space; the title may also stand on the next
   line), and the ``篇一：`` / ``范文一：`` / ``TITLE 篇1`` forms of essay-site
   compilations; failing those, numbered speech titles (``一、在…会议上的讲话``) each
   followed by its header, or unnumbered speech titles each followed by
   its header and salutation. Text before the first marker is a block of
   its own.
2. An anthology of passages from different speeches, each dated after it
   (see ``anthology.py``).
3. Otherwise the whole file is one speech.
"""

from __future__ import annotations

import re

from .anthology import split_dated_excerpts, split_excerpts
from .blocks import Block
from .lexicon import SPEECH_NOUN_RE
from .linekinds import classify, is_salutation, is_title_like
from .markers import Marker, match_marker
from .metadata import occasion_from_title
from .normalize import Line
from .numerals import numeral_to_int

_NUM = r"[一二三四五六七八九十百零〇两\d０-９]+"
# 第一篇：TITLE, plus the 篇一 / 范文一 forms of essay-site compilations.
SPEECH_MARKER_RE = re.compile(
    rf"^[【\[]?\s*(?:第\s*(?P<num>{_NUM})\s*篇|(?:篇|范文|範文)\s*(?P<num2>{_NUM}))\s*"
    r"(?:[】\]]\s*[：:]?|[：:]|\s|$)\s*(?P<title>.*)$"
)
# TITLE 篇1 / TITLE【篇二】: the number after the title, as essay sites print it.
SPEECH_MARKER_AFTER_RE = re.compile(
    rf"^(?P<title>[^：:。！？!?]{{2,60}}?)\s*[【\[（(]?\s*(?:篇|范文|範文)\s*(?P<num>{_NUM})"
    r"\s*[】\]）)]?$"
)


def split_blocks(lines: list[Line]) -> tuple[str, list[Block]]:
    """Cut the normalized lines into blocks; returns (layout, blocks).

    ``layout`` is "marked", "excerpts" or "single". In the first two the
    first block has kind "preamble" (possibly with no lines).
    """
    marked = _split_marked(lines) or _split_numbered_titles(lines) or _split_titled(lines)
    if marked is not None:
        return "marked", marked
    excerpts = split_excerpts(lines) or split_dated_excerpts(lines)
    if excerpts is not None:
        return "excerpts", excerpts
    return "single", [Block("whole", list(lines))]


def _split_marked(lines: list[Line]) -> list[Block] | None:
    starts = []
    trailing = 0
    for index, line in enumerate(lines):
        match = SPEECH_MARKER_RE.match(line.text)
        after = None if match else SPEECH_MARKER_AFTER_RE.match(line.text)
        if match and len(line.text) <= 120:
            number = numeral_to_int(match.group("num") or match.group("num2"))
            if number is not None:
                starts.append((index, match.group("title").strip(), number))
        elif after:
            number = numeral_to_int(after.group("num"))
            if number is not None:
                starts.append((index, after.group("title").strip(), number))
                trailing += 1
    # A number after a title marks speeches only when it recurs.
    if not starts or (trailing == len(starts) and trailing < 2):
        return None
    blocks = [Block("preamble", lines[: starts[0][0]])]
    for position, (index, title, number) in enumerate(starts):
        end = starts[position + 1][0] if position + 1 < len(starts) else len(lines)
        blocks.append(
            Block("marked", lines[index + 1 : end], lines[index], title or None, number)
        )
    return blocks


# A numbered title ends with the kind of speech: 一、在全镇…会议上的讲话
_TITLE_END_RE = re.compile(SPEECH_NOUN_RE + r"(?:稿|要点|要點|提纲|提綱)?$")
# How many lines below a numbered title its header must start.
_HEADER_REACH = 3


def _split_numbered_titles(lines: list[Line]) -> list[Block] | None:
    """Speeches headed by numbered titles: ``一、在…会议上的讲话`` / ``2.…致辞``.

    A numbered line is a speech's title when its text is a title that names
    a kind of speech and a header line (a date, a byline, a salutation)
    follows it within a few lines. Two or more such lines counting up from
    one, in one family of markers, make the layout; a single one is a
    section heading.
    """
    starts: list[tuple[int, Marker]] = []
    family = None
    for index, line in enumerate(lines):
        marker = match_marker(line.text)
        if marker is None or marker.is_point or marker.number is None:
            continue
        title = marker.rest(line.text)
        if not (_TITLE_END_RE.search(title) and is_title_like(title)):
            continue
        following = lines[index + 1 : index + 1 + _HEADER_REACH]
        if not any(_is_header_line(next_line.text) for next_line in following):
            continue
        if marker.number != len(starts) + 1 or family not in (None, marker.family):
            continue
        family = marker.family
        starts.append((index, marker))
    if len(starts) < 2:
        return None
    blocks = [Block("preamble", lines[: starts[0][0]])]
    for position, (index, marker) in enumerate(starts):
        end = starts[position + 1][0] if position + 1 < len(starts) else len(lines)
        title = marker.rest(lines[index].text)
        blocks.append(Block("marked", lines[index + 1 : end], lines[index], title, marker.number))
    return blocks


# Header lines that may stand between a speech's title and its salutation.
_BETWEEN_TITLE_AND_SALUTATION = ("date", "byline", "subtitle", "publication", "note", "source")


def _split_titled(lines: list[Line]) -> list[Block] | None:
    """Speeches one after another with no numbers, each under its own title.

    A line is a speech's title when it names a speech (``在…会议上的讲话``)
    and the salutation follows within a few lines, with only header lines
    (date, byline, subtitle…) between. Two or more make the layout: a
    collection of speeches saved as one document.
    """
    starts = []
    for index, line in enumerate(lines):
        text = line.text.lstrip("—－-")
        if not (
            _TITLE_END_RE.search(text)
            and is_title_like(text)
            and occasion_from_title(text).event
            and _salutation_follows(lines, index)
        ):
            continue
        # ——在…上的讲话 under a main title: the speech starts at the title.
        above = lines[index - 1].text if index else ""
        if text != line.text and above and is_title_like(above) and not classify(above, None):
            index -= 1
        starts.append(index)
    if len(starts) < 2:
        return None
    blocks = [Block("preamble", lines[: starts[0]])]
    for position, index in enumerate(starts):
        end = starts[position + 1] if position + 1 < len(starts) else len(lines)
        blocks.append(Block("marked", lines[index:end]))
    return blocks


def _salutation_follows(lines: list[Line], index: int) -> bool:
    for line in lines[index + 1 : index + 1 + _HEADER_REACH + 1]:
        if is_salutation(line.text):
            return True
        if classify(line.text, None) not in _BETWEEN_TITLE_AND_SALUTATION:
            return False
    return False


def _is_header_line(text: str) -> bool:
    return classify(text, None) in ("salutation", "date", "byline", "subtitle", "publication")
