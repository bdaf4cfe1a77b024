"""Body lines -> sections (a tree of headings) and paragraphs.

Rules (PARSING.md):

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
- A **point** (``第一，`` ``一是`` ``一要`` ``首先，``) holds only the
  paragraph it opens.
- Levels are relative: the outermost headings of a speech are level 1,
  whatever their family.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import warnings as W
from .lexicon import CJK_RE, SENTENCE_END, SENTENCE_FINAL
from .markers import Marker, match_marker, starts_with_year
from .model import ParsedParagraph, ParsedSection, ParseWarning
from .normalize import Line

# A heading is one short sentence; longer first sentences are body text
# that a heading ran into.
HEADING_MAX = 60
# An unnumbered heading line is shorter still, and has no punctuation.
PLAIN_HEADING_MAX = 30
LONG_HEADING = 50
LONG_PARAGRAPH = 3000
_PLAIN_HEADING_FORBIDDEN = set("。！？；：!?;:")
# A line ending in a particle or preposition is a fragment, not a heading.
_PLAIN_HEADING_BAD_ENDS = set("，,、…—-的了和与及或在是把被对从向为以而并且之")
_PARAGRAPH_LOOKAHEAD = 8
_HEADING_TRIM = " \u3000。．.：:，,、"


def ends_sentence(text: str) -> bool:
    """Whether ``text`` ends with sentence-final punctuation."""
    return bool(text) and text[-1] in SENTENCE_FINAL


def first_sentence(text: str) -> tuple[str, str, str]:
    """Split ``text`` at its first sentence end: (sentence, terminator, rest)."""
    for index, ch in enumerate(text):
        if ch in SENTENCE_END:
            return text[:index], ch, text[index + 1:]
    return text, "", ""


@dataclass
class _Unit:
    """A heading line or a paragraph before the tree is built.

    A paragraph's text is its lines joined without a space; a heading that
    took its text from the next line keeps the line break.
    """

    lines: list[Line]
    is_heading: bool
    marker: Marker | None = None
    heading: str = ""
    heading_end: int | None = None
    merged: bool = False

    @property
    def line(self) -> int:
        return self.lines[0].number

    @property
    def text(self) -> str:
        joiner = "\n" if self.is_heading else ""
        return joiner.join(line.text for line in self.lines)

    @property
    def ends_sentence(self) -> bool:
        return ends_sentence(self.lines[-1].text)


@dataclass
class Body:
    sections: list[ParsedSection] = field(default_factory=list)
    paragraphs: list[ParsedParagraph] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)


def build_body(lines: list[Line]) -> Body:
    """Read the body lines of one speech into sections and paragraphs."""
    body = Body()
    units = _read_units(lines)
    for unit in units:
        if unit.marker is not None and not unit.is_heading:
            _read_run_in_heading(unit, unit.marker, body.warnings)
    _assemble(units, body)
    return body


def _read_units(lines: list[Line]) -> list[_Unit]:
    units: list[_Unit] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        following = lines[index + 1] if index + 1 < len(lines) else None
        marker = match_marker(line.text)
        last = units[-1] if units else None
        if (
            marker is None
            and last is not None
            and not last.is_heading
            and not last.ends_sentence
        ):
            # A page break inside a paragraph: join without a space.
            last.lines.append(line)
            index += 1
            continue
        if marker is not None:
            unit, consumed = _marker_unit(marker, line, following)
            units.append(unit)
            index += consumed
            continue
        if _is_plain_heading(line, lines[index + 1 : index + 1 + _PARAGRAPH_LOOKAHEAD]):
            units.append(_Unit([line], True, heading=line.text))
        else:
            units.append(_Unit([line], False))
        index += 1
    return units


def _is_plain_heading(line: Line, following: list[Line]) -> bool:
    """A short unnumbered heading line, followed by a paragraph.

    ``following`` holds the lines after ``line``; the paragraph they start
    is read across page breaks before it is compared with the candidate.
    """
    text = line.text
    if not following or len(text) > PLAIN_HEADING_MAX:
        return False
    if any(ch in _PLAIN_HEADING_FORBIDDEN for ch in text) or text[-1] in _PLAIN_HEADING_BAD_ENDS:
        return False
    if text[0] in "“「『\"‘《" or starts_with_year(text):
        return False
    if len(CJK_RE.findall(text)) < 2:
        return False
    # The paragraph that follows, read across page breaks; a line with a
    # marker is read alone (it may be a heading) and ends the reading.
    paragraph = following[0].text
    if match_marker(paragraph) is None:
        for next_line in following[1:_PARAGRAPH_LOOKAHEAD]:
            if ends_sentence(paragraph) or match_marker(next_line.text) is not None:
                break
            paragraph += next_line.text
    # What follows must read as a paragraph: longer, and a finished
    # sentence or at least a full printed line.
    return len(paragraph) > len(text) and (ends_sentence(paragraph) or len(paragraph) >= 40)


def _marker_unit(marker: Marker, line: Line, following: Line | None) -> tuple[_Unit, int]:
    """Classify a line that opens with a marker; returns (unit, lines used).

    A point always opens a paragraph. Otherwise a line holding only the
    marker and one short sentence is a standalone heading, and anything
    longer opens a paragraph (its heading is read once page breaks are
    joined, by ``_read_run_in_heading``).
    """
    if marker.is_point:
        return _Unit([line], False, marker), 1
    rest = marker.rest(line.text)
    if not rest.strip():
        # A marker alone on its line (一、 / 第一部分 / a bare numeral): the
        # heading, if any, is the next short line.
        if (
            following is not None
            and match_marker(following.text) is None
            and len(following.text) <= HEADING_MAX
            and not any(ch in "。！？" for ch in following.text)
        ):
            heading = following.text.strip(_HEADING_TRIM)
            return _Unit([line, following], True, marker, heading), 2
        return _Unit([line], True, marker, ""), 1

    sentence, terminator, after = first_sentence(rest)
    # A line that stops on a comma or a particle was cut by a page break.
    broken = not terminator and sentence[-1] in _PLAIN_HEADING_BAD_ENDS
    if not after.strip() and len(sentence) <= HEADING_MAX and not broken:
        return _Unit([line], True, marker, sentence.strip(_HEADING_TRIM)), 1
    return _Unit([line], False, marker), 1


def _read_run_in_heading(unit: _Unit, marker: Marker, warnings: list[ParseWarning]) -> None:
    """Set the heading a marked paragraph opens with, page breaks joined.

    The heading is the first sentence after the marker. A point whose first
    sentence is long is headed by its first clause. For a numbered heading a
    long first sentence means the heading ran into the body: the section is
    marked merged and a warning asks a person to split it.
    """
    text = unit.text
    offset = marker.rest_offset
    sentence, terminator, _after = first_sentence(text[offset:])
    unit.heading = sentence.strip(_HEADING_TRIM)
    unit.heading_end = offset + len(sentence) + len(terminator) if sentence else None
    if len(sentence) <= HEADING_MAX:
        return
    if marker.is_point:
        if "，" in sentence[:HEADING_MAX]:
            clause = sentence[: sentence.index("，")]
            unit.heading = clause.strip(_HEADING_TRIM)
            unit.heading_end = offset + len(clause) + 1
        return
    unit.merged = True
    warnings.append(W.make(unit.line, "merged-heading", heading=unit.heading[:20]))


@dataclass
class _Open:
    """A section on the stack of open sections."""

    section: ParsedSection
    family: str
    rank: float
    last_numbers: dict[str, int] = field(default_factory=dict)


def _assemble(units: list[_Unit], body: Body) -> None:
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

    def open_section(unit: _Unit, run_in: bool) -> ParsedSection:
        marker = unit.marker
        family = marker.family if marker else "plain"
        if marker is None:
            # An unnumbered heading sits just inside the numbered section
            # around it, or replaces an unnumbered sibling.
            same = [i for i, entry in enumerate(stack) if entry.family == "plain"]
            if same:
                del stack[same[-1]:]
            rank = stack[-1].rank + 0.5 if stack else 0.5
        else:
            rank = marker.rank
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
