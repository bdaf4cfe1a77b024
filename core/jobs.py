"""Background jobs: what a job a worker runs records of itself (its stage,
how far it is, when it was queued, started and ended, and so the time
left), and the recorder that writes the stage and percentage as the work
advances.

An import (``speeches.ImportJob``) and a text-reuse run
(``analysis.ReuseRun``) are such jobs. Each names its own stages (a
``TextChoices`` with ``queued``, ``done`` and ``failed`` among them) and
where each working stage sits on the progress bar; the pages show either
with one partial (``templates/_job_progress.html``) and the API answers
``stage``, ``percent`` and ``seconds_left`` alike.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from typing import Generic, TypeVar

from django.db import connection, models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The stages every job has: waiting for a worker, and its two ends.
QUEUED, DONE, FAILED = "queued", "done", "failed"
# The stages a job ends in: it will not run (again).
ENDED = (DONE, FAILED)

# The row is written at most this often (seconds) while a stage advances:
# the pages poll every second or more, and each write is a query.
PROGRESS_INTERVAL = 0.5

# Below this share done the time taken says too little of the time left.
_ESTIMATE_FROM_PERCENT = 3


def stage_field(stages: type[models.TextChoices]) -> models.CharField:
    """A job's ``stage`` column, one of ``stages`` (which must hold the
    stages every job has: ``queued``, ``done``, ``failed``)."""
    missing = {QUEUED, DONE, FAILED} - set(stages.values)
    if missing:
        raise ValueError(f"{stages.__qualname__} lacks the stages {sorted(missing)}")
    return models.CharField(_("stage"), max_length=16, choices=stages.choices, default=QUEUED)


class BackgroundJob(models.Model):
    """A job queued for a worker: the fields and reads its progress needs.

    A subclass declares ``stage = stage_field(Stage)`` with its own stages.
    """

    stage: models.CharField  # declared by each job with its stages (stage_field)
    percent = models.PositiveSmallIntegerField(_("percent done"), default=0)
    # The django-tasks result id, once enqueued.
    task_id = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(condition=Q(percent__lte=100), name="%(class)s_percent_lte_100"),
        ]

    @property
    def finished(self) -> bool:
        return self.stage in ENDED

    @property
    def seconds_left(self) -> int | None:
        """Time left, from the time taken so far and the share done; None
        before it can be told."""
        if self.finished:
            return 0
        if self.started_at is None or self.percent < _ESTIMATE_FROM_PERCENT:
            return None
        elapsed = (timezone.now() - self.started_at).total_seconds()
        return max(1, round(elapsed * (100 - self.percent) / self.percent))


Job = TypeVar("Job", bound=BackgroundJob)


class ProgressRecorder(Generic[Job]):
    """Writes ``job``'s stage and percentage to its row as the work advances.

    Called as ``recorder(stage, done)``, ``done`` the share of the stage
    done (0 to 1): ``spans`` gives where each working stage starts and ends
    on the bar, in percent. The job in memory always follows, and
    ``listener`` (a command's progress bar) is told of every change; the row
    is written when the stage changes, or at most every ``PROGRESS_INTERVAL``
    seconds within a stage.
    """

    def __init__(
        self,
        job: Job,
        spans: Mapping[str, tuple[int, int]],
        *,
        listener: Callable[[Job], None] | None = None,
    ):
        self.job = job
        self.spans = spans
        self.listener = listener
        self.last_write = 0.0

    def __call__(self, stage: str, done: float = 0.0) -> None:
        start, end = self.spans[stage]
        percent = int(start + (end - start) * min(max(done, 0.0), 1.0))
        changed = stage != self.job.stage
        if not changed and percent == self.job.percent:
            return
        self.job.stage, self.job.percent = stage, percent
        if self.listener is not None:
            self.listener(self.job)
        now = time.monotonic()
        # Inside the work's own transaction a write would be invisible to
        # others (and, on SQLite, wait for the lock): a stage that runs in
        # one is recorded once, as it starts, from outside it.
        too_soon = not changed and now - self.last_write < PROGRESS_INTERVAL
        if connection.in_atomic_block or too_soon:
            return
        self.last_write = now
        # ``update`` skips auto_now fields, which ``save`` would have set.
        touched = {
            field.name: timezone.now()
            for field in self.job._meta.concrete_fields
            if getattr(field, "auto_now", False)
        }
        type(self.job)._default_manager.filter(pk=self.job.pk).update(
            stage=stage, percent=percent, **touched
        )
