"""Writes to the speeches app. Every entry point (upload page, API, command)
imports compilations through ``import_compilation``.
"""

import hashlib
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.text import slugify

from accounts.activity import record_activity
from accounts.models import Verb
from speeches.models import (
    Compilation,
    Paragraph,
    Section,
    Speaker,
    SpeakerAlias,
    Speech,
    parse_partial_date,
)
from speeches.parsing import PARSER_VERSION, ParsedCompilation, ParsedSection, ParsedSpeech
from speeches.parsing import parse_bytes as parse_file_bytes
from speeches.segmentation import search_tokens

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ImportResult:
    compilation: Compilation
    created: bool  # False: the same text was already imported; nothing was written


def parse_upload(*, data: bytes, filename: str) -> ParsedCompilation:
    """Parse uploaded bytes under the configured size limit.

    Raises ``speeches.parsing.ParseError`` naming the problem.
    """
    return parse_file_bytes(data, filename=filename, max_bytes=settings.MAX_UPLOAD_BYTES)


def default_title(parsed: ParsedCompilation) -> str:
    """A title for the compilation when the uploader gives none."""
    if len(parsed.speeches) == 1 and parsed.speeches[0].title:
        return parsed.speeches[0].title
    stem = parsed.source.rsplit(".", 1)[0] if parsed.source else ""
    return stem or (parsed.speeches[0].title if parsed.speeches else "")


def import_compilation(
    *,
    parsed: ParsedCompilation,
    size: int,
    user=None,
    title: str = "",
) -> ImportResult:
    """Write a parsed compilation, its speeches, sections and paragraphs.

    All rows are written in one transaction: a failure leaves nothing behind.
    The same normalized text imported again returns the existing compilation
    with ``created=False`` and writes nothing.
    """
    existing = Compilation.objects.filter(sha256=parsed.sha256).first()
    if existing is not None:
        return ImportResult(existing, created=False)

    # Segmentation is the slow part; do it before the transaction opens so
    # the database is locked only for the writes.
    tokens = [[search_tokens(p.text) for p in speech.paragraphs] for speech in parsed.speeches]
    try:
        with transaction.atomic():
            compilation = Compilation.objects.create(
                title=(title.strip() or default_title(parsed))[:300],
                source_name=parsed.source[:255],
                sha256=parsed.sha256,
                encoding=parsed.encoding,
                size=size,
                text=parsed.text,
                parser_version=PARSER_VERSION,
                uploaded_by=user if user is not None and user.is_authenticated else None,
            )
            for position, (speech, speech_tokens) in enumerate(
                zip(parsed.speeches, tokens, strict=True), start=1
            ):
                _create_speech(compilation, position, speech, speech_tokens)
            record_activity(
                actor=user,
                verb=Verb.IMPORT,
                target=compilation,
                summary=compilation.title,
                data={"speeches": len(parsed.speeches), "source": parsed.source},
            )
    except IntegrityError:
        # Someone imported the same text between our check and our insert.
        existing = Compilation.objects.filter(sha256=parsed.sha256).first()
        if existing is None:
            raise
        return ImportResult(existing, created=False)
    logger.info("imported compilation %s (%s speeches)", compilation.pk, len(parsed.speeches))
    return ImportResult(compilation, created=True)


def _create_speech(
    compilation: Compilation, position: int, parsed: ParsedSpeech, tokens: list[str]
) -> Speech:
    date, precision = parse_partial_date(parsed.date)
    published, published_precision = parse_partial_date(parsed.published)
    speech = Speech.objects.create(
        compilation=compilation,
        position=position,
        title=parsed.title[:500],
        speaker=link_speaker(name=parsed.speaker_name, printed=parsed.speaker_raw),
        speaker_raw=(parsed.speaker_raw or parsed.speaker_name or "")[:200],
        role=(parsed.role or "")[:100],
        event=(parsed.event or "")[:300],
        date=date,
        date_precision=precision,
        published_on=published,
        published_precision=published_precision,
        place=(parsed.place or "")[:200],
        salutation=(parsed.salutation or "")[:200],
        warnings=[
            {"line": w.line, "code": w.code, "message": w.message} for w in parsed.warnings
        ],
        line=parsed.line,
    )
    sections = _create_sections(speech, parsed.sections)
    section_for = _SectionResolver(sections)
    Paragraph.objects.bulk_create(
        Paragraph(
            speech=speech,
            section=section_for(tuple(paragraph.section_path), paragraph.line),
            position=number,
            text=paragraph.text,
            text_hash=text_hash(paragraph.text),
            heading_end=paragraph.heading_end,
            tokens=paragraph_tokens,
            line=paragraph.line,
        )
        for number, (paragraph, paragraph_tokens) in enumerate(
            zip(parsed.paragraphs, tokens, strict=True), start=1
        )
    )
    return speech


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _walk(
    sections: Iterable[ParsedSection], path: tuple[str, ...] = (), depth: int = 0
) -> Iterator[tuple[ParsedSection, tuple[str, ...], int]]:
    """Sections in document order with their marker paths and depths."""
    for section in sections:
        section_path = (*path, section.marker)
        yield section, section_path, depth
        yield from _walk(section.children, section_path, depth + 1)


def _create_sections(
    speech: Speech, parsed: list[ParsedSection]
) -> list[tuple[tuple[str, ...], int, Section]]:
    """Create the section tree; returns (marker path, line, row) in document order."""
    flat = list(_walk(parsed))
    rows: list[Section | None] = [None] * len(flat)
    parent_index: list[int | None] = []
    stack: list[int] = []
    for index, (_section, _path, depth) in enumerate(flat):
        del stack[depth:]
        parent_index.append(stack[-1] if stack else None)
        stack.append(index)
    # Parents must have primary keys before their children are inserted, so
    # the tree is written one depth at a time, each depth in one statement.
    for depth in sorted({d for _, _, d in flat}):
        batch = [i for i, (_, _, d) in enumerate(flat) if d == depth]
        created = Section.objects.bulk_create(
            Section(
                speech=speech,
                parent=rows[parent_index[i]] if parent_index[i] is not None else None,
                position=i + 1,
                level=flat[i][0].level,
                marker=flat[i][0].marker[:20],
                heading=flat[i][0].heading[:500],
                run_in=flat[i][0].run_in,
                merged_with_body=flat[i][0].merged_with_body,
            )
            for i in batch
        )
        for i, row in zip(batch, created, strict=True):
            rows[i] = row
    return [(path, section.line, rows[i]) for i, (section, path, _) in enumerate(flat)]


class _SectionResolver:
    """Finds the section a paragraph belongs to from its marker path.

    Markers repeat across a speech (every 一、 has its own 一是), so the
    path alone is ambiguous; the section meant is the latest one with that
    path that starts at or before the paragraph's line.
    """

    def __init__(self, sections: list[tuple[tuple[str, ...], int, Section]]):
        self.sections = sections
        self.next = 0
        self.latest: dict[tuple[str, ...], Section] = {}

    def __call__(self, path: tuple[str, ...], line: int) -> Section | None:
        if not path:
            return None
        while self.next < len(self.sections) and self.sections[self.next][1] <= line:
            section_path, _line, row = self.sections[self.next]
            self.latest[section_path] = row
            self.next += 1
        return self.latest.get(path)


def link_speaker(*, name: str | None, printed: str | None) -> Speaker | None:
    """The Speaker for a printed name, created on first sight.

    A name seen before, directly or as an alias, reuses that speaker (and
    the one it was merged into, if any); every printed form is kept as an
    alias. Role-only attributions (no name) link to no one.
    """
    if not name:
        return None
    speaker = (
        Speaker.objects.filter(name=name).first()
        or Speaker.objects.filter(aliases__name=name).first()
    )
    if speaker is None:
        speaker = Speaker.objects.create(name=name, slug=unique_speaker_slug(name))
    while speaker.merged_into_id is not None:
        speaker = speaker.merged_into
    for variant in {name, (printed or "").strip()}:
        if variant and variant != speaker.name:
            SpeakerAlias.objects.get_or_create(name=variant[:200], defaults={"speaker": speaker})
    return speaker


def unique_speaker_slug(name: str) -> str:
    base = slugify(name, allow_unicode=True)[:100] or "speaker"
    slug, n = base, 1
    while Speaker.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug
