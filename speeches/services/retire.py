"""Retiring a compilation: withdraw it, restore it, delete it for good.

Withdrawing takes a compilation out of browsing, search and analysis
(``SpeechQuerySet.current``) and keeps everything: its speeches, the
annotations and comments on them, which stay exportable (an export that
names the compilation includes it). An editor can restore it for
``RESTORE_DAYS`` days. Only after that may an administrator delete it for
good, which takes its annotations and comments with it; the pages offer
the export first. Each step is in the activity log.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.activity import record_activity
from accounts.models import Verb
from accounts.roles import Role, can_edit, has_role
from core.errors import DomainError
from speeches.models import Compilation

RESTORE_DAYS = 30


class RetireRefused(DomainError):
    """A withdrawal, restoration or deletion that cannot be made now."""

    def __init__(self, code: str, message: str):
        super().__init__(message, code=code)


def restorable_until(compilation: Compilation) -> datetime.datetime | None:
    if compilation.withdrawn_at is None:
        return None
    return compilation.withdrawn_at + datetime.timedelta(days=RESTORE_DAYS)


def can_restore(compilation: Compilation, *, now: datetime.datetime | None = None) -> bool:
    until = restorable_until(compilation)
    return until is not None and (now or timezone.now()) < until


def can_delete_for_good(compilation: Compilation, *, now=None) -> bool:
    """Withdrawn, and the time to restore it has passed."""
    return compilation.withdrawn_at is not None and not can_restore(compilation, now=now)


def _locked(compilation: Compilation) -> Compilation:
    return Compilation.objects.select_for_update().defer("text").get(pk=compilation.pk)


@transaction.atomic
def withdraw_compilation(*, compilation: Compilation, actor: User) -> Compilation:
    if not can_edit(actor):
        raise PermissionDenied(_("Only editors may withdraw a compilation."))
    compilation = _locked(compilation)
    if compilation.withdrawn_at is not None:
        raise RetireRefused("already-withdrawn", _("This compilation is withdrawn already."))
    compilation.withdrawn_at = timezone.now()
    compilation.withdrawn_by = actor
    compilation.save(update_fields=["withdrawn_at", "withdrawn_by"])
    record_activity(
        actor=actor, verb=Verb.EDIT, target=compilation, summary=compilation.title,
        data={"action": "withdraw"},
    )
    return compilation


@transaction.atomic
def restore_compilation(*, compilation: Compilation, actor: User) -> Compilation:
    if not can_edit(actor):
        raise PermissionDenied(_("Only editors may restore a compilation."))
    compilation = _locked(compilation)
    if compilation.withdrawn_at is None:
        raise RetireRefused("not-withdrawn", _("This compilation is not withdrawn."))
    if not can_restore(compilation):
        raise RetireRefused(
            "too-late",
            _("A compilation can be restored for %(days)s days after it was withdrawn.")
            % {"days": RESTORE_DAYS},
        )
    compilation.withdrawn_at = None
    compilation.withdrawn_by = None
    compilation.save(update_fields=["withdrawn_at", "withdrawn_by"])
    record_activity(
        actor=actor, verb=Verb.EDIT, target=compilation, summary=compilation.title,
        data={"action": "restore"},
    )
    return compilation


def deletion_refusal(compilation: Compilation) -> RetireRefused | None:
    """Why ``compilation`` may not be deleted for good now (None: it may)."""
    if compilation.withdrawn_at is None:
        return RetireRefused(
            "not-withdrawn", _("Withdraw the compilation before deleting it for good.")
        )
    if can_restore(compilation):
        return RetireRefused(
            "restorable",
            _("It can still be restored until %(date)s; it can be deleted for good after that.")
            % {"date": timezone.localtime(restorable_until(compilation)).date().isoformat()},
        )
    return None


@transaction.atomic
def delete_compilation(*, compilation: Compilation, actor: User) -> dict[str, int]:
    """Delete a withdrawn compilation for good, with its speeches and what
    is attached to them (administrators). Returns what was deleted, by model."""
    if not has_role(actor, Role.ADMIN):
        raise PermissionDenied(_("Only administrators may delete a compilation for good."))
    compilation = _locked(compilation)
    refusal = deletion_refusal(compilation)
    if refusal is not None:
        raise refusal
    record_activity(
        actor=actor, verb=Verb.EDIT, target=compilation, summary=compilation.title,
        data={"action": "delete", "speeches": compilation.speeches.count()},
    )
    _count, by_model = compilation.delete()
    return by_model
