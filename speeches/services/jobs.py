"""Imports as background jobs: every entry point starts one, a worker runs it.

``start_import`` keeps the file's bytes in the private ``pending_uploads``
storage, creates an ``ImportJob`` and enqueues ``speeches.tasks.run_import``
(django-tasks, database backend: ``manage.py db_worker`` runs it). The
worker calls ``run_import_job``, which reads, parses, segments and writes
through the same services as before (``speeches.services``) and records
the stage, the percentage and, on failure, the reason. A failed import
leaves no rows: the import is one transaction. The command runs its jobs
itself, in its own process, with ``run_import_job`` too.
"""

from __future__ import annotations

import dataclasses
import logging
import secrets
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from core.fields import check_length, clip
from core.jobs import ENDED, ProgressRecorder
from speeches.models import Compilation, ImportJob
from speeches.services.imports import UploadRefused, import_compilation, read_file
from speeches.services.kept_parses import SUFFIX, forget_parse, keep_parse
from speeches.services.pending import delete_stale, now_and_then
from speeches.services.versions import NOT_CURRENT, VersionRefused, require_current
from text.corrections import (
    CompilationCorrections,
    CorrectionMismatch,
    SpeechCorrection,
    apply_corrections,
)
from text.parsing import ParsedCompilation

logger = logging.getLogger(__name__)

Stage = ImportJob.Stage

# Where each stage starts and ends on the progress bar, in percent: roughly
# the share of the time each takes (docs/performance.md).
SPANS: dict[str, tuple[int, int]] = {
    Stage.READING: (0, 2),
    Stage.PARSING: (2, 25),
    Stage.SEGMENTING: (25, 65),
    Stage.WRITING: (65, 99),
}

# Told of every step of a job run in this process (the command's progress bar).
Listener = Callable[[ImportJob], None]


# The folder of the pending uploads' storage that holds the jobs' files.
JOBS_FOLDER = "jobs"


def _storage() -> Storage:
    return storages["pending_uploads"]


def start_import(
    *,
    data: bytes,
    filename: str,
    user: User | None,
    title: str = "",
    corrections: CompilationCorrections | None = None,
    new_version_of: Compilation | None = None,
    enqueue: bool = True,
    parsed: ParsedCompilation | None = None,
) -> ImportJob:
    """Keep ``data`` and create its import job; enqueue it for a worker unless told not to.

    Nothing is read or parsed here: a request that starts a job answers at
    once, whatever the size of the file. ``parsed``: the parse of ``data``
    read as ``filename``, when the caller has made it (a confirmed
    preview): kept for the job, which then does not parse again
    (``speeches.services.kept_parses``). ``new_version_of``: import it as
    the new version of that compilation (``import_compilation`` supersedes
    it when the job runs); refused at once (``VersionRefused``) when it is
    not current, and again by the job if it stopped being so meanwhile.
    """
    if new_version_of is not None:
        require_current(new_version_of)
    now_and_then("import jobs", purge_abandoned_files)
    # Checked before anything is kept: a refused title leaves no file behind.
    title = check_length(ImportJob, "title", title.strip())
    stored_name = _storage().save(
        f"{JOBS_FOLDER}/{secrets.token_urlsafe(18)}.upload", ContentFile(data)
    )
    if parsed is not None:
        keep_parse(name=stored_name, data=data, filename=filename, parsed=parsed)
    job = ImportJob.objects.create(
        user=user if user is not None and user.is_authenticated else None,
        # The name the browser sent, cut to what the column holds (not typed text).
        filename=clip(ImportJob, "filename", filename),
        title=title,
        size=len(data),
        stored_name=stored_name,
        corrections=dataclasses.asdict(corrections) if corrections is not None else None,
        new_version_of=new_version_of,
    )
    if enqueue:
        # The database backend writes the task's row in the same transaction
        # as the job's, so a worker never meets a task whose job is missing.
        _enqueue(job)
    return job


def purge_abandoned_files() -> int:
    """Delete the files in the jobs' folder that no job waits for any more;
    returns how many.

    A job deletes its bytes and kept parse when it ends, but some are left:
    a job deleted before it ran (the admin), one whose end was recorded by
    another hand (the admin, after a worker was killed mid-import), a
    request that stopped between keeping the bytes and creating the job.
    Those older than ``pending.PENDING_UPLOAD_TTL`` (so that a job being created
    right now is never caught) whose job has ended (``core.jobs.ENDED``) or
    is gone are deleted; the bytes of a job not ended are kept, however
    old, since a worker may yet run it.
    """
    storage = _storage()
    try:
        _dirs, files = storage.listdir(JOBS_FOLDER)
    except FileNotFoundError:
        return 0
    # A kept parse belongs to the bytes it sits beside.
    owners = {
        f"{JOBS_FOLDER}/{file}": f"{JOBS_FOLDER}/{file}".removesuffix(SUFFIX) for file in files
    }
    # The jobs not ended are few (those queued or running), whatever the folder holds.
    waiting = set(ImportJob.objects.exclude(stage__in=ENDED).values_list("stored_name", flat=True))
    removed = delete_stale(
        storage, (name for name, owner in owners.items() if owner not in waiting)
    )
    if removed:
        logger.info("removed %s files of import jobs that no longer wait for them", removed)
    return removed


def _enqueue(job: ImportJob) -> None:
    from speeches.tasks import run_import

    result = run_import.enqueue(job_id=job.pk)
    ImportJob.objects.filter(pk=job.pk, task_id="").update(task_id=str(result.id))


def run_import_job(*, job_id: int, listener: Listener | None = None) -> ImportJob:
    """Run an import job to its end: done, or failed with the reason.

    Called by the worker (``speeches.tasks.run_import``) and by the command.
    A job that already ended is returned as it is.
    """
    job = ImportJob.objects.get(pk=job_id)
    if job.finished:
        return job
    job.started_at = timezone.now()
    ImportJob.objects.filter(pk=job.pk).update(started_at=job.started_at)
    # The import's transaction holds the writing stage: it is recorded once,
    # as it starts (ProgressRecorder writes nothing inside a transaction).
    recorder = ProgressRecorder(job, SPANS, listener=listener)
    try:
        recorder(Stage.READING)
        with _storage().open(job.stored_name, "rb") as handle:
            recorder(Stage.PARSING)
            read = read_file(
                file=File(handle, name=job.filename),
                filename=job.filename,
                kept_as=job.stored_name,
            )
        parsed = read.parsed
        if job.corrections is not None:
            parsed = apply_corrections(parsed, _corrections(job.corrections))
        result = import_compilation(
            parsed=parsed,
            size=job.size,
            user=job.user,
            title=job.title,
            new_version_of=_new_version_of(job),
            progress=recorder,
        )
    except UploadRefused as refusal:
        _fail(job, refusal.code, refusal.error.message, refusal.error.message_en)
    except VersionRefused as refusal:
        # Withdrawn, superseded or deleted while the job waited: nothing is imported.
        _fail(job, refusal.code, *_in_both(NOT_CURRENT))
    except (CorrectionMismatch, ValueError) as error:
        # The held file parses otherwise than the preview that was corrected
        # (the parser changed meanwhile): nothing is imported.
        logger.warning("import job %s: corrections do not fit: %s", job.pk, error)
        _fail(job, "corrections-mismatch", *_in_both(CORRECTIONS_MISMATCH))
    except Exception:
        logger.exception("import job %s failed", job.pk)
        _fail(job, "internal", *_in_both(INTERNAL_ERROR))
        raise
    else:
        job.stage, job.percent = Stage.DONE, 100
        job.compilation, job.created_compilation = result.compilation, result.created
        job.carried = result.carried
        job.finished_at = timezone.now()
        job.save(
            update_fields=[
                "stage",
                "percent",
                "compilation",
                "created_compilation",
                "carried",
                "finished_at",
                "updated_at",
            ]
        )
        _announce_import(compilation_id=result.compilation.pk)
        if listener is not None:
            listener(job)
    finally:
        _storage().delete(job.stored_name)
        forget_parse(name=job.stored_name)
    return job


def _announce_import(*, compilation_id: int) -> None:
    """Tell every handler in ``settings.IMPORT_DONE_HANDLERS`` (dotted paths)
    that a compilation was imported, after its rows are committed: apps above
    this one (text reuse, search-to-theme rules) queue their own work for it.

    The import is done whatever a handler does: one that fails is logged, and
    the others still run, since the speeches must not wait on their readers.
    """
    for path in settings.IMPORT_DONE_HANDLERS:
        try:
            import_string(path)(compilation_id=compilation_id)
        except Exception:
            logger.exception(
                "import-done handler %s failed for compilation %s", path, compilation_id
            )


CORRECTIONS_MISMATCH = _(
    "The file no longer parses as it did in the preview, so the corrections cannot be "
    "applied; nothing was imported. Upload the file again."
)
INTERNAL_ERROR = _(
    "An internal error stopped the import; nothing was written. Please tell the administrator."
)


def _in_both(message) -> tuple[str, str]:
    """A message in Chinese and in English: the row keeps both, as for the parser's refusals."""
    with translation.override("zh-hans"):
        chinese = str(message)
    with translation.override("en"):
        english = str(message)
    return chinese, english


def _fail(job: ImportJob, code: str, message: str, message_en: str) -> None:
    job.stage = Stage.FAILED
    job.error_code, job.error, job.error_en = code, message, message_en
    job.finished_at = timezone.now()
    job.save(
        update_fields=["stage", "error_code", "error", "error_en", "finished_at", "updated_at"]
    )


def _new_version_of(job: ImportJob) -> Compilation | None:
    """The compilation the job imports a new version of, as it is now (the
    import refuses it unless it is still current). Only a compilation
    withdrawn for 30 days can be deleted, so the choice outlives any job."""
    if job.new_version_of_id is None:
        return None
    return Compilation.objects.defer("text").get(pk=job.new_version_of_id)


def _corrections(data: dict) -> CompilationCorrections:
    return CompilationCorrections(
        title=data["title"],
        speeches=tuple(
            SpeechCorrection(**{**speech, "headings": tuple(speech["headings"])})
            for speech in data["speeches"]
        ),
    )
