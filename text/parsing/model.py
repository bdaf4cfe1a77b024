"""Plain objects the parser returns (no Django here).

``to_dict()`` gives the JSON shape of docs/parsing.md; keys beyond it (paragraph
``line``, speaker ``raw``, ``meta_lines`` …) are extras that readers of the
JSON may ignore.

Every normalized line of the input ends up in exactly one place: a
paragraph, a standalone heading (``ParsedSection.source_text``) or a
``ParsedLine`` in ``meta_lines`` (title, date line, byline, web chrome,
licence notice…). Nothing is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


@dataclass(frozen=True)
class ParseWarning:
    """Something a person should look at; never stops an import."""

    line: int
    code: str
    message: str
    # The values filled into the message (count=3, marker="三、"), so that a
    # reader in another language can word the same warning.
    params: tuple[tuple[str, str | int], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "code": self.code,
            "message": self.message,
            "params": dict(self.params),
        }


class LineKind(StrEnum):
    """What a line that is not body text was read as (a ``ParsedLine``'s kind).

    The values are the JSON's ``kind`` strings (docs/parsing.md); a StrEnum
    compares equal to them.
    """

    MARKER = "marker"
    TITLE = "title"
    TITLE_REPEAT = "title-repeat"
    ARTICLE_TITLE = "article-title"
    SUBTITLE = "subtitle"
    DATE = "date"
    PUBLICATION = "publication"
    BYLINE = "byline"
    PLACE = "place"
    # 会议：… (as the text export writes it).
    EVENT = "event"
    SALUTATION = "salutation"
    NOTE = "note"
    SOURCE = "source"
    CAPTION = "caption"
    CHROME = "chrome"
    # An unrecognised header line, with a warning.
    HEADER_LINE = "header-line"
    # A closing date line.
    OCCASION = "occasion"
    LICENCE = "licence"
    TRAILER = "trailer"
    # Text before the first excerpt of an anthology.
    PREAMBLE = "preamble"
    # A printed document's page numbers, running heads, table of contents and
    # rows of stars.
    PAGE_NUMBER = "page-number"
    # A book's repeated page header (the volume's or chapter's title on every
    # page, often beside the page number).
    RUNNING_HEAD = "running-head"
    TOC = "toc"
    DIVIDER = "divider"
    # What ``linekinds.classify`` says of a line that looks like a date but
    # does not read as one: kept as a DATE line, with a warning.
    UNREADABLE_DATE = "unreadable-date"
    # An office alone above the name it belongs to (国务院总理 / 李强), or
    # labelled (职务：市长, as the text export writes it): kept as a BYLINE
    # line; the office goes to the name below, and a labelled one wins over
    # the title.
    ROLE = "role"
    # The rest of an occasion a date line left open (在…人民代表 /
    # 大会第四次会议上): kept as a DATE line.
    DATE_CONTINUED = "date-continued"


@dataclass(frozen=True)
class ParsedLine:
    """A line that is not body text, kept verbatim with what it was read as
    (``kind``, a :class:`LineKind`; a plain string is taken for its member)."""

    line: int
    text: str
    kind: LineKind

    def __post_init__(self) -> None:
        # An unknown kind is a bug of the parser: refused here, not written out.
        object.__setattr__(self, "kind", LineKind(self.kind))

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line, "text": self.text, "kind": self.kind.value}


@dataclass
class ParsedSection:
    """A heading and what it holds.

    ``marker`` is the numbering as printed (``一、``, ``（一）``, ``第一，``);
    it is ``""`` for an unnumbered heading line. ``level`` is relative to the
    speech (its outermost sections are level 1). ``run_in`` is true when the
    heading opens a paragraph that goes on with body text; ``merged_with_body``
    is true when the heading runs into the body with no punctuation, so where
    it ends is a guess (a warning says so). ``source_text`` is the heading
    line as printed for a standalone heading (None for run-in and merged
    headings, whose text lives in their paragraph).
    """

    marker: str
    heading: str
    level: int
    line: int
    run_in: bool = False
    merged_with_body: bool = False
    is_point: bool = False
    # An appendix part after the text (附件1, 名词解释): listed in the JSON
    # under ``appendices``, apart from the text's own sections.
    appendix: bool = False
    source_text: str | None = None
    children: list[ParsedSection] = field(default_factory=list)

    @property
    def key(self) -> str:
        """The element of ``section_path`` naming this section."""
        return self.marker or self.heading

    def to_dict(self) -> dict[str, Any]:
        return {
            "marker": self.marker,
            "heading": self.heading,
            "level": self.level,
            "run_in": self.run_in,
            "merged_with_body": self.merged_with_body,
            "line": self.line,
            "children": [child.to_dict() for child in self.children],
        }


@dataclass(frozen=True)
class ParsedParagraph:
    """A paragraph of body text, verbatim (page-break lines joined).

    ``section_path`` holds the keys (markers) of the sections containing it,
    outermost first. ``heading_end`` is set when the paragraph opens with a
    run-in or merged heading: ``text[:heading_end]`` is the marker, the
    heading and its closing punctuation, so a reader can set it in bold.
    """

    text: str
    section_path: tuple[str, ...]
    line: int
    heading_end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "section_path": list(self.section_path),
            "line": self.line,
            "heading_end": self.heading_end,
        }


@dataclass
class ParsedSpeech:
    """One speech of a compilation, with what its header says about it.

    ``date`` and ``published`` are ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``
    (the length is the precision) or None. ``speaker_raw`` is the speaker
    as printed (``王萍市长``, ``北京市市长 殷勇``). Fields are None when the
    text does not state them: nothing is guessed.
    """

    ordinal: int
    line: int
    title: str | None = None
    subtitle: str | None = None
    speaker_name: str | None = None
    speaker_raw: str | None = None
    role: str | None = None
    event: str | None = None
    date: str | None = None
    published: str | None = None
    place: str | None = None
    salutation: str | None = None
    # True when the text prints no title and ``title`` was made from what
    # the parse knows (see ``titles.derive_title``).
    title_derived: bool = False
    sections: list[ParsedSection] = field(default_factory=list)
    paragraphs: list[ParsedParagraph] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)
    meta_lines: list[ParsedLine] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "ordinal": self.ordinal,
            "line": self.line,
            "title": self.title,
            "title_derived": self.title_derived,
            "subtitle": self.subtitle,
            "speaker": {"name": self.speaker_name, "role": self.role, "raw": self.speaker_raw},
            "event": self.event,
            "date": self.date,
            "published": self.published,
            "place": self.place,
            "salutation": self.salutation,
            "sections": [section.to_dict() for section in self.sections if not section.appendix],
            "appendices": [section.to_dict() for section in self.sections if section.appendix],
            "paragraphs": [paragraph.to_dict() for paragraph in self.paragraphs],
            "warnings": [warning.to_dict() for warning in self.warnings],
            "meta_lines": [meta.to_dict() for meta in self.meta_lines],
        }


@dataclass
class ParsedCompilation:
    """A parsed file: its normalized text and the speeches in it.

    ``text`` is the normalized text (kept lines joined by ``\\n``) and
    ``sha256`` the hex digest of its UTF-8 bytes, so re-importing the same
    text can be recognised. ``title``, ``published`` and ``meta_lines``
    describe what stands outside every speech (a page title, web chrome).
    """

    source: str
    encoding: str
    text: str
    sha256: str
    speeches: list[ParsedSpeech] = field(default_factory=list)
    title: str | None = None
    published: str | None = None
    meta_lines: list[ParsedLine] = field(default_factory=list)
    parser_version: str = ""

    def kept_texts(self) -> list[str]:
        """Every text this parse keeps, in no particular order.

        Meta lines, paragraphs and standalone headings: together they hold
        each non-whitespace character of ``text`` exactly once, which is
        how "no text is ever lost" can be checked.
        """
        texts = [meta.text for meta in self.meta_lines]
        for speech in self.speeches:
            texts.extend(meta.text for meta in speech.meta_lines)
            texts.extend(paragraph.text for paragraph in speech.paragraphs)
            pending = list(speech.sections)
            while pending:
                section = pending.pop()
                pending.extend(section.children)
                if section.source_text is not None:
                    texts.append(section.source_text)
        return texts

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "encoding": self.encoding,
            "sha256": self.sha256,
            "parser_version": self.parser_version,
            "title": self.title,
            "published": self.published,
            "speeches": [speech.to_dict() for speech in self.speeches],
            "meta_lines": [meta.to_dict() for meta in self.meta_lines],
        }
