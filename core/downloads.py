"""Download responses shared by every export, pages and API alike."""

import re
from collections.abc import Iterable

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header

# Characters Windows, macOS or a shell would choke on in a file name.
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def safe_filename(*parts: str, extension: str, max_length: int = 80) -> str:
    """A file name from its parts, Chinese kept, unsafe characters dropped."""
    stem = "-".join(_UNSAFE.sub(" ", p).strip() for p in parts if p and p.strip())
    stem = re.sub(r"\s+", " ", stem)[:max_length].strip(" .-") or "export"
    return f"{stem}.{extension}"


def download(content: str | bytes, *, filename: str, content_type: str) -> HttpResponse:
    """A small export, built whole."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def streamed_download(
    chunks: Iterable[str | bytes], *, filename: str, content_type: str
) -> StreamingHttpResponse:
    """A large export, sent as it is produced; ``str`` chunks are sent as UTF-8."""
    response = StreamingHttpResponse(
        (c.encode("utf-8") if isinstance(c, str) else c for c in chunks),
        content_type=content_type,
    )
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
