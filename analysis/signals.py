"""A deleted passage leaves no ``updated_at`` behind: its paragraph is
marked for the next refresh to count again (``analysis.services.spans``).
Its coded spans go with it through their foreign key."""

from __future__ import annotations

from analysis.models import StaleParagraph


def passage_deleted(sender, instance, using, **kwargs) -> None:
    StaleParagraph.objects.using(using).bulk_create(
        [StaleParagraph(paragraph_id=instance.paragraph_id)], ignore_conflicts=True
    )
