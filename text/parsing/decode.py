"""Bytes of a text file -> (text, encoding), refusing what is not text.

Accepted: UTF-8 with or without BOM, UTF-16/UTF-32 with BOM, UTF-16
without BOM when it reads as Chinese text (``_utf16_without_bom``), and legacy
Chinese encodings (GB18030/GBK/GB2312, Big5) as detected by
charset-normalizer. Refused with a :class:`ParseError`: empty files, files
over the size limit, PDFs, images, other binary data, and bytes no known
encoding reads.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from .errors import ParseError

ZIP_MAGIC = b"PK\x03\x04"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc / .xls

# BOMs, longest first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)

# What charset-normalizer may answer for a Chinese text, and the codec we
# decode with: GB18030 is a superset of GBK and GB2312, so it reads them all.
_ACCEPTED_ENCODINGS = {
    "utf_8": "utf-8",
    "ascii": "utf-8",
    "gb18030": "gb18030",
    "gbk": "gb18030",
    "gb2312": "gb18030",
    "hz": "hz",
    "big5": "big5",
    "big5hkscs": "big5hkscs",
    "cp950": "cp950",
}

# Control characters that have no business in a text file (tab, LF, VT,
# FF, CR and the DOS end-of-file mark 0x1A are allowed).
_REFUSED_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x19\x1b-\x1f\x7f]")


def check_size(data: bytes, max_bytes: int) -> None:
    """Refuse ``data`` when it is empty or larger than ``max_bytes``."""
    if not data:
        raise ParseError("empty")
    if len(data) > max_bytes:
        raise ParseError(
            "too-large",
            reason="over-limit",
            size=len(data),
            limit=max_bytes,
        )


def sniff_refused_format(data: bytes) -> None:
    """Refuse PDFs, images and legacy Office files by their magic numbers."""
    head = data[:16]
    if head.lstrip()[:5] == b"%PDF-":
        raise ParseError("pdf")
    if (
        head.startswith(b"\x89PNG\r\n\x1a\n")
        or head.startswith(b"\xff\xd8\xff")
        or head[:6] in (b"GIF87a", b"GIF89a")
        or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")
        # BMP: "BM", then a size, then four reserved zero bytes.
        or (head[:2] == b"BM" and len(data) > 14 and data[6:10] == b"\0\0\0\0")
        or head[:4] in (b"II*\0", b"MM\0*")  # TIFF
    ):
        raise ParseError("image")
    if head.startswith(_OLE2_MAGIC):
        raise ParseError(
            "binary",
            reason="legacy-office",
        )


def _refuse_controls(text: str) -> None:
    if _REFUSED_CONTROL_RE.search(text) is not None:
        raise ParseError("binary")


def decode_bytes(data: bytes, *, max_bytes: int) -> tuple[str, str]:
    """Decode a text file.

    Returns ``(text, encoding)`` where ``encoding`` is the name reported to
    people: ``utf-8`` (also for UTF-8 with BOM), ``utf-16``, ``utf-32``,
    ``gb18030``, ``big5``…  The BOM is not part of the text.

    The text needs no cap of its own: every accepted encoding spends at
    least two thirds as many bytes on a character as UTF-8 does (a two-byte
    GB18030, Big5 or UTF-16 character takes three in UTF-8), so the text is
    at most 1.5 times ``max_bytes`` in UTF-8. Word documents, which can hold far more text
    than their size, are capped in ``docx.docx_to_text``.
    """
    check_size(data, max_bytes)
    sniff_refused_format(data)

    for bom, codec, reported in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(codec)
            except UnicodeDecodeError as exc:
                raise ParseError("unknown-encoding") from exc
            _refuse_controls(text)
            return text, reported

    # Without a BOM, a NUL byte means UTF-16 (what Windows' Notepad saved
    # as "Unicode" once the BOM was lost) or binary data.
    if b"\0" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise ParseError("binary")
        _refuse_controls(utf16)
        return utf16, "utf-16"

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text, encoding = _decode_legacy(data)
    else:
        encoding = "utf-8"
    _refuse_controls(text)
    return text, encoding


# What a Chinese text in UTF-16 is made of: Chinese characters, CJK and
# full-width punctuation, printable ASCII and line breaks.
_TEXT_CHARACTER = re.compile(
    "[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
    "\u2000-\u206f\u00b7\u00d7\u2460-\u24ff\x20-\x7e\t\n\r]"
)
_CHINESE = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")
# Line breaks and Chinese punctuation, which every Chinese text is full of
# (one in ten to twenty characters) and ASCII bytes read as UTF-16 never
# give: pairs of letters read that way are ideographs (ab -> U+6261).
_BREAK_OR_PUNCTUATION = re.compile("[\n\u3001\u3002\uff0c\uff01\uff1f\uff1b\uff1a]")


def _utf16_without_bom(data: bytes) -> str | None:
    """``data`` read as UTF-16 without a byte-order mark, if it is Chinese text.

    Either byte order may decode, but only the right one gives Chinese:
    read the wrong way round, 中 (4E 2D) is U+2D4E and a line break U+0A00.
    Binary data read as UTF-16 scatters over the whole of Unicode, so a
    text where nearly every character (98%) is one a Chinese text is made
    of, Chinese characters among them, with line breaks or Chinese
    punctuation at least once in a hundred characters, is taken for text.
    """
    if len(data) % 2:
        return None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        sample = text[:200_000]
        if not sample or not _CHINESE.search(sample):
            continue
        plain = len(_TEXT_CHARACTER.findall(sample))
        marks = len(_BREAK_OR_PUNCTUATION.findall(sample))
        if plain >= 0.98 * len(sample) and marks * 100 >= len(sample):
            return text
    return None


def _decode_legacy(data: bytes) -> tuple[str, str]:
    """Decode non-UTF-8 bytes with the encoding charset-normalizer finds."""
    best = from_bytes(data).best()
    if best is not None:
        codec = _ACCEPTED_ENCODINGS.get(best.encoding)
        if codec is not None:
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError:
                pass
    # Detection on short texts can name a Western code page; GB18030 is by
    # far the likeliest legacy encoding of a Chinese speech, and it decodes
    # strictly only when the bytes really are GB18030.
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        raise ParseError("unknown-encoding") from exc
