"""Download responses shared by every export, pages and API alike."""

import re
import unicodedata
from collections.abc import Iterable
from urllib.parse import quote

from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from pypinyin import lazy_pinyin

# Characters Windows, macOS or a shell would choke on in a file name.
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def safe_filename(*parts: str, extension: str, max_length: int = 80) -> str:
    """A file name from its parts, Chinese kept, unsafe characters dropped."""
    stem = "-".join(_UNSAFE.sub(" ", p).strip() for p in parts if p and p.strip())
    stem = re.sub(r"\s+", " ", stem)[:max_length].strip(" .-") or "export"
    return f"{stem}.{extension}"


def ascii_filename(filename: str) -> str:
    """An ASCII stand-in for ``filename``: Chinese as pinyin, other letters
    without their accents, anything else dropped; the extension kept."""
    stem, dot, extension = filename.rpartition(".")
    if not dot:
        stem, extension = filename, ""
    words = "-".join(lazy_pinyin(stem, errors=lambda chars: chars))
    ascii_stem = unicodedata.normalize("NFKD", words).encode("ascii", "ignore").decode()
    ascii_stem = re.sub(r"[^A-Za-z0-9._]+", "-", ascii_stem)
    ascii_stem = re.sub(r"-{2,}", "-", ascii_stem).strip(" .-") or "export"
    return f"{ascii_stem}.{extension}" if extension else ascii_stem


def attachment(filename: str) -> str:
    """The Content-Disposition of a download named ``filename``.

    RFC 6266: ``filename*`` carries the real (UTF-8) name for browsers, and
    a plain ASCII ``filename`` beside it serves the clients that read only
    that one (``curl -OJ``, ``wget --content-disposition``).
    """
    fallback = ascii_filename(filename)
    if fallback == filename:
        return f'attachment; filename="{filename}"'
    return f"attachment; filename=\"{fallback}\"; filename*=utf-8''{quote(filename)}"


def download(content: str | bytes, *, filename: str, content_type: str) -> HttpResponse:
    """A small export, built whole."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = attachment(filename)
    return response


def streamed_download(
    chunks: Iterable[str | bytes], *, filename: str, content_type: str
) -> StreamingHttpResponse:
    """A large export, sent as it is produced; ``str`` chunks are sent as UTF-8."""
    response = StreamingHttpResponse(
        (c.encode("utf-8") if isinstance(c, str) else c for c in chunks),
        content_type=content_type,
    )
    response["Content-Disposition"] = attachment(filename)
    return response


def file_download(file, *, filename: str, content_type: str) -> FileResponse:
    """A finished export in an open (temporary) file, streamed and then closed."""
    response = FileResponse(file, content_type=content_type)
    response["Content-Disposition"] = attachment(filename)
    return response
