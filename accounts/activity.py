"""Writing to the activity log."""

from typing import Any

from django.db import models

from accounts.models import Activity, Verb
from accounts.roles import AnyUser


def record_activity(
    *,
    actor: AnyUser | None,
    verb: Verb,
    target: models.Model,
    summary: str,
    speech_id: int | None = None,
    data: dict[str, Any] | None = None,
) -> Activity:
    """Append one entry; call it inside the transaction of the change it records.

    ``actor`` is None (or a visitor) for changes made by no one signed in,
    such as an import from the command line.
    """
    return Activity.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        verb=verb,
        target_type=target._meta.label_lower,
        target_id=target.pk,
        speech_id=speech_id,
        summary=summary[:500],
        data=data or {},
    )
