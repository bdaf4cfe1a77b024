"""Speech and compilation exports for scripts: the same files as the pages."""

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router

from accounts.api_auth import reader_auth
from config.errors import READ_ERRORS
from core.openapi import file_response
from core.params import PathId
from speeches.exports import formats
from speeches.models import Compilation, Speech

router = Router(tags=["exports"])


@router.get(
    "/exports/speeches/{speech_id}/text",
    response=READ_ERRORS,
    auth=reader_auth,
    operation_id="export_speech_text",
    summary="Export a speech as plain text",
    description=(
        "The speech as UTF-8 text: title and metadata lines, a blank line, then each "
        "heading and paragraph separated by blank lines, verbatim. Readers and above."
    ),
    openapi_extra=file_response(
        "text/plain",
        "The speech as plain text.",
        "在全市人大工作会议上的讲话\n讲话人: 市长 王萍\n日期: 2024-08-12\n\n同志们：\n\n…",
    ),
)
def export_speech_text(request: HttpRequest, speech_id: PathId):
    speech = get_object_or_404(Speech.objects.for_listing(), pk=speech_id)
    return formats.speech_text_response(speech)


@router.get(
    "/exports/speeches/{speech_id}/markdown",
    response=READ_ERRORS,
    auth=reader_auth,
    operation_id="export_speech_markdown",
    summary="Export a speech as Markdown",
    description=(
        "The speech as Markdown: the title as a level-1 heading, metadata as a list, "
        "sections as level-2 and deeper headings, run-in headings in bold. Readers and above."
    ),
    openapi_extra=file_response(
        "text/markdown",
        "The speech as Markdown.",
        "# 在全市人大工作会议上的讲话\n\n- 讲话人: 市长 王萍\n\n## 一、充分肯定成绩\n\n…",
    ),
)
def export_speech_markdown(request: HttpRequest, speech_id: PathId):
    speech = get_object_or_404(Speech.objects.for_listing(), pk=speech_id)
    return formats.speech_markdown_response(speech)


@router.get(
    "/exports/compilations/{compilation_id}/tei",
    response=READ_ERRORS,
    auth=reader_auth,
    operation_id="export_compilation_tei",
    summary="Export a compilation as TEI XML",
    description=(
        "The whole compilation as TEI XML laid out as a ParlaMint corpus, valid against "
        "TEI P5 `tei_all`: a `teiCorpus` whose header lists the speakers and categories, "
        "holding one `TEI` component whose header gives meetings, dates and tag counts; "
        "each speech is a `div type=\"debateSection\"` holding one `u` (with `who`) and "
        "one `seg` per paragraph, whose `xml:id` `sp{speech}.p{n}` matches the paragraph "
        "permalink `#p{n}`. Streamed. Readers and above."
    ),
    openapi_extra=file_response(
        "application/tei+xml",
        "The compilation as TEI XML.",
        '<teiCorpus xmlns="http://www.tei-c.org/ns/1.0">…<TEI>…<div type="debateSection" '
        'xml:id="sp45"><u who="#spk3" ana="#regular" xml:id="sp45.u">'
        '<seg xml:id="sp45.p1" n="1">…</seg></u></div>…</TEI></teiCorpus>',
    ),
)
def export_compilation_tei(request: HttpRequest, compilation_id: PathId):
    compilation = get_object_or_404(Compilation.objects.defer("text"), pk=compilation_id)
    return formats.compilation_tei_response(request, compilation)
