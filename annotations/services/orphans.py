"""The orphan queue: annotations a new version of their text could not place
with confidence (``annotations.remap.follow_new_version``). They stay on the
superseded text, which is shown beside them, until an editor re-attaches
each to the text it quoted in the new version, or discards it.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.activity import record_activity
from accounts.models import Verb
from accounts.roles import can_edit
from annotations.errors import QuoteMismatch
from annotations.models import CONTEXT_LENGTH, Annotation
from core.errors import InvalidInput, NotPermitted
from core.hashing import text_hash
from speeches.models import Compilation, Paragraph


def counterpart_speech(annotation: Annotation):
    """The speech of the current version where the orphan's text was: its
    paragraph's counterpart's, else the speech at the same place in the
    newer compilation. None when the newer compilation is gone."""
    paragraph = annotation.paragraph
    if paragraph.moved_to is not None:
        return paragraph.moved_to.speech
    newer = paragraph.speech.compilation.superseded_by
    if newer is None:
        return None
    return newer.speeches.filter(position__lte=paragraph.speech.position).order_by(
        "-position"
    ).first() or newer.speeches.order_by("position").first()


@transaction.atomic
def reattach_orphan(
    *, annotation: Annotation, paragraph: Paragraph, start: int, end: int, quote: str,
    actor: AbstractBaseUser,
) -> Annotation:
    """Put an orphan on ``paragraph.text[start:end]``, which must be ``quote``,
    in a current compilation (editors). Its themes, note and author stay."""
    if not can_edit(actor):
        raise NotPermitted(_("Only editors may re-attach orphaned annotations."))
    annotation = Annotation.objects.select_for_update().get(pk=annotation.pk)
    if annotation.orphaned_at is None:
        raise InvalidInput(_("This annotation is not waiting to be re-attached."),
                           code="not-orphaned")
    if not Compilation.objects.current().filter(speeches__paragraphs=paragraph).exists():
        raise InvalidInput(_("Re-attach it to the current version's text."),
                           code="not-current")
    text = paragraph.text
    if not (0 <= start < end <= len(text)) or text[start:end] != quote:
        raise QuoteMismatch({"reason": "quote", "found": text[start:end] if 0 <= start < end
                             <= len(text) else "", "text_hash": text_hash(text)})
    old = f"{annotation.paragraph_id}:{annotation.start}-{annotation.end} {annotation.quote}"
    annotation.paragraph = paragraph
    annotation.start, annotation.end, annotation.quote = start, end, quote
    annotation.prefix = text[max(0, start - CONTEXT_LENGTH):start]
    annotation.suffix = text[end:end + CONTEXT_LENGTH]
    annotation.text_hash = text_hash(text)
    annotation.orphaned_at = None
    annotation.save()
    record_activity(
        actor=actor, verb=Verb.EDIT, target=annotation, speech_id=paragraph.speech_id,
        summary=f"“{quote[:60]}”",
        data={"action": "reattach", "paragraph": paragraph.position, "was": old},
    )
    return annotation
