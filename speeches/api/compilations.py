"""API for compilations: upload (or dry-run parse) a file, list them, read one."""

from typing import Annotated

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from accounts.api_auth import admin_auth, editor_auth, reader_auth
from config.errors import READ_ERRORS, ErrorOut
from core.fields import max_length
from core.pagination import LimitOffset
from core.params import MAX_ID, PathId
from speeches.api.editing import ERRORS as EDIT_ERRORS
from speeches.models import Compilation, ImportJob
from speeches.schemas import (
    CompilationDetailOut,
    CompilationDiffOut,
    CompilationOut,
    CompilationPatch,
    DeletedOut,
    ImportJobOut,
    ParsedCompilationOut,
)
from speeches.services.editing import edit_compilation
from speeches.services.imports import compilation_title, read_file, read_within_limit
from speeches.services.jobs import start_import
from speeches.services.retire import (
    delete_compilation,
    restore_compilation,
    withdraw_compilation,
)
from speeches.services.versions import diff_with_previous, looks_like

router = Router(tags=["compilations"])

REFUSALS = {
    401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 413: ErrorOut, 415: ErrorOut,
    422: ErrorOut,
}


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
        "422 `empty`, `no-text`, `no-chinese` (and `invalid` for a request without a file). "
        "`details.message_en` holds the message in English.\n"
        "* Otherwise the file is imported in the background: 202 with the import job "
        "(`Location` names it too); GET `url` until `finished` is true. A file the parser "
        "refuses makes the job fail with the same `code` and message, and nothing is "
        "written; a file over the size limit is refused at once (413 `too-large`). "
        "When done, `created` is false if the same normalized text had been imported "
        "before (nothing is written; `compilation` is that one).\n\n"
        "Versions: a dry run's `looks_like` names a current compilation sharing at least "
        "70 % of its paragraphs with the file, or at least 30 % and the title it would be "
        "imported under (`by_title`), with how many are unchanged, changed, added, "
        "removed. Send `new_version_of` with its id to import the file as its new "
        "version: when the job is done it is superseded, annotations move (those that "
        "cannot be placed with confidence wait in `GET /api/orphaned-annotations`) and "
        "comments follow their paragraphs; the job's `new_version_of` names it and "
        "`carried` says what moved. 404 for an unknown compilation; 409 `not-current` for "
        "a withdrawn or superseded one (also as the job's error when it was withdrawn or "
        "superseded while the job waited)."
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
        max_length=max_length(ImportJob, "title"),
        description="Title of the compilation (by default the one the file states).",
        example="2024年市长讲话汇编",
    ),
    new_version_of: int | None = Form(
        None, ge=1, le=MAX_ID,
        description="Import as the new version of this compilation (see `looks_like`).",
        example=7,
    ),
):
    if dry_run:
        parsed = read_file(file=file).parsed
        existing = Compilation.objects.filter(sha256=parsed.sha256).values_list("pk", flat=True)
        match = looks_like(
            [p.text for speech in parsed.speeches for p in speech.paragraphs],
            title=compilation_title(parsed, title),
        )
        return Status(200, {
            **parsed.to_dict(),
            "existing_id": existing.first(),
            "looks_like": match.to_dict() if match is not None else None,
        })
    previous = (
        get_object_or_404(Compilation.objects.defer("text"), pk=new_version_of)
        if new_version_of is not None
        else None
    )
    job = start_import(
        data=read_within_limit(file=file),
        filename=file.name or "",
        user=request.user,
        title=title,
        new_version_of=previous,
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
    description="Imported compilations, newest first. Withdrawn ones are left out (read one "
    "by its id: `withdrawn_at` says when it was withdrawn).",
)
@paginate(LimitOffset)
def list_compilations(request):
    return Compilation.objects.current().for_listing().order_by("-created_at", "-id")


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


@router.patch(
    "/compilations/{compilation_id}",
    response={200: CompilationDetailOut, **EDIT_ERRORS},
    auth=editor_auth,
    operation_id="update_compilation",
    summary="Correct a compilation's title or description (editors)",
    description="Only the fields sent change; logged and undoable as a speech's corrections.",
)
def update_compilation(request, compilation_id: PathId, data: CompilationPatch):
    compilation = get_object_or_404(Compilation.objects.defer("text"), pk=compilation_id)
    edit_compilation(
        compilation=compilation,
        changes=data.model_dump(exclude_unset=True),
        actor=request.auth,
    )
    return Compilation.objects.for_listing().get(pk=compilation.pk)


@router.post(
    "/compilations/{compilation_id}/withdraw",
    response={200: CompilationDetailOut, **EDIT_ERRORS},
    auth=editor_auth,
    operation_id="withdraw_compilation",
    summary="Withdraw a compilation (editors)",
    description=(
        "Takes it out of browsing, search and analysis; its speeches, annotations and "
        "comments are kept and stay exportable (name it in an export's `compilation` "
        "filter). It can be restored for 30 days. 409 `already-withdrawn`."
    ),
)
def withdraw(request, compilation_id: PathId):
    compilation = get_object_or_404(Compilation.objects.defer("text"), pk=compilation_id)
    withdraw_compilation(compilation=compilation, actor=request.auth)
    return Compilation.objects.for_listing().get(pk=compilation.pk)


@router.post(
    "/compilations/{compilation_id}/restore",
    response={200: CompilationDetailOut, **EDIT_ERRORS},
    auth=editor_auth,
    operation_id="restore_compilation",
    summary="Restore a withdrawn compilation (editors)",
    description="Within 30 days of its withdrawal. 409 `not-withdrawn`, `too-late`.",
)
def restore(request, compilation_id: PathId):
    compilation = get_object_or_404(Compilation.objects.defer("text"), pk=compilation_id)
    restore_compilation(compilation=compilation, actor=request.auth)
    return Compilation.objects.for_listing().get(pk=compilation.pk)


@router.delete(
    "/compilations/{compilation_id}",
    response={200: DeletedOut, **EDIT_ERRORS},
    auth=admin_auth,
    operation_id="delete_compilation",
    summary="Delete a withdrawn compilation for good (administrators)",
    description=(
        "Only a compilation withdrawn more than 30 days ago; it takes its speeches and "
        "every annotation and comment on them. Export them first "
        "(`GET /api/exports/annotations/jsonld?compilation={id}`). "
        "409 `not-withdrawn`, `restorable`."
    ),
)
def delete(request, compilation_id: PathId):
    compilation = get_object_or_404(Compilation.objects.defer("text"), pk=compilation_id)
    deleted = delete_compilation(compilation=compilation, actor=request.auth)
    return {"deleted": {label.lower(): n for label, n in deleted.items()}}


@router.get(
    "/compilations/{compilation_id}/diff",
    response={200: CompilationDiffOut, **READ_ERRORS},
    auth=reader_auth,
    operation_id="compilation_diff",
    summary="What changed from the version a compilation replaced",
    description=(
        "The compilation's \"what changed\" page: paragraph by paragraph in this version's "
        "order, runs of unchanged paragraphs folded (`same`, with `count`), paragraphs "
        "`added` and `removed`, and `changed` ones with the pieces that changed "
        "(`segments`). A compilation that replaced no earlier version answers 404."
    ),
)
def compilation_diff(request, compilation_id: PathId):
    compilation = get_object_or_404(Compilation.objects.defer("text"), pk=compilation_id)
    previous, rows = diff_with_previous(compilation)
    return {"compilation": compilation, "previous": previous, "rows": rows}
