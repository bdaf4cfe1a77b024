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
from .dates import find_date, looks_like_date_line, parse_date_line
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
    rf"^(?P<title>[^：:。！？!?；;]{{2,60}}?)\s*[【\[（(]?\s*"
    # 本篇二 / 此篇 / 上篇: a note referring to a piece, not a marker.
    rf"(?:(?<![本此该該这這那上下前后後全各每首末诸諸])篇|范文|範文)\s*(?P<num>{_NUM})"
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
    # The speeches of a file count up (skips aside): 第五篇 then 第一篇 are
    # parts of a piece quoted in a volume, not the file's speeches.
    numbers = [number for _index, _title, number in starts]
    pairs = list(zip(numbers, numbers[1:], strict=False))
    if pairs and sum(1 for a, b in pairs if b > a) * 2 < len(pairs):
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
    # In a scanned volume, a date whose numerals were misread
    # (【一丸交刀年一月二十八日)) still sits under its piece's title.
    dated = sorted({
        *dated,
        *(index for index, line in enumerate(lines) if _is_misread_piece_date(line.text)),
    })
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
    # A table of contents scanned with the book (its dates misread, its
    # leaders read as letters) is no pieces, whatever stray full stop it holds.
    listings = _listings(lines)
    candidates = [
        (start, date_index)
        for start, date_index in candidates
        if not any(first - _PIECE_TITLE_LINES <= date_index <= last for first, last in listings)
    ]
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


# A date in brackets, however misread (《一妃七名年二月), as a table of
# contents prints it after each title.
_LISTED_DATE_RE = re.compile(
    r"[（(【〔\[《{]\s*(?:\d{4}|[〇○零一二三四五六七八九十][^\s（(）)]{3})\s*年"
)
# At most this many lines from one listed date to the next…
_LISTING_GAP = 4
# …and this many dates make a listing; listings this close are one.
_LISTING_MIN = 8
_LISTING_JOIN = 100
# A table of contents' entry: its page number after a space or after its
# leader misread as letters (编后记 be  661).
_LISTED_PAGE_RE = re.compile(r"(?:\s|[A-Za-z])\d{1,4}$|[A-Za-z]{2,}[\s.,]*$")


def _listings(lines: list[Line]) -> list[tuple[int, int]]:
    """(first, last) indices of listings of titles and dates: a bracketed
    date every few lines, with no finished sentence between (a piece holds
    one), eight times or more. A run's last date may be the first piece's,
    right below the listing: it is left out."""
    spans: list[tuple[int, int]] = []
    run: list[int] = []

    def close() -> None:
        if len(run) > _LISTING_MIN:
            spans.append((run[0], run[-2]))

    for index, line in enumerate(lines):
        if _is_sentence_line(line.text):
            close()
            run = []
        elif _LISTED_DATE_RE.search(line.text):
            if run and index - run[-1] > _LISTING_GAP:
                close()
                run = []
            run.append(index)
    close()
    # A stray full stop or a wide gap cuts one listing into several.
    merged: list[tuple[int, int]] = []
    for first, last in spans:
        if merged and first - merged[-1][1] <= _LISTING_JOIN:
            merged[-1] = (merged[-1][0], last)
        else:
            merged.append((first, last))
    return merged


def _is_piece_date(text: str) -> bool:
    """A date line under a piece's title: bracketed bare date, or a dashed
    date with its occasion."""
    parsed = parse_date_line(text)
    if parsed is None or not parsed.date:
        return False
    return (parsed.bracketed and not parsed.rest) or (parsed.dashed and bool(parsed.rest))


_MISREAD_DATE_RE = re.compile(
    r"^[（(【〔\[《{]\s*(?P<year>一\S{2,4}?)\s*年\s*(?:[^\s年]{1,3}\s*月)?[^年。！？]{0,12}$"
)
_NUMERALS = frozenset("〇○零一二三四五六七八九")


def _is_misread_piece_date(text: str) -> bool:
    """A bracketed date of the 1900s whose year has a misread numeral or two:
    a person meant a date (``looks_like_date_line``), it does not read as one."""
    match = _MISREAD_DATE_RE.match(text)
    return (
        match is not None
        and sum(ch in _NUMERALS for ch in match.group("year")) >= 2
        and looks_like_date_line(text)
        and parse_date_line(text) is None
    )


# A note of a scanned book's footnotes ([1] 彭德怀，当时任…, OCR'd as "[1 彭德怀"):
# the end of the piece before, never the title of the next.
_NOTE_RE = re.compile(r"^[\[［〔【]\s*\d{1,3}\s*[\]］〕】]?\s*\S")


def _is_piece_title(text: str) -> bool:
    if len(text) > _PIECE_TITLE_MAX or not is_title_like(text) or ends_sentence(text):
        return False
    if _NOTE_RE.match(text):
        return False
    if _LISTED_PAGE_RE.search(text):
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
