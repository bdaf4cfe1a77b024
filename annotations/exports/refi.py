"""REFI-QDA: the codebook as .qdc and the whole project as .qdpx.

A .qdpx is a zip holding ``project.qde`` (XML in the ``urn:QDA-XML:project:1.0``
namespace) and one UTF-8 text file per source under ``sources/``. Here each
speech is a source, written by ``speeches.exports.text.plain_text``; each
theme is a code (tree and colour kept); each annotation is a
``PlainTextSelection`` whose ``startPosition``/``endPosition`` count Unicode
code points in that text, end exclusive, with one ``Coding`` per theme and
its note as ``Description``. Each comment is a ``Note``; the comments one
person wrote on one paragraph share one anchor, a selection spanning the
paragraph that refers to each of them (``NoteRef``) and also holds their
text in its ``Description`` (QualCoder, for one, reads only that, and
refuses two selections of one person over the same span). When that person
also tagged the whole paragraph, the anchor is that annotation's selection.
Speaker, role, date, meeting and compilation travel as variables of each
source; two sources never share a name.

GUIDs are derived from our ids (UUID 5), so exporting twice gives the same
GUIDs and a re-imported codebook can be matched to the themes it came from.
"""

import datetime
import tempfile
import uuid
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Prefetch
from django.utils import timezone
from lxml import etree

from annotations.exports.selection import ResolvedSelection, read_whole_results
from annotations.models import Annotation, Comment, Theme
from annotations.services.tree import theme_tree
from speeches.exports.text import header_lines, plain_text
from speeches.models import Paragraph, Section, Speech

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
ORIGIN = "Jianghua"
QDC_TYPE = "application/xml; charset=utf-8"
QDPX_TYPE = "application/zip"
CHUNK_SIZE = 2000
ENGLISH_PREFIX = "[en] "
_GUIDS = uuid.uuid5(uuid.NAMESPACE_URL, "https://jianghua.invalid/refi-qda")
_XML_ILLEGAL = {c: None for c in range(32) if c not in (9, 10, 13)}


def guid(kind: str, pk: int | str) -> str:
    """The stable GUID of one of our objects (theme, speech, annotation…)."""
    return str(uuid.uuid5(_GUIDS, f"{kind}:{pk}")).upper()


def _clean(text: str) -> str:
    return text.translate(_XML_ILLEGAL)


def _when(value) -> str:
    return value.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# -- codebook ---------------------------------------------------------------


def _description(theme: Theme) -> str:
    parts = []
    if theme.name_en:
        parts.append(ENGLISH_PREFIX + theme.name_en)
    if theme.description:
        parts.append(theme.description)
    return "\n".join(parts)


def _code_element(node, tag) -> etree._Element:
    theme = node.theme
    element = etree.Element(
        tag("Code"),
        guid=guid("theme", theme.pk),
        name=_clean(theme.name),
        isCodable="true" if theme.active else "false",
        color=theme.colour,
    )
    description = _description(theme)
    if description:
        etree.SubElement(element, tag("Description")).text = _clean(description)
    for child in node.children:
        element.append(_code_element(child, tag))
    return element


def codes_element(namespace: str) -> etree._Element | None:
    """``<Codes>`` with every theme in tree order; None when there are none."""
    roots = [node for node in theme_tree(Theme.objects.in_tree_order()) if node.depth == 0]
    if not roots:
        return None

    def tag(name: str) -> str:
        return f"{{{namespace}}}{name}"

    codes = etree.Element(tag("Codes"), nsmap={None: namespace})
    for node in roots:
        codes.append(_code_element(node, tag))
    return codes


def codebook_qdc() -> bytes:
    """The whole codebook as a REFI-QDA codebook (.qdc) document."""
    root = etree.Element(f"{{{CODEBOOK_NS}}}CodeBook", nsmap={None: CODEBOOK_NS}, origin=ORIGIN)
    codes = codes_element(CODEBOOK_NS)
    root.append(codes if codes is not None else etree.Element(f"{{{CODEBOOK_NS}}}Codes"))
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


# -- project ----------------------------------------------------------------

VARIABLES = [
    ("speaker", "Speaker"),
    ("role", "Role"),
    ("date", "Date"),
    ("event", "Meeting"),
    ("compilation", "Compilation"),
]


def _speech_variables(speech: Speech) -> dict[str, str]:
    return {
        "speaker": speech.speaker.name if speech.speaker_id else speech.speaker_raw,
        "role": speech.role,
        "date": speech.date_iso or "",
        "event": speech.event,
        "compilation": speech.compilation.title,
    }


@dataclass
class _Streams:
    """Rows read in the same speech order, handed out one speech at a time."""

    rows: Iterator
    speech_of: Callable[[object], int]
    pending: object = None
    started: bool = False

    def take(self, speech_id: int) -> list:
        if not self.started:
            self.pending, self.started = next(self.rows, None), True
        out = []
        while self.pending is not None and self.speech_of(self.pending) == speech_id:
            out.append(self.pending)
            self.pending = next(self.rows, None)
        return out


def write_qdpx(selection: ResolvedSelection, *, project_name: str) -> tempfile.SpooledTemporaryFile:
    """The project as a .qdpx zip in a temporary file (rewound, open).

    One pass over the selected speeches: each source text goes into the
    zip as it is made, while ``project.qde`` is written to a second
    temporary file, then copied into the zip. Memory stays flat whatever the
    size of the selection.
    """
    read_whole_results()
    archive_file = tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024)  # noqa: SIM115
    with (
        zipfile.ZipFile(archive_file, "w", compression=zipfile.ZIP_DEFLATED) as archive,
        tempfile.TemporaryFile() as qde,
    ):
        _write_project(selection, project_name=project_name, qde=qde, archive=archive)
        qde.seek(0)
        with archive.open("project.qde", "w", force_zip64=True) as entry:
            while block := qde.read(1024 * 1024):
                entry.write(block)
    archive_file.seek(0)
    return archive_file


def _users(selection: ResolvedSelection) -> list:
    author_ids = set(
        selection.annotations().order_by().values_list("author_id", flat=True).distinct()
    ) | set(selection.comments().order_by().values_list("author_id", flat=True).distinct())
    author_ids.discard(None)
    return list(get_user_model().objects.filter(pk__in=author_ids).order_by("pk"))


def _write_project(selection, *, project_name, qde, archive) -> None:
    def tag(name: str) -> str:
        return f"{{{PROJECT_NS}}}{name}"

    speeches = list(
        selection.speeches().for_listing().defer("warnings")
    )
    users = _users(selection)
    with etree.xmlfile(qde, encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element(
            tag("Project"),
            nsmap={None: PROJECT_NS},
            name=_clean(project_name),
            origin=ORIGIN,
            creationDateTime=_when(timezone.now()),
        ):
            if users:
                group = etree.Element(tag("Users"))
                for user in users:
                    etree.SubElement(
                        group,
                        tag("User"),
                        guid=guid("user", user.pk),
                        name=_clean(user.get_username()),
                        id=str(user.pk),
                    )
                xf.write(group)
            codes = codes_element(PROJECT_NS)
            if codes is not None:
                codebook = etree.Element(tag("CodeBook"))
                codebook.append(codes)
                xf.write(codebook)
            variables = etree.Element(tag("Variables"))
            for key, label in VARIABLES:
                etree.SubElement(
                    variables,
                    tag("Variable"),
                    guid=guid("variable", key),
                    name=label,
                    typeOfVariable="Text",
                )
            xf.write(variables)
            if speeches:
                with xf.element(tag("Sources")):
                    _write_sources(xf, tag, selection, speeches, archive)
            _write_notes(xf, tag, selection)
            description = etree.Element(tag("Description"))
            description.text = _clean(
                f"{selection.label()} — {len(speeches)} speeches, exported "
                f"{timezone.now().date().isoformat()} from Jianghua."
            )
            xf.write(description)


def _write_sources(xf, tag, selection, speeches, archive) -> None:
    in_scope = selection.speeches().order_by().values("pk")
    paragraphs = _Streams(
        Paragraph.objects.filter(speech__in=in_scope)
        .order_by("speech__compilation_id", "speech__position", "position")
        .only("id", "speech_id", "section_id", "position", "text", "heading_end")
        .iterator(chunk_size=CHUNK_SIZE),
        lambda p: p.speech_id,
    )
    sections = _Streams(
        Section.objects.filter(speech__in=in_scope)
        .order_by("speech__compilation_id", "speech__position", "position")
        .iterator(chunk_size=CHUNK_SIZE),
        lambda s: s.speech_id,
    )
    annotations = _Streams(
        selection.annotations()
        .select_related("paragraph")
        .only(
            "id",
            "paragraph_id",
            "start",
            "end",
            "quote",
            "note",
            "author_id",
            "created_at",
            "updated_at",
            "paragraph__speech",
        )
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.only("id")))
        .iterator(chunk_size=CHUNK_SIZE),
        lambda a: a.paragraph.speech_id,
    )
    comments = _Streams(
        selection.comments()
        .select_related("paragraph", "author")
        .only(
            "id",
            "body",
            "parent_id",
            "paragraph_id",
            "paragraph__speech",
            "author_id",
            "author__username",
            "created_at",
        )
        .iterator(chunk_size=CHUNK_SIZE),
        lambda c: c.paragraph.speech_id,
    )
    names = _SourceNames()
    for speech in speeches:
        own_paragraphs = paragraphs.take(speech.pk)
        text = plain_text(speech, sections.take(speech.pk), own_paragraphs)
        source_guid = guid("speech", speech.pk)
        archive.writestr(f"sources/{source_guid}.txt", text.text.encode("utf-8"))
        lengths = {p.pk: len(p.text) for p in own_paragraphs}
        source = etree.Element(
            tag("TextSource"),
            guid=source_guid,
            name=_clean(names.distinct(_source_name(speech))),
            plainTextPath=f"internal://{source_guid}.txt",
        )
        etree.SubElement(source, tag("Description")).text = _clean("\n".join(header_lines(speech)))
        threads = _comment_threads(comments.take(speech.pk))
        for annotation in annotations.take(speech.pk):
            whole = annotation.start == 0 and annotation.end == lengths[annotation.paragraph_id]
            key = (annotation.paragraph_id, annotation.author_id)
            # The first whole-paragraph selection of the same person carries
            # that person's comments: a second one on the span would collide.
            thread = threads.pop(key, None) if whole else None
            source.append(_selection_element(tag, annotation, text.paragraph_starts, thread))
        for thread in threads.values():
            source.append(_comment_anchor(tag, thread, text.paragraph_starts, lengths))
        for key, value in _speech_variables(speech).items():
            if value:
                variable = etree.SubElement(source, tag("VariableValue"))
                etree.SubElement(variable, tag("VariableRef"), targetGUID=guid("variable", key))
                etree.SubElement(variable, tag("TextValue")).text = _clean(value)
        xf.write(source)


def _source_name(speech: Speech) -> str:
    parts = [speech.title, speech.date_iso or ""]
    return " ".join(p for p in parts if p) or f"#{speech.pk}"


class _SourceNames:
    """Hands out source names, numbering repeats: tools that file sources by
    name (QualCoder, MAXQDA) would otherwise merge or refuse the second."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def distinct(self, name: str) -> str:
        candidate, n = name, 1
        while candidate in self.used:
            n += 1
            candidate = f"{name} ({n})"
        self.used.add(candidate)
        return candidate


def _comment_threads(comments: list[Comment]) -> dict[tuple[int, int | None], list[Comment]]:
    """A speech's comments grouped by paragraph and author, in reading order."""
    threads: dict[tuple[int, int | None], list[Comment]] = {}
    for comment in sorted(comments, key=lambda c: (c.paragraph.position, c.created_at, c.pk)):
        threads.setdefault((comment.paragraph_id, comment.author_id), []).append(comment)
    return threads


def _thread_text(thread: list[Comment]) -> str:
    """The comments' text for a Description: one block per comment, with who and when."""
    return "\n\n".join(
        f"{_note_name(comment)} {_when(comment.created_at)}\n{comment.body}" for comment in thread
    )


def _selection_element(
    tag, annotation: Annotation, starts: dict[int, int], thread: list[Comment] | None = None
) -> etree._Element:
    offset = starts[annotation.paragraph_id]
    attributes = {
        "guid": guid("annotation", annotation.pk),
        "name": _clean(annotation.quote[:60]),
        "startPosition": str(offset + annotation.start),
        "endPosition": str(offset + annotation.end),
        "creationDateTime": _when(annotation.created_at),
        "modifiedDateTime": _when(annotation.updated_at),
    }
    if annotation.author_id:
        attributes["creatingUser"] = guid("user", annotation.author_id)
    element = etree.Element(tag("PlainTextSelection"), **attributes)
    description = "\n\n".join(
        part for part in (annotation.note, _thread_text(thread) if thread else "") if part
    )
    if description:
        etree.SubElement(element, tag("Description")).text = _clean(description)
    for theme in sorted(annotation.themes.all(), key=lambda t: t.pk):
        coding = etree.SubElement(
            element,
            tag("Coding"),
            guid=guid("coding", f"{annotation.pk}:{theme.pk}"),
            creationDateTime=_when(annotation.created_at),
        )
        if annotation.author_id:
            coding.set("creatingUser", guid("user", annotation.author_id))
        etree.SubElement(coding, tag("CodeRef"), targetGUID=guid("theme", theme.pk))
    for comment in thread or ():
        etree.SubElement(element, tag("NoteRef"), targetGUID=guid("comment", comment.pk))
    return element


def _comment_anchor(tag, thread: list[Comment], starts, lengths) -> etree._Element:
    """A selection spanning the commented paragraph, holding one person's
    comments on it: their text as Description, each as a NoteRef."""
    first = thread[0]
    offset = starts[first.paragraph_id]
    element = etree.Element(
        tag("PlainTextSelection"),
        guid=guid("comment-anchor", f"{first.paragraph_id}:{first.author_id}"),
        name=f"¶{first.paragraph.position}",
        startPosition=str(offset),
        endPosition=str(offset + lengths[first.paragraph_id]),
        creationDateTime=_when(first.created_at),
    )
    if first.author_id:
        element.set("creatingUser", guid("user", first.author_id))
    etree.SubElement(element, tag("Description")).text = _clean(_thread_text(thread))
    for comment in thread:
        etree.SubElement(element, tag("NoteRef"), targetGUID=guid("comment", comment.pk))
    return element


def _write_notes(xf, tag, selection: ResolvedSelection) -> None:
    comments = (
        selection.comments()
        .select_related("author", "paragraph")
        .only(
            "id",
            "body",
            "parent_id",
            "author_id",
            "author__username",
            "created_at",
            "edited_at",
            "paragraph__position",
            "paragraph__speech",
        )
        .iterator(chunk_size=CHUNK_SIZE)
    )
    first = next(comments, None)
    if first is None:
        return
    with xf.element(tag("Notes")):
        for comment in _chain(first, comments):
            attributes = {
                "guid": guid("comment", comment.pk),
                "name": _clean(_note_name(comment)),
                "creationDateTime": _when(comment.created_at),
            }
            if comment.author_id:
                attributes["creatingUser"] = guid("user", comment.author_id)
            if comment.edited_at:
                attributes["modifiedDateTime"] = _when(comment.edited_at)
            note = etree.Element(tag("Note"), **attributes)
            etree.SubElement(note, tag("PlainTextContent")).text = _clean(comment.body)
            xf.write(note)


def _note_name(comment: Comment) -> str:
    who = comment.author.get_username() if comment.author_id else "—"
    reply = " ↩" if comment.parent_id else ""
    return f"{who} ¶{comment.paragraph.position}{reply}"


def _chain(first, rest: Iterable):
    yield first
    yield from rest
