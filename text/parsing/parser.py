"""The entry points: bytes or text in, a ParsedCompilation out.

Parsing is a pure function of its input: no Django, no database, no files
other than the bytes given.
"""

from __future__ import annotations

import os
import re

from . import warnings as W
from .blocks import Block
from .decode import ZIP_MAGIC, check_size, decode_bytes
from .docx import docx_to_text
from .errors import ParseError
from .furniture import set_aside_furniture
from .header import Header, read_header
from .linekinds import is_title_like
from .metadata import (
    Occasion,
    Speaker,
    collected_works_author,
    occasion_from_line,
    occasion_from_title,
    parse_speaker,
    place_from_line,
    sole_author,
    speaker_from_report_title,
    speaker_from_subtitle,
)
from .model import LineKind, ParsedCompilation, ParsedLine, ParsedSpeech
from .normalize import Line, joined_text, normalize_lines, text_sha256
from .sections import build_body
from .sentences import ends_sentence
from .split import split_blocks
from .titles import derive_title
from .trailer import split_trailer, take_closing_date

# Bumped whenever the same text may parse differently, so stored imports
# and pending preview corrections can tell which rules made them.
# 2: formats beyond the shared samples (furniture, anthologies without
# numbers, unmarked speech collections, point headings, list items…).
# 3: running heads set aside; a paren series outer to 一、 when it goes on
# past it; headings ending in 方向/目的….
# 4: a scanned volume's footnote is never a line of the next piece's title.
# 5: a collected-works title alone on a line (《邓小平文选》第三卷) names
# the speaker of the speeches below it that name none; a Word file is read
# as Word shows it (its list numbering written out, wrapped runs kept); a
# subtitle that is the speech's title line (周明同志在…上的讲话) names its speaker.
# 6: source lines naming the book (摘自《…》, 《…》第三卷，…出版社…年版), a
# book line under an excerpt's theme heading (set aside, not text) and one
# under the first excerpt's number name the author; an
# unnumbered opening part no longer holds the announced series of the
# part after it; 一， before a short heading is a marker (六、七两个月 a
# range); a portal's navigation words above the title are chrome.
# 7: control characters (the DOS end-of-file mark, C1) dropped as invisible.
PARSER_VERSION = "7"
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def parse_bytes(
    data: bytes, *, filename: str, max_bytes: int = DEFAULT_MAX_BYTES
) -> ParsedCompilation:
    """Parse an uploaded file.

    A zip archive (or a file named ``.docx``) is read as a Word document;
    anything else as text in a detected encoding. Raises :class:`ParseError`
    for input that is refused (see ``errors.MESSAGES``).
    """
    source = os.path.basename(filename)
    check_size(data, max_bytes)
    if data.startswith(ZIP_MAGIC) or source.lower().endswith(".docx"):
        text = docx_to_text(data, max_bytes=max_bytes)
        encoding = "docx"
    else:
        text, encoding = decode_bytes(data, max_bytes=max_bytes)
    return parse_text(text, source=source, encoding=encoding)


def parse_text(text: str, *, source: str = "", encoding: str = "utf-8") -> ParsedCompilation:
    """Parse decoded text into speeches.

    Raises :class:`ParseError` ("no-text") when nothing but white space and
    invisible characters is left after normalization.
    """
    lines = normalize_lines(text)
    if not lines:
        raise ParseError("no-text")
    normalized = joined_text(lines)
    compilation = ParsedCompilation(
        source=source,
        encoding=encoding,
        text=normalized,
        sha256=text_sha256(normalized),
        parser_version=PARSER_VERSION,
    )
    lines, furniture = set_aside_furniture(lines)
    compilation.meta_lines.extend(furniture)
    layout, blocks = split_blocks(lines)
    previous_number: int | None = None
    author: Speaker | None = None
    for block in blocks:
        if block.kind == "preamble":
            if block.lines:
                author = _read_preamble(block, compilation, as_speech=layout == "marked")
            continue
        speech = _read_speech(block, ordinal=len(compilation.speeches) + 1)
        if block.kind == "excerpt":
            _drop_theme_numbering_warnings(speech)
        if block.kind == "marked" and block.number is not None:
            expected = previous_number + 1 if previous_number is not None else block.number
            if block.number != expected and block.marker is not None:
                speech.warnings.insert(
                    0,
                    W.make(
                        block.marker.number,
                        "speech-marker-skip",
                        marker=block.marker.text[:10],
                        expected=expected,
                    ),
                )
            previous_number = block.number
        compilation.speeches.append(speech)
    if author is None and layout == "excerpts":
        author = _first_excerpt_book(compilation.speeches)
    if author is not None:
        # 《习近平谈治国理政》第三卷 above the excerpts: the book's author spoke
        # every one that names no speaker of its own.
        for speech in compilation.speeches:
            _take_collection_author(speech, author)
    if layout == "excerpts":
        _share_page_publication(compilation)
    elif compilation.published:
        # A publication line above the first speech dates the page, and so
        # every speech printed on it that has no date of its own.
        for speech in compilation.speeches:
            speech.published = speech.published or compilation.published
    return compilation


# An editor's note before the first speech ("以下是…整理的…，欢迎阅读。") is
# one short paragraph; a speech has a salutation, sections or more text.
PREAMBLE_NOTE_MAX = 200


def _read_preamble(
    block: Block, compilation: ParsedCompilation, *, as_speech: bool
) -> Speaker | None:
    """Text before the first speech: a speech when it has a body (and the
    layout allows), otherwise the compilation's title, an editor's note and
    page furniture.

    Returns the author collected-works titles alone on lines of that text
    name (``《邓小平文选》第三卷``), the speaker of every speech that names
    none; None when they name none or several (a list of books) or the text
    is a speech (whose own header then took the title).
    """
    if as_speech:
        speech = _read_speech(block, ordinal=1)
        size = sum(len(paragraph.text) for paragraph in speech.paragraphs)
        if speech.sections or (
            speech.paragraphs
            and (speech.salutation or len(speech.paragraphs) > 1 or size > PREAMBLE_NOTE_MAX)
        ):
            compilation.speeches.append(speech)
            return None
    header, body = read_header(block.lines, title=None)
    compilation.title = header.title
    compilation.published = compilation.published or header.published
    compilation.meta_lines.extend(header.meta)
    compilation.meta_lines.extend(
        ParsedLine(line.number, line.text, LineKind.PREAMBLE) for line in body
    )
    compilation.meta_lines.sort(key=lambda meta: meta.line)
    # The title may stand below an editor's note the header reading stopped at.
    in_body = (collected_works_author(line.text) for line in body)
    return sole_author(header.collection_authors + [author for author in in_body if author])


def _read_speech(block: Block, *, ordinal: int) -> ParsedSpeech:
    lines = list(block.lines)
    meta: list[ParsedLine] = []
    if block.marker is not None:
        meta.append(ParsedLine(block.marker.number, block.marker.text, LineKind.MARKER))
    title = block.marker_title
    if block.kind == "marked" and title is None and lines and is_title_like(lines[0].text):
        # "第一篇" alone on its line: the title is the next line.
        title = lines[0].text
        meta.append(ParsedLine(lines[0].number, lines[0].text, LineKind.TITLE))
        lines = lines[1:]
    header, body_lines = read_header(lines, title=title)
    if block.kind == "excerpt":
        body_lines = _take_book_lines(body_lines, header)
    body_lines = split_trailer(body_lines, header)
    body_lines = take_closing_date(body_lines, header)
    body = build_body(body_lines)

    first_line = block.marker.number if block.marker else (lines[0].number if lines else 0)
    speech = ParsedSpeech(ordinal=ordinal, line=first_line)
    speech.sections = body.sections
    speech.paragraphs = body.paragraphs
    speech.meta_lines = sorted(meta + header.meta + header.trailer, key=lambda m: m.line)
    _fill_metadata(speech, header)

    warnings = list(header.warnings) + list(body.warnings)
    if not speech.title:
        # The warning stays: a person should still look for the real title.
        warnings.append(W.make(first_line, "no-title"))
        speech.title = derive_title(speech)
        speech.title_derived = True
    if not speech.paragraphs and not speech.sections:
        warnings.append(W.make(first_line, "no-body"))
    elif (
        speech.paragraphs
        and not ends_sentence(speech.paragraphs[-1].text)
        # The speech ends with that paragraph, not with a heading.
        and speech.paragraphs[-1].text.endswith(body_lines[-1].text)
    ):
        warnings.append(W.make(body_lines[-1].number, "ends-mid-sentence"))
    speech.warnings = sorted(warnings, key=lambda warning: warning.line)
    return speech


# A heading an excerpt's book line may stand under: 一、坚定理想信念, a
# theme printed alone (short, no stop).
_HEADING_LINE_MAX = 40


def _take_book_lines(lines: list[Line], header: Header) -> list[Line]:
    """An excerpt's book line below its theme heading (``一、坚定理想信念`` /
    ``《习近平谈治国理政》第二卷`` / the text) or first in its body is the
    excerpt's source, not text: it is set aside as a source line and names
    the excerpt's author, as it does in a header."""
    kept: list[Line] = []
    for index, line in enumerate(lines):
        author = collected_works_author(line.text)
        if author is not None and (index == 0 or _is_heading_line(lines[index - 1].text)):
            header.meta.append(ParsedLine(line.number, line.text, LineKind.SOURCE))
            header.collection_authors.append(author)
            continue
        kept.append(line)
    return kept


def _is_heading_line(text: str) -> bool:
    return (
        len(text) <= _HEADING_LINE_MAX
        and not ends_sentence(text)
        and text[-1] not in "，,、；;：:"
    )


def _fill_metadata(speech: ParsedSpeech, header: Header) -> None:
    """Title, speaker, event, date and place from what the header read."""
    closing = header.closing_date
    title = header.title
    if not title and closing is not None and closing.rest:
        # An anthology names each excerpt by its occasion.
        title = closing.rest
    speech.title = title
    speech.subtitle = header.subtitle
    speech.salutation = header.salutation
    speech.published = header.published

    from_title = occasion_from_title(header.title) if header.title else Occasion(None, None, "")
    # A subtitle that is a speech's own title line (周明同志在全市人大工作会议上的
    # 讲话, with or without a dash before it) under a main title or a page's
    # name: its speaker and meeting, after the title's, a byline's and the
    # date lines'.
    from_subtitle = speaker_from_subtitle(header.subtitle) if header.subtitle else None
    date_lines = list(header.date_lines) + ([closing] if closing is not None else [])

    speech.date = next((line.date for line in date_lines if line.date), None) or from_title.date

    event = header.labelled_event or from_title.event
    for rest in [line.rest for line in date_lines] + header.occasion_lines:
        if event:
            break
        event = occasion_from_line(rest).event
    speech.event = event or (from_subtitle[1] if from_subtitle else None)

    speech.place = header.place or next(
        (place for place in (place_from_line(line.rest) for line in date_lines) if place), None
    )

    title_speaker = parse_speaker(from_title.speaker_text) if from_title.speaker_text else None
    byline = next((speaker for speaker in header.bylines if speaker.name), None)
    if title_speaker is None and byline is None and from_subtitle is not None:
        title_speaker = from_subtitle[0]
    if title_speaker is None and byline is None and header.title:
        # A news report's title: 习近平出席…会议并发表重要讲话.
        title_speaker = speaker_from_report_title(header.title)
    speech.speaker_name = (byline.name if byline else None) or (
        title_speaker.name if title_speaker else None
    )
    speech.role = (title_speaker.role if title_speaker else None) or (
        byline.role if byline else None
    )
    if title_speaker is not None and (title_speaker.name or byline is None):
        speech.speaker_raw = title_speaker.raw
    elif byline is not None:
        speech.speaker_raw = byline.raw
    labelled = header.labelled_speaker
    if labelled is not None or header.labelled_role:
        # 讲话人：/职务： lines say who spoke outright; the title only guessed.
        speech.speaker_name = labelled.name if labelled else None
        speech.role = header.labelled_role or (labelled.role if labelled else None)
        speech.speaker_raw = " ".join(
            part for part in (speech.role, speech.speaker_name) if part
        ) or None
    author = sole_author(header.collection_authors)
    if author is not None:
        _take_collection_author(speech, author)


# A line that cites a work: 《…》, ——《…》, 摘自《…》, 来源：《…》.
_CITES_A_WORK_RE = re.compile(r"^(?:[—―-]{1,2}|摘自|选自|来源[：:])?\s*《[^》]+》")
_BOOK_LINE_KINDS = (LineKind.SOURCE, LineKind.TITLE, LineKind.SUBTITLE)


def _first_excerpt_book(speeches: list[ParsedSpeech]) -> Speaker | None:
    """The author of the book a page of excerpts names under its first
    number only (``一`` / ``《习近平谈治国理政》第三卷`` / the text): the page's
    source line, printed below the number instead of above it, so the
    author of every excerpt. None when a later excerpt prints a book of its
    own, whoever wrote it (an anthology of several authors, a newspaper:
    each excerpt then names its own source)."""
    if not speeches:
        return None

    def sources(speech: ParsedSpeech) -> list[str]:
        # A later excerpt's book line may have been read as its title or
        # subtitle (《十八大以来重要文献选编》上, ——《人民日报》…): still a book.
        return [
            meta.text for meta in speech.meta_lines
            if meta.kind in _BOOK_LINE_KINDS and _CITES_A_WORK_RE.match(meta.text)
        ]

    if any(sources(speech) for speech in speeches[1:]):
        return None
    found = (collected_works_author(text) for text in sources(speeches[0]))
    return sole_author([author for author in found if author is not None])


def _take_collection_author(speech: ParsedSpeech, author: Speaker) -> None:
    """The author of the book a speech was taken from is its speaker when
    the speech names none: a byline, a title or a label printed for the
    speech wins."""
    if speech.speaker_name is None:
        speech.speaker_name = author.name
        speech.speaker_raw = speech.speaker_raw or author.raw
        if speech.title_derived:
            # A title made up from the text names its speaker (邓小平：…), wherever
            # the book's line stood: in the speech's header or above the excerpts.
            speech.title = derive_title(speech)


def _drop_theme_numbering_warnings(speech: ParsedSpeech) -> None:
    """An anthology numbers its themes across excerpts (一、 heads the first
    excerpt, 二、 a later one): a gap between an excerpt's outer headings is
    not a missing heading."""
    outer = {section.line for section in speech.sections}
    speech.warnings = [
        warning
        for warning in speech.warnings
        if not (warning.code in ("marker-skip", "marker-order") and warning.line in outer)
    ]


def _share_page_publication(compilation: ParsedCompilation) -> None:
    """In an anthology page, the page's publication date is every excerpt's."""
    published = compilation.published or next(
        (speech.published for speech in compilation.speeches if speech.published), None
    )
    compilation.published = published
    for speech in compilation.speeches:
        speech.published = speech.published or published

