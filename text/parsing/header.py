"""The header block of a speech: the lines before its body.

In any order after the title:

- the title, possibly over two lines, or given by the 第X篇 marker; a
  ``文章标题：TITLE`` line; a line repeating the title;
- a subtitle ``——在…会议上的报告``;
- date lines ``(2024年11月17日)``, ``——2026年1月25日在…会议上``,
  ``二〇二六年一月二十七日``;
- publication lines ``发布时间：2024-08-14来源：作者：``, ``时间：…``;
- source, editor and photo-caption lines, web-page furniture; the book a
  text was taken from (``《邓小平文选》第三卷``), which names its author;
- a byline ``王 萍``, ``习　近　平``, ``北京市市长 殷勇``;
- a salutation ``同志们：`` (or over two lines), which ends the header.

Every line read here is kept as a ``ParsedLine`` with its kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from . import warnings as W
from .dates import DateLine, parse_date_line
from .lexicon import SPEECH_NOUN_RE
from .linekinds import (
    ROLE_LABEL_RE,
    SPEAKER_LABEL_RE,
    UNKNOWN_HEADER_MAX,
    HeaderLine,
    classify,
    compact,
    is_salutation,
    is_title_like,
    read_header_line,
)
from .markers import match_marker
from .metadata import (
    Speaker,
    occasion_from_line,
    occasion_from_title,
    split_trailing_byline,
)
from .model import LineKind, ParsedLine, ParseWarning
from .normalize import Line

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
    # What labelled lines say (讲话人：, 职务：, 会议：): it wins over the title.
    labelled_speaker: Speaker | None = None
    labelled_role: str | None = None
    labelled_event: str | None = None
    # An office printed alone above the name it belongs to (国务院总理 / 李强).
    pending_role: str | None = None
    # The authors collected-works titles alone on their lines name
    # (《邓小平文选》第三卷): the speaker when nothing else names one.
    collection_authors: list[Speaker] = field(default_factory=list)
    closing_date: DateLine | None = None
    meta: list[ParsedLine] = field(default_factory=list)
    trailer: list[ParsedLine] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)


# How many lines below the title the header may reach, and how many lines
# of a salutation addressed to several guests (尊敬的…， / … / 女士们，先生们：).
HEADER_SCAN = 16
_SALUTATION_LINES_MAX = 8
# A news lead above the text, a paragraph or three, before the title is
# printed again.
_LEAD_MAX = 3
_LABEL_ONLY_RE = re.compile(r"^[^：:]{1,8}[：:]$")


def read_header(lines: list[Line], *, title: str | None) -> tuple[Header, list[Line]]:
    """Read the header block at the top of ``lines``; returns (header, body).

    ``title`` is the title a 第X篇 marker gave, if any. Without it the first
    title-like line after any web-page furniture is the title.

    The header runs to the salutation when one follows within
    ``HEADER_SCAN`` lines, else to its last recognised line. Between the
    title and the body a page may print a near-repeat of the title, a photo
    caption, a column title or a news lead: an unrecognised short line is
    kept as a header line (with a warning), and a paragraph (a news lead)
    only when the header starts again below it (the title repeated, a
    salutation). A numbered line always starts the body.
    """
    header = Header(title=title)
    start = _read_title(lines, header) if title is None else 0
    end, salutation, scanned = _header_end(lines, start, header.title)
    # The lines up to ``end`` were read in scanning (each read depends only
    # on the lines above it), so they are not read again.
    reads = scanned[: end - start]
    for line, read in zip(lines[start:end], reads, strict=True):
        if read is None:
            header.meta.append(ParsedLine(line.number, line.text, LineKind.HEADER_LINE))
            header.warnings.append(W.make(line.number, "header-line", text=line.text[:30]))
        else:
            _take(header, line, read)
    if salutation:
        taken = lines[end : end + salutation]
        for line in taken:
            header.meta.append(ParsedLine(line.number, line.text, LineKind.SALUTATION))
        header.salutation = "".join(line.text for line in taken)
        end += salutation
    return header, lines[end:]


def _header_end(
    lines: list[Line], start: int, title: str | None
) -> tuple[int, int, list[HeaderLine | None]]:
    """Where the header below the title ends: (end, salutation lines, the
    lines from ``start`` read, at least to ``end``).

    The salutation's lines, if any, follow ``end``.
    """
    last = start
    lead = 0
    limit = min(len(lines), start + HEADER_SCAN)
    reads = _read_lines(lines, start, limit, title)
    for offset, read in enumerate(reads):
        index = start + offset
        span = _salutation_span(lines, index)
        if span and lead <= 1:
            return index, span, reads
        if span:
            break
        text = lines[index].text
        if read is None:
            if match_marker(text) is not None and parse_date_line(text) is None:
                break
            if _reads_as_paragraph(text):
                lead += 1
                if lead > _LEAD_MAX:
                    break
            continue
        if read.kind == LineKind.TITLE_REPEAT:
            # The header starts again below a news lead.
            lead = 0
        if not lead:
            last = index + 1
    return last, 0, reads


def _reads_as_paragraph(text: str) -> bool:
    """A line of running text rather than a header line."""
    return len(text) > UNKNOWN_HEADER_MAX or text[-1] in "。！？!?…"


def _read_lines(
    lines: list[Line], start: int, end: int, title: str | None
) -> list[HeaderLine | None]:
    """The header lines ``lines[start:end]`` read, in context.

    A label printed alone (来源： / 发表时间：) has its value on the next
    line, which is furniture of the label's kind; a date line whose
    occasion is cut (在…人民代表 / 大会第四次会议上) goes on on the next line.
    """
    reads: list[HeaderLine | None] = []
    previous: HeaderLine | None = None
    previous_text = ""
    for line in lines[start:end]:
        read = read_header_line(line.text, title)
        if (
            read is None
            and previous is not None
            and previous.kind in (LineKind.SOURCE, LineKind.PUBLICATION, LineKind.CHROME)
            and _LABEL_ONLY_RE.match(previous_text)
            and len(line.text) <= UNKNOWN_HEADER_MAX
        ):
            kind = LineKind.SOURCE if previous.kind == LineKind.SOURCE else LineKind.CHROME
            read = HeaderLine(kind)
        elif (
            read is None
            and previous is not None
            and previous.kind == LineKind.DATE
            and _continues_occasion(previous_text, line.text)
        ):
            read = HeaderLine(LineKind.DATE_CONTINUED)
        reads.append(read)
        previous, previous_text = read, line.text
    return reads


def _continues_occasion(date_text: str, text: str) -> bool:
    """``text`` closes the occasion a date line left open."""
    parsed = parse_date_line(date_text)
    if parsed is None or not parsed.rest or len(text) > UNKNOWN_HEADER_MAX:
        return False
    return bool(_OPEN_OCCASION_RE.search(parsed.rest)) and bool(
        occasion_from_line(parsed.rest + text).event
    )


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
        if kind in ("date", "salutation", "subtitle", "byline", "role") or not is_title_like(
            line.text
        ):
            # A byline is never the title: the text prints none.
            return index
        if _is_crumb(lines, index):
            # A breadcrumb printed one crumb a line: 首页 / > / 政务信息 / >
            _take(header, line, HeaderLine(LineKind.CHROME))
            index += 1
            continue
        # A site's column tag is not part of the title: 【领导讲话】在…上的讲话
        header.title = _COLUMN_TAG_RE.sub("", line.text, count=1)
        header.meta.append(ParsedLine(line.number, line.text, LineKind.TITLE))
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
            header.meta.append(ParsedLine(candidate.number, candidate.text, LineKind.TITLE))
            index += 1
            taken += 1
        return index
    return index


_CRUMB_SEPARATORS = frozenset({">", ">>", "＞", "＞＞", "»", "›", "/", "／", "→"})
_CRUMB_MAX = 16


def _is_crumb(lines: list[Line], index: int) -> bool:
    """A short line between breadcrumb separators printed on lines of their own."""
    if len(lines[index].text) > _CRUMB_MAX:
        return False
    neighbours = lines[max(0, index - 1) : index] + lines[index + 1 : index + 2]
    return any(compact(line.text) in _CRUMB_SEPARATORS for line in neighbours)


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
    """How many lines the salutation at ``index`` takes: 0, 1 or more
    (``尊敬的各位嘉宾，`` over ``女士们，先生们：``; a list of guests, one a
    line, each ending in a comma)."""
    if is_salutation(lines[index].text):
        return 1
    end = index
    while (
        end < len(lines)
        and end - index < _SALUTATION_LINES_MAX
        and is_salutation(lines[end].text, ends="，,")
    ):
        end += 1
    if end > index and end < len(lines) and is_salutation(lines[end].text):
        return end - index + 1
    return 0


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
            # Date, meeting and byline on one line: …会议上 陕西省省长 赵刚
            rest, speaker = split_trailing_byline(parsed.rest)
            if speaker is not None:
                parsed = replace(parsed, rest=rest)
                header.bylines.append(speaker)
            header.date_lines.append(parsed)
            if parsed.date is None:
                header.warnings.append(W.make(line.number, "unreadable-date", text=text[:30]))
    elif kind == "date-continued":
        # The occasion a date line left open: join it to that line's rest.
        meta_kind = LineKind.DATE
        if header.date_lines:
            last = header.date_lines[-1]
            header.date_lines[-1] = replace(last, rest=last.rest + text)
    elif kind == "role":
        meta_kind = LineKind.BYLINE
        header.pending_role = value
        if ROLE_LABEL_RE.match(text):
            header.labelled_role = header.labelled_role or value
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
        if speaker is not None and speaker.role is None and header.pending_role:
            role = header.pending_role
            speaker = Speaker(speaker.name, role, f"{role} {speaker.raw}")
        if speaker is not None:
            header.bylines.append(speaker)
            if SPEAKER_LABEL_RE.match(text):
                header.labelled_speaker = header.labelled_speaker or speaker
        header.pending_role = None
    elif kind == "source":
        if value is not None:
            header.collection_authors.append(value)
    elif kind == "place":
        header.place = header.place or value
    elif kind == "event":
        header.labelled_event = header.labelled_event or value
    header.meta.append(ParsedLine(line.number, text, meta_kind))
