"""The lines after a speech's body: trailer and closing date line.

Trailer: a licence notice or page furniture that starts with a
recognisable line (``本作品…``, ``责任编辑：``, ``相关报道：``…) and runs to
the end of the block in short lines. A date line closing the body
(``（2017年10月25日在…上的讲话）``), or a journal's note
(``这是…2023年4月10日在…上讲话的主要部分。``), is read as the speech's date
and occasion.

Every line read here is kept as a ``ParsedLine`` with its kind.
"""

from __future__ import annotations

import re

from . import warnings as W
from .dates import DateLine, find_date, parse_date_line, parse_publication_line
from .header import Header
from .lexicon import LICENCE_START_RE, SOURCE_RE, SPEECH_NOUN_RE, TRAILER_START_RE
from .linekinds import is_chrome
from .metadata import Speaker, parse_speaker
from .model import LineKind, ParsedLine
from .normalize import Line

_TRAILER_LINE_MAX = 150
# A bracketed note by an editor: （根据录音整理，未经本人审阅） （有删节）
# （小标题为编者所加）.
_EDITORS_NOTE_RE = re.compile(
    r"^[（(〔【\[][^（()）]{0,40}(?:整理|审阅|審閱|删节|刪節|编者|編者|原载|原載|转载|轉載|节选|節選)"
    r"[^（()）]{0,40}[)）〕】\]]$"
)
# 这是[SPEAKER]DATE[SPEAKER]在…上(的)讲话的(主要)部分。 — the closing note of a
# journal that prints part of a speech.
_CLOSING_NOTE_RE = re.compile(
    r"^[（(]?\s*(?:※\s*)?(?:这是|這是)(?P<said>.{6,120}?(?:上|时|時|期间|期間)的?"
    + SPEECH_NOUN_RE
    + r")的?(?:一部分|主要部分|部分内容|部分|要点|要點|节选|節選|摘要|摘编|摘編)?"
    r"\s*[。.]?\s*[)）]?$"
)


def split_trailer(body: list[Line], header: Header) -> list[Line]:
    """Set aside a licence notice or page furniture after the body.

    Returns the body without it; the trailer's lines go to
    ``header.trailer`` (a publication line there also sets ``published``).
    """
    start = len(body)
    # Page furniture at the very end (打印 / 关闭 / 分享…) and an editor's
    # note (（根据录音整理，未经本人审阅）), line by line.
    while start > 1 and _is_closing_furniture(body[start - 1].text):
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
            kind = LineKind.PUBLICATION
        elif is_licence:
            kind = LineKind.LICENCE
        elif is_chrome(line.text):
            kind = LineKind.CHROME
        elif SOURCE_RE.match(line.text):
            kind = LineKind.SOURCE
        elif _EDITORS_NOTE_RE.match(line.text):
            kind = LineKind.NOTE
        else:
            kind = LineKind.TRAILER
        header.trailer.append(ParsedLine(line.number, line.text, kind))
    header.warnings.append(
        W.make(body[start].number, "trailer-set-aside", count=len(body) - start)
    )
    return body[:start]


def _is_closing_furniture(text: str) -> bool:
    return is_chrome(text) or bool(SOURCE_RE.match(text) or _EDITORS_NOTE_RE.match(text))


def parse_closing_note(text: str) -> tuple[DateLine, Speaker | None] | None:
    """Read an editor's note that says what the text is a part of.

    ``这是王立新同志2023年4月10日在全省…会议上讲话的主要部分。`` gives the
    date, the occasion (``在全省…会议上讲话``) and the speaker. The date and
    the occasion must both be there; returns None otherwise.
    """
    match = _CLOSING_NOTE_RE.match(text.strip())
    if match is None:
        return None
    found = find_date(match["said"])
    occasion = match["said"].rfind("在")
    if found is None or occasion < found.end:
        return None
    speaker_text = (match["said"][: found.start] + match["said"][found.end : occasion]).strip()
    speaker = parse_speaker(speaker_text) if speaker_text else None
    rest = match["said"][occasion:]
    return DateLine(found.value, rest, bracketed=False, dashed=False), speaker


def _signature_above(body: list[Line], parsed: DateLine | None) -> Speaker | None:
    """The signer, when a byline stands just above a closing date line."""
    if parsed is None or not parsed.date or len(body) < 3:
        return None
    text = body[-2].text
    speaker = parse_speaker(text) if len(text) <= 40 else None
    if speaker is None or not speaker.name:
        return None
    return speaker


def take_closing_date(body: list[Line], header: Header) -> list[Line]:
    """Read a date line or an editor's note that closes the body (an
    anthology's dateline, a journal's ``这是…讲话的一部分。``)."""
    if len(body) < 2:
        return body
    last = body[-1]
    note = parse_closing_note(last.text)
    if note is not None:
        header.closing_date, speaker = note
        if speaker is not None and speaker.name:
            header.bylines.append(speaker)
        header.trailer.insert(0, ParsedLine(last.number, last.text, LineKind.OCCASION))
        return body[:-1]
    parsed = parse_date_line(last.text)
    signature = _signature_above(body, parsed)
    if signature is not None:
        # A letter signed at its foot: 中华人民共和国主席　习近平 /
        # 2018年1月22日于北京.
        header.bylines.append(signature)
        header.closing_date = parsed
        header.trailer.insert(0, ParsedLine(last.number, last.text, LineKind.DATE))
        header.trailer.insert(0, ParsedLine(body[-2].number, body[-2].text, LineKind.BYLINE))
        return body[:-2]
    if parsed is None or not (parsed.bracketed or parsed.dashed or not parsed.rest):
        return body
    header.closing_date = parsed
    kind = LineKind.OCCASION if parsed.rest else LineKind.DATE
    header.trailer.insert(0, ParsedLine(last.number, last.text, kind))
    if parsed.date is None:
        header.warnings.append(W.make(last.number, "unreadable-date", text=last.text[:30]))
    return body[:-1]
