"""Writes that correct which speeches were given at one meeting: merging meetings.

The meeting key (text.parsing.canonical.meeting_key) unifies the usual
variant names of a meeting; an editor merges the ones it misses (different
wording of one meeting). The merge is stored as a ``MeetingAlias`` so that
re-saved and later imported speeches keep it; it goes to the activity log
in the transaction of the change.
"""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.db.models import Min
from django.utils.translation import gettext as _

from accounts.activity import record_activity
from accounts.models import Verb
from accounts.roles import can_edit
from core.errors import InvalidInput, NotFound, NotPermitted
from core.fields import one_line
from speeches.models import MeetingAlias, Speech
from text.parsing.canonical import meeting_key


def find_meeting_key(name: str) -> str | None:
    """The stored key of the meeting printed as ``name`` (any variant name, or
    the key itself), following editors' merges; None when no speech has it."""
    name = one_line(name)
    if not name:
        return None
    for candidate in (name, meeting_key(name)):
        if not candidate:
            continue
        key = MeetingAlias.objects.resolve(candidate)
        if Speech.objects.filter(event_key=key).exists():
            return key
    return None


@transaction.atomic
def merge_meetings(*, source_key: str, target_key: str, actor: AbstractBaseUser) -> str:
    """Merge the meeting ``source_key`` into ``target_key``: one meeting under two names.

    The source's speeches move to the target's key (their printed meeting
    stays as printed), meetings merged into the source earlier now point at
    the target, and the alias makes later imports of the source's names join
    the target. Returns the target key.
    """
    if not can_edit(actor):
        raise NotPermitted(_("Only editors may merge meetings."))
    source_key = MeetingAlias.objects.resolve(source_key)
    target_key = MeetingAlias.objects.resolve(target_key)
    if source_key == target_key:
        raise InvalidInput(_("A meeting cannot be merged into itself."))
    names = dict(
        Speech.objects.filter(event_key__in=[source_key, target_key])
        .order_by()
        .values("event_key")
        .annotate(name=Min("event"))
        .values_list("event_key", "name")
    )
    for key in (source_key, target_key):
        if key not in names:
            raise NotFound(
                _("No speech was given at the meeting %(name)s.") % {"name": key},
                {"meeting": key},
            )
    moved = Speech.objects.filter(event_key=source_key).update(event_key=target_key)
    MeetingAlias.objects.filter(canonical_key=source_key).update(canonical_key=target_key)
    alias, _created = MeetingAlias.objects.update_or_create(
        key=source_key, defaults={"canonical_key": target_key}
    )
    record_activity(
        actor=actor,
        verb=Verb.EDIT,
        target=alias,
        summary=f"{names[source_key]} → {names[target_key]}",
        data={
            "action": "merge-meeting",
            "source": source_key,
            "target": target_key,
            "speeches": moved,
        },
    )
    return target_key
