"""The lines around a speech's body: header block, trailer, closing date line.

Header block (before the body), in any order after the title:

- the title, possibly over two lines, or given by the 第X篇 marker; a
  ``文章标题：TITLE`` line; a line repeating the title;
- a subtitle ``——在…会议上的报告``;
- date lines ``(2024年11月17日)``, ``——2026年1月25日在…会议上``,
  ``二〇二六年一月二十七日``;
- publication lines ``发布时间：2024-08-14来源：作者：``, ``时间：…``;
- source, editor and photo-caption lines, web-page furniture;
- a byline ``王 萍``, ``习　近　平``, ``北京市市长 殷勇``;
- a salutation ``同志们：``, which ends the header.

Trailer (after the body): a licence notice or page furniture that starts
with a recognisable line (``本作品…``, ``责任编辑：``, ``相关报道：``…) and
runs to the end of the block in short lines. A date line closing the body
(``（2017年10月25日在…上的讲话）``) is read as the speech's date and occasion.

Every line read here is kept as a ``ParsedLine`` with its kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import warnings as W
from .dates import DateLine, looks_like_date_line, parse_date_line, parse_publication_line
from .lexicon import (
    ADDRESSEE_RE,
    CAPTION_RE,
    CHROME_RE,
    CHROME_WORDS,
    HEADER_WORDS,
    LICENCE_START_RE,
    SOURCE_RE,
    SPEECH_NOUN_RE,
    TRAILER_START_RE,
    WHITESPACE_RE,
)
from .markers import match_marker
from .metadata import Speaker, parse_speaker
from .model import ParsedLine, ParseWarning
from .normalize import Line

TITLE_MAX = 80
SALUTATION_MAX = 40
# How far past an unrecognised header line to look for the salutation, and
# how long such a line may be (captions are short; paragraphs are not).
_SALUTATION_LOOKAHEAD = 4
_UNKNOWN_HEADER_MAX = 60
_TRAILER_LINE_MAX = 150

_ARTICLE_TITLE_RE = re.compile(
    r"^(?:文章标题|文章標題|标题|標題|题目|題目|篇名)\s*[：:]\s*(?P<title>.+)$"
)
_DASHED_RE = re.compile(r"^(?:——|—|－－|--)\s*\S")
_BRACKETED_OCCASION_RE = re.compile(r"^[（(].*(?:在|於|于).+(?:上|时|時)(?:的.{0,8})?[)）]$")
# A title that already names its kind of speech is complete.
_COMPLETE_TITLE_RE = re.compile(SPEECH_NOUN_RE + r"\S{0,4}$")
_NON_WORD_RE = re.compile(r"[\W_]+")
_SPEAKER_LABEL_RE = re.compile(
    r"^(?:讲话人|講話人|主讲人|主講人|报告人|報告人|发言人|發言人|致辞人|演讲人)"
    r"\s*[：:]\s*(?P<speaker>.+)$"
)
# A short line wholly in brackets in the header: （摘要） （根据录音整理）
_NOTE_RE = re.compile(r"^[（(【\[〔][^（(）)]{1,38}[）)】\]〕]$")
_PLACE_LABEL_RE = re.compile(r"^(?:地点|地點|会议地点|會議地點)\s*[：:]\s*(?P<place>.+)$")


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


def compact(text: str) -> str:
    return WHITESPACE_RE.sub("", text)


def _letters(text: str) -> str:
    """The words of a text without white space or punctuation, for comparing."""
    return _NON_WORD_RE.sub("", text)


def is_salutation(text: str, *, ends: str = "：:") -> bool:
    """A short line ending in a colon that addresses people: 各位代表、同志们：

    With ``ends="，,"`` it tells the first line of a salutation printed over
    two lines (``尊敬的各位嘉宾，`` / ``女士们，先生们：``).
    """
    if len(text) > SALUTATION_MAX or text[-1] not in ends:
        return False
    body = text[:-1].rstrip()
    if not body or any(ch in body for ch in "。！？；：:"):
        return False
    # Every part, split at 、 and ，, names people: 尊敬的各位来宾，女士们、先生们
    parts = [part for part in re.split(r"[、，,\s]+", body) if part]
    return bool(parts) and all(ADDRESSEE_RE.search(part) for part in parts)


_BRACKET_CHUNKS_RE = re.compile(r"^(?:\s*[【\[][^【】\[\]]{1,20}[】\]])+\s*$")
_BRACKET_CHUNK_RE = re.compile(r"[【\[]([^【】\[\]]+)[】\]]")


def is_chrome(text: str) -> bool:
    """Web-page furniture: buttons, font-size switches, share widgets.

    A row of bracketed buttons (``【纠错】【责任编辑：赵婧】``,
    ``【打印本页】【关闭窗口】``) is furniture when every button is.
    """
    if text in CHROME_WORDS or compact(text) in CHROME_WORDS or CHROME_RE.match(text):
        return True
    if _BRACKET_CHUNKS_RE.match(text):
        return all(
            compact(chunk) in CHROME_WORDS or CHROME_RE.match(chunk) or SOURCE_RE.match(chunk)
            for chunk in _BRACKET_CHUNK_RE.findall(text)
        )
    return False


def is_title_like(text: str) -> bool:
    """A line that can be a title: short, no full stop, no marker, not a date."""
    if len(text) > TITLE_MAX or "。" in text or text[-1] in "，,、；;：:":
        return False
    if match_marker(text) is not None or parse_date_line(text) is not None:
        return False
    return not is_salutation(text) and parse_publication_line(text) is False


def classify(text: str, title: str | None) -> str | None:
    """The kind of a header line, or None when it is not a header line."""
    if is_salutation(text):
        return "salutation"
    if title and _letters(text) and _letters(text) == _letters(title):
        return "title-repeat"
    if _ARTICLE_TITLE_RE.match(text):
        return "article-title"
    if parse_publication_line(text) is not False:
        return "publication"
    if parse_date_line(text) is not None:
        return "date"
    if _DASHED_RE.match(text) or _BRACKETED_OCCASION_RE.match(text):
        return "subtitle"
    if SOURCE_RE.match(text):
        return "source"
    if len(text) <= _UNKNOWN_HEADER_MAX and CAPTION_RE.search(text):
        return "caption"
    if is_chrome(text):
        return "chrome"
    if _PLACE_LABEL_RE.match(text):
        return "place"
    if compact(text) in HEADER_WORDS:
        return "note"
    labelled = _SPEAKER_LABEL_RE.match(text)
    speaker = parse_speaker(labelled.group("speaker") if labelled else text)
    if speaker is not None and speaker.name and len(compact(text)) <= 40:
        return "byline"
    if looks_like_date_line(text):
        return "unreadable-date"
    if _NOTE_RE.match(text):
        return "note"
    return None


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
        if (
            index + 1 < count
            and is_salutation(line.text, ends="，,")
            and is_salutation(lines[index + 1].text)
        ):
            # A salutation over two lines: one salutation, two header lines.
            header.meta.append(ParsedLine(line.number, line.text, "salutation"))
            _take(header, lines[index + 1], "salutation")
            header.salutation = line.text + lines[index + 1].text
            index += 2
            break
        kind = classify(line.text, header.title)
        if kind is None:
            salutation_at = _salutation_ahead(lines, index, header.title)
            if salutation_at is None:
                break
            for skipped in lines[index:salutation_at]:
                skipped_kind = classify(skipped.text, header.title)
                if skipped_kind is None:
                    header.meta.append(ParsedLine(skipped.number, skipped.text, "header-line"))
                    header.warnings.append(
                        W.make(skipped.number, "header-line", text=skipped.text[:30])
                    )
                else:
                    _take(header, skipped, skipped_kind)
            index = salutation_at
            continue
        _take(header, line, kind)
        index += 1
        if kind == "salutation":
            break
    return header, lines[index:]


def _read_title(lines: list[Line], header: Header) -> int:
    """Find the title at the top of a block; returns the index after it."""
    index = 0
    while index < len(lines):
        line = lines[index]
        kind = classify(line.text, None)
        # Furniture, notes and dates may stand above the title.
        if kind in ("chrome", "source", "publication", "caption", "note", "date"):
            _take(header, line, kind)
            index += 1
            continue
        if kind == "article-title":
            _take(header, line, kind)
            return index + 1
        if kind in ("date", "salutation", "subtitle") or not is_title_like(line.text):
            return index
        header.title = line.text
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
            header.title = f"{header.title} {candidate.text}"
            header.meta.append(ParsedLine(candidate.number, candidate.text, "title"))
            index += 1
            taken += 1
        return index
    return index


def _salutation_ahead(lines: list[Line], index: int, title: str | None) -> int | None:
    """Index of a salutation a few short lines below ``index``, if any."""
    for ahead in range(index, min(len(lines), index + _SALUTATION_LOOKAHEAD)):
        text = lines[ahead].text
        if is_salutation(text):
            return ahead if ahead > index else None
        if len(text) > _UNKNOWN_HEADER_MAX or match_marker(text) is not None:
            return None
    return None


def _take(header: Header, line: Line, kind: str) -> None:
    """Record a header line of ``kind`` on ``header``."""
    text = line.text
    meta_kind = kind
    if kind == "salutation":
        header.salutation = text
    elif kind == "article-title":
        match = _ARTICLE_TITLE_RE.match(text)
        if match and not header.title:
            header.title = match.group("title").strip()
    elif kind == "publication":
        published = parse_publication_line(text)
        if isinstance(published, str):
            header.published = header.published or published
        else:
            header.warnings.append(W.make(line.number, "unreadable-date", text=text[:30]))
    elif kind == "date":
        parsed = parse_date_line(text)
        if parsed is not None:
            header.date_lines.append(parsed)
            if parsed.date is None:
                header.warnings.append(W.make(line.number, "unreadable-date", text=text[:30]))
    elif kind == "unreadable-date":
        meta_kind = "date"
        header.warnings.append(W.make(line.number, "unreadable-date", text=text[:30]))
    elif kind == "subtitle":
        header.subtitle = header.subtitle or text
        header.occasion_lines.append(text)
    elif kind == "byline":
        labelled = _SPEAKER_LABEL_RE.match(text)
        speaker = parse_speaker(labelled.group("speaker") if labelled else text)
        if speaker is not None:
            header.bylines.append(speaker)
    elif kind == "place":
        match = _PLACE_LABEL_RE.match(text)
        if match:
            header.place = header.place or match.group("place").strip()
    header.meta.append(ParsedLine(line.number, text, meta_kind))


def split_trailer(body: list[Line], header: Header) -> list[Line]:
    """Set aside a licence notice or page furniture after the body.

    Returns the body without it; the trailer's lines go to
    ``header.trailer`` (a publication line there also sets ``published``).
    """
    start = len(body)
    # Page furniture at the very end (打印 / 关闭 / 分享…), line by line.
    while start > 1 and (is_chrome(body[start - 1].text) or SOURCE_RE.match(body[start - 1].text)):
        start -= 1
    # A notice that begins with a recognisable line and runs to the end in
    # short lines: it starts after the last long line.
    last_long = max(
        (index for index, line in enumerate(body) if len(line.text) > _TRAILER_LINE_MAX),
        default=-1,
    )
    for index in range(max(1, last_long + 1), len(body)):
        if TRAILER_START_RE.match(body[index].text):
            start = min(start, index)
            break
    if start >= len(body):
        return body
    is_licence = bool(LICENCE_START_RE.match(body[start].text))
    for line in body[start:]:
        published = parse_publication_line(line.text)
        if isinstance(published, str):
            header.published = header.published or published
            kind = "publication"
        elif is_licence:
            kind = "licence"
        elif is_chrome(line.text):
            kind = "chrome"
        elif SOURCE_RE.match(line.text):
            kind = "source"
        else:
            kind = "trailer"
        header.trailer.append(ParsedLine(line.number, line.text, kind))
    header.warnings.append(
        W.make(body[start].number, "trailer-set-aside", count=len(body) - start)
    )
    return body[:start]


def take_closing_date(body: list[Line], header: Header) -> list[Line]:
    """Read a date line that closes the body (an anthology's dateline)."""
    if len(body) < 2:
        return body
    last = body[-1]
    parsed = parse_date_line(last.text)
    if parsed is None or not (parsed.bracketed or parsed.dashed or not parsed.rest):
        return body
    header.closing_date = parsed
    kind = "occasion" if parsed.rest else "date"
    header.trailer.insert(0, ParsedLine(last.number, last.text, kind))
    if parsed.date is None:
        header.warnings.append(W.make(last.number, "unreadable-date", text=last.text[:30]))
    return body[:-1]
