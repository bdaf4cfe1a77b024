"""Word (.docx) files -> text, one paragraph per line.

The archive is inspected before python-docx opens it, so a zip bomb is
refused without being inflated: the sizes its directory declares are
capped (zipfile stops reading a member at its declared size, so the
declared sizes bound the real ones).
"""

from __future__ import annotations

import io
import zipfile

import docx as python_docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from .errors import ParseError

# The absolute ceiling on what a .docx may expand to, whatever max_bytes is.
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
# How much larger than the upload limit the expanded archive may be.
EXPANSION_FACTOR = 50
# Above this ratio a large member is treated as a bomb; real document XML
# compresses about 5-20 times.
MAX_COMPRESSION_RATIO = 100
_RATIO_CHECK_MIN_BYTES = 1024 * 1024
MAX_MEMBERS = 10_000


def check_archive(data: bytes, *, max_bytes: int) -> None:
    """Refuse ``data`` unless it is a plausible, safely sized .docx archive."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ParseError("bad-docx") from exc
    with archive:
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
                    detail=f"解压后超过 {cap} 字节",
                    detail_en=f"expands beyond {cap} bytes",
                )
            if member.file_size >= _RATIO_CHECK_MIN_BYTES and (
                member.compress_size == 0
                or member.file_size / member.compress_size > MAX_COMPRESSION_RATIO
            ):
                raise ParseError(
                    "zip-bomb",
                    detail=f"压缩比超过 {MAX_COMPRESSION_RATIO} 倍",
                    detail_en=f"compression ratio above {MAX_COMPRESSION_RATIO}",
                )
        if "word/document.xml" not in archive.namelist():
            raise ParseError(
                "bad-docx",
                detail="这是 ZIP 压缩包，但不是 Word 文档",
                detail_en="this is a zip archive but not a Word document",
            )


def docx_to_text(data: bytes, *, max_bytes: int) -> str:
    """The text of a .docx: its paragraphs in order, table cells included.

    Each paragraph becomes one line; each table cell's paragraphs become
    lines too (a cell merged across columns is read once).
    """
    check_archive(data, max_bytes=max_bytes)
    try:
        document = python_docx.Document(io.BytesIO(data))
        lines: list[str] = []
        body = document.element.body
        for child in body.iterchildren():
            if child.tag == qn("w:p"):
                lines.append(Paragraph(child, document).text)
            elif child.tag == qn("w:tbl"):
                lines.extend(_table_lines(Table(child, document)))
    except ParseError:
        raise
    except Exception as exc:  # python-docx raises many kinds on broken files
        raise ParseError("bad-docx") from exc
    return "\n".join(lines)


def _table_lines(table: Table) -> list[str]:
    lines: list[str] = []
    seen: set[int] = set()
    for row in table.rows:
        for cell in row.cells:
            # Merged cells are returned once per grid column they span.
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            lines.extend(paragraph.text for paragraph in cell.paragraphs)
    return lines
