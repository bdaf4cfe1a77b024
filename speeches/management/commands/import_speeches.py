"""Import compilation files and folders from the command line.

Each file is an import job (speeches.services.jobs), the same as an upload's, run
here in this process so the command needs no worker; a progress bar shows
each job's stage and percentage while it runs.
"""

import argparse
import multiprocessing
import os
import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from speeches.models import ImportJob
from speeches.services.imports import UploadRefused, read_within_limit
from speeches.services.jobs import run_import_job, start_import
from text.segmentation import fast_tokenizer

# What a folder is searched for; a file named on the command line is tried
# whatever its name, and the parser says what is wrong with it.
FOLDER_SUFFIXES = {".txt", ".docx"}


class Command(BaseCommand):
    help = (
        "Import speech compilations (.txt or .docx). Folders are searched recursively "
        "for .txt and .docx files. Exits with status 1 when any file was refused."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="Files or folders.")
        parser.add_argument(
            "--title", default="", help="Title of the compilation (a single file only)."
        )
        parser.add_argument("--user", metavar="USERNAME", help="Record this user as uploader.")
        parser.add_argument(
            "--workers",
            type=int,
            default=min(2, os.cpu_count() or 1),
            help="Files imported at once, each in a process of its own "
            "(default: 2 on a machine with two cores or more).",
        )
        parser.add_argument(
            "--progress",
            action=argparse.BooleanOptionalAction,
            default=None,
            help="Show a progress bar for each file (default: when writing to a terminal).",
        )

    def handle(self, *args, paths: list[str], title: str, user: str | None, **options):
        uploader = self._user(user)
        # The bar redraws one line: only where someone watches a terminal.
        self.show_bar = options.get("progress") or (
            options.get("progress") is None and sys.stderr.isatty()
        )
        files, refused = collect_files(paths)
        if title and len(files) + len(refused) != 1:
            raise CommandError(_("--title can only be given for a single file."))

        imported = present = 0
        total = len(files)
        for number, path, job in self._run(files, uploader, title, options["workers"]):
            # The outcome goes on a line of its own: log lines may come between.
            self.stdout.write(f"[{number}/{total}] {path}")
            if isinstance(job, str):  # refused before a job could start
                refused.append((path, job))
                self.stdout.write(self.style.ERROR("    " + _("refused: %s") % job))
                continue
            if job.stage == ImportJob.Stage.FAILED:
                message = job.error_message(translation.get_language())
                refused.append((path, message))
                self.stdout.write(self.style.ERROR("    " + _("refused: %s") % message))
                continue
            compilation = job.compilation
            if job.created_compilation:
                imported += 1
                count = compilation.speeches.count()
                self.stdout.write(
                    self.style.SUCCESS(
                        "    "
                        + ngettext(
                            "imported: %(title)s (%(count)d speech, #%(id)d)",
                            "imported: %(title)s (%(count)d speeches, #%(id)d)",
                            count,
                        )
                        % {
                            "title": compilation.title,
                            "count": count,
                            "id": compilation.pk,
                        }
                    )
                )
            else:
                present += 1
                self.stdout.write(
                    self.style.WARNING(
                        "    "
                        + _("already present: %(title)s (#%(id)d, imported %(date)s)")
                        % {
                            "title": compilation.title,
                            "id": compilation.pk,
                            "date": f"{compilation.created_at:%Y-%m-%d}",
                        }
                    )
                )

        self.stdout.write(
            _("Imported: %(imported)d, already present: %(present)d, refused: %(refused)d.")
            % {"imported": imported, "present": present, "refused": len(refused)}
        )
        for path, reason in refused:
            self.stdout.write(self.style.ERROR(f"  {path}: {reason}"))
        if refused:
            raise CommandError(_("%d file(s) refused.") % len(refused), returncode=1)

    def _run(self, files: list[Path], uploader, title: str, workers: int):
        """Start a job per file and run them; yields (number, path, job or refusal) in order."""
        jobs: list[tuple[int, Path, ImportJob | str]] = []
        for number, path in enumerate(files, start=1):
            try:
                with path.open("rb") as handle:
                    data = read_within_limit(file=File(handle), filename=path.name)
            except UploadRefused as refusal:
                jobs.append((number, path, refusal.message))
                continue
            job = start_import(
                data=data, filename=path.name, user=uploader, title=title, enqueue=False
            )
            jobs.append((number, path, job))
        runnable = [job.pk for _number, _path, job in jobs if isinstance(job, ImportJob)]
        # Child processes cannot see rows of a transaction still open (a
        # test's): then, and for one file, the jobs run here, one by one.
        if workers > 1 and len(runnable) > 1 and not connection.in_atomic_block:
            yield from self._run_in_processes(jobs, runnable, workers)
            return
        for number, path, job in jobs:
            if isinstance(job, ImportJob):
                bar = ProgressBar(self.stderr if self.show_bar else None)
                job = run_import_job(job_id=job.pk, listener=bar.show)
                bar.close()
            yield number, path, job

    def _run_in_processes(self, jobs, runnable: list[int], workers: int):
        """Run the jobs in ``workers`` processes, a bar counting the files done."""
        # Loaded once here, shared by the forked processes instead of loaded by each.
        fast_tokenizer()
        connections.close_all()  # each process opens its own, never the parent's
        bar = ProgressBar(self.stderr if self.show_bar else None)
        done = 0
        context = multiprocessing.get_context("fork")
        with context.Pool(min(workers, len(runnable))) as pool:
            finished = pool.imap(_run_job, runnable)
            for number, path, job in jobs:
                if isinstance(job, ImportJob):
                    next(finished)
                    job = ImportJob.objects.select_related("compilation").get(pk=job.pk)
                    done += 1
                    bar.count(done, len(runnable))
                bar.close()
                yield number, path, job

    def _user(self, username: str | None):
        if not username:
            return None
        User = get_user_model()
        try:
            return User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist:
            raise CommandError(_("No user named %s.") % username) from None


def collect_files(paths: list[str]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Files to import, in order, and the paths refused before reading (missing ones)."""
    files: list[Path] = []
    refused: list[tuple[Path, str]] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file()
                    and p.suffix.lower() in FOLDER_SUFFIXES
                    and not p.name.startswith((".", "~$"))
                )
            )
        elif path.is_file():
            files.append(path)
        else:
            refused.append((path, _("no such file or folder")))
    return files, refused


class ProgressBar:
    """One line redrawn as a job advances: stage, bar and percentage."""

    WIDTH = 30

    def __init__(self, out):
        self.out = out
        self.drawn = False

    def show(self, job: ImportJob) -> None:
        if self.out is None:
            return
        filled = self.WIDTH * job.percent // 100
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        label = str(job.get_stage_display())
        self.out.write(f"\r    [{bar}] {job.percent:3d}% {label}\033[K", ending="")
        self.out.flush()
        self.drawn = True

    def count(self, done: int, total: int) -> None:
        """Files done of ``total`` (when several are imported at once)."""
        if self.out is None:
            return
        filled = self.WIDTH * done // total
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        self.out.write(f"\r[{bar}] {done}/{total}\033[K", ending="")
        self.out.flush()
        self.drawn = True

    def close(self) -> None:
        if self.drawn:
            self.out.write("\r\033[K", ending="")
            self.out.flush()


def _run_job(job_id: int) -> int:
    run_import_job(job_id=job_id)
    connections.close_all()
    return job_id
