"""The grammar of heading markers at the start of a line.

Families, by their usual rank (GB/T 9704 order, then informal ones); a
smaller rank is an outer level. Ranks only order families against each
other: the level a section gets is relative to the speech (see
``sections.py``).

=============  ==========================  ====
family         examples                    rank
=============  ==========================  ====
appendix       附件1  附录  名词解释  附：      -1
part           第一部分  第二章              0
question       第一个问题：  第二个方面       1
bare           一 (a numeral alone)        1.5
cn             一、 十三、 一． 一␣ 一，(short) 2
paren-cn       （一） (一)                   3
ar             1. 1． 1、                   4
paren-ar       （1） (1) （１） 1）          5
circled        ① ②                         6
=============  ==========================  ====

Points (``第一，`` ``第一、`` ``一是`` ``一要`` ``首先，``) open a run-in
point: they hold only the paragraph they open.

A line starting with a year (``2024年11月…``, ``二〇二四年…``) never starts
with a marker.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .numerals import ascii_digits, numeral_to_int

_CN = "[一二三四五六七八九十百零〇两]+"
_CN_SMALL = "[一二三四五六七八九十]{1,3}"

# After 第一部分 a function word means a sentence ("第一部分的内容…"), not a
# heading ("第一部分 总体要求").
_FUNCTION_WORD = "[的是和与中里在要把对为也都就还已]"

# 三、四月份 / 一、二等奖 / 五、六十年代 / 六、七两个月 are ranges and lists, not 三、 + text;
# 一、一九五四年的工作 is a heading (a year is four digits, no unit).
_CN_RANGE_END = "[一二三四五六七八九十]{1,3}(?:[、，,月季日号號个個名等级級倍次届屆两兩]|年代)"
# A range counts on by one (五、六十年代 is the fifties and sixties); 三、五十年代
# 以来的经验 is heading 三 about the fifties.
_CN_RANGE_RE = re.compile(
    rf"^(?P<a>{_CN_SMALL})[、．.](?P<b>[一二三四五六七八九十]{{1,3}})(?:[、，,月季日号號个個名等级級倍次届屆两兩]|年代)"
)

_YEAR_START_RE = re.compile(r"^(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*(?:年|[-/.]\d)")

# (family, rank, is_point, regex). Each regex captures the number as "n";
# the match (plus following spaces) is the marker as printed.
_GRAMMAR: tuple[tuple[str, float, bool, re.Pattern[str]], ...] = (
    # An appendix after the text (附件1 / 名词解释 / 附：) holds its own lists;
    # it closes every section of the text above it.
    (
        "appendix", -1, False,
        re.compile(
            r"^(?:(?:附件|附錄|附录)\s*(?P<n>\d{1,2}|[一二三四五六七八九十]{1,3})?(?=[：:\s]|$)"
            r"|名词解释(?=[：:\s]|$)|名詞解釋(?=[：:\s]|$)|附\s*[：:])"
        ),
    ),
    (
        "part", 0, False,
        re.compile(
            rf"^第(?P<n>{_CN}|\d{{1,3}})(?:部分|章|编|篇章|节)"
            rf"(?:[：:，,、.．]|(?!{_FUNCTION_WORD}))"
        ),
    ),
    (
        "question", 1, False,
        re.compile(rf"^第(?P<n>{_CN_SMALL})个?(?:问题|方面)(?:[：:，,、.．]|\s|$)"),
    ),
    ("point-ordinal", math.inf, True, re.compile(rf"^第(?P<n>{_CN_SMALL})[，,、：:]")),
    ("cn", 2, False, re.compile(rf"^(?P<n>{_CN})[、．.](?!{_CN_RANGE_END})")),
    ("cn", 2, False, re.compile(rf"^(?P<n>{_CN_SMALL})[、．.](?=[一二三四五六七八九]十年代)")),
    # 一　过去五年的工作: a numeral and a space, before a short heading only.
    ("cn", 2, False, re.compile(rf"^(?P<n>{_CN_SMALL})[ \u3000]+(?=[^。！？!?；;]{{2,40}}。?$)")),
    # 一，总体要求: a comma typed for the 、, before a short heading with no
    # stop only (一，二百人参加。 and 三，四月份 are not headings).
    (
        "cn", 2, False,
        re.compile(
            rf"^(?P<n>{_CN_SMALL})[，,](?!{_CN_RANGE_END})(?=[^\s，,、。！？!?；;][^。！？!?；;]{{1,39}}$)"
        ),
    ),
    ("paren-cn", 3, False, re.compile(rf"^[（(](?P<n>{_CN})[)）][、，,.．]?")),
    ("ar", 4, False, re.compile(r"^(?P<n>\d{1,2})[.．、](?!\d)")),
    (
        "paren-ar", 5, False,
        re.compile(r"^(?:[（(](?P<n>\d{1,2})[)）]|(?P<n2>\d{1,2})[)）])[、，,.．]?"),
    ),
    ("circled", 6, False, re.compile(r"^(?P<c>[①-⑳])")),
    ("point-shi", math.inf, True, re.compile(rf"^(?P<n>{_CN_SMALL})是")),
    ("point-yao", math.inf, True, re.compile(rf"^(?P<n>{_CN_SMALL})要")),
    ("point-seq", math.inf, True, re.compile(r"^(?P<w>首先|其次|再次|最后)[，,、]")),
)
_SEQUENCE_WORDS = {"首先": 1, "其次": 2, "再次": 3}
# Every marker of the grammar (and a bare numeral) starts with one of these
# or another decimal digit (``\d``):
# most lines of a text start otherwise and are answered without a regex
# (the parser asks this of every line, some more than once).
_FIRST_CHARACTERS = frozenset(
    "附名第（(首其再最" "一二三四五六七八九十百零〇两" "0123456789０１２３４５６７８９"
    + "".join(chr(code) for code in range(ord("①"), ord("⑳") + 1))
)
_BARE_RE = re.compile(r"^(?P<n>[一二三四五六七八九十]{1,3}|\d{1,2})$")


@dataclass(frozen=True)
class Marker:
    """A heading marker found at the start of a line.

    ``text`` is the marker as printed (``（一）``, ``第一，``, ``一是``);
    ``rest_offset`` is where the text after it (and after any spaces)
    starts in the line; ``number`` is its value when it has one.
    """

    family: str
    rank: float
    is_point: bool
    text: str
    number: int | None
    rest_offset: int

    def rest(self, line: str) -> str:
        return line[self.rest_offset:]


def starts_with_year(text: str) -> bool:
    """Whether a line opens with a year, and so is never a numbered heading."""
    return bool(_YEAR_START_RE.match(ascii_digits(text)))


def _is_range(text: str) -> bool:
    """三、四月份 / 五、六十年代: two numbers one apart, not a marker."""
    match = _CN_RANGE_RE.match(text)
    if match is None:
        return False
    first, second = numeral_to_int(match["a"]), numeral_to_int(match["b"])
    if first is None or second is None:
        return True
    # 五、六十年代: the decade's tens digit follows the first number.
    return second == first + 1 or (second % 10 == 0 and second // 10 == first + 1)


def match_marker(text: str) -> Marker | None:
    """The heading marker at the start of ``text``, or None."""
    # \d in the grammar matches any decimal digit (٣, 𝟏), not only those listed.
    if not text or (text[0] not in _FIRST_CHARACTERS and not text[0].isdecimal()):
        return None
    if starts_with_year(text):
        return None
    probe = ascii_digits(text)
    bare = _BARE_RE.match(probe)
    if bare:
        return Marker("bare", 1.5, False, text, numeral_to_int(bare.group("n")), len(text))
    for family, rank, is_point, pattern in _GRAMMAR:
        match = pattern.match(probe)
        if match is None or (family == "cn" and _is_range(probe)):
            continue
        groups = match.groupdict()
        if groups.get("c"):
            number: int | None = ord(groups["c"]) - ord("①") + 1
        elif groups.get("w"):
            number = _SEQUENCE_WORDS.get(groups["w"])
        else:
            number = numeral_to_int(groups.get("n") or groups.get("n2") or "")
        end = match.end()
        rest_offset = end
        while rest_offset < len(text) and text[rest_offset] in " \u3000\t":
            rest_offset += 1
        return Marker(family, rank, is_point, text[:end].rstrip(" \u3000\t"), number, rest_offset)
    return None
