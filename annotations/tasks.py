"""Background tasks (django-tasks) of the annotations app, and the import
hook that queues them (``settings.IMPORT_DONE_HANDLERS``)."""

from functools import partial

from django.db import transaction
from django_tasks import task

from annotations.services.rules import run_rules_for_compilation


@task()
def run_rules_on_import(*, compilation_id: int) -> None:
    """Run every rule over the compilation ``compilation_id``: its new hits wait for review."""
    run_rules_for_compilation(compilation_id=compilation_id)


def queue_rule_runs(*, compilation_id: int) -> None:
    """After an import (speeches.services.jobs): run the rules on the new
    compilation in a worker, once its rows are committed. Nothing is tagged:
    the hits wait for an editor."""
    transaction.on_commit(partial(run_rules_on_import.enqueue, compilation_id=compilation_id))
