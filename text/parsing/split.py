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
from .dates import find_date, parse_date_line
from .lexicon import SPEECH_NOUN_RE
from .linekinds import classify, is_salutation, is_title_like
from .markers import Marker, match_marker
from .metadata import occasion_from_title, parse_speaker
from .normalize import Line
from .numerals import numeral_to_int
from .sentences import ends_sentence

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
    pieces = split_dated_titles(lines)
    if pieces is not None:
        return "pieces", pieces
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


# How many lines a piece's title may take (a scanned book breaks long ones).
_PIECE_TITLE_LINES = 3
_PIECE_TITLE_MAX = 40
# A day without a year (一月十七日) signs off the piece before.
_DAY_ONLY_RE = re.compile(r"^[一二三四五六七八九十〇]{1,3}月[一二三四五六七八九十〇]{1,3}[日号]")


def split_dated_titles(lines: list[Line]) -> list[Block] | None:
    """Pieces one after another, each a title over its date line.

    Several reports in one file (title, ``——2030年1月25日在…上`` or
    ``（2030年1月25日）``, byline…), or a volume of hundreds of short pieces
    (title over one to three lines, ``（一九五一年一月十七日）``, text, notes).
    A piece starts at its title; it must hold a finished sentence, so a
    table of contents (titles and dates with no text) stays with what is
    around it. Two pieces make the layout; text before the first is the
    preamble.
    """
    dated = [index for index, line in enumerate(lines) if _is_piece_date(line.text)]
    if len(dated) < 2:
        return None
    # (title's first line, date line) of each candidate piece
    candidates: list[tuple[int, int]] = []
    for index in dated:
        top = index
        while (
            top > 0
            and index - top < _PIECE_TITLE_LINES
            and (not candidates or top - 1 > candidates[-1][1])
            and _is_piece_title(lines[top - 1].text)
        ):
            top -= 1
        if top < index:
            candidates.append((top, index))
    # A piece holds text below its date line: a finished sentence before the
    # next title. Titles and dates alone (a table of contents) join the
    # piece before.
    pieces: list[int] = []
    for position, (start, date_index) in enumerate(candidates):
        end = candidates[position + 1][0] if position + 1 < len(candidates) else len(lines)
        if any(_is_sentence_line(line.text) for line in lines[date_index + 1 : end]):
            pieces.append(start)
    if len(pieces) < 2:
        return None
    blocks = [Block("preamble", lines[: pieces[0]])]
    for position, start in enumerate(pieces):
        end = pieces[position + 1] if position + 1 < len(pieces) else len(lines)
        blocks.append(Block("piece", lines[start:end]))
    return blocks


def _is_piece_date(text: str) -> bool:
    """A date line under a piece's title: bracketed bare date, or a dashed
    date with its occasion."""
    parsed = parse_date_line(text)
    if parsed is None or not parsed.date:
        return False
    return (parsed.bracketed and not parsed.rest) or (parsed.dashed and bool(parsed.rest))


def _is_piece_title(text: str) -> bool:
    if len(text) > _PIECE_TITLE_MAX or not is_title_like(text) or ends_sentence(text):
        return False
    if _DAY_ONLY_RE.match(text):
        return False
    speaker = parse_speaker(text)
    return speaker is None or not speaker.name


_SENTENCE_LINE_MIN = 6
# A table of contents' entry may end in a stop after its date and page
# number; a short line with a date is never taken for a sentence.
_DATED_ENTRY_MAX = 30


def _is_sentence_line(text: str) -> bool:
    if len(text) < _SENTENCE_LINE_MIN or text[-1] not in "。！？!?”":
        return False
    return len(text) > _DATED_ENTRY_MAX or find_date(text) is None


def _salutation_follows(lines: list[Line], index: int) -> bool:
    for line in lines[index + 1 : index + 1 + _HEADER_REACH + 1]:
        if is_salutation(line.text):
            return True
        if classify(line.text, None) not in _BETWEEN_TITLE_AND_SALUTATION:
            return False
    return False


def _is_header_line(text: str) -> bool:
    return classify(text, None) in ("salutation", "date", "byline", "subtitle", "publication")
