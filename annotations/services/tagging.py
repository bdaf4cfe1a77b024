"""Writes of tagged passages: tag, retag, annotate, untag, accept a suggestion.

Every function is keyword-only, runs in one transaction and appends to the
activity log inside it. Refusals are ``annotations.errors`` exceptions.
"""

from collections.abc import Iterable, Sequence

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from accounts.activity import record_activity
from accounts.models import Verb
from accounts.roles import AnyUser, can_annotate, can_edit
from annotations.errors import QuoteMismatch
from annotations.models import CONTEXT_LENGTH, Annotation, Rule, Theme
from core.errors import InvalidInput, NotFound, NotPermitted
from core.fields import check_length, max_length
from core.hashing import text_hash
from speeches.models import Paragraph

# A note's limit is the model's.
MAX_NOTE = max_length(Annotation, "note")


def _short(text: str, length: int = 60) -> str:
    return Truncator(" ".join(text.split())).chars(length)


def _clean_themes(themes: Sequence[Theme]) -> list[Theme]:
    unique = list({t.pk: t for t in themes}.values())
    if not unique:
        raise InvalidInput(_("Choose at least one theme."), {"field": "themes"})
    inactive = [t.name for t in unique if not t.active]
    if inactive:
        raise InvalidInput(
            _("These themes are no longer in use: %(names)s") % {"names": "、".join(inactive)},
            {"field": "themes"},
        )
    return unique


def _clean_note(note: str) -> str:
    return check_length(Annotation, "note", note.strip())


def _theme_names(themes: Iterable[Theme]) -> str:
    return "、".join(t.name for t in themes)


def tag_passage(
    *,
    paragraph: Paragraph,
    start: int,
    end: int,
    quote: str,
    themes: Sequence[Theme],
    author: User,
    note: str = "",
    expected_hash: str | None = None,
    rule: Rule | None = None,
) -> Annotation:
    """Tag ``paragraph.text[start:end]`` (code points) with ``themes``.

    ``rule``: the search-to-theme rule whose hit ``author`` accepted (the
    annotation's origin; annotations.services.rules).

    ``quote`` must be exactly that text, and ``expected_hash`` (when given)
    the paragraph's current text hash; otherwise ``QuoteMismatch`` (409) is
    raised and nothing is written. Other annotations are never touched.
    """
    if not can_annotate(author):
        raise NotPermitted()
    text = paragraph.text
    if not (0 <= start < end <= len(text)):
        raise QuoteMismatch(
            {"reason": "out-of-range", "length": len(text), "text_hash": paragraph.text_hash}
        )
    current_hash = text_hash(text)
    if text[start:end] != quote or (expected_hash and expected_hash != current_hash):
        raise QuoteMismatch(
            {"reason": "quote", "found": text[start:end], "text_hash": current_hash}
        )
    themes = _clean_themes(themes)
    note = _clean_note(note)
    with transaction.atomic():
        annotation = Annotation.objects.create(
            paragraph=paragraph,
            start=start,
            end=end,
            quote=quote,
            prefix=text[max(0, start - CONTEXT_LENGTH) : start],
            suffix=text[end : end + CONTEXT_LENGTH],
            text_hash=current_hash,
            note=note,
            author=author,
            rule=rule,
            from_rule=rule is not None,
        )
        annotation.themes.set(themes)
        record_activity(
            actor=author,
            verb=Verb.TAG,
            target=annotation,
            summary=f"“{_short(quote)}” {_theme_names(themes)}",
            speech_id=paragraph.speech_id,
            data={
                "paragraph": paragraph.position,
                "themes": [t.pk for t in themes],
                **({"rule": rule.pk} if rule is not None else {}),
            },
        )
    return annotation


def can_change_annotation(*, user: AnyUser, annotation: Annotation) -> bool:
    """Its author (while still an annotator) or an editor."""
    if can_edit(user):
        return True
    return can_annotate(user) and annotation.author_id == user.pk


def update_annotation(
    *,
    annotation: Annotation,
    actor: User,
    themes: Sequence[Theme] | None = None,
    note: str | None = None,
) -> Annotation:
    """Change the themes and/or the note; the span itself never moves.

    A change that changes nothing (no field given, or the same themes and
    note) writes nothing, not even to the activity log.
    """
    if not can_change_annotation(user=actor, annotation=annotation):
        raise NotPermitted(_("Only its author or an editor may change this annotation."))
    with transaction.atomic():
        changes: dict = {}
        if themes is not None:
            wanted = list({t.pk: t for t in themes}.values())
            if not wanted:
                raise InvalidInput(_("Choose at least one theme."), {"field": "themes"})
            # An inactive theme already on the passage may stay; new ones must be active.
            current = {t.pk for t in annotation.themes.all()}
            added = [t for t in wanted if t.pk not in current]
            if added:
                _clean_themes(added)
            if {t.pk for t in wanted} != current:
                annotation.themes.set(wanted)
                changes["themes"] = [t.pk for t in wanted]
        if note is not None:
            cleaned = _clean_note(note)
            if cleaned != annotation.note:
                annotation.note = cleaned
                changes["note"] = True
        if not changes:
            return annotation
        annotation.save(update_fields=["note", "updated_at"])
        record_activity(
            actor=actor,
            verb=Verb.EDIT,
            target=annotation,
            summary=f"“{_short(annotation.quote)}” {_theme_names(annotation.themes.all())}",
            speech_id=annotation.paragraph.speech_id,
            data={"paragraph": annotation.paragraph.position, **changes},
        )
    return annotation


def delete_annotation(*, annotation: Annotation, actor: User) -> None:
    """Remove the annotation and log it once.

    Raises NotFound when it is already gone: of several requests deleting it
    at once, the first deletes it and the others wait for it (the row lock),
    then find nothing to delete.
    """
    if not can_change_annotation(user=actor, annotation=annotation):
        raise NotPermitted(_("Only its author or an editor may delete this annotation."))
    with transaction.atomic():
        if not Annotation.objects.select_for_update().filter(pk=annotation.pk).exists():
            raise NotFound(_("This annotation was already deleted."))
        record_activity(
            actor=actor,
            verb=Verb.UNTAG,
            target=annotation,
            summary=f"“{_short(annotation.quote)}” {_theme_names(annotation.themes.all())}",
            speech_id=annotation.paragraph.speech_id,
            data={
                "paragraph": annotation.paragraph.position,
                "start": annotation.start,
                "end": annotation.end,
                "author": annotation.author_id,
            },
        )
        annotation.delete()


def accept_suggestion(
    *, paragraph: Paragraph, theme: Theme, author: User
) -> Annotation:
    """Tag the whole paragraph with a suggested theme for ``author``.

    If the author already tagged the whole paragraph, the theme joins that
    annotation instead of creating a second one.
    """
    if not can_annotate(author):
        raise NotPermitted()
    with transaction.atomic():
        # The paragraph's row lock makes two acceptances at once take turns:
        # the second then finds the annotation the first made.
        Paragraph.objects.select_for_update().filter(pk=paragraph.pk).exists()
        existing = (
            Annotation.objects.select_for_update()
            .filter(paragraph=paragraph, author=author, start=0, end=len(paragraph.text))
            .first()
        )
        if existing is None:
            return tag_passage(
                paragraph=paragraph,
                start=0,
                end=len(paragraph.text),
                quote=paragraph.text,
                themes=[theme],
                author=author,
            )
        _clean_themes([theme])
        existing.themes.add(theme)
        existing.save(update_fields=["updated_at"])
        record_activity(
            actor=author,
            verb=Verb.TAG,
            target=existing,
            summary=f"“{_short(existing.quote)}” {theme.name}",
            speech_id=paragraph.speech_id,
            data={"paragraph": paragraph.position, "themes": [theme.pk], "suggested": True},
        )
    return existing
