"""The header block of a speech: the lines before its body.

In any order after the title:

- the title, possibly over two lines, or given by the 第X篇 marker; a
  ``文章标题：TITLE`` line; a line repeating the title;
- a subtitle ``——在…会议上的报告``;
- date lines ``(2024年11月17日)``, ``——2026年1月25日在…会议上``,
  ``二〇二六年一月二十七日``;
- publication lines ``发布时间：2024-08-14来源：作者：``, ``时间：…``;
- source, editor and photo-caption lines, web-page furniture;
- a byline ``王 萍``, ``习　近　平``, ``北京市市长 殷勇``;
- a salutation ``同志们：`` (or over two lines), which ends the header.

Every line read here is kept as a ``ParsedLine`` with its kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import warnings as W
from .dates import DateLine, parse_date_line
from .lexicon import SPEECH_NOUN_RE
from .linekinds import (
    UNKNOWN_HEADER_MAX,
    HeaderLine,
    classify,
    is_salutation,
    is_title_like,
    read_header_line,
)
from .markers import match_marker
from .metadata import Speaker, occasion_from_title
from .model import LineKind, ParsedLine, ParseWarning
from .normalize import Line

# How far past an unrecognised header line to look for the salutation.
_SALUTATION_LOOKAHEAD = 4
_TRAILING_DATE_RE = re.compile(r"[（(][^（()）]{6,40}[)）]$")
_COLUMN_TAG_RE = re.compile(r"^[【\[][^】\]]{1,10}[】\]]\s*(?=\S)")
# A 在 whose occasion the line does not close: 在全市深化改革 / 工作会议上的讲话
_OPEN_OCCASION_RE = re.compile(r"在[^在上时時]*$")
# A title that already names its kind of speech is complete.
_COMPLETE_TITLE_RE = re.compile(SPEECH_NOUN_RE + r"\S{0,4}$")


@dataclass
class Header:
    """What the lines around a body say. Dates are ``YYYY[-MM[-DD]]``."""

    title: str | None = None
    subtitle: str | None = None
    date_lines: list[DateLine] = field(default_factory=list)
    occasion_lines: list[str] = field(default_factory=list)
    published: str | None = None
    bylines: list[Speaker] = field(default_factory=list)
    salutation: str | None = None
    place: str | None = None
    closing_date: DateLine | None = None
    meta: list[ParsedLine] = field(default_factory=list)
    trailer: list[ParsedLine] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)


def read_header(lines: list[Line], *, title: str | None) -> tuple[Header, list[Line]]:
    """Read the header block at the top of ``lines``; returns (header, body).

    ``title`` is the title a 第X篇 marker gave, if any. Without it the first
    title-like line after any web-page furniture is the title.
    """
    header = Header(title=title)
    index = 0
    count = len(lines)
    if title is None:
        index = _read_title(lines, header)
    while index < count:
        line = lines[index]
        if _salutation_span(lines, index) == 2:
            # A salutation over two lines: one salutation, two header lines.
            header.meta.append(ParsedLine(line.number, line.text, "salutation"))
            _take(header, lines[index + 1], HeaderLine(LineKind.SALUTATION))
            header.salutation = line.text + lines[index + 1].text
            index += 2
            break
        read = read_header_line(line.text, header.title)
        if read is None:
            salutation_at = _salutation_ahead(lines, index, header.title)
            if salutation_at is None:
                break
            for skipped in lines[index:salutation_at]:
                skipped_read = read_header_line(skipped.text, header.title)
                if skipped_read is None:
                    header.meta.append(ParsedLine(skipped.number, skipped.text, "header-line"))
                    header.warnings.append(
                        W.make(skipped.number, "header-line", text=skipped.text[:30])
                    )
                else:
                    _take(header, skipped, skipped_read)
            index = salutation_at
            continue
        _take(header, line, read)
        index += 1
        if read.kind == LineKind.SALUTATION:
            break
    return header, lines[index:]


# Furniture, notes and dates may stand above the title.
_ABOVE_THE_TITLE = ("chrome", "source", "publication", "caption", "note", "date")


def _read_title(lines: list[Line], header: Header) -> int:
    """Find the title at the top of a block; returns the index after it."""
    index = 0
    while index < len(lines):
        line = lines[index]
        read = read_header_line(line.text, None)
        kind = read.kind if read is not None else None
        # Furniture, notes and dates may stand above the title.
        if read is not None and kind in _ABOVE_THE_TITLE:
            _take(header, line, read)
            index += 1
            continue
        if read is not None and kind == LineKind.ARTICLE_TITLE:
            _take(header, line, read)
            return index + 1
        if kind in ("date", "salutation", "subtitle") or not is_title_like(line.text):
            return index
        # A site's column tag is not part of the title: 【领导讲话】在…上的讲话
        header.title = _COLUMN_TAG_RE.sub("", line.text, count=1)
        header.meta.append(ParsedLine(line.number, line.text, "title"))
        index += 1
        # A title broken over two or three lines: take a further title-like
        # line only when the title so far is not complete (…的讲话) and a
        # header line (date, subtitle, byline…) follows, so a note or a first
        # section heading is never swallowed.
        taken = 1
        while index + 1 < len(lines) and taken < 3 and not _COMPLETE_TITLE_RE.search(header.title):
            candidate = lines[index]
            if classify(candidate.text, None) is not None or not is_title_like(candidate.text):
                break
            if len(candidate.text) > 40:
                break
            next_kind = classify(lines[index + 1].text, None)
            if next_kind not in ("date", "subtitle", "byline", "salutation", "publication"):
                break
            if not _OPEN_OCCASION_RE.search(header.title) and _names_a_speech(candidate.text):
                # 坚定信心 真抓实干 over 在全省…会议上的讲话: a subtitle printed
                # without its dash.
                _take(header, candidate, HeaderLine(LineKind.SUBTITLE))
                return index + 1
            header.title = _join_title(header.title, candidate.text)
            header.meta.append(ParsedLine(candidate.number, candidate.text, "title"))
            index += 1
            taken += 1
        return index
    return index


def _join_title(first: str, second: str) -> str:
    """A title printed over two lines, read as one.

    Two phrases of a slogan keep a space between them (决胜全面建成小康社会
    夺取…胜利); an occasion cut in the middle (在全市深化改革 /
    工作会议上的讲话) is closed up, as a line broken by a page is.
    """
    if _OPEN_OCCASION_RE.search(first) and occasion_from_title(first + second).event:
        return first + second
    return f"{first} {second}"


def _names_a_speech(text: str) -> bool:
    """A complete speech title: 在全省…会议上的讲话."""
    return bool(_COMPLETE_TITLE_RE.search(text) and occasion_from_title(text).event)


def _salutation_span(lines: list[Line], index: int) -> int:
    """How many lines the salutation at ``index`` takes: 0, 1 or 2
    (``尊敬的各位嘉宾，`` over ``女士们，先生们：``)."""
    if is_salutation(lines[index].text):
        return 1
    following = lines[index + 1] if index + 1 < len(lines) else None
    if following and is_salutation(lines[index].text, ends="，,") and is_salutation(following.text):
        return 2
    return 0


def _salutation_ahead(lines: list[Line], index: int, title: str | None) -> int | None:
    """Index of a salutation a few short lines below ``index``, if any."""
    for ahead in range(index, min(len(lines), index + _SALUTATION_LOOKAHEAD)):
        text = lines[ahead].text
        if _salutation_span(lines, ahead):
            return ahead if ahead > index else None
        if len(text) > UNKNOWN_HEADER_MAX or match_marker(text) is not None:
            return None
    return None


def _take(header: Header, line: Line, read: HeaderLine) -> None:
    """Record a header line on ``header``, from what reading it gave."""
    text = line.text
    kind, value = read
    meta_kind = kind
    if kind == "salutation":
        header.salutation = text
    elif kind == "article-title":
        if not header.title:
            header.title = value
    elif kind == "publication":
        if value is not None:
            header.published = header.published or value
        else:
            header.warnings.append(W.make(line.number, "unreadable-date", text=text[:30]))
    elif kind == "date":
        parsed = value
        if parsed is not None:
            header.date_lines.append(parsed)
            if parsed.date is None:
                header.warnings.append(W.make(line.number, "unreadable-date", text=text[:30]))
    elif kind == "unreadable-date":
        meta_kind = LineKind.DATE
        header.warnings.append(W.make(line.number, "unreadable-date", text=text[:30]))
    elif kind == "subtitle":
        header.subtitle = header.subtitle or text
        # ——在…会议上的讲话（2023年12月20日）: the date closes the subtitle.
        dated = _TRAILING_DATE_RE.search(text)
        parsed = parse_date_line(dated.group()) if dated else None
        occasion = text
        if dated is not None and parsed is not None and parsed.date:
            header.date_lines.append(parsed)
            occasion = text[: dated.start()]
        header.occasion_lines.append(occasion)
    elif kind == "byline":
        speaker, printed_date = value
        if printed_date is not None:
            header.date_lines.append(printed_date)
        if speaker is not None:
            header.bylines.append(speaker)
    elif kind == "place":
        header.place = header.place or value
    header.meta.append(ParsedLine(line.number, text, meta_kind))
