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

from .lexicon import WHITESPACE_RE
from .model import ParsedLine
from .normalize import Line

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
# Under a 目录 line, an entry may also end in spaces and a page number.
_TOC_SPACED_ENTRY_RE = re.compile(r"^\S.{0,100}?\s\d{1,4}$")


def is_page_number(text: str) -> bool:
    """A line that is only a page number: ``— 3 —``, ``第3页``, ``3/12``."""
    return bool(PAGE_NUMBER_RE.match(text))


def set_aside_furniture(lines: list[Line]) -> tuple[list[Line], list[ParsedLine]]:
    """Split ``lines`` into (text lines, furniture as meta lines).

    When every line looks like furniture, none is set aside.
    """
    kept: list[Line] = []
    furniture: list[ParsedLine] = []
    in_toc = False
    for line in lines:
        text = line.text
        if WHITESPACE_RE.sub("", text) in _TOC_TITLES:
            in_toc = True
            furniture.append(ParsedLine(line.number, text, "toc"))
            continue
        if _TOC_LEADER_ENTRY_RE.match(text) or (in_toc and _TOC_SPACED_ENTRY_RE.match(text)):
            furniture.append(ParsedLine(line.number, text, "toc"))
            continue
        in_toc = False
        if is_page_number(text):
            furniture.append(ParsedLine(line.number, text, "page-number"))
            continue
        if DIVIDER_RE.match(text):
            furniture.append(ParsedLine(line.number, text, "divider"))
            continue
        kept.append(line)
    if not kept:
        # Nothing but numbers: that is the text, whatever it is.
        return list(lines), []
    return kept, furniture
