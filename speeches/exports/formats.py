"""One entry point per speech export, shared by the pages and the API."""

from django.http import HttpRequest, HttpResponseBase

from core.downloads import download, safe_filename, streamed_download
from speeches.exports.tei import compilation_tei
from speeches.exports.text import markdown, plain_text
from speeches.models import Compilation, Speech

TEXT_TYPE = "text/plain; charset=utf-8"
MARKDOWN_TYPE = "text/markdown; charset=utf-8"
TEI_TYPE = "application/tei+xml; charset=utf-8"


def speech_text_response(speech: Speech) -> HttpResponseBase:
    return download(
        plain_text(speech).text,
        filename=safe_filename(speech.title, str(speech.pk), extension="txt"),
        content_type=TEXT_TYPE,
    )


def speech_markdown_response(speech: Speech) -> HttpResponseBase:
    return download(
        markdown(speech),
        filename=safe_filename(speech.title, str(speech.pk), extension="md"),
        content_type=MARKDOWN_TYPE,
    )


def compilation_tei_response(request: HttpRequest, compilation: Compilation) -> HttpResponseBase:
    return streamed_download(
        compilation_tei(compilation, absolute_url=request.build_absolute_uri),
        filename=safe_filename(compilation.title, str(compilation.pk), extension="tei.xml"),
        content_type=TEI_TYPE,
    )
