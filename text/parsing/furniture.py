"""Lines of a printed document that are not part of any speech.

Text copied out of a PDF or a Word file carries the furniture of its pages:
page numbers (``— 3 —``, ``第 3 页 共 12 页``) and running heads (the
volume's or chapter's title printed at the top of every page, often beside
the page number: ``12  建国以来文稿``) that fall between the lines of a
paragraph, a table of contents whose entries (``1.在全县经济工作会议上
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
    page_numbers = _bare_page_numbers(lines)
    toc.update(page_numbers)
    heads = _running_heads(lines, page_numbers)
    kept: list[Line] = []
    furniture: list[ParsedLine] = []
    for index, line in enumerate(lines):
        text = line.text
        if index in heads:
            furniture.append(ParsedLine(line.number, text, LineKind.RUNNING_HEAD))
        elif index in toc:
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


# A running head printed beside its page number: ``12  建国以来文稿``,
# ``建国以来文稿　13``. The head is short, has no sentence punctuation and
# holds Chinese; the number stands apart from it by a space.
_NUMBERED_HEAD_RE = re.compile(
    r"^(?:(?P<before>\d{1,4})\s+(?P<head>[^\d\s].{1,39}?)"
    r"|(?P<head2>.{2,40}?[^\d\s])\s+(?P<after>\d{1,4}))$"
)
_HEAD_REFUSED_RE = re.compile(r"[。；！？!?;，,：:（(、]")
_HAN_RE = re.compile(r"[\u4e00-\u9fff]")
# A year or a month, even misread (一妃五一年二月): the date line below a title.
_DATEISH_RE = re.compile(r"(?:\d{4}|[〇○零一二三四五六七八九]{2,4})\s*年|年.{0,3}月")
# Pages a head must be printed on before it counts as one.
_RUNNING_HEADS_MIN = 3


def _head_text(text: str) -> str | None:
    """The text a running head would repeat: white space removed; None for a
    line that could not be one (a sentence, a list item, no Chinese)."""
    key = WHITESPACE_RE.sub("", text)
    if not 2 <= len(key) <= 40 or _HEAD_REFUSED_RE.search(text) or len(_HAN_RE.findall(key)) < 2:
        return None
    return key


def _running_heads(lines: list[Line], page_numbers: set[int]) -> set[int]:
    """Indices of the running heads of a scanned book.

    A head is a short line repeated on page after page: printed with the
    page number on its line (three times or more, the numbers counting up),
    or standing alone beside a page number (a line of its own that is one)
    three times or more and at most once elsewhere. Every printing of it
    beside a page number is set aside; one elsewhere (the chapter's own
    title where the chapter starts) stays in the text. A line with a date
    within the two lines below it is a title (a volume of short pieces
    starts many on a new page, and titles such as 给某某的信 recur), never a
    running head.
    """
    numbered: dict[str, list[tuple[int, int]]] = {}
    for index, line in enumerate(lines):
        text = line.text
        # Cheap test first: a head printed with its number starts or ends with it.
        if not (text[0].isdigit() or text[-1].isdigit()) or len(text) > 50:
            continue
        match = _NUMBERED_HEAD_RE.match(text)
        if match is None:
            continue
        head = _head_text(match.group("head") or match.group("head2"))
        if head is not None:
            number = int(match.group("before") or match.group("after"))
            numbered.setdefault(head, []).append((index, number))
    heads: set[int] = set()
    known: set[str] = set()
    for head, printed in numbered.items():
        numbers = [number for _index, number in printed]
        rising = sum(1 for a, b in zip(numbers, numbers[1:], strict=False) if b > a)
        if len(set(numbers)) >= _RUNNING_HEADS_MIN and rising * 3 >= (len(numbers) - 1) * 2:
            heads.update(index for index, _number in printed)
            known.add(head)

    def is_number(index: int) -> bool:
        return index in page_numbers or index in heads or is_page_number(lines[index].text)

    def above_a_date(index: int) -> bool:
        return any(_DATEISH_RE.search(line.text) for line in lines[index + 1 : index + 3])

    # Lines standing beside a page number, by the text they would repeat.
    beside: dict[str, list[int]] = {}
    for index in range(len(lines)):
        if not is_number(index):
            continue
        for near in (index - 1, index + 1):
            if 0 <= near < len(lines) and not is_number(near) and not above_a_date(near):
                head = _head_text(lines[near].text)
                if head is not None and near not in beside.setdefault(head, []):
                    beside[head].append(near)
    if not beside:
        return heads
    # How often each of those is printed anywhere (a title where its chapter
    # starts is printed once away from a page number).
    printed_count = dict.fromkeys(beside, 0)
    for index, line in enumerate(lines):
        if len(line.text) <= 60 and index not in heads and index not in page_numbers:
            key = WHITESPACE_RE.sub("", line.text)
            if key in printed_count and not above_a_date(index):
                printed_count[key] += 1
    for head, places in beside.items():
        if head in known or (
            len(places) >= _RUNNING_HEADS_MIN and printed_count[head] - len(places) <= 1
        ):
            heads.update(places)
    return heads


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
