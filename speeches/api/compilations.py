"""API for compilations: upload (or dry-run parse) a file, list them, read one."""

from django.shortcuts import get_object_or_404
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from accounts.api_auth import editor_auth, reader_auth
from config.errors import ApiError, ErrorOut
from config.pagination import LimitOffset
from speeches.models import Compilation
from speeches.parsing import ParseError
from speeches.schemas import (
    CompilationDetailOut,
    CompilationImportOut,
    CompilationOut,
    ParsedCompilationOut,
)
from speeches.services import import_compilation, parse_error_message, parse_upload, read_upload

router = Router(tags=["compilations"])

# How each refusal of the parser answers over HTTP: 413 when the file is
# over the size limit, 415 when it is not a kind of file we read (or not a
# safe one), 422 when it is readable but holds nothing to import.
REFUSAL_STATUS = {
    "too-large": 413,
    "pdf": 415,
    "image": 415,
    "binary": 415,
    "bad-docx": 415,
    "zip-bomb": 415,
    "unknown-encoding": 415,
    "empty": 422,
    "no-text": 422,
}

REFUSALS = {401: ErrorOut, 403: ErrorOut, 413: ErrorOut, 415: ErrorOut, 422: ErrorOut}


@router.post(
    "/compilations",
    response={200: ParsedCompilationOut | CompilationImportOut, 201: CompilationImportOut}
    | REFUSALS,
    auth=editor_auth,
    operation_id="create_compilation",
    summary="Upload a compilation",
    description=(
        "Multipart upload of one .txt (UTF-8, GB18030 or UTF-16) or .docx file, editors only.\n\n"
        "* `dry_run=true`: nothing is saved; the answer (200) is the parse JSON described in "
        "PARSING.md, with `existing_id` naming a compilation that already holds the text.\n"
        "* Otherwise the file is imported: 201 with `created: true` and the stored "
        "compilation, or 200 with `created: false` and the compilation that already holds "
        "the same normalized text (nothing is written).\n\n"
        "A refused file answers with `ErrorOut`, `code` naming the problem: 413 `too-large`; "
        "415 `pdf`, `image`, `binary`, `bad-docx`, `zip-bomb`, `unknown-encoding`; "
        "422 `empty`, `no-text` (and `invalid` for a request without a file). "
        "`details.message_en` holds the message in English."
    ),
)
def create_compilation(
    request,
    file: File[UploadedFile],
    dry_run: Form[bool] = False,
    title: str = Form("", max_length=300, description="Title of the compilation."),
):
    try:
        data = read_upload(file=file)
        parsed = parse_upload(data=data, filename=file.name or "")
    except ParseError as error:
        raise ApiError(
            REFUSAL_STATUS.get(error.code, 422),
            error.code,
            parse_error_message(error),
            {"file": file.name, "message_en": error.message_en},
        ) from None
    if dry_run:
        existing = Compilation.objects.filter(sha256=parsed.sha256).values_list("pk", flat=True)
        return Status(200, {**parsed.to_dict(), "existing_id": existing.first()})
    result = import_compilation(parsed=parsed, size=len(data), user=request.user, title=title)
    compilation = Compilation.objects.for_listing().get(pk=result.compilation.pk)
    status = 201 if result.created else 200
    return Status(status, {"created": result.created, "compilation": compilation})


@router.get(
    "/compilations",
    response={200: list[CompilationOut], 401: ErrorOut, 403: ErrorOut},
    auth=reader_auth,
    operation_id="list_compilations",
    summary="List compilations",
    description="Imported compilations, newest first.",
)
@paginate(LimitOffset)
def list_compilations(request):
    return Compilation.objects.for_listing().order_by("-created_at", "-id")


@router.get(
    "/compilations/{compilation_id}",
    response={200: CompilationDetailOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    auth=reader_auth,
    operation_id="get_compilation",
    summary="Get a compilation",
    description="A compilation with the metadata and parser warnings of each of its speeches.",
)
def get_compilation(request, compilation_id: int):
    return get_object_or_404(Compilation.objects.for_listing(), pk=compilation_id)
