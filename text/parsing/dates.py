"""The date grammar: dates inside lines, date lines and publication lines.

Dates come out as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``: the length is the
precision. A date the calendar does not have is not a date (the caller
warns about it); nothing is ever filled in.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from .lexicon import SOURCE_RE
from .numerals import ascii_digits, cn_to_int

_CN_YEAR = "[〇○零一二三四五六七八九]{4}"
_CN_SMALL = "[一二三四五六七八九十]{1,3}"

# A date written out in full or in part, Arabic or Chinese numerals.
DATE_RE = re.compile(
    r"(?P<y>\d{4})\s*年\s*(?:(?P<m>\d{1,2})\s*月\s*(?:(?P<d>\d{1,2})\s*[日号])?)?"
    rf"|(?P<cy>{_CN_YEAR})\s*年\s*(?:(?P<cm>{_CN_SMALL})\s*月\s*(?:(?P<cd>{_CN_SMALL})\s*[日号])?)?"
    r"|(?P<iy>\d{4})\s*[-/.]\s*(?P<im>\d{1,2})\s*[-/.]\s*(?P<id>\d{1,2})(?!\d)"
)

# The end of a range after a date: ——26日, —2019年5月31日, 至28日.
_RANGE_END_RE = re.compile(
    r"^\s*(?:——|—|－|-|~|～|至|到)\s*"
    r"(?:(?:\d{4}|[〇○零一二三四五六七八九]{4})年)?(?:(?:\d{1,2}|[一二三四五六七八九十]{1,3})月)?"
    r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})[日号]"
)
_WEEKDAY = r"[（(]?(?:星期|周|礼拜|禮拜)[一二三四五六日天][)）]?"
# A clock time: 09:45, 09:45:30, 07时41分 (a publication stamp's).
_TIME_OF_DAY_RE = re.compile(r"^\s*\d{1,2}(?:[:：]\d{2}(?:[:：]\d{2})?|[时時]\d{1,2}分)")
_HOUR = (
    r"(?:\d{1,2}[:：]\d{2}(?:[:：]\d{2})?"
    r"|(?:\d{1,2}|[一二三四五六七八九十]{1,3})[时點点時](?:\d{1,2}分|半)?)"
)
_PART_OF_DAY = r"(?:上午|下午|中午|晚上|早上|凌晨|傍晚|晚间|晚間)"
_WHEN_IN_DAY_RE = re.compile(rf"^(?:[\s，,]*(?:{_WEEKDAY}|{_PART_OF_DAY}|{_HOUR}))+")

_CITATION_RE = re.compile(r"^(?:摘自|选自|選自|节选自|節選自|摘录自|摘錄自|引自|原载|原載)\s*")
_OPEN = "（(〔【["
_CLOSE = "）)〕】]"
_OCR_OPEN = _OPEN + "《〈「"
_OCR_CLOSE = _CLOSE + "》〉」"
_DASH_RE = re.compile(r"^(?:——|―+|—|－－|--|－|-)\s*")
# Every date DATE_RE reads holds 年 or a digit: a line with neither is not
# one, answered without the work below (the parser asks of most lines).
_DATE_HINT_RE = re.compile(r"[年\d]")

# Labels of a page's publication date; never the date of the speech.
_PUBLICATION_LABELS = (
    r"(?:发布时间|發布時間|发布日期|發布日期|发表时间|發表時間|发表日期|更新时间|"
    r"更新日期|时间|時間|日期|发稿时间|刊发时间|上传时间|录入时间)\s*[：:]\s*"
)
PUBLICATION_RE = re.compile(r"^[（(【\[]?\s*" + _PUBLICATION_LABELS)
# The same label further on in a line, after white space or a bracket.
_PUBLICATION_LABEL_RE = re.compile(r"(?:(?<=\s)|(?<=[（(【\[|｜]))" + _PUBLICATION_LABELS)
# Page counters that follow a time stamp: 浏览次数：1526, 阅读量 3万.
_COUNTER_RE = re.compile(r"^(?:浏览|瀏覽|阅读|閱讀|点击|點擊|访问|訪問)")


@dataclass(frozen=True)
class FoundDate:
    """A date found in a text, with where it starts and ends."""

    value: str | None  # None when written like a date but not a real one
    start: int
    end: int


@dataclass(frozen=True)
class DateLine:
    """A line that is a date, possibly with the occasion or place after it.

    ``rest`` is what follows the date (``在…会议上``, ``，北京``), without
    the brackets or dash around the line.
    """

    date: str | None
    rest: str
    bracketed: bool
    dashed: bool


def _format(year: int, month: int | None, day: int | None) -> str | None:
    try:
        datetime.date(year, month or 1, day or 1)
    except ValueError:
        return None
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def _value(match: re.Match[str]) -> str | None:
    if match.group("y"):
        year = int(match.group("y"))
        month = int(match.group("m")) if match.group("m") else None
        day = int(match.group("d")) if match.group("d") else None
    elif match.group("cy"):
        year = cn_to_int(match.group("cy")) or 0
        month = cn_to_int(match.group("cm")) if match.group("cm") else None
        day = cn_to_int(match.group("cd")) if match.group("cd") else None
        if (match.group("cm") and month is None) or (match.group("cd") and day is None):
            return None
    else:
        year, month, day = (int(match.group(k)) for k in ("iy", "im", "id"))
    if not 1000 <= year <= 2999:
        return None
    return _format(year, month, day)


def find_date(text: str, start: int = 0) -> FoundDate | None:
    """The first date in ``text`` at or after ``start``."""
    match = DATE_RE.search(ascii_digits(text), start)
    if match is None:
        return None
    return FoundDate(_value(match), match.start(), match.end())


def parse_date_line(text: str) -> DateLine | None:
    """Read a line that is a date: ``(2024年11月17日)``, ``（2024年8月12日）``,
    ``——2026年1月25日在…会议上``, ``二〇二六年一月二十七日``,
    ``1957年6月26日在…会议上``, ``（2017年12月25日——26日在…时的讲话要点）``.

    The date must open the line (after a dash or bracket) and have at least
    a month, unless the line is nothing but a year. What follows must read
    as an occasion or a place, not as a sentence: ``2024年11月市委…召开以来，
    我市…。`` is body text, not a date line. Returns None otherwise.
    """
    if _DATE_HINT_RE.search(text) is None:
        return None
    line = text.strip()
    dashed = bool(_DASH_RE.match(line))
    if dashed:
        line = _DASH_RE.sub("", line, count=1)
    bracketed = len(line) >= 2 and line[0] in _OPEN and line[-1] in _CLOSE
    if bracketed:
        line = line[1:-1].strip()
    elif len(line) >= 2 and line[0] in _OCR_OPEN and line[-1] in _OCR_CLOSE:
        # A scanned book's brackets come out of OCR as any bracket: 《一九五一年
        # 一月十九日) — read so only when a bare date stands inside.
        inner = line[1:-1].strip()
        whole = DATE_RE.fullmatch(ascii_digits(inner))
        if whole is not None:
            line, bracketed = inner, True
    if bracketed or dashed:
        # An anthology may cite before it dates: （摘自2022年9月20日在…上的讲话）
        line = _CITATION_RE.sub("", line, count=1)
    ascii_line = ascii_digits(line)
    match = DATE_RE.match(ascii_line)
    if match is None:
        return None
    has_month = bool(match.group("m") or match.group("cm") or match.group("iy"))
    rest = line[match.end():]
    range_end = _RANGE_END_RE.match(ascii_digits(rest))
    if range_end:
        rest = rest[range_end.end():]
    # What says when on the day, not where or at what: a weekday, a part of
    # the day, an hour (星期一 / 上午 / 9:30 / 3时), in any order.
    when = _WHEN_IN_DAY_RE.match(ascii_digits(rest))
    if when:
        rest = rest[when.end():]
    rest = rest.strip(" \u3000,，、")
    if not has_month and rest:
        return None
    if rest and not _reads_as_occasion(rest, framed=bracketed or dashed):
        return None
    return DateLine(_value(match), rest, bracketed, dashed)


_OCCASION_START_RE = re.compile(r"^(?:在|于|於|为|為|出席|参加|參加|视察|視察|考察|会见|會見|主持)")
_OCCASION_END_RE = re.compile(r"(?:上|时|時|期间|期間|之际|之際)(?:的.{0,12})?$")
_PLACE_RE = re.compile(r"^[\u3400-\u9fff·]{2,12}$")


def _reads_as_occasion(rest: str, *, framed: bool) -> bool:
    """Whether the text after a date is an occasion or a place, not a sentence."""
    if any(ch in rest for ch in "。！？!?"):
        return False
    if len(rest) > 80:
        return False
    if _OCCASION_START_RE.match(rest) or _OCCASION_END_RE.search(rest):
        return True
    # "（2024年8月12日，北京）": a bare place name after the date.
    if _PLACE_RE.match(rest) and not any(ch in rest for ch in "会會议議的"):
        return True
    # Inside brackets or after a dash the whole line is a dateline anyway.
    return framed and "，" not in rest and "," not in rest


def looks_like_date_line(text: str) -> bool:
    """A short line that a person meant as a date even if it does not parse.

    Used to warn ("unreadable-date") instead of silently taking the line as
    body text: a bracketed or dashed line mentioning 年/月/日 and a numeral.
    """
    line = _DASH_RE.sub("", text.strip(), count=1)
    if len(line) > 60 or not line:
        return False
    framed = line[0] in _OPEN and line[-1] in _CLOSE
    if not (framed or line != text.strip()):
        return False
    return bool(re.search(r"[年月]", line)) and bool(
        re.search(r"[\d０-９〇○零一二三四五六七八九十]", line)
    ) and not re.search(r"[。！？]", line)


def parse_publication_line(text: str) -> str | None | bool:
    """The date of a publication line, which is never the speech's date.

    Three shapes are read:

    - a labelled line: ``发布时间：2024-08-14来源：作者：``, ``时间：…``, or a
      source line carrying the label further on:
      ``来源：人民网 发布时间：2023-03-06 09:12``;
    - a source or editor line with a date of at least month precision:
      ``来源：省委党校网　2023-08-15 16:30``;
    - a time stamp, that is a date with a time of day, alone or followed by
      labels: ``2023-10-18 10:05:12　来源：新华社``, or a date followed by
      labels: ``2024-03-05 来源：新华社``.

    Returns the date string, None when the line is a labelled publication
    line whose date cannot be read, or False when the line is not a
    publication line.
    """
    match = PUBLICATION_RE.match(text)
    if match is None and SOURCE_RE.match(text):
        # The label may stand after the source: 来源：人民网 发布时间：…
        match = _PUBLICATION_LABEL_RE.search(text)
        if match is None:
            found = find_date(text)
            if found is not None and found.value and len(found.value) >= len("2024-08"):
                return found.value
            return False
    if match is None:
        return _time_stamp(text)
    found = find_date(text, match.end())
    if found is None or found.start - match.end() > 2:
        return None
    return found.value


def _time_stamp(text: str) -> str | bool:
    """The date of ``2023-10-18 10:05:12　来源：新华社`` or
    ``2024-03-05 来源：新华社``, else False."""
    ascii_text = ascii_digits(text)
    match = DATE_RE.match(ascii_text)
    if match is None:
        return False
    after = ascii_text[match.end():]
    clock = _TIME_OF_DAY_RE.match(after)
    value = _value(match)
    if value is None or len(value) < len("2024-08-14"):
        return False
    rest = after[clock.end():].strip() if clock else after.strip()
    # Only labels may follow (来源：…, 作者：…, 浏览次数…): a sentence that
    # opens with a date and a time is body text. Without a time of day, a
    # label must follow (a date alone is the speech's date line).
    labels = (SOURCE_RE, PUBLICATION_RE, _COUNTER_RE)
    if rest and not any(label.match(rest) for label in labels):
        return False
    return value if clock or rest else False
