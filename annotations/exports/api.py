"""Annotation exports for scripts, and the codebook import.

The same files as the export pages. Each operation takes the same filters
(``ExportFilter``): those of every list of speeches (speaker, role, meeting,
compilation, year, dates), a speech, a theme (with its sub-themes) and a
search, combined.
"""

from typing import Annotated

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Query, Router, Status
from ninja.files import UploadedFile

from accounts.api_auth import editor_auth, reader_auth
from annotations.exports import formats
from annotations.exports.codebook_import import import_codebook
from annotations.exports.schemas import CodebookImportOut, ExportFilter
from annotations.exports.selection import UnknownTarget
from config.errors import READ_ERRORS, ErrorOut
from core.errors import NotFound
from core.openapi import file_response

router = Router(tags=["exports"])

FILTER_HELP = (
    " Filters combine, with the same names as on the pages: `speaker` (id or slug), "
    "`named`, `role`, `event`, `compilation`, `year`, `from`/`to` (a date at any "
    "precision), `undated`, and `speech`, `theme` (id or slug; sub-themes included) and "
    "`q` (a search, as on the search page). With no filter, every annotation is exported. "
    "Readers and above."
)


# The shape of the JSON-LD collection, for the OpenAPI document.
COLLECTION_SCHEMA = {
    "type": "object",
    "required": ["@context", "id", "type", "total", "first"],
    "properties": {
        "@context": {"type": "string"},
        "id": {"type": "string", "format": "uri"},
        "type": {"type": "string", "enum": ["AnnotationCollection"]},
        "label": {"type": "string"},
        "total": {"type": "integer", "minimum": 0},
        "first": {
            "type": "object",
            "required": ["type", "items"],
            "properties": {
                "type": {"type": "string", "enum": ["AnnotationPage"]},
                "startIndex": {"type": "integer"},
                "items": {"type": "array", "items": {"type": "object"}},
            },
        },
    },
}


def _resolve(filters: ExportFilter):
    try:
        return filters.selection().resolve()
    except UnknownTarget as missing:
        field = missing.args[0]
        # Whole sentences: Chinese counts a speech and a theme with other words.
        messages = {
            "speech": _("There is no such speech."),
            "theme": _("There is no such theme."),
        }
        raise NotFound(messages[field], {"field": field}) from None


def _annotations_export(fmt: str, summary: str, description: str, openapi_extra: dict):
    """Register the export of the selected annotations in ``fmt`` (the export
    page's formats, ``annotations.exports.formats``): same filters, same rules."""

    def export(request: HttpRequest, filters: Query[ExportFilter]):
        return formats.annotations_response(request, _resolve(filters), fmt)

    export.__name__ = export.__qualname__ = f"export_annotations_{fmt}"
    return router.get(
        f"/exports/annotations/{fmt}",
        response=READ_ERRORS,
        auth=reader_auth,
        operation_id=export.__name__,
        summary=summary,
        description=description + FILTER_HELP,
        openapi_extra=openapi_extra,
    )(export)


export_annotations_csv = _annotations_export(
    "csv",
    "Export annotations as CSV",
    (
        "One row per annotated passage: annotation id, theme paths (`人大监督 / 代表建议办理`, "
        "several joined by `; `), quote, context before and after, paragraph number and link, "
        "speech title, speaker, role, date, meeting, compilation, note, author, time. UTF-8 "
        "with a byte-order mark so that Excel reads Chinese; column names follow the "
        "`Accept-Language` header. Streamed.\n\n"
        "A spreadsheet runs a cell that starts like a formula, so, as OWASP recommends "
        "against CSV injection, every text cell (the quote and its context included) that "
        "starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`; "
        "plain numbers are left alone. The .xlsx export keeps every cell exact (typed as "
        "text)."
    ),
    file_response(
        "text/csv",
        "The passages as CSV.",
        "\ufeff标注编号,主题,引文,…\r\n12,人大监督,依法开展执法检查,…\r\n",
    ),
)

export_annotations_xlsx = _annotations_export(
    "xlsx",
    "Export annotations as an Excel workbook",
    "The same rows and columns as the CSV export, as one .xlsx sheet.",
    file_response(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "The passages as an .xlsx workbook.",
        "(binary)",
    ),
)

export_annotations_jsonld = _annotations_export(
    "jsonld",
    "Export annotations as a W3C Web Annotation collection",
    (
        "A JSON-LD `AnnotationCollection` whose first page embeds every item; each item is "
        "what `get_annotation_jsonld` returns: a `TextQuoteSelector` and a "
        "`TextPositionSelector` (Unicode code points) on the paragraph's permalink, each theme "
        "as a tagging TextualBody (its name) and a classifying SpecificResource (its page), "
        "the note as a commenting body. Streamed."
    ),
    file_response(
        "application/ld+json",
        "The passages as a Web Annotation collection.",
        {
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "type": "AnnotationCollection",
            "total": 1,
            "first": {"type": "AnnotationPage", "startIndex": 0, "items": [{"type": "Annotation"}]},
        },
        schema=COLLECTION_SCHEMA,
    ),
)

export_annotations_qdpx = _annotations_export(
    "qdpx",
    "Export a REFI-QDA project (.qdpx)",
    (
        "A REFI-QDA project for NVivo, ATLAS.ti, MAXQDA or QualCoder: the speeches as plain "
        "text sources, the themes as codes (tree and colours), the annotations as "
        "`PlainTextSelection`s (code-point offsets into the source text, end exclusive) "
        "with one coding per theme, comments as notes, and speaker, role, date, meeting and "
        "compilation as source variables. With a theme or a search, only the speeches "
        "holding selected passages are included."
    ),
    file_response("application/zip", "The project as a .qdpx zip.", "(binary)"),
)


@router.get(
    "/exports/codebook/qdc",
    response=READ_ERRORS,
    auth=reader_auth,
    operation_id="export_codebook_qdc",
    summary="Export the codebook as REFI-QDA (.qdc)",
    description=(
        "Every theme as a REFI-QDA code, in its tree, with colour and description (the "
        "English name on a first line `[en] …`); inactive themes are not codable. "
        "Readers and above."
    ),
    openapi_extra=file_response(
        "application/xml",
        "The codebook as .qdc XML.",
        '<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Jianghua"><Codes>'
        '<Code guid="…" name="人大监督" isCodable="true" color="#b8412c"/></Codes></CodeBook>',
    ),
)
def export_codebook_qdc(request: HttpRequest):
    return formats.codebook_response()


@router.post(
    "/codebook/import",
    response={201: CodebookImportOut, 400: ErrorOut, 413: ErrorOut, **READ_ERRORS},
    auth=editor_auth,
    operation_id="import_codebook_qdc",
    summary="Import a REFI-QDA codebook (.qdc) as themes",
    description=(
        "Upload a .qdc file (multipart field `file`). Codes become themes under the same "
        "parents; codes already in the codebook (same GUID as our export, or the same name "
        "under the same parent) are left unchanged. A colour that would make highlights "
        "hard to read is replaced by a default one. Nothing is written if any code is "
        "refused (422, with `details` naming each). Editors only."
    ),
)
def import_codebook_qdc(
    request: HttpRequest,
    file: Annotated[
        UploadedFile, File(description="A REFI-QDA codebook (.qdc XML).", example="codebook.qdc")
    ],
):
    result = import_codebook(data=file.read(), actor=request.user)
    return Status(
        201,
        {"created": result.created, "existing": result.existing, "recoloured": result.recoloured},
    )
