"""The lines after a speech's body: trailer and closing date line.

Trailer: a licence notice or page furniture that starts with a
recognisable line (``本作品…``, ``责任编辑：``, ``相关报道：``…) and runs to
the end of the block in short lines. A date line closing the body
(``（2017年10月25日在…上的讲话）``) is read as the speech's date and occasion.

Every line read here is kept as a ``ParsedLine`` with its kind.
"""

from __future__ import annotations

from . import warnings as W
from .dates import parse_date_line, parse_publication_line
from .header import Header
from .lexicon import LICENCE_START_RE, SOURCE_RE, TRAILER_START_RE
from .linekinds import is_chrome
from .model import ParsedLine
from .normalize import Line

_TRAILER_LINE_MAX = 150


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
