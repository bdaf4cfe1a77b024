"""API for compilations: upload (or dry-run parse) a file, list them, read one."""

from typing import Annotated

from django.shortcuts import get_object_or_404
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from accounts.api_auth import editor_auth, reader_auth
from config.errors import ErrorOut
from core.pagination import LimitOffset
from core.params import PathId
from speeches.models import Compilation
from speeches.schemas import (
    CompilationDetailOut,
    CompilationImportOut,
    CompilationOut,
    ParsedCompilationOut,
)
from speeches.services.imports import import_file, read_file

router = Router(tags=["compilations"])

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
        "docs/parsing.md, with `existing_id` naming a compilation that already holds the text.\n"
        "* Otherwise the file is imported: 201 with `created: true` and the stored "
        "compilation, or 200 with `created: false` and the compilation that already holds "
        "the same normalized text (nothing is written).\n\n"
        "A refused file answers with `ErrorOut`, `code` naming the problem: 413 `too-large`; "
        "415 `pdf`, `image`, `binary`, `bad-docx`, `zip-bomb`, `unknown-encoding`; "
        "422 `empty`, `no-text`, `no-chinese` (and `invalid` for a request without a file). "
        "`details.message_en` holds the message in English."
    ),
)
def create_compilation(
    request,
    file: Annotated[
        UploadedFile,
        File(description="A .txt or .docx file of speeches.", example="2024年讲话.txt"),
    ],
    dry_run: bool = Form(False, description="Only parse: nothing is saved.", example=True),
    title: str = Form(
        "",
        max_length=300,
        description="Title of the compilation (by default the one the file states).",
        example="2024年市长讲话汇编",
    ),
):
    if dry_run:
        parsed = read_file(file=file).parsed
        existing = Compilation.objects.filter(sha256=parsed.sha256).values_list("pk", flat=True)
        return Status(200, {**parsed.to_dict(), "existing_id": existing.first()})
    result = import_file(file=file, user=request.user, title=title)
    compilation = Compilation.objects.for_listing().get(pk=result.compilation.pk)
    status = 201 if result.created else 200
    return Status(status, {"created": result.created, "compilation": compilation})


@router.get(
    "/compilations",
    response={200: list[CompilationOut], 401: ErrorOut, 403: ErrorOut, 422: ErrorOut},
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
    response={
        200: CompilationDetailOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        422: ErrorOut,
    },
    auth=reader_auth,
    operation_id="get_compilation",
    summary="Get a compilation",
    description="A compilation with the metadata and parser warnings of each of its speeches.",
)
def get_compilation(request, compilation_id: PathId):
    return get_object_or_404(Compilation.objects.for_listing(), pk=compilation_id)
