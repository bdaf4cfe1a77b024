"""Writes to the speeches app. Every entry point (upload page, API, command)
imports compilations through ``import_compilation``: the API and the command
with ``import_file`` (read, parse, import), the upload page with
``confirm_upload`` once the editor has checked the preview.
"""

import datetime
import logging
import multiprocessing
import os
import signal
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files import File
from django.db import IntegrityError, connection, transaction
from django.utils.text import slugify
from django.utils.translation import gettext

from accounts.activity import record_activity
from accounts.models import Verb
from core.errors import Conflict, DomainError
from core.fields import clip, max_length
from core.hashing import text_hash
from speeches.models import (
    Compilation,
    Paragraph,
    Section,
    Speaker,
    SpeakerAlias,
    Speech,
)
from speeches.services.kept_parses import kept_parse
from speeches.services.pending import (
    Holdings,
    PendingUpload,
    discard_pending,
    held_name,
    read_pending,
)
from speeches.services.versions import require_current, supersede
from text.chinese import has_chinese
from text.corrections import CompilationCorrections
from text.parsing import PARSER_VERSION, ParsedCompilation, ParsedSpeech, ParseError
from text.parsing import parse_bytes as parse_file_bytes
from text.parsing.titles import derive_title
from text.partial_dates import read_partial_date
from text.segmentation import fast_tokenizer, search_tokens
from text.structure import FlatSection, assign_sections, flatten_sections, locate_warnings

if TYPE_CHECKING:
    from speeches.models import ImportJob

logger = logging.getLogger(__name__)


# Told how far an import is: the stage ("segmenting" or "writing") and the
# share of it done, 0 to 1 (speeches.services.jobs records it for the progress bar).
Progress = Callable[[str, float], None]


def _no_progress(stage: str, done: float) -> None:
    pass


@dataclass(frozen=True)
class ImportResult:
    compilation: Compilation
    created: bool  # False: the same text was already imported; nothing was written
    # A new version: what moved to it from the old one (speeches.services.versions.supersede).
    carried: dict | None = None


def parse_upload(*, data: bytes, filename: str) -> ParsedCompilation:
    """Parse uploaded bytes under the configured size limit.

    Raises ``text.parsing.ParseError`` naming the problem.
    """
    return parse_file_bytes(data, filename=filename, max_bytes=settings.MAX_UPLOAD_BYTES)


def read_upload(*, file: File) -> bytes:
    """The bytes of an uploaded (or opened) file, refused unread when over the size limit.

    Raises ``ParseError`` ("too-large") without reading a file that is too
    large; everything else is for ``parse_upload`` to judge.
    """
    limit = settings.MAX_UPLOAD_BYTES
    if file.size is not None and file.size > limit:
        raise ParseError(
            "too-large",
            reason="over-limit-mb",
            size=_megabytes(file.size),
            limit=_megabytes(limit),
        )
    file.seek(0)
    # Reading one byte past the limit lets the parser see a file that
    # declared a wrong size and refuse it too.
    return file.read(limit + 1)


def read_within_limit(*, file: File, filename: str | None = None) -> bytes:
    """``read_upload`` for the entry points that start a job: refuses a file
    over the size limit at once (``UploadRefused``, "too-large"); the job
    judges everything else."""
    name = (file.name or "") if filename is None else filename
    try:
        data = read_upload(file=file)
        if len(data) > settings.MAX_UPLOAD_BYTES:
            raise ParseError(
                "too-large",
                reason="over-limit-mb",
                size=_megabytes(len(data)),
                limit=_megabytes(settings.MAX_UPLOAD_BYTES),
            )
    except ParseError as error:
        raise UploadRefused(error, filename=name) from None
    return data


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".removesuffix(".0")


def parse_error_message(error: ParseError) -> str:
    """The parser's refusal in the active language, through the translation
    catalogue (the parser's English texts are its message ids)."""
    return error.worded(1, translate=gettext)


class UploadRefused(DomainError):
    """A file the parser refuses: ``code`` is the parser's, ``message`` says
    why in the active language, ``details`` name the file and give the
    message in English. The API answers with it (its status from
    ``config.errors``); pages and the command show ``message``."""

    def __init__(self, error: ParseError, *, filename: str):
        self.error = error  # the message in both languages, for whoever keeps it
        super().__init__(
            parse_error_message(error),
            {"file": filename, "message_en": error.message_en},
            code=error.code,
        )


@dataclass(frozen=True)
class ReadFile:
    """A file read and parsed: its bytes and what the parser made of them."""

    data: bytes
    parsed: ParsedCompilation


def read_file(*, file: File, filename: str | None = None, kept_as: str = "") -> ReadFile:
    """Read ``file`` (uploaded or opened) under the size limit and parse it.

    ``filename`` is the name the parser goes by (its extension tells .docx
    from text); by default the file's own. ``kept_as``: the name of a held
    file whose parse may have been kept (``kept_parses``), used instead of
    parsing again when it is of these bytes. Raises ``UploadRefused``.
    """
    name = (file.name or "") if filename is None else filename
    try:
        data = read_upload(file=file)
        parsed = _parse_once(data=data, filename=name, kept_as=kept_as)
        _require_chinese(parsed)
        _require_body(parsed)
    except ParseError as error:
        raise UploadRefused(error, filename=name) from None
    return ReadFile(data, parsed)


def _require_chinese(parsed: ParsedCompilation) -> None:
    """Refuse a text without a single Chinese character ("no-chinese").

    The parser reads any text (it is told nothing of languages), so a README
    or an English document would otherwise become a "speech" of stray lines.
    """
    if not has_chinese(parsed.text):
        raise ParseError("no-chinese")


def import_file(
    *,
    file: File,
    user: User | None,
    title: str = "",
    filename: str | None = None,
    new_version_of: Compilation | None = None,
) -> ImportResult:
    """Read, parse and import a file at once (the API and the command).

    Raises ``UploadRefused`` when the parser refuses it; see
    ``import_compilation`` for the rest.
    """
    read = read_file(file=file, filename=filename)
    return import_compilation(
        parsed=read.parsed, size=len(read.data), user=user, title=title,
        new_version_of=new_version_of,
    )


def _parse_once(*, data: bytes, filename: str, kept_as: str) -> ParsedCompilation:
    """``parse_upload``, or the parse of the same bytes kept beside ``kept_as``.

    A kept parse is used only within today's size limit, which may have been
    lowered since it was made: over it, the parser refuses the file again.
    """
    if kept_as and len(data) <= settings.MAX_UPLOAD_BYTES:
        parsed = kept_parse(name=kept_as, data=data, filename=filename)
        if parsed is not None:
            return parsed
    return parse_upload(data=data, filename=filename)


def parse_pending(*, pending: PendingUpload) -> ParsedCompilation:
    """A held upload as the parser reads it, as its preview shows it and its
    import reads it: what is imported is always the uploaded file, never
    text the browser sends back (the parse kept when it was held, if it is
    of the same bytes; else parsed again). Raises ``UploadRefused`` (the
    limits may have changed since the file was held)."""
    try:
        return _parse_once(
            data=read_pending(pending), filename=pending.filename, kept_as=held_name(pending)
        )
    except ParseError as error:
        raise UploadRefused(error, filename=pending.filename) from None


def confirm_upload(
    *,
    session: Holdings,
    pending: PendingUpload,
    corrections: CompilationCorrections,
    user: User,
    new_version_of: Compilation | None = None,
    parsed: ParsedCompilation | None = None,
) -> "ImportJob":
    """Start the import of a held upload as the editor corrected it in the
    preview, then let the upload go; returns the job. The corrections must
    have been made on ``parse_pending(pending=pending)``, which is
    ``parsed`` when the caller has it (the job keeps it, or parses the same
    bytes again, and applies them; see ``parse_fingerprint``).
    ``new_version_of``: the editor's choice of a compilation this upload is a
    new version of; the job passes it to ``import_compilation``.
    """
    from speeches.services.jobs import start_import

    job = start_import(
        data=read_pending(pending),
        parsed=parsed,
        filename=pending.filename,
        user=user,
        title=corrections.title,
        corrections=corrections,
        new_version_of=new_version_of,
    )
    discard_pending(session=session, token=pending.token)
    return job


def compilation_title(parsed: ParsedCompilation, title: str = "") -> str:
    """The title a compilation is imported under: the uploader's, else ``default_title``."""
    return title.strip() or default_title(parsed)


def default_title(parsed: ParsedCompilation) -> str:
    """A title for the compilation when the uploader gives none.

    The title the file states; else the only speech's title; else the file
    name when it says something (has Chinese in it); else the first
    speech's title and how many speeches follow it.
    """
    if parsed.title:
        return parsed.title
    titles = [speech.title for speech in parsed.speeches if speech.title]
    if len(parsed.speeches) == 1 and titles:
        return titles[0]
    stem = parsed.source.rsplit(".", 1)[0].strip() if parsed.source else ""
    if has_chinese(stem) or not titles:
        return stem or parsed.sha256[:12]
    # The compilation is data in the language of its texts, not UI.
    return f"{titles[0]}等{len(parsed.speeches)}篇"


# The longest paragraph a speech may have, in characters. The longest line of
# the 111 real texts of the shared corpus holds 1,386; a line a hundred times
# longer is a file that lost its line breaks, which would show as one
# unreadable paragraph and make every search that finds it slow.
MAX_LINE_CHARACTERS = max_length(Paragraph, "text")


def _require_body(parsed: ParsedCompilation) -> None:
    """Refuse a file a speech of which has no paragraph ("no-body"), or one
    with a line too long to be a paragraph ("line-too-long")."""
    empty = [speech for speech in parsed.speeches if not speech.paragraphs]
    if not parsed.speeches or len(empty) == len(parsed.speeches):
        raise ParseError("no-body")
    if empty:
        lines = ", ".join(str(speech.line) for speech in empty[:5])
        raise ParseError("no-body", reason="speeches-without-body", lines=lines)
    longest = max(
        (len(p.text) for speech in parsed.speeches for p in speech.paragraphs), default=0
    )
    if longest > MAX_LINE_CHARACTERS:
        raise ParseError(
            "line-too-long", reason="line-length", length=f"{longest:,}",
            limit=f"{MAX_LINE_CHARACTERS:,}",
        )


def import_compilation(
    *,
    parsed: ParsedCompilation,
    size: int,
    user: User | None = None,
    title: str = "",
    new_version_of: Compilation | None = None,
    progress: Progress = _no_progress,
) -> ImportResult:
    """Write a parsed compilation, its speeches, sections and paragraphs.

    ``new_version_of``: the current compilation this one is a new version of
    (the editor's choice when ``speeches.services.versions.looks_like`` found it):
    it is superseded in the same transaction and what is attached to its
    text moves over (``speeches.services.versions.supersede``). A background import
    passes it through as it is. Raises ``VersionRefused`` when that
    compilation is withdrawn or superseded already.

    ``user`` is the uploader (None for an import from the command line
    without ``--user``); callers decide who may import.

    All rows are written in one transaction: a failure leaves nothing behind.
    The same normalized text imported again returns the existing compilation
    with ``created=False`` and writes nothing.
    """
    existing = Compilation.objects.filter(sha256=parsed.sha256).first()
    if existing is not None:
        return ImportResult(existing, created=False)

    # Segmentation is the slow part; do it before the transaction opens so
    # the database is locked only for the writes.
    tokens = _segment(parsed, progress)
    progress("writing", 0.0)
    try:
        with transaction.atomic():
            compilation = Compilation.objects.create(
                title=clip(Compilation, "title", compilation_title(parsed, title)),
                source_name=clip(Compilation, "source_name", parsed.source),
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
                progress("writing", position / len(parsed.speeches))
            record_activity(
                actor=user,
                verb=Verb.IMPORT,
                target=compilation,
                summary=compilation.title,
                data={"speeches": len(parsed.speeches), "source": parsed.source},
            )
            carried = None
            if new_version_of is not None:
                old = Compilation.objects.select_for_update().defer("text").get(
                    pk=new_version_of.pk
                )
                require_current(old)
                carried = supersede(old=old, new=compilation, actor=user)
    except IntegrityError:
        # Someone imported the same text between our check and our insert.
        existing = Compilation.objects.filter(sha256=parsed.sha256).first()
        if existing is None:
            raise
        return ImportResult(existing, created=False)
    # Debug only: every entry point reports the import in the user's language,
    # and the activity log records it.
    logger.debug("imported compilation %s (%s speeches)", compilation.pk, len(parsed.speeches))
    return ImportResult(compilation, created=True, carried=carried)


# Paragraph text, in characters, from which segmentation is shared among the
# machine's processors: below it, starting the processes costs more than they
# save (a 0.5 MB file holds some 170,000 characters; see docs/performance.md).
PARALLEL_MIN_CHARACTERS = 100_000
# Characters of paragraphs handed to a process at a time: small enough that the
# progress bar advances and the processes end together, large enough that
# handing work over costs next to nothing.
CHUNK_CHARACTERS = 20_000


def _segment(parsed: ParsedCompilation, progress: Progress) -> list[list[str]]:
    """``search_tokens`` of every paragraph, by speech, telling progress by characters.

    A large text is cut on every processor (``_segment_chunks``); the tokens
    are the same, in the same order, however many processes cut them.
    """
    texts = [paragraph.text for speech in parsed.speeches for paragraph in speech.paragraphs]
    total = sum(map(len, texts)) or 1
    progress("segmenting", 0.0)
    tokens: list[str] = []
    chunks = _chunks(texts)
    done = 0
    for chunk, chunk_tokens in zip(chunks, _segment_chunks(chunks, total=total), strict=True):
        tokens.extend(chunk_tokens)
        done += sum(map(len, chunk))
        progress("segmenting", done / total)
    result = []
    start = 0
    for speech in parsed.speeches:
        result.append(tokens[start : start + len(speech.paragraphs)])
        start += len(speech.paragraphs)
    return result


def _chunks(texts: list[str]) -> list[list[str]]:
    """``texts`` in consecutive runs of about ``CHUNK_CHARACTERS`` characters each."""
    chunks: list[list[str]] = []
    size = CHUNK_CHARACTERS
    for text in texts:
        if size >= CHUNK_CHARACTERS:
            chunks.append([])
            size = 0
        chunks[-1].append(text)
        size += len(text)
    return chunks


def _segment_chunks(chunks: list[list[str]], *, total: int) -> Iterator[list[str]]:
    """``search_tokens`` of each chunk's texts, chunk after chunk in order.

    On more than one processor and for a text of ``PARALLEL_MIN_CHARACTERS``
    or more, the chunks are cut by a pool of processes forked from this one
    (so they share its loaded dictionaries); they touch no database and
    return strings only. A process that is itself a pool's worker (the
    command's ``--workers``) may not start processes: it cuts alone.
    """
    processes = len(os.sched_getaffinity(0))
    if processes < 2 or total < PARALLEL_MIN_CHARACTERS or len(chunks) < 2 or (
        multiprocessing.current_process().daemon
    ):
        yield from map(_search_tokens_of, chunks)
        return
    fast_tokenizer()  # loaded once here, before the fork, not by each process
    context = multiprocessing.get_context("fork")
    with context.Pool(min(processes, len(chunks)), initializer=_default_signals) as pool:
        yield from pool.imap(_search_tokens_of, chunks)
        pool.close()  # let them finish on their own rather than be terminated
        pool.join()


def _default_signals() -> None:
    """Undo, in a pool's process, the signal handlers it inherited.

    The worker (``db_worker``) answers SIGTERM by finishing its task before
    it stops; a pool's process doing the same would outlive the pool's own
    SIGTERM (sent when an import fails halfway), and the pool would wait
    for it forever.
    """
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _search_tokens_of(texts: list[str]) -> list[str]:
    return [search_tokens(text) for text in texts]


def _create_speech(
    compilation: Compilation, position: int, parsed: ParsedSpeech, tokens: list[str]
) -> Speech:
    date, precision = _stored_date(parsed.date)
    published, published_precision = _stored_date(parsed.published)
    speech = Speech.objects.create(
        compilation=compilation,
        position=position,
        # Never empty: the parser derives a title when the text prints none.
        title=clip(Speech, "title", parsed.title or derive_title(parsed)),
        title_derived=parsed.title_derived or not parsed.title,
        speaker=link_speaker(name=parsed.speaker_name, printed=parsed.speaker_raw),
        speaker_raw=clip(Speech, "speaker_raw", parsed.speaker_raw or parsed.speaker_name or ""),
        role=clip(Speech, "role", parsed.role or ""),
        event=clip(Speech, "event", parsed.event or ""),
        date=date,
        date_precision=precision,
        published_on=published,
        published_precision=published_precision,
        place=clip(Speech, "place", parsed.place or ""),
        salutation=clip(Speech, "salutation", parsed.salutation or ""),
        # Each warning keeps the paragraph it points at, so pages can link to it.
        warnings=[warning.to_dict() for warning in locate_warnings(parsed)],
        line=parsed.line,
    )
    flat = flatten_sections(parsed.sections)
    rows = _create_sections(speech, flat)
    holders = assign_sections(flat, parsed.paragraphs)
    _insert_paragraphs(
        [
            (
                speech.pk,
                rows[holder].pk if holder is not None else None,
                number,
                paragraph.text,
                text_hash(paragraph.text),
                paragraph.heading_end,
                paragraph_tokens,
                paragraph.line,
            )
            for number, (paragraph, holder, paragraph_tokens) in enumerate(
                zip(parsed.paragraphs, holders, tokens, strict=True), start=1
            )
        ]
    )
    return speech


# The columns ``_insert_paragraphs`` writes, in the order of its rows' values.
_PARAGRAPH_FIELDS = (
    "speech", "section", "position", "text", "text_hash", "heading_end", "tokens", "line"
)


def _insert_paragraphs(rows: list[tuple]) -> None:
    """Insert paragraph rows (values in the order of ``_PARAGRAPH_FIELDS``) in as
    few statements as the database takes parameters for.

    Not ``bulk_create``: nothing after an import needs the new rows' ids,
    and reading them back (SQLite's RETURNING), a model instance per row and
    every value compiled into the SQL on its own cost a third of the
    writing. Few large statements rather than one per row or per hundred
    rows (``bulk_create`` on SQLite): SQLite's full-text index writes what
    it holds in memory at the end of every statement.
    """
    if not rows:
        return
    quote = connection.ops.quote_name
    column = {
        field.name: field.column
        for field in Paragraph._meta.concrete_fields
        if field.column is not None
    }
    columns = ", ".join(quote(column[name]) for name in _PARAGRAPH_FIELDS)
    row = "({})".format(", ".join(["%s"] * len(_PARAGRAPH_FIELDS)))
    batch = max(1, _max_parameters() // len(_PARAGRAPH_FIELDS))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch):
            part = rows[start : start + batch]
            cursor.execute(
                f"INSERT INTO {quote(Paragraph._meta.db_table)} ({columns}) "
                f"VALUES {', '.join([row] * len(part))}",
                [value for values in part for value in values],
            )


def _max_parameters() -> int:
    """How many parameters one statement may hold here (the lesser of the
    database's limit and 32,766, which keeps a statement's text small)."""
    if connection.vendor == "sqlite":
        # Django assumes 999, the limit of SQLite builds before 3.32; the
        # build's own limit is usually 32,766 or more.
        connection.ensure_connection()
        limit = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    else:
        limit = connection.features.max_query_params or 65_535  # PostgreSQL's protocol
    return min(limit, 32_766)


def _stored_date(value: str | None) -> tuple[datetime.date | None, str]:
    """The parser's ``2024-08`` as stored: the period's first day and its precision."""
    date = read_partial_date(value)
    return (date.first_day(), date.precision) if date is not None else (None, "")


def _create_sections(speech: Speech, flat: list[FlatSection]) -> list[Section]:
    """Create the section tree; returns the rows in document order."""
    rows: dict[int, Section] = {}
    # Parents must have primary keys before their children are inserted, so
    # the tree is written one depth at a time, each depth in one statement.
    for depth in sorted({item.depth for item in flat}):
        batch = [item for item in flat if item.depth == depth]
        created = Section.objects.bulk_create(
            Section(
                speech=speech,
                parent=rows[item.parent] if item.parent is not None else None,
                position=item.index + 1,
                level=item.section.level,
                marker=clip(Section, "marker", item.section.marker),
                heading=clip(Section, "heading", item.section.heading),
                run_in=item.section.run_in,
                merged_with_body=item.section.merged_with_body,
            )
            for item in batch
        )
        for item, row in zip(batch, created, strict=True):
            rows[item.index] = row
    return [rows[item.index] for item in flat]


def link_speaker(*, name: str | None, printed: str | None) -> Speaker | None:
    """The Speaker for a printed name, created on first sight.

    A name seen before, directly or as an alias, reuses that speaker (and
    the one it was merged into, if any); every printed form is kept as an
    alias. Role-only attributions (no name) link to no one.
    """
    if not name:
        return None
    speaker = Speaker.objects.find_by_name(name)
    if speaker is None:
        speaker = _create_speaker(name)
    for variant in {name, (printed or "").strip()}:
        if variant and variant != speaker.name:
            SpeakerAlias.objects.get_or_create(
                name=clip(SpeakerAlias, "name", variant), defaults={"speaker": speaker}
            )
    return speaker


# Tries at a new speaker when files imported at the same time name them too.
SPEAKER_ATTEMPTS = 5


def _create_speaker(name: str) -> Speaker:
    """A new Speaker, or the one another import created meanwhile.

    Two imports naming the same new speaker both find no one and both
    insert; the unique name refuses the second, which then finds the first's
    (PostgreSQL reads what was committed in the meantime). A slug taken
    meanwhile by another name is numbered again.
    """
    for _attempt in range(SPEAKER_ATTEMPTS):
        try:
            with transaction.atomic():
                return Speaker.objects.create(name=name, slug=unique_speaker_slug(name))
        except IntegrityError:
            found = Speaker.objects.find_by_name(name)
            if found is not None:
                return found
    raise Conflict(gettext("The speaker could not be saved; please try again."))


def unique_speaker_slug(name: str) -> str:
    base = slugify(name, allow_unicode=True)[:100] or "speaker"
    slug, n = base, 1
    while Speaker.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug
