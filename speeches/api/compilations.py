"""API for compilations: upload (or dry-run parse) a file, list them, read one."""

from typing import Annotated

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from accounts.api_auth import editor_auth, reader_auth
from config.errors import ErrorOut
from core.pagination import LimitOffset
from core.params import PathId
from speeches.models import Compilation, ImportJob
from speeches.schemas import (
    CompilationDetailOut,
    CompilationOut,
    ImportJobOut,
    ParsedCompilationOut,
)
from speeches.services.imports import read_file, read_within_limit
from speeches.services.jobs import start_import

router = Router(tags=["compilations"])

REFUSALS = {401: ErrorOut, 403: ErrorOut, 413: ErrorOut, 415: ErrorOut, 422: ErrorOut}


@router.post(
    "/compilations",
    response={200: ParsedCompilationOut, 202: ImportJobOut} | REFUSALS,
    auth=editor_auth,
    operation_id="create_compilation",
    summary="Upload a compilation",
    description=(
        "Multipart upload of one .txt (UTF-8, GB18030 or UTF-16) or .docx file, editors only.\n\n"
        "* `dry_run=true`: nothing is saved; the answer (200) is the parse JSON described in "
        "docs/parsing.md, with `existing_id` naming a compilation that already holds the text. "
        "A refused file answers with `ErrorOut`, `code` naming the problem: 413 `too-large`; "
        "415 `pdf`, `image`, `binary`, `bad-docx`, `zip-bomb`, `unknown-encoding`; "
        "422 `empty`, `no-text`, `no-chinese`. `details.message_en` holds the message in "
        "English.\n"
        "* Otherwise the file is imported in the background: 202 with the import job "
        "(`Location` names it too); GET `url` until `finished` is true. A file the parser "
        "refuses makes the job fail with the same `code` and message, and nothing is "
        "written; a file over the size limit is refused at once (413 `too-large`). "
        "When done, `created` is false if the same normalized text had been imported "
        "before (nothing is written; `compilation` is that one)."
    ),
)
def create_compilation(
    request,
    response: HttpResponse,
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
    job = start_import(
        data=read_within_limit(file=file), filename=file.name or "", user=request.user, title=title
    )
    # As it is now: a backend that runs jobs at once has run it already.
    job = ImportJob.objects.for_status().get(pk=job.pk)
    response["Location"] = f"/api/import-jobs/{job.pk}"
    return Status(202, job)


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


@router.get(
    "/import-jobs/{job_id}",
    response={200: ImportJobOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    auth=editor_auth,
    operation_id="get_import_job",
    summary="Get an import job",
    description=(
        "How far an import is: its stage, percentage and time left; once finished, the "
        "compilation or why it failed. Only the person who started it (and staff) may "
        "read a job."
    ),
)
def get_import_job(request, job_id: PathId):
    return get_object_or_404(
        ImportJob.objects.for_status().visible_to(request.user), pk=job_id
    )
