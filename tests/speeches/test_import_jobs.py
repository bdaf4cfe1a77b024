"""Import jobs (speeches.services.jobs): stages and progress, failures that leave no
rows, the job's page, the worker (django-tasks' database backend) and the
command's progress bar."""

import io
import os
import time

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse

from core.errors import DomainError
from speeches.models import Compilation, ImportJob, Paragraph, Section, Speech
from speeches.services import imports as services
from speeches.services import jobs
from speeches.services.jobs import purge_abandoned_files, run_import_job, start_import
from speeches.services.pending import PENDING_UPLOAD_TTL
from tests.conftest import SEED

STAGES = ["reading", "parsing", "segmenting", "writing", "done"]


def row_counts() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in (Compilation, Speech, Section, Paragraph)}


def stored_files(pending_dir) -> list:
    return [p for p in pending_dir.rglob("*") if p.is_file()] if pending_dir.exists() else []


def test_a_job_goes_through_its_stages_to_the_compilation(editor, seed_bytes, pending_dir):
    job = start_import(data=seed_bytes, filename=SEED.name, user=editor, enqueue=False)
    assert (job.stage, job.percent, job.seconds_left) == ("queued", 0, None)
    assert len(stored_files(pending_dir)) == 1
    seen: list[tuple[str, int]] = []

    job = run_import_job(job_id=job.pk, listener=lambda j: seen.append((j.stage, j.percent)))

    stages = list(dict.fromkeys(stage for stage, _percent in seen))
    assert stages == STAGES
    percents = [percent for _stage, percent in seen]
    assert percents == sorted(percents) and percents[-1] == 100
    job.refresh_from_db()
    assert job.stage == "done" and job.percent == 100 and job.finished_at is not None
    assert job.created_compilation and job.compilation.speeches.count() == 5
    assert job.compilation.uploaded_by == editor
    assert stored_files(pending_dir) == []  # the file goes once the job has ended
    # Running a finished job again does nothing.
    assert run_import_job(job_id=job.pk).compilation == job.compilation
    assert Compilation.objects.count() == 1


announced: list[int] = []


def record_import(*, compilation_id: int) -> None:
    announced.append(compilation_id)


def fail_on_import(*, compilation_id: int) -> None:
    raise RuntimeError("a reader of the import broke")


def test_a_finished_job_tells_the_import_done_handlers_and_survives_a_failing_one(
    editor, seed_bytes, pending_dir, settings
):
    settings.IMPORT_DONE_HANDLERS = [
        f"{__name__}.fail_on_import",
        f"{__name__}.record_import",
    ]
    announced.clear()
    job = start_import(data=seed_bytes, filename=SEED.name, user=editor, enqueue=False)
    job = run_import_job(job_id=job.pk)
    assert job.stage == "done"
    assert announced == [job.compilation_id]  # the failing handler did not stop the next

    failed = start_import(data=b"%PDF-1.7\n...", filename="x.pdf", user=editor, enqueue=False)
    run_import_job(job_id=failed.pk)
    assert announced == [job.compilation_id]  # a failed import announces nothing


def test_a_job_that_fails_while_writing_leaves_no_rows_and_says_why(
    editor, seed_bytes, pending_dir, monkeypatch
):
    create_speech = services._create_speech

    def failing(compilation, position, *args):
        if position == 3:
            raise RuntimeError("disk full")
        return create_speech(compilation, position, *args)

    monkeypatch.setattr(services, "_create_speech", failing)
    job = start_import(data=seed_bytes, filename=SEED.name, user=editor, enqueue=False)
    with pytest.raises(RuntimeError):  # the worker records the task as failed too
        run_import_job(job_id=job.pk)

    job.refresh_from_db()
    assert (job.stage, job.error_code) == ("failed", "internal")
    assert "nothing was written" in job.error_en and job.error
    assert row_counts() == dict.fromkeys(row_counts(), 0)
    assert stored_files(pending_dir) == []


def test_a_refused_file_fails_its_job_with_the_parsers_message(editor, pending_dir):
    job = start_import(data=b"%PDF-1.7\n...", filename="x.pdf", user=editor, enqueue=False)
    job = run_import_job(job_id=job.pk)
    assert (job.stage, job.error_code) == ("failed", "pdf")
    assert "PDF" in job.error and "PDF" in job.error_en
    assert row_counts() == dict.fromkeys(row_counts(), 0)


def test_time_left_is_told_from_the_time_taken(editor, seed_bytes):
    import datetime

    from django.utils import timezone

    job = start_import(data=seed_bytes, filename="a.txt", user=editor, enqueue=False)
    job.stage, job.percent = "segmenting", 40
    job.started_at = timezone.now() - datetime.timedelta(seconds=8)
    assert job.seconds_left == 12


# ---- The job's page ----


def job_page(client, job):
    return client.get(reverse("import_job_detail", args=[job.pk]))


def test_a_running_job_shows_a_bar_that_works_without_javascript(
    editor_client, editor, seed_bytes, django_assert_max_num_queries
):
    job = start_import(data=seed_bytes, filename="讲话.txt", user=editor, enqueue=False)
    ImportJob.objects.filter(pk=job.pk).update(stage="segmenting", percent=41)
    with django_assert_max_num_queries(6):
        response = job_page(editor_client, job)
    html = response.content.decode()
    assert '<progress class="job-progress__bar" max="100" value="41"' in html
    assert "41%" in html
    # Without JavaScript the page refreshes itself; with it, it polls the API.
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in html
    assert f'data-status-url="/api/import-jobs/{job.pk}"' in html
    assert "js/import_job.js" in html


def test_a_finished_job_leads_to_its_compilation(
    editor_client, editor, seed_bytes, django_assert_max_num_queries
):
    started = start_import(data=seed_bytes, filename="讲话.txt", user=editor, enqueue=False)
    job = run_import_job(job_id=started.pk)
    with django_assert_max_num_queries(7):
        html = job_page(editor_client, job).content.decode()
    assert job.compilation.get_absolute_url() in html
    assert "http-equiv" not in html and "import_job.js" not in html


def test_a_failed_job_shows_the_reason(editor_client, editor):
    started = start_import(data=b"\x89PNG\r\n\x1a\n", filename="a.png", user=editor, enqueue=False)
    job = run_import_job(job_id=started.pk)
    html = job_page(editor_client, job).content.decode()
    assert "import-job__reason" in html and job.error in html
    assert "http-equiv" not in html


def test_only_whoever_started_a_job_and_staff_see_its_page(
    client, editor, seed_bytes, viewer, django_user_model
):
    job = start_import(data=seed_bytes, filename="a.txt", user=editor, enqueue=False)
    client.force_login(viewer)
    assert job_page(client, job).status_code == 403
    other = django_user_model.objects.create_user("editor-2", password="x")
    other.groups.add(*editor.groups.all())
    client.force_login(other)
    assert job_page(client, job).status_code == 404
    other.is_staff = True
    other.save()
    assert job_page(client, job).status_code == 200


# ---- The worker ----


def test_the_database_backend_queues_the_job_and_db_worker_runs_it(
    transactional_db, settings, editor, seed_bytes, pending_dir
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    job = start_import(data=seed_bytes, filename=SEED.name, user=editor)
    job.refresh_from_db()
    task = DBTaskResult.objects.get()
    assert str(task.id) == job.task_id and task.task_path == "speeches.tasks.run_import"
    assert job.stage == "queued"

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    job.refresh_from_db()
    task.refresh_from_db()
    assert job.stage == "done" and job.compilation.speeches.count() == 5
    assert task.status == "SUCCESSFUL"


# ---- The command ----


def test_the_command_shows_a_progress_bar(db, tmp_path, seed_bytes):
    (tmp_path / "seed.txt").write_bytes(seed_bytes)
    out, err = io.StringIO(), io.StringIO()
    call_command("import_speeches", str(tmp_path), "--progress", stdout=out, stderr=err)
    assert "[" + "#" * 30 + "] 100%" in err.getvalue()
    assert "segmenting" in err.getvalue() or "分词" in err.getvalue()
    assert ImportJob.objects.get().stage == "done"


def age(path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_files_no_job_waits_for_are_purged_and_a_waiting_jobs_are_kept(
    editor, seed_bytes, pending_dir
):
    parsed = services.read_file(
        file=ContentFile(seed_bytes, name=SEED.name), filename=SEED.name
    ).parsed
    waiting = start_import(
        data=seed_bytes, filename=SEED.name, user=editor, enqueue=False, parsed=parsed
    )
    deleted = start_import(
        data=seed_bytes, filename=SEED.name, user=editor, enqueue=False, parsed=parsed
    )
    killed = start_import(data=b"x", filename="a.txt", user=editor, enqueue=False)
    deleted.delete()  # before it ran: its bytes and its parse are left
    # A worker killed mid-import, the job then marked as failed by the admin: its bytes stayed.
    ImportJob.objects.filter(pk=killed.pk).update(stage="failed", finished_at=waiting.created_at)
    assert len(stored_files(pending_dir)) == 5
    old = PENDING_UPLOAD_TTL.total_seconds() + 60

    # Recent files are left alone: a job may be being created with them.
    assert purge_abandoned_files() == 0
    for path in stored_files(pending_dir):
        age(path, old)
    assert purge_abandoned_files() == 3

    names = sorted(p.relative_to(pending_dir).as_posix() for p in stored_files(pending_dir))
    assert names == [waiting.stored_name, waiting.stored_name + ".parsed"]
    # The waiting job still runs from them, however old.
    assert run_import_job(job_id=waiting.pk).stage == "done"


def test_the_next_job_purges_what_is_left_and_a_refused_title_keeps_nothing(
    editor, seed_bytes, pending_dir, monkeypatch
):
    left = start_import(data=b"x", filename="a.txt", user=editor, enqueue=False)
    left.delete()
    age(pending_dir / left.stored_name, PENDING_UPLOAD_TTL.total_seconds() + 60)

    monkeypatch.setattr("speeches.services.pending._last_purges", {})  # a minute later
    with pytest.raises(DomainError):
        start_import(data=b"y", filename="b.txt", user=editor, enqueue=False, title="长" * 10_000)
    assert stored_files(pending_dir) == []
    assert ImportJob.objects.count() == 0


def test_the_folder_is_looked_through_at_most_once_a_minute(editor, pending_dir, monkeypatch):
    calls = []
    monkeypatch.setattr(jobs, "purge_abandoned_files", lambda: calls.append(1))
    for name in ("a", "b", "c"):
        start_import(data=b"x", filename=f"{name}.txt", user=editor, enqueue=False)
    assert calls == [1]


def test_a_purge_that_fails_does_not_stop_the_import(editor, pending_dir, monkeypatch, caplog):
    def broken():
        raise PermissionError("the folder cannot be read")

    monkeypatch.setattr(jobs, "purge_abandoned_files", broken)
    job = start_import(data=b"x", filename="a.txt", user=editor, enqueue=False)
    assert ImportJob.objects.filter(pk=job.pk).exists()
    assert "could not be purged" in caplog.text


@pytest.mark.parametrize(
    "language, shown",
    [("zh-hans", "讲话.txt（13\xa0字节）"), ("en", "讲话.txt (13\xa0bytes)")],
)
def test_the_file_and_its_size_read_in_the_pages_language(
    editor_client, editor, language, shown
):
    # The size's brackets were ASCII in Chinese too: 讲话.txt (13 字节).
    job = start_import(data="同志们：\n".encode(), filename="讲话.txt", user=editor, enqueue=False)
    editor_client.cookies["django_language"] = language
    assert shown in job_page(editor_client, job).content.decode()
