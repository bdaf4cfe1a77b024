"""Word (.docx) files -> text, one paragraph per line.

The archive is inspected before anything is inflated, so a zip bomb is
refused unread: the sizes its directory declares are capped (zipfile stops
reading a member at its declared size, so the declared sizes bound the real
ones). ``word/document.xml`` is then read as a stream, a paragraph at a
time, and the text taken from it is capped like a .txt upload: a document
whose text would not fit in ``max_bytes`` of UTF-8 is refused as soon as it
gets there, before the rest is read. Memory stays at about one paragraph
(or one table row) of XML, whatever the size of the document.

The text is what Word shows, which is more than python-docx reads
(``Paragraph.text``, runs and hyperlinks only):

* the labels of Word's automatic numbering (一、, （一）, 1.), which are
  not in the paragraphs' text but drawn from ``word/numbering.xml``
  (``docx_numbering``): without them a report's numbered headings would
  reach the parser as unnumbered lines;
* runs wrapped in tracked insertions, smart tags (Word 2003 wrapped dates
  and names in them), custom XML, content controls and simple fields,
  which python-docx skips; deleted and moved-away text stays out;
* paragraphs and tables in content controls around body blocks, except a
  table of contents (its lines repeat the headings with page numbers).

A document with none of these reads exactly as python-docx reads it.
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from .docx_numbering import Numbering
from .errors import ParseError

# The absolute ceiling on what a .docx may expand to, whatever max_bytes is.
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
# How much larger than the upload limit the expanded archive may be. Word's
# XML is verbose (every run repeats its formatting), so a document's XML is
# commonly several times its text; the text itself is capped separately.
EXPANSION_FACTOR = 10
# Above this ratio a large member is treated as a bomb; real document XML
# compresses about 5-20 times.
MAX_COMPRESSION_RATIO = 100
_RATIO_CHECK_MIN_BYTES = 1024 * 1024
MAX_MEMBERS = 10_000

DOCUMENT = "word/document.xml"
NUMBERING = "word/numbering.xml"
STYLES = "word/styles.xml"
# Word's numbering and styles parts run to tens of kilobytes, a few
# megabytes for documents with thousands of lists; past this they are not read.
PART_LIMIT = 16 * 1024 * 1024
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_BODY, _P, _TBL, _TR, _TC = (f"{_W}body", f"{_W}p", f"{_W}tbl", f"{_W}tr", f"{_W}tc")
_R, _T = f"{_W}r", f"{_W}t"
_TCPR, _VMERGE, _BR, _TYPE = f"{_W}tcPr", f"{_W}vMerge", f"{_W}br", f"{_W}type"
_VAL = f"{_W}val"
_SDT, _SDT_CONTENT, _SDT_PR = f"{_W}sdt", f"{_W}sdtContent", f"{_W}sdtPr"
_DOC_PART_GALLERY = f"{_W}docPartObj/{_W}docPartGallery"
_PLACEHOLDER_SHOWN = f"{_SDT_PR}/{_W}showingPlcHdr"
# Inline wrappers whose runs Word shows as the paragraph's text.
_INLINE_WRAPPERS = frozenset(
    f"{_W}{name}"
    for name in ("hyperlink", "ins", "moveTo", "smartTag", "customXml", "sdt", "sdtContent",
                 "fldSimple", "dir", "bdo")
)
# Run content that stands for a character (python-docx's reading of each).
_RUN_CHARACTERS = {f"{_W}tab": "\t", f"{_W}ptab": "\t", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-"}


def check_archive(data: bytes, *, max_bytes: int) -> None:
    """Refuse ``data`` unless it is a plausible, safely sized .docx archive."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ParseError("bad-docx") from exc
    with archive:
        _check_members(archive, max_bytes=max_bytes)


def _check_members(archive: zipfile.ZipFile, *, max_bytes: int) -> None:
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise ParseError("zip-bomb")
    cap = min(MAX_UNCOMPRESSED_BYTES, EXPANSION_FACTOR * max_bytes)
    total = 0
    for member in members:
        total += member.file_size
        if total > cap:
            raise ParseError(
                "zip-bomb",
                reason="expands-beyond",
                limit=cap,
            )
        if member.file_size >= _RATIO_CHECK_MIN_BYTES and (
            member.compress_size == 0
            or member.file_size / member.compress_size > MAX_COMPRESSION_RATIO
        ):
            raise ParseError(
                "zip-bomb",
                reason="compression-ratio",
                limit=MAX_COMPRESSION_RATIO,
            )
    if DOCUMENT not in archive.namelist():
        raise ParseError(
            "bad-docx",
            reason="zip-not-docx",
        )


def docx_to_text(data: bytes, *, max_bytes: int) -> str:
    """The text of a .docx: its paragraphs in order, table cells included.

    Each paragraph becomes one line; each table cell's paragraphs become
    lines too (a cell merged across columns or rows is read once). Raises
    ``ParseError`` "too-large" when the text is longer than ``max_bytes``
    in UTF-8, the limit a .txt file of the same text would meet.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ParseError("bad-docx") from exc
    with archive:
        _check_members(archive, max_bytes=max_bytes)
        lines: list[str] = []
        size = -1  # the lines are joined by newlines: one fewer than there are lines
        try:
            numbering = Numbering(_member(archive, NUMBERING), _member(archive, STYLES))
            with archive.open(DOCUMENT) as stream:
                for line in _document_lines(stream, numbering):
                    size += len(line.encode("utf-8")) + 1
                    if size > max_bytes:
                        raise ParseError(
                            "too-large",
                            reason="docx-text-over-limit",
                            limit=max_bytes,
                        )
                    lines.append(line)
        except ParseError:
            raise
        except (etree.LxmlError, zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            raise ParseError("bad-docx") from exc
    return "\n".join(lines)


def _member(archive: zipfile.ZipFile, name: str) -> bytes | None:
    """A small part of the archive read whole, or None when the document has
    none or it is larger than any real one (``PART_LIMIT``).

    These parts are parsed whole, not streamed as the document is: a
    numbering or styles part of a few hundred megabytes, which the archive
    checks would let through, would take gigabytes to parse. Without it
    the paragraphs are read unnumbered.
    """
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > PART_LIMIT:
        return None
    return archive.read(info)


def _document_lines(stream, numbering: Numbering):
    """Yield the text of each body paragraph and table-cell paragraph, in order."""
    events = etree.iterparse(
        stream,
        events=("end",),
        tag=(_P, _TBL, _TR),
        # As python-docx parses: no entities, no network, blank text dropped.
        resolve_entities=False,
        no_network=True,
        remove_blank_text=True,
    )
    for _event, element in events:
        if element.tag == _P:
            parent = element.getparent()
            if parent is not None and (
                _in_body(parent) or (parent.tag == _TC and _is_read_cell(parent))
            ):
                yield numbering.label(element) + _paragraph_text(element)
        # What has been read is dropped, so memory holds one paragraph or row.
        element.clear()
        _drop_read_siblings(element)


def _in_body(parent) -> bool:
    """Whether a block whose parent is ``parent`` is read as the body's.

    Blocks sit in the body, or in content controls around body blocks
    (``w:sdt``/``w:sdtContent``, nested or not), but not in a table of
    contents, whose lines repeat the headings with their page numbers.
    """
    while parent is not None and parent.tag == _SDT_CONTENT:
        sdt = parent.getparent()
        if sdt is None or sdt.tag != _SDT:
            return False
        gallery = sdt.find(f"{_SDT_PR}/{_DOC_PART_GALLERY}")
        if gallery is not None and gallery.get(_VAL, "").startswith("Table of Contents"):
            return False
        if _shows_placeholder(sdt):
            return False
        parent = sdt.getparent()
    return parent is not None and parent.tag == _BODY


def _is_read_cell(tc) -> bool:
    """A cell of a table that sits in the body (see ``_in_body``), and not
    the continuation of a cell merged down from the row above."""
    table = tc.getparent().getparent() if tc.getparent() is not None else None
    if table is None or table.tag != _TBL or not _in_body(table.getparent()):
        return False
    properties = tc.find(_TCPR)
    merge = properties.find(_VMERGE) if properties is not None else None
    return merge is None or merge.get(_VAL, "continue") != "continue"


def _drop_read_siblings(element) -> None:
    parent = element.getparent()
    if parent is None:
        return
    previous = element.getprevious()
    while previous is not None and previous.tag in (_P, _TBL, _TR):
        parent.remove(previous)
        previous = element.getprevious()


def _paragraph_text(p) -> str:
    parts: list[str] = []
    _inline_text(p, parts)
    return "".join(parts)


def _inline_text(container, parts: list[str]) -> None:
    """The runs of ``container``, also inside the wrappers Word shows.

    Deleted (``w:del``) and moved-away (``w:moveFrom``) runs are not
    wrappers here, so their text stays out, as Word shows a final text.
    """
    for child in container:
        if child.tag == _R:
            _run_text(child, parts)
        elif child.tag in _INLINE_WRAPPERS and not (
            child.tag == _SDT and _shows_placeholder(child)
        ):
            _inline_text(child, parts)


def _shows_placeholder(sdt) -> bool:
    """A content control left empty shows its prompt (单击此处输入文字), no text."""
    shown = sdt.find(_PLACEHOLDER_SHOWN)
    return shown is not None and shown.get(_VAL, "true") not in ("false", "0", "off")


def _run_text(run, parts: list[str]) -> None:
    for item in run:
        tag = item.tag
        if tag == _T:
            parts.append(item.text or "")
        elif tag == _BR:
            # A line break; page and column breaks are no text.
            if item.get(_TYPE, "textWrapping") == "textWrapping":
                parts.append("\n")
        elif tag in _RUN_CHARACTERS:
            parts.append(_RUN_CHARACTERS[tag])
