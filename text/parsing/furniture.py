"""Lines of a printed document that are not part of any speech.

Text copied out of a PDF or a Word file carries the furniture of its pages:
page numbers (``— 3 —``, ``第 3 页 共 12 页``) that fall between the lines of
a paragraph, a table of contents whose entries (``1.在全县经济工作会议上
的讲话……1``) would otherwise read as headings or speech markers, and rows
of stars (``＊　＊　＊``) that divide a text into parts. They are
set aside before anything else is read, so a paragraph broken by a page
number joins up again; they are kept (as meta lines), never dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .lexicon import WHITESPACE_RE
from .model import LineKind, ParsedLine
from .normalize import Line
from .numerals import numeral_to_int
from .split import SPEECH_MARKER_RE

_DASHES = "-—－–~～"
PAGE_NUMBER_RE = re.compile(
    rf"^(?:[{_DASHES}]+\s*\d{{1,4}}\s*[{_DASHES}]+"  # — 3 —  - 3 -
    r"|第\s*\d{1,4}\s*页(?:\s*[/，,、]?\s*共\s*\d{1,4}\s*页)?"  # 第3页 共12页
    r"|\d{1,4}\s*/\s*\d{1,4})$"  # 3/12
)
# A row of stars or rules between parts of a text: ＊　＊　＊, ※※※, ———.
DIVIDER_RE = re.compile(r"^(?=(?:.*[*＊※☆★◆◇●○•·=＝_#~～—－-]){3})[\s*＊※☆★◆◇●○•·=＝_#~～—－-]+$")
_TOC_TITLES = frozenset({"目录", "目錄", "目次"})
# An entry: text, a leader of dots or dashes, a page number.
_TOC_LEADER_ENTRY_RE = re.compile(
    r"^\S.{0,100}?(?:…{2,}|\.{4,}|·{4,}|．{4,}|—{3,}|-{4,})\s*\d{1,4}$"
)
# Under a 目录 line, an entry may also end in spaces and a page number; a
# Word contents field ends its entries in a tab and the page number.
_TOC_SPACED_ENTRY_RE = re.compile(r"^\S.{0,100}?\s\d{1,4}$")
_TOC_TAB_ENTRY_RE = re.compile(r"^\S.{0,100}?\t\s*\d{1,4}$")


def is_page_number(text: str) -> bool:
    """A line that is only a page number: ``— 3 —``, ``第3页``, ``3/12``."""
    return bool(PAGE_NUMBER_RE.match(text))


def set_aside_furniture(lines: list[Line]) -> tuple[list[Line], list[ParsedLine]]:
    """Split ``lines`` into (text lines, furniture as meta lines).

    When every line looks like furniture, none is set aside.
    """
    toc = _table_of_contents(lines)
    toc.update(_bare_page_numbers(lines))
    kept: list[Line] = []
    furniture: list[ParsedLine] = []
    for index, line in enumerate(lines):
        text = line.text
        if index in toc:
            kind = LineKind.PAGE_NUMBER if _BARE_NUMBER_RE.match(text) else LineKind.TOC
            furniture.append(ParsedLine(line.number, text, kind))
        elif is_page_number(text):
            furniture.append(ParsedLine(line.number, text, LineKind.PAGE_NUMBER))
        elif DIVIDER_RE.match(text):
            furniture.append(ParsedLine(line.number, text, LineKind.DIVIDER))
        else:
            kept.append(line)
    if not kept:
        # Nothing but numbers: that is the text, whatever it is.
        return list(lines), []
    return kept, furniture


_BARE_NUMBER_RE = re.compile(r"^\d{1,4}$")
# A scanned volume prints a page number on every page; fewer bare numbers
# than this are section or excerpt numbers.
_PAGE_NUMBERS_MIN = 20


def _bare_page_numbers(lines: list[Line]) -> set[int]:
    """Indices of bare numbers that number a scanned book's pages.

    Many bare numbers that do not count up one by one from 1 (as the
    numbers of excerpts do) are page numbers: 37, 43, 9 (an OCR misread).
    """
    found = [index for index, line in enumerate(lines) if _BARE_NUMBER_RE.match(line.text)]
    if len(found) < _PAGE_NUMBERS_MIN:
        return set()
    values = [int(lines[index].text) for index in found]
    counting = sum(
        1 for before, after in zip(values, values[1:], strict=False) if after == before + 1
    )
    if values[0] == 1 and counting * 2 >= len(values):
        return set()
    return set(found)


def _table_of_contents(lines: list[Line]) -> set[int]:
    """Indices of the lines of a table of contents.

    An entry is a title with a leader and a page number; under a 目录 line,
    or in a run of two or more, a page number after spaces or a tab will do;
    and a run of speech markers with nothing between them (第一篇…, 第二篇…)
    that starts again at one further on lists the speeches that follow.
    """
    toc: set[int] = set()
    in_toc = False
    for index, line in enumerate(lines):
        text = line.text
        if WHITESPACE_RE.sub("", text) in _TOC_TITLES:
            in_toc = True
            toc.add(index)
        elif _TOC_LEADER_ENTRY_RE.match(text) or (in_toc and _TOC_SPACED_ENTRY_RE.match(text)):
            toc.add(index)
        else:
            in_toc = False
    toc.update(_runs(lines, lambda text: bool(_TOC_TAB_ENTRY_RE.match(text))))
    toc.update(_listed_speeches(lines))
    return toc


def _runs(lines: list[Line], is_entry: Callable[[str], bool]) -> set[int]:
    """Indices of lines in runs of two or more consecutive entries."""
    found: set[int] = set()
    run: list[int] = []
    for index, line in enumerate([*lines, None]):
        if line is not None and is_entry(line.text):
            run.append(index)
            continue
        if len(run) >= 2:
            found.update(run)
        run = []
    return found


def _listed_speeches(lines: list[Line]) -> set[int]:
    """A list of speech markers (below a title, say) that the speeches repeat."""
    numbers = [_speech_number(line.text) for line in lines]
    if 1 not in numbers:
        return set()
    start = end = numbers.index(1)
    while end < len(numbers) and numbers[end] == end - start + 1:
        end += 1
    if end - start < 2 or 1 not in numbers[end:]:
        return set()
    return set(range(start, end))


def _speech_number(text: str) -> int | None:
    match = SPEECH_MARKER_RE.match(text)
    if match is None or not match.group("title").strip():
        return None
    return numeral_to_int(match.group("num") or match.group("num2"))
