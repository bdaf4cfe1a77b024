"""Body lines -> units: heading lines and paragraphs, before the tree.

A unit is either a standalone heading line (a section, not a paragraph) or
a paragraph, page-broken lines joined; a paragraph that opens with a marker
gets the heading it runs in with. ``sections.py`` builds the tree from the
units; the rules are listed there.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from . import warnings as W
from .dates import parse_date_line
from .lexicon import CJK_RE
from .markers import Marker, match_marker, starts_with_year
from .model import ParseWarning
from .normalize import Line
from .sentences import ends_sentence, first_sentence

HEADING_MAX = 60
# An unnumbered heading line is shorter still, and has no punctuation.
PLAIN_HEADING_MAX = 30
# A comma inside marks a sentence cut by a line break, not a heading.
_PLAIN_HEADING_FORBIDDEN = set("。！？；：!?;:，,")
# A line ending in a particle or preposition is a fragment, not a heading.
# An opening bracket or quote at the end leaves a title or a quotation open
# (贯彻《 / 人口与计划生育法 / 》: a link a web page set on its own line).
_PLAIN_HEADING_BAD_ENDS = set("，,、…—-的了和与及或在是把被对从向为以而并且之《“「『（(【〔‘")
# Nouns ending in one of those characters: a heading may end with them
# (调整重工业的服务方向, 坚持正确导向).
_NOUN_ENDS = ("方向", "导向", "取向", "动向", "走向", "倾向", "意向", "目的", "行为", "作为")


def _ends_unfinished(text: str) -> bool:
    """Whether ``text`` stops on a comma, a particle or a preposition (a line
    cut by a page break), not on a noun that ends with one (方向, 目的)."""
    return bool(text) and text[-1] in _PLAIN_HEADING_BAD_ENDS and not text.endswith(_NOUN_ENDS)
_PARAGRAPH_LOOKAHEAD = 8
# A line this short and unfinished is a fragment of a cut-up paragraph.
_FRAGMENT_MAX = 16
# Punctuation that never opens a line of its own.
_CONTINUATION_START = frozenset("”’」』）)》〉】〕，,、。．；;：:！？!?")
_HEADING_TRIM = " \u3000。．.：:，,、"


@dataclass
class Unit:
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


def read_units(lines: list[Line]) -> list[Unit]:
    units: list[Unit] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        following = lines[index + 1] if index + 1 < len(lines) else None
        marker = match_marker(line.text)
        last = units[-1] if units else None
        if last is not None and (
            (
                (
                    marker is None
                    or marker.family == "bare"
                    or (_comma_numeral(marker) and _cuts_a_word(last.lines[-1].text))
                )
                and not last.is_heading
                and not last.ends_sentence
            )
            or line.text[0] in _CONTINUATION_START
        ):
            # A page break inside a paragraph: join without a space. A lone
            # numeral inside an open sentence is a superscript or a footnote
            # mark that a web page set on its own line (M / 2 / 和社会融资…),
            # and a line opening with closing punctuation goes on from the
            # line before, whatever it is. 一， after a line ending in 之 (其,
            # 统…) is the sentence's 之一， cut by the page, not a heading.
            last.lines.append(line)
            index += 1
            continue
        if marker is not None:
            unit, consumed = _marker_unit(marker, line, following)
            units.append(unit)
            index += consumed
            continue
        if _is_plain_heading(line, lines[index + 1 : index + 1 + _PARAGRAPH_LOOKAHEAD]):
            units.append(Unit([line], True, heading=line.text))
        else:
            units.append(Unit([line], False))
        index += 1
    _settle_items(units)
    _settle_sequence_words(units)
    _settle_point_headings(units)
    _settle_restarted_lists(units)
    return units


def _comma_numeral(marker: Marker) -> bool:
    """``一，`` typed for ``一、``: a heading only where a sentence ended."""
    return marker.family == "cn" and marker.text.rstrip()[-1:] in ("，", ",")


# Characters that make a word with the numeral after them (之一, 其二,
# 统一, 第三, 十一): a line ending in one was cut inside the word.
_BEFORE_A_NUMERAL = frozenset("之其第统統唯同万萬专專单單划劃归歸合逐不十百千")


def _cuts_a_word(text: str) -> bool:
    return bool(text) and text[-1] in _BEFORE_A_NUMERAL


# Families whose numbering may restart as a list inside a section.
_LIST_FAMILIES = frozenset({"cn", "paren-cn", "ar", "paren-ar", "circled"})


def _settle_restarted_lists(units: list[Unit]) -> None:
    """A numbering that starts again at one inside its own series is a list.

    ``三、…`` then ``一、…；`` ``二、…；`` and later ``四、…``: the restarted run
    is a list inside 三、, not new top-level sections. Its items become
    points of their own series (each holds only its paragraph). A heading
    of an outer family (``（二）`` above ``1.``) starts the inner series
    afresh, which is not a restart.
    """
    # family -> (last number of its series, its rank)
    last: dict[str, tuple[int, float]] = {}
    run: tuple[str, float] | None = None
    run_next = 0
    for unit in units:
        marker = unit.marker
        if marker is None or marker.is_point or marker.number is None:
            continue
        family = marker.family
        if run is not None:
            if family == run[0] and marker.number == run_next:
                _as_list_item(unit, marker)
                run_next += 1
                continue
            if family != run[0] and marker.rank > run[1]:
                continue  # numbered lines inside a list item
            run = None
        if family in _LIST_FAMILIES and marker.number == 1 and family in last:
            run, run_next = (family, marker.rank), 2
            _as_list_item(unit, marker)
            continue
        last[family] = (marker.number, marker.rank)
        for other, (_number, rank) in list(last.items()):
            if rank > marker.rank:
                del last[other]


def _as_list_item(unit: Unit, marker: Marker) -> None:
    unit.marker = replace(marker, family=f"{marker.family}-list", rank=math.inf, is_point=True)
    if unit.is_heading and len(unit.lines) == 1:
        unit.is_heading = False
        unit.heading = ""


def _settle_point_headings(units: list[Unit]) -> None:
    """Standalone points that head the paragraphs below them.

    ``一是…，稳住了经济基本盘。`` alone on its line, followed by unmarked
    paragraphs, then ``二是…。`` alone, and so on: each point is a heading
    over the paragraphs that follow it. It takes two such points in one
    series (between the same headings) to read the series so; a lone short
    point followed by a paragraph stays a point holding only itself.
    """
    groups: dict[str, list[int]] = {}

    def settle() -> None:
        for members in groups.values():
            if len(members) >= 2:
                for member in members:
                    unit = units[member]
                    assert unit.marker is not None
                    unit.is_heading = True
                    unit.heading = unit.marker.rest(unit.text).strip(_HEADING_TRIM)
        groups.clear()

    for index, unit in enumerate(units):
        marker = unit.marker
        if unit.is_heading and (marker is None or not marker.is_point):
            settle()
            continue
        if marker is None or not marker.is_point or unit.is_heading:
            continue
        following = units[index + 1] if index + 1 < len(units) else None
        if (
            len(unit.lines) == 1
            and following is not None
            and following.marker is None
            and not following.is_heading
            and _is_single_sentence(marker.rest(unit.text))
        ):
            groups.setdefault(marker.family, []).append(index)
    settle()


def _is_single_sentence(text: str) -> bool:
    sentence, _terminator, after = first_sentence(text)
    return not after.strip() and 0 < len(sentence) <= HEADING_MAX


def _settle_items(units: list[Unit]) -> None:
    """Numbered sentences that head nothing are paragraphs.

    ``（1）加强危大工程管理，严格执行专项施工方案。`` followed by ``（2）…`` (or
    by an outer marker, or by nothing) is an item of a list: a paragraph
    whose run-in heading is the whole sentence. A heading without a closing
    stop (``1.道路交通``) stays a heading even when nothing follows it.
    """
    for index, unit in enumerate(units):
        marker = unit.marker
        if not unit.is_heading or marker is None or len(unit.lines) != 1:
            continue
        if not ends_sentence(unit.text) or unit.text.endswith(("：", ":")):
            continue
        following = units[index + 1] if index + 1 < len(units) else None
        if following is None or (
            following.marker is not None
            and not following.marker.is_point
            and (following.marker.family == marker.family or following.marker.rank < marker.rank)
        ):
            unit.is_heading = False


# 首先 / 其次 / 再次 / 最后 open points only as a sequence: a lone 首先，我代表…
# or a closing 最后，祝… is an ordinary paragraph of a ceremony speech.
_SEQUENCE_MIDDLE = ("其次", "再次")


def _settle_sequence_words(units: list[Unit]) -> None:
    """Keep 首先/其次/最后 points only where 其次 or 再次 joins them.

    Points of one sequence stand between the same headings: a heading or a
    numbered paragraph ends the sequence.
    """
    group: list[tuple[Unit, Marker]] = []
    for unit in [*units, None]:
        marker = unit.marker if unit is not None else None
        if unit is not None and marker is not None and marker.family == "point-seq":
            group.append((unit, marker))
            continue
        if unit is not None and not unit.is_heading and marker is None:
            continue  # a plain paragraph inside the sequence
        if not any(member.text.startswith(_SEQUENCE_MIDDLE) for _unit, member in group):
            for member_unit, _marker in group:
                member_unit.marker = None
        group = []


def _is_plain_heading(line: Line, following: list[Line]) -> bool:
    """A short unnumbered heading line, followed by a paragraph.

    ``following`` holds the lines after ``line``; the paragraph they start
    is read across page breaks before it is compared with the candidate.
    """
    text = line.text
    if not following or len(text) > PLAIN_HEADING_MAX:
        return False
    if not _PLAIN_HEADING_FORBIDDEN.isdisjoint(text) or _ends_unfinished(text):
        return False
    # A heading may open with a year (二〇三五年远景目标); a date line may not.
    if text[0] in "“「『\"‘《" or (starts_with_year(text) and parse_date_line(text) is not None):
        return False
    if len(CJK_RE.findall(text)) < 2:
        return False
    # The paragraph that follows, read across page breaks; a line with a
    # marker is read alone (it may be a heading) and ends the reading.
    paragraph = following[0].text
    if len(paragraph) <= _FRAGMENT_MAX and not ends_sentence(paragraph):
        # Short unfinished lines one after another are a paragraph cut up
        # around the links of a web page (我们认真落实 / “十四五 / ”规划…).
        return False
    if match_marker(paragraph) is None:
        for next_line in following[1:_PARAGRAPH_LOOKAHEAD]:
            next_marker = match_marker(next_line.text)
            if ends_sentence(paragraph) or (
                next_marker is not None
                and not (_comma_numeral(next_marker) and _cuts_a_word(paragraph))
            ):
                break
            paragraph += next_line.text
    # What follows must read as a paragraph: longer, and a finished
    # sentence or at least a full printed line.
    return len(paragraph) > len(text) and (ends_sentence(paragraph) or len(paragraph) >= 40)


def _marker_unit(marker: Marker, line: Line, following: Line | None) -> tuple[Unit, int]:
    """Classify a line that opens with a marker; returns (unit, lines used).

    A point always opens a paragraph. Otherwise a line holding only the
    marker and one short sentence is a standalone heading, and anything
    longer opens a paragraph (its heading is read once page breaks are
    joined, by ``_read_run_in_heading``).
    """
    rest = marker.rest(line.text)
    if marker.is_point:
        if _is_point_heading(rest):
            return Unit([line], True, marker, rest.strip(_HEADING_TRIM)), 1
        return Unit([line], False, marker), 1
    if not rest.strip():
        # A marker alone on its line (一、 / 第一部分 / a bare numeral): the
        # heading, if any, is the next short line.
        following_marker = match_marker(following.text) if following is not None else None
        if (
            following is not None
            and (
                following_marker is None
                # 附件1 over 名词解释: the appendix's name.
                or (
                    marker.family == following_marker.family == "appendix"
                    and not following_marker.rest(following.text)
                )
            )
            and len(following.text) <= HEADING_MAX
            and not any(ch in "。！？" for ch in following.text)
        ):
            heading = following.text.strip(_HEADING_TRIM)
            return Unit([line, following], True, marker, heading), 2
        return Unit([line], True, marker, ""), 1

    sentence, terminator, after = first_sentence(rest)
    # A line that stops on a comma or a particle was cut by a page break.
    broken = not terminator and _ends_unfinished(sentence)
    if not after.strip() and len(sentence) <= HEADING_MAX and not broken:
        return Unit([line], True, marker, sentence.strip(_HEADING_TRIM)), 1
    return Unit([line], False, marker), 1


# A point that stands as a heading names a topic: 第一，关于思想认识问题 /
# 第二，工作措施方面. Other short unpunctuated points are lines of a
# paragraph cut by a page break.
_TOPIC_HEADING_RE = re.compile(r"^(?:关于|關於).{2,28}$|^.{2,28}(?:问题|問題|方面)$")
_POINT_HEADING_PUNCTUATION = set("。！？；，、：!?;,:")


def _is_point_heading(rest: str) -> bool:
    """Whether the text after a point marker is a heading on its own line."""
    text = rest.strip().rstrip("。")
    return (
        bool(_TOPIC_HEADING_RE.match(text))
        and not any(ch in _POINT_HEADING_PUNCTUATION for ch in text)
    )


# A heading closed by a colon is short; a colon further on introduces a
# quotation or a list inside a long first sentence.
_COLON_HEADING_MAX = 30
_RUN_IN_COLON_RE = re.compile("[：:]")


def read_run_in_heading(unit: Unit, marker: Marker, warnings: list[ParseWarning]) -> None:
    """Set the heading a marked paragraph opens with, page breaks joined.

    The heading is the first sentence after the marker, or what stands
    before a colon near its start. A point whose first sentence is long is
    headed by its first clause. For a numbered heading a
    long first sentence means the heading ran into the body: the section is
    marked merged and a warning asks a person to split it.
    """
    text = unit.text
    offset = marker.rest_offset
    sentence, terminator, _after = first_sentence(text[offset:])
    # 一是思想认识不到位：有的同志… — a colon closes the heading that
    # introduces what follows it.
    colon = _RUN_IN_COLON_RE.search(sentence[: _COLON_HEADING_MAX + 1])
    if colon is not None and sentence[colon.end():].strip():
        sentence, terminator = sentence[: colon.start()], colon.group()
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
