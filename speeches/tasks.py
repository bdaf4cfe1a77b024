"""Background tasks (django-tasks): what a worker (``manage.py db_worker``) runs."""

from django_tasks import task

from speeches.services.jobs import run_import_job


@task()
def run_import(*, job_id: int) -> None:
    """Run the import job ``job_id`` (speeches.services.jobs)."""
    run_import_job(job_id=job_id)
