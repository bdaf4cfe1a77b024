"""Background tasks (django-tasks): what a worker (``manage.py db_worker``) runs."""

from django_tasks import task

from analysis.services.reuse import run_reuse_job


@task()
def run_reuse(*, run_id: int) -> None:
    """Run the text-reuse run ``run_id`` (analysis.services.reuse)."""
    run_reuse_job(run_id=run_id)
