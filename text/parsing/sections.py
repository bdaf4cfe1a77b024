"""Body lines -> sections (a tree of headings) and paragraphs.

Rules (docs/parsing.md):

- A **standalone heading** is a line that is only a marker and one short
  sentence (with or without a closing 。). It is a section, not a paragraph.
- A **run-in heading** opens a paragraph with a marker and a short heading
  sentence, then goes on with body text. The paragraph keeps its full text;
  the section's heading is that sentence without the marker and the 。.
- When the first sentence after a marker is too long to be a heading, the
  heading ran into the body with no punctuation: the section is kept with
  ``merged_with_body`` set, all the text stays in the paragraph, and a
  warning asks a person to look.
- An **unnumbered heading** is a short line with no sentence punctuation
  that follows a finished paragraph and is followed by a longer one.
- **Page-break lines**: a paragraph whose last line does not end with
  sentence-final punctuation continues on the next line unless that line
  starts with a marker; the lines are joined without a space.
- A **list item** is a numbered sentence with nothing under it (``（1）…。``
  followed by ``（2）…``, by an outer marker or by the end): a paragraph
  whose run-in heading is the whole sentence, not a standalone heading.
- A **point** (``第一，`` ``一是`` ``一要`` ``首先，``) holds only the
  paragraph it opens. A point that names a topic on its own line
  (``第一，关于思想认识问题``) is a heading over the paragraphs below it,
  until the next point of its series. ``首先`` / ``其次`` / ``最后`` are
  points only as a series that holds ``其次`` or ``再次``.
- Levels are relative: the outermost headings of a speech are level 1,
  whatever their family. A family usually inner is the outer one when its
  series opens the body and goes on past the other's series: （一） （二）,
  then 一、 … 十、, then （三）: the 一、 headings are inside （二）.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from . import warnings as W
from .markers import Marker, match_marker
from .model import ParsedParagraph, ParsedSection, ParseWarning
from .normalize import Line
from .units import Unit, read_run_in_heading, read_units

LONG_HEADING = 50
LONG_PARAGRAPH = 3000


@dataclass
class Body:
    sections: list[ParsedSection] = field(default_factory=list)
    paragraphs: list[ParsedParagraph] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)


def build_body(lines: list[Line]) -> Body:
    """Read the body lines of one speech into sections and paragraphs."""
    body = Body()
    units = read_units(lines)
    for unit in units:
        if unit.marker is not None and not unit.is_heading:
            read_run_in_heading(unit, unit.marker, body.warnings)
    _assemble(units, body)
    _lift_announced_series(body)
    return body


# A text's closing part, printed as an unnumbered heading: 结束语.
_CLOSING_HEADINGS = frozenset({"结束语", "結束語", "结语", "結語", "结束语：", "结束语:"})
# A paragraph announcing the list below it: 今年要着重做好以下八个方面工作。
# (以下 and a kind of item at its end, or 如下: not 下面 inside 形势下面临.)
_ANNOUNCES_RE = re.compile(
    r"(?:以下|下列)[^。！？，；]{0,12}(?:工作|方面|任务|几点|问题|意见|事项)[。：:]?$|如下[。：:]$"
)
# ... and looking ahead, to this year's tasks: 一年来主要做了以下几个方面的
# 工作 announces the review's own list, which stays inside it.
_LOOKS_AHEAD_RE = re.compile(r"今年|明年|今后|下一步|新的一年|要(?:着重|重点|抓好|做好|切实|突出)")
# The part an unnumbered heading opens holds text of its own before the
# series (a review of the year), not just an introduction to the list.
_OWN_PART_MIN = 3


def _lift_announced_series(body: Body) -> None:
    """An unnumbered heading that opens the text (``首先报告２００１年的工作``,
    after at most the opening paragraph) and is the text's only part but
    its closing one (``结束语``) does not hold a numbered series that comes
    after several paragraphs of its own and is announced by the paragraph
    before it (``今年要着重做好以下八个方面工作。``): the series is the text's
    next part, whose heading the text does not print. Its items become
    top-level sections after the heading.

    A series under a heading that follows another part (``过去五年的回顾``,
    then ``今后五年的主要任务`` holding （一）…（五）) or that another part
    closes (``第六个五年计划的基本任务`` holding 一、…六、 before
    ``六五计划前两年的执行情况``) stays inside it.
    """
    sections = [section for section in body.sections if not section.appendix]
    if not sections or len(sections) > 2:
        return
    head = sections[0]
    if head.marker or not head.children:
        return
    if len(sections) == 2 and (sections[1].marker or sections[1].heading not in _CLOSING_HEADINGS):
        return
    series = head.children
    markers = [match_marker(child.source_text or child.marker + child.heading) for child in series]
    families = {marker.family if marker else None for marker in markers}
    if len(series) < 2 or len(families) != 1 or None in families:
        return
    if any(child.is_point for child in series) or [
        marker.number for marker in markers if marker
    ] != list(range(1, len(series) + 1)):
        return
    before_head = [p for p in body.paragraphs if p.line < head.line]
    if len(before_head) > 1:
        return
    own = [p for p in body.paragraphs if p.section_path == (head.key,) and p.line < series[0].line]
    announcing = own[-1].text if own else ""
    if (
        len(own) < _OWN_PART_MIN
        or not _ANNOUNCES_RE.search(announcing)
        or not _LOOKS_AHEAD_RE.search(announcing)
    ):
        return
    if any(p.section_path == (head.key,) and p.line > series[0].line for p in body.paragraphs):
        return
    head.children = []
    for child in series:
        _shift_levels(child, -1)
    index = body.sections.index(head)
    body.sections[index + 1 : index + 1] = series
    lifted = {child.key for child in series}
    for number, paragraph in enumerate(body.paragraphs):
        path = paragraph.section_path
        inside = len(path) >= 2 and path[0] == head.key and path[1] in lifted
        if inside and paragraph.line >= series[0].line:
            body.paragraphs[number] = replace(paragraph, section_path=path[1:])


def _shift_levels(section: ParsedSection, by: int) -> None:
    section.level += by
    for child in section.children:
        _shift_levels(child, by)


@dataclass
class _Open:
    """A section on the stack of open sections."""

    section: ParsedSection
    family: str
    rank: float
    last_numbers: dict[str, int] = field(default_factory=dict)


def _outer_families(units: list[Unit]) -> dict[str, float]:
    """Ranks for families that are outer in this speech against their usual
    rank: a family whose series starts first and continues (its next number,
    not a restart) after another family's series that ranks above it
    usually: （一）… （二）… 一、… 二、… （三）…"""
    numbered = [
        (unit.marker.family, unit.marker.number, unit.marker.rank)
        for unit in units
        if unit.marker is not None
        and not unit.marker.is_point
        and unit.marker.number is not None
        and unit.marker.family != "appendix"
        and (unit.is_heading or not unit.merged)
    ]
    ranks: dict[str, float] = {}
    seen: set[str] = set()
    for first, (family, _number, rank) in enumerate(numbered):
        if family in seen:
            continue
        seen.add(family)
        for inner_first in range(first + 1, len(numbered)):
            inner, _n, inner_rank = numbered[inner_first]
            if inner_rank >= rank:
                continue
            # ``inner`` usually outranks ``family``: it does not here when
            # ``family``'s series goes on after it without starting again.
            before = [n for f, n, _r in numbered[:inner_first] if f == family]
            after = [n for f, n, _r in numbered[inner_first:] if f == family]
            if before == list(range(1, len(before) + 1)) and after and after[0] == before[-1] + 1:
                ranks[family] = inner_rank - 0.25
            break
    return ranks


def _assemble(units: list[Unit], body: Body) -> None:
    outer = _outer_families(units)
    stack: list[_Open] = []
    root_numbers: dict[str, int] = {}

    def path() -> tuple[str, ...]:
        return tuple(entry.section.key for entry in stack)

    def attach(section: ParsedSection, marker: Marker | None, family: str, line: int) -> None:
        siblings = stack[-1].section.children if stack else body.sections
        numbers = stack[-1].last_numbers if stack else root_numbers
        siblings.append(section)
        if marker is not None and marker.number is not None:
            previous = numbers.get(family)
            expected = previous + 1 if previous is not None else 1
            if marker.number > expected:
                body.warnings.append(
                    W.make(line, "marker-skip", marker=marker.text, expected=expected)
                )
            elif marker.number < expected and marker.number != 1:
                body.warnings.append(W.make(line, "marker-order", marker=marker.text))
            numbers[family] = marker.number

    def open_section(unit: Unit, run_in: bool) -> ParsedSection:
        marker = unit.marker
        family = marker.family if marker else "plain"
        if marker is None or marker.is_point:
            # An unnumbered heading, or a point standing as a heading
            # (第一，关于思想认识问题), sits just inside the numbered section
            # around it, or replaces a sibling of its kind.
            same = [i for i, entry in enumerate(stack) if entry.family == family]
            if same:
                del stack[same[-1]:]
            rank = stack[-1].rank + 0.5 if stack else 0.5
        else:
            rank = outer.get(family, marker.rank)
            same = [i for i, entry in enumerate(stack) if entry.family == family]
            if same:
                del stack[same[-1]:]
            while stack and stack[-1].rank >= rank:
                stack.pop()
        section = ParsedSection(
            marker=marker.text if marker else "",
            heading=unit.heading,
            level=len(stack) + 1,
            line=unit.line,
            run_in=run_in,
            merged_with_body=unit.merged,
            source_text=unit.text if unit.is_heading else None,
            appendix=family == "appendix",
        )
        attach(section, marker, family, unit.line)
        stack.append(_Open(section, family, rank))
        return section

    for unit in units:
        if unit.is_heading:
            open_section(unit, run_in=False)
            if len(unit.heading) > LONG_HEADING:
                body.warnings.append(W.make(unit.line, "long-heading", length=len(unit.heading)))
            continue
        marker = unit.marker
        if marker is not None and marker.is_point:
            # A point closes a point heading of its own series (第二，关于…
            # then 第三，要…): they are siblings.
            same = [i for i, entry in enumerate(stack) if entry.family == marker.family]
            if same:
                del stack[same[-1]:]
            point = ParsedSection(
                marker=marker.text,
                heading=unit.heading,
                level=len(stack) + 1,
                line=unit.line,
                run_in=True,
                is_point=True,
            )
            attach(point, marker, marker.family, unit.line)
            section_path = path() + (point.key,)
        elif marker is not None:
            open_section(unit, run_in=not unit.merged)
            section_path = path()
        else:
            section_path = path()
        text = unit.text
        if len(text) > LONG_PARAGRAPH:
            body.warnings.append(W.make(unit.line, "long-paragraph", length=len(text)))
        body.paragraphs.append(
            ParsedParagraph(
                text=text,
                section_path=section_path,
                line=unit.line,
                heading_end=unit.heading_end if marker is not None else None,
            )
        )
