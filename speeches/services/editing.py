"""Editors' corrections of what the parser read: a speech's metadata, a
compilation's title and description, the same correction across many
speeches of a compilation, and undoing any of them from the history.

Every change is one entry of the activity log (``Verb.EDIT``) written in
the transaction of the change, holding each changed field's value before
and after (``data["changes"]``), so the history shows it and
``undo_change`` can put it back. Values in the log are the strings a
person types: a date as ``2024``, ``2024-08`` or ``2024-08-12`` ("" when
undated), a speaker by name ("" for a role-only attribution) with the
speaker's id beside it (``before_id``/``after_id``).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.activity import record_activity
from accounts.models import Activity, Verb
from accounts.roles import can_edit
from core.errors import DomainError
from core.fields import max_length, one_line, too_long
from speeches.models import Compilation, Speaker, Speech, format_partial_date
from speeches.services.imports import link_speaker
from speeches.services.remap import StructureRefused
from speeches.services.restructure import STRUCTURE_ACTIONS, TO_PARAGRAPH, undo_structure
from text.partial_dates import read_partial_date

# Field -> longest value, as the models allow. "date" is read as a partial
# date; "speaker" is the canonical name (linked as at import).
SPEECH_FIELDS: dict[str, int] = {
    **{
        field: max_length(Speech, field)
        for field in ("title", "event", "place", "speaker_raw", "role", "salutation")
    },
    # Read as a partial date, not stored as typed.
    "date": 32,
    "speaker": max_length(Speaker, "name"),
}
# What may be set on many speeches at once: everything but what names one speech.
BULK_FIELDS = ("speaker", "speaker_raw", "role", "event", "date", "place")
COMPILATION_FIELDS: dict[str, int] = {
    field: max_length(Compilation, field) for field in ("title", "description")
}

EDIT_SPEECH = "edit-speech"
EDIT_COMPILATION = "edit-compilation"
# set_speech_speaker's entries (speeches.speakers) are undone like an edit.
ATTRIBUTE = "attribute"
UNDOABLE_ACTIONS = (EDIT_SPEECH, EDIT_COMPILATION, ATTRIBUTE, *STRUCTURE_ACTIONS)


class EditRefused(DomainError):
    """A correction that cannot be made: ``code`` for scripts, ``message`` for
    people, ``field`` the input it concerns (None: the whole request; in
    ``details`` for the API)."""

    def __init__(
        self, code: str, message: str, *, field: str | None = None, max_length: int | None = None
    ):
        details: dict[str, object] | None = {"field": field} if field else None
        if details is not None and max_length is not None:
            details["max_length"] = max_length
        super().__init__(message, details, code=code)
        self.field = field


def _require_editor(actor: AbstractBaseUser | None) -> None:
    if not can_edit(actor):
        raise PermissionDenied(_("Only editors may correct speeches and compilations."))


def clean_field(value, field: str, limit: int) -> str:
    """``value`` on one line (``description`` trimmed only); ``EditRefused``
    when it is no text or longer than ``limit``."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise EditRefused("invalid", _("Enter text."), field=field)
    # One line each: a title or a name has no line breaks.
    value = one_line(value) if field != "description" else value.strip()
    if len(value) > limit:
        refused = too_long(field, limit, len(value))
        raise EditRefused(refused.code, refused.message, field=field, max_length=limit)
    return value


def speech_values(speech: Speech) -> dict[str, str]:
    """The editable fields of ``speech`` as the log and the forms write them."""
    return {
        "title": speech.title,
        "date": format_partial_date(speech.date, speech.date_precision) or "",
        "event": speech.event,
        "place": speech.place,
        "speaker": speech.speaker.name if speech.speaker is not None else "",
        "speaker_raw": speech.speaker_raw,
        "role": speech.role,
        "salutation": speech.salutation,
    }


def _clean_speech_changes(changes: Mapping[str, object], allowed: Iterable[str]) -> dict[str, str]:
    allowed = tuple(allowed)
    unknown = sorted(set(changes) - set(allowed))
    if unknown:
        raise EditRefused(
            "unknown-field",
            _("These fields cannot be edited: %(fields)s.") % {"fields": ", ".join(unknown)},
        )
    cleaned = {f: clean_field(v, f, SPEECH_FIELDS[f]) for f, v in changes.items()}
    if "title" in cleaned and not cleaned["title"]:
        raise EditRefused("required", _("A speech needs a title."), field="title")
    if cleaned.get("date") and read_partial_date(cleaned["date"]) is None:
        raise EditRefused(
            "invalid-date",
            _("Enter a date as 2024, 2024-08 or 2024-08-12 (or leave it empty: undated)."),
            field="date",
        )
    if "date" in cleaned and cleaned["date"]:
        date = read_partial_date(cleaned["date"])
        assert date is not None  # refused above otherwise
        cleaned["date"] = date.isoformat()
    return cleaned


def _apply_speech(speech: Speech, cleaned: Mapping[str, str], speaker_ids: Mapping[str, int]):
    """Set ``cleaned`` on ``speech`` (not saved); returns the log's changes."""
    before = speech_values(speech)
    before_id = speech.speaker_id
    changes: dict[str, dict] = {}
    for field, value in cleaned.items():
        if field == "speaker":
            speaker = _speaker_for(value, speaker_ids.get("speaker"))
            if (speaker.pk if speaker else None) == before_id:
                continue
            speech.speaker = speaker
            changes[field] = {
                "before": before[field],
                "after": speaker.name if speaker else "",
                "before_id": before_id,
                "after_id": speaker.pk if speaker else None,
            }
            continue
        if value == before[field]:
            continue
        if field == "date":
            date = read_partial_date(value)
            speech.date = date.first_day() if date else None
            speech.date_precision = date.precision if date else ""
        else:
            setattr(speech, field, value)
        changes[field] = {"before": before[field], "after": value}
    return changes


def _speaker_for(name: str, speaker_id: int | None) -> Speaker | None:
    """The speaker an edit names: by id when undoing (the very row it was,
    forwarded through merges), else by name as at import."""
    if speaker_id is not None:
        speaker = Speaker.objects.select_related("merged_into").filter(pk=speaker_id).first()
        if speaker is not None:
            return speaker.forwarded()
    return link_speaker(name=name, printed=None) if name else None


def _saved_fields(changes: Mapping[str, dict]) -> list[str]:
    fields = []
    for field in changes:
        fields += {"date": ["date", "date_precision"], "speaker": ["speaker"]}.get(field, [field])
    return fields


def _summary(title: str, changes: Mapping[str, dict]) -> str:
    parts = [f"{field}: {c['before'] or '—'} → {c['after'] or '—'}" for field, c in changes.items()]
    return f"{title}: " + "; ".join(parts)


@transaction.atomic
def edit_speech(
    *,
    speech: Speech,
    changes: Mapping[str, object],
    actor: AbstractBaseUser,
    batch: str | None = None,
    undo_of: int | None = None,
    _speaker_ids: Mapping[str, int] | None = None,
) -> dict[str, dict]:
    """Correct fields of ``speech``: ``changes`` maps fields of ``SPEECH_FIELDS``
    to their new text. Returns what changed (field -> before/after); fields
    given their current value are left alone, and nothing is logged when
    nothing changed. Raises ``EditRefused`` (nothing is written) and
    ``PermissionDenied`` for anyone but an editor."""
    _require_editor(actor)
    cleaned = _clean_speech_changes(changes, SPEECH_FIELDS)
    speech = Speech.objects.select_for_update(of=("self",)).select_related("speaker").get(
        pk=speech.pk
    )
    done = _apply_speech(speech, cleaned, _speaker_ids or {})
    if not done:
        return {}
    speech.save(update_fields=_saved_fields(done))
    data: dict = {"action": EDIT_SPEECH, "changes": done}
    if batch:
        data["batch"] = batch
    if undo_of:
        data["undo_of"] = undo_of
    record_activity(
        actor=actor,
        verb=Verb.EDIT,
        target=speech,
        speech_id=speech.pk,
        summary=_summary(speech.title, done),
        data=data,
    )
    return done


@dataclass(frozen=True)
class BulkResult:
    batch: str
    changed: int  # speeches that changed
    unchanged: int  # speeches that already had these values


@transaction.atomic
def bulk_edit_speeches(
    *,
    compilation: Compilation,
    speech_ids: Iterable[int],
    changes: Mapping[str, object],
    actor: AbstractBaseUser,
) -> BulkResult:
    """Set the same fields (``BULK_FIELDS``: speaker, meeting, date…) on
    several speeches of ``compilation`` at once, all or none. Each speech's
    change is an entry of its own history (undone one by one), sharing a
    ``batch`` id."""
    _require_editor(actor)
    ids = sorted({int(i) for i in speech_ids})
    if not ids:
        raise EditRefused("no-speeches", _("Choose at least one speech."))
    if not changes:
        raise EditRefused("no-changes", _("Say what to set on the speeches."))
    _clean_speech_changes(changes, BULK_FIELDS)
    speeches = list(Speech.objects.filter(compilation=compilation, pk__in=ids))
    if len(speeches) != len(ids):
        raise EditRefused(
            "not-in-compilation", _("Some of these speeches are not in this compilation.")
        )
    batch = uuid.uuid4().hex
    changed = 0
    for speech in speeches:
        if edit_speech(speech=speech, changes=changes, actor=actor, batch=batch):
            changed += 1
    return BulkResult(batch=batch, changed=changed, unchanged=len(speeches) - changed)


@transaction.atomic
def edit_compilation(
    *,
    compilation: Compilation,
    changes: Mapping[str, object],
    actor: AbstractBaseUser,
    undo_of: int | None = None,
) -> dict[str, dict]:
    """Correct a compilation's title or description; logged as ``edit_speech`` is."""
    _require_editor(actor)
    unknown = sorted(set(changes) - set(COMPILATION_FIELDS))
    if unknown:
        raise EditRefused(
            "unknown-field",
            _("These fields cannot be edited: %(fields)s.") % {"fields": ", ".join(unknown)},
        )
    cleaned = {f: clean_field(v, f, COMPILATION_FIELDS[f]) for f, v in changes.items()}
    if "title" in cleaned and not cleaned["title"]:
        raise EditRefused("required", _("A compilation needs a title."), field="title")
    compilation = Compilation.objects.select_for_update().defer("text").get(pk=compilation.pk)
    done = {}
    for field, value in cleaned.items():
        if getattr(compilation, field) != value:
            done[field] = {"before": getattr(compilation, field), "after": value}
            setattr(compilation, field, value)
    if not done:
        return {}
    compilation.save(update_fields=list(done))
    data: dict = {"action": EDIT_COMPILATION, "changes": done}
    if undo_of:
        data["undo_of"] = undo_of
    record_activity(
        actor=actor,
        verb=Verb.EDIT,
        target=compilation,
        summary=_summary(compilation.title, done),
        data=data,
    )
    return done


def is_undoable(entry: Activity) -> bool:
    action = entry.data.get("action")
    if action == TO_PARAGRAPH:
        # A run-in heading made text left no line of its own to make a heading again.
        return entry.data.get("paragraph") is not None
    return action in UNDOABLE_ACTIONS


def undone_ids(entries: Iterable[Activity]) -> set[int]:
    """Which of ``entries`` have been undone already (one query)."""
    ids = [entry.pk for entry in entries if is_undoable(entry)]
    if not ids:
        return set()
    return set(
        Activity.objects.filter(verb=Verb.EDIT, data__undo_of__in=ids).values_list(
            "data__undo_of", flat=True
        )
    )


def undoable_ids(entries: Iterable[Activity]) -> set[int]:
    """The entries of a history page that can be undone now (one query)."""
    entries = list(entries)
    undone = undone_ids(entries)
    return {entry.pk for entry in entries if is_undoable(entry) and entry.pk not in undone}


@transaction.atomic
def undo_change(*, entry: Activity, actor: AbstractBaseUser) -> dict[str, dict]:
    """Put back what the history entry ``entry`` changed.

    Refused (``EditRefused``) when the entry is no edit, was undone already,
    or when a field it changed has been changed again since (undo the later
    change first): an undo never overwrites someone's later correction.
    The undo is itself an entry of the history (``undo_of``), and can be
    undone in turn.
    """
    _require_editor(actor)
    action = entry.data.get("action")
    if not is_undoable(entry):
        raise EditRefused("not-undoable", _("This change cannot be undone."))
    if Activity.objects.filter(verb=Verb.EDIT, data__undo_of=entry.pk).exists():
        raise EditRefused("already-undone", _("This change has been undone already."))
    if action in STRUCTURE_ACTIONS:
        try:
            undo_structure(entry=entry, actor=actor)
        except StructureRefused as refused:
            raise EditRefused(refused.code, refused.message) from None
        return {}
    if action == EDIT_COMPILATION:
        compilation = Compilation.objects.defer("text").filter(pk=entry.target_id).first()
        if compilation is None:
            raise EditRefused("gone", _("The compilation no longer exists."))
        changes = entry.data["changes"]
        _check_unchanged({f: getattr(compilation, f) for f in changes}, changes)
        return edit_compilation(
            compilation=compilation,
            changes={f: c["before"] for f, c in changes.items()},
            actor=actor,
            undo_of=entry.pk,
        )
    speech = Speech.objects.select_related("speaker").filter(pk=entry.target_id).first()
    if speech is None:
        raise EditRefused("gone", _("The speech no longer exists."))
    if action == ATTRIBUTE:
        changes = {
            "speaker": {
                "before_id": entry.data.get("from"),
                "after_id": entry.data.get("to"),
            }
        }
    else:
        changes = entry.data["changes"]
    current = speech_values(speech)
    if "speaker" in changes:
        if changes["speaker"].get("after_id") != speech.speaker_id:
            raise EditRefused("changed-since", _changed_since_message())
        current.pop("speaker")
    _check_unchanged(current, {f: c for f, c in changes.items() if f != "speaker"})
    before_ids = {}
    values = {}
    for field, change in changes.items():
        if field == "speaker":
            before_id = change.get("before_id")
            if before_id is not None:
                before_ids["speaker"] = before_id
            values["speaker"] = change.get("before", "") or _speaker_name(before_id)
        else:
            values[field] = change["before"]
    return edit_speech(
        speech=speech, changes=values, actor=actor, undo_of=entry.pk, _speaker_ids=before_ids
    )


def _speaker_name(speaker_id: int | None) -> str:
    if speaker_id is None:
        return ""
    return Speaker.objects.filter(pk=speaker_id).values_list("name", flat=True).first() or ""


def _check_unchanged(current: Mapping[str, str], changes: Mapping[str, dict]) -> None:
    for field, change in changes.items():
        if current.get(field) != change["after"]:
            raise EditRefused("changed-since", _changed_since_message(), field=field)


def _changed_since_message() -> str:
    return _("This was changed again since; undo the later change first.")
