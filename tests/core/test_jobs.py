"""core.jobs: the stage column, the time left and the progress recorder that
import jobs and text-reuse runs share."""

import datetime

import pytest
from django.db import models, transaction
from django.utils import timezone

from analysis.models import ReuseRun
from analysis.services import reuse
from core import jobs
from core.jobs import ProgressRecorder, stage_field


def test_a_job_without_its_ends_is_refused():
    class Stage(models.TextChoices):
        QUEUED = "queued", "queued"
        WORKING = "working", "working"

    with pytest.raises(ValueError, match="done"):
        stage_field(Stage)


def test_a_reuse_run_tells_its_time_left_as_an_import_does(db):
    run = reuse.start_run(user=None, enqueue=False)
    assert run.seconds_left is None  # not started
    run.stage, run.percent = ReuseRun.Stage.ALIGNING, 80
    run.started_at = timezone.now() - datetime.timedelta(seconds=40)
    assert run.seconds_left == 10
    run.stage = ReuseRun.Stage.DONE
    assert run.finished and run.seconds_left == 0


# Not in a test transaction: the recorder writes nothing inside one.
def test_the_recorder_writes_stage_changes_throttles_the_rest_and_waits_out_transactions(
    transactional_db, monkeypatch
):
    run = reuse.start_run(user=None, enqueue=False)
    heard = []
    recorder = ProgressRecorder(run, reuse.SPANS, listener=lambda job: heard.append(job.percent))

    def stored():
        return ReuseRun.objects.values_list("stage", "percent").get(pk=run.pk)

    recorder("hashing", 0.5)
    assert stored() == ("hashing", 30)  # a new stage is written at once
    recorder("hashing", 0.75)
    assert stored() == ("hashing", 30) and run.percent == 45  # too soon: memory only
    monkeypatch.setattr(jobs, "PROGRESS_INTERVAL", 0)
    recorder("hashing", 0.75)
    assert stored() == ("hashing", 30)  # nothing changed: nothing written
    recorder("hashing", 1.0)
    assert stored() == ("hashing", 60)
    with transaction.atomic():
        recorder("aligning", 0.0)
    assert stored() == ("hashing", 60) and run.stage == "aligning"
    assert heard == [30, 45, 60, 65]


def test_the_recorder_touches_an_import_jobs_updated_at(transactional_db):
    from speeches.models import ImportJob
    from speeches.services.jobs import SPANS

    job = ImportJob.objects.create(filename="a.txt", size=1)
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    ImportJob.objects.filter(pk=job.pk).update(updated_at=long_ago)
    ProgressRecorder(job, SPANS)("parsing", 0.5)
    stage, percent, updated_at = ImportJob.objects.values_list(
        "stage", "percent", "updated_at"
    ).get(pk=job.pk)
    assert (stage, percent) == ("parsing", 13) and updated_at > long_ago
