"""One response per export format, shared by the pages and the API."""

from django.http import HttpRequest, HttpResponseBase
from django.utils.translation import gettext as _

from annotations.exports.jsonld import collection_chunks
from annotations.exports.refi import QDC_TYPE, QDPX_TYPE, codebook_qdc, write_qdpx
from annotations.exports.rows import export_rows
from annotations.exports.selection import ResolvedSelection
from annotations.exports.tabular import CSV_TYPE, XLSX_TYPE, csv_chunks, write_xlsx
from annotations.exports.web_annotation import MEDIA_TYPE as JSONLD_TYPE
from core.downloads import download, file_download, safe_filename, streamed_download

ANNOTATION_FORMATS = ("csv", "xlsx", "jsonld", "qdpx")


def _filename(selection: ResolvedSelection, extension: str) -> str:
    return safe_filename(_("annotations"), selection.label(), extension=extension)


def annotations_response(
    request: HttpRequest, selection: ResolvedSelection, fmt: str
) -> HttpResponseBase:
    """The selected annotations as ``fmt`` (one of ``ANNOTATION_FORMATS``)."""
    if fmt == "csv":
        rows = export_rows(selection, absolute_url=request.build_absolute_uri)
        return streamed_download(
            csv_chunks(rows), filename=_filename(selection, "csv"), content_type=CSV_TYPE
        )
    if fmt == "xlsx":
        rows = export_rows(selection, absolute_url=request.build_absolute_uri)
        workbook = write_xlsx(rows, title=selection.label())
        return file_download(
            workbook,
            filename=_filename(selection, "xlsx"),
            content_type=XLSX_TYPE,
        )
    if fmt == "jsonld":
        return streamed_download(
            collection_chunks(selection, request=request, collection_url=request.get_full_path()),
            filename=_filename(selection, "jsonld"),
            content_type=JSONLD_TYPE,
        )
    if fmt == "qdpx":
        archive = write_qdpx(selection, project_name=selection.label())
        return file_download(
            archive,
            filename=_filename(selection, "qdpx"),
            content_type=QDPX_TYPE,
        )
    raise ValueError(fmt)


def codebook_response() -> HttpResponseBase:
    return download(
        codebook_qdc(),
        filename=safe_filename(_("codebook"), extension="qdc"),
        content_type=QDC_TYPE,
    )
