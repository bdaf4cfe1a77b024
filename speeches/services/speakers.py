"""Writes that correct who gave a speech: merging speakers, re-attributing a
speech, correcting the canonical office its printed role was mapped to.

All are editors' corrections of what the parser linked at import (anyone
else is refused with ``PermissionDenied``); all go to the activity log in
the transaction of the change.
"""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.activity import record_activity
from accounts.models import Verb
from accounts.roles import can_edit
from core.errors import InvalidInput
from core.fields import check_length, max_length, one_line
from speeches.models import Speaker, SpeakerAlias, Speech
from speeches.services.editing import clean_field
from speeches.services.imports import link_speaker
from text.parsing.canonical import canonical_fields


class SpeakerChangeError(InvalidInput):
    """A merge or correction that cannot be made (the message says why): 422 in the API."""


OFFICE_ACTION = "office"


def _require_editor(actor: AbstractBaseUser) -> None:
    if not can_edit(actor):
        raise PermissionDenied(_("Only editors may correct speakers."))


@transaction.atomic
def merge_speakers(*, source: Speaker, target: Speaker, actor: AbstractBaseUser) -> Speaker:
    """Merge ``source`` into ``target``: one person printed under two names.

    The target takes the source's speeches and aliases, and the source's
    name becomes an alias (so later imports of that name link to the
    target). The source row stays as a forwarding record: its old URL
    redirects to the target. Speakers merged into the source earlier now
    forward to the target directly. Returns the target.
    """
    _require_editor(actor)
    source = Speaker.objects.select_for_update().get(pk=source.pk)
    target = Speaker.objects.select_for_update().get(pk=target.pk)
    if source.pk == target.pk:
        raise SpeakerChangeError(_("A speaker cannot be merged into itself."))
    if source.merged_into_id is not None:
        raise SpeakerChangeError(
            _("%(name)s was already merged into another speaker.") % {"name": source.name}
        )
    if target.merged_into_id is not None:
        raise SpeakerChangeError(
            _("%(name)s was merged into another speaker.") % {"name": target.name}
        )

    moved = Speech.objects.filter(speaker=source).update(speaker=target)
    SpeakerAlias.objects.filter(speaker=source).update(speaker=target)
    SpeakerAlias.objects.update_or_create(name=source.name, defaults={"speaker": target})
    Speaker.objects.filter(merged_into=source).update(merged_into=target)
    source.merged_into = target
    source.save(update_fields=["merged_into"])
    record_activity(
        actor=actor,
        verb=Verb.SPEAKER,
        target=target,
        summary=f"{source.name} → {target.name}",
        data={"action": "merge", "source": source.pk, "target": target.pk, "speeches": moved},
    )
    return target


@transaction.atomic
def set_speech_speaker(
    *, speech: Speech, name: str, actor: AbstractBaseUser
) -> Speaker | None:
    """Attribute ``speech`` to the speaker called ``name`` (created if new).

    A name known as an alias links to its speaker, and a merged speaker's
    name to the one it was merged into, as at import. An empty name makes
    the speech a role-only attribution. The name as printed in the text
    (``speaker_raw``) is left as it was.
    """
    _require_editor(actor)
    speech = Speech.objects.select_for_update(of=("self",)).select_related("speaker").get(
        pk=speech.pk
    )
    name = check_length(Speaker, "name", one_line(name))
    before = speech.speaker
    after = link_speaker(name=name, printed=None) if name else None
    if (before and before.pk) == (after and after.pk):
        return after
    speech.speaker = after
    speech.save(update_fields=["speaker"])
    record_activity(
        actor=actor,
        verb=Verb.SPEAKER,
        target=speech,
        speech_id=speech.pk,
        summary=f"{speech.title}: {_name(before)} → {_name(after)}",
        data={
            "action": "attribute",
            "from": before.pk if before else None,
            "to": after.pk if after else None,
        },
    )
    return after


@transaction.atomic
def set_speech_office(
    *, speech: Speech, office: str | None, place: str = "", actor: AbstractBaseUser
) -> Speech:
    """Correct the canonical office of ``speech`` (what its printed role maps
    to: 省长 of 四川省 for 四川省人民政府省长).

    The office given (``""``: the role names no office) and its place are
    kept through later saves, edits of the printed role and re-derivations
    (``Speech.office_corrected``). ``office=None`` drops the correction: the
    office is derived from the printed role again. Raises ``EditRefused``
    for a value too long (nothing is written) and ``PermissionDenied`` for
    anyone but an editor. Logged with the values before and after.
    """
    _require_editor(actor)
    speech = Speech.objects.select_for_update(of=("self",)).get(pk=speech.pk)
    if office is None:
        corrected = False
        office, place, _key = canonical_fields(role=speech.role, event="")
    else:
        corrected = True
        office = clean_field(office, "office", max_length(Speech, "office"))
        place = clean_field(place, "office_place", max_length(Speech, "office_place"))
        if not office:
            place = ""
    before = {
        "office": speech.office,
        "office_place": speech.office_place,
        "office_corrected": speech.office_corrected,
    }
    after = {"office": office, "office_place": place, "office_corrected": corrected}
    if before == after:
        return speech
    speech.office, speech.office_place, speech.office_corrected = office, place, corrected
    speech.save(update_fields=["office", "office_place", "office_corrected"])
    record_activity(
        actor=actor,
        verb=Verb.SPEAKER,
        target=speech,
        speech_id=speech.pk,
        summary=f"{speech.title}: {_office(before)} → {_office(after)}",
        data={
            "action": OFFICE_ACTION,
            "changes": {
                field: {"before": before[field], "after": after[field]}
                for field in before
                if before[field] != after[field]
            },
        },
    )
    return speech


def _office(values: dict) -> str:
    office = values["office"] or "—"
    return f"{values['office_place']} {office}" if values["office_place"] else office


def _name(speaker: Speaker | None) -> str:
    return speaker.name if speaker is not None else "—"
