"""Writes to the annotations app: the codebook, tagged passages, comments.

Every function is keyword-only, runs in one transaction and appends to the
activity log inside it. Refusals are ``annotations.errors`` exceptions
(``ApiError`` subclasses), so the API passes them on and pages show them.
"""

import re
from collections.abc import Sequence

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _
from pypinyin import lazy_pinyin

from accounts.activity import record_activity
from accounts.models import Verb
from accounts.roles import AnyUser, can_annotate, can_edit
from annotations.colours import is_readable
from annotations.errors import InvalidInput, NotPermitted, QuoteMismatch
from annotations.models import COLOUR_PATTERN, CONTEXT_LENGTH, Annotation, Comment, Theme
from annotations.suggest import segment_keywords
from speeches.models import Paragraph
from speeches.services import text_hash

MAX_NOTE = 5000
MAX_COMMENT = 5000
MAX_KEYWORDS = 50
# Theme slugs share /themes/<slug>/ with these pages.
RESERVED_SLUGS = {"new"}


def _short(text: str, length: int = 60) -> str:
    return Truncator(" ".join(text.split())).chars(length)


# Themes ---------------------------------------------------------------------


def _clean_colour(colour: str) -> str:
    colour = colour.strip().lower()
    if not re.fullmatch(COLOUR_PATTERN, colour):
        raise InvalidInput(_("Enter a colour as # followed by six hex digits, e.g. #2f6b3a."))
    if not is_readable(colour):
        raise InvalidInput(
            _("This colour is too light or too dark: highlighted text would be hard to read.")
        )
    return colour


def _clean_name(name: str, field: str = "name") -> str:
    name = " ".join(name.split())
    if not name:
        raise InvalidInput(_("A theme needs a name."), {"field": field})
    if len(name) > 100:
        raise InvalidInput(_("A theme name has at most 100 characters."), {"field": field})
    return name


def _distinct_keywords(keywords: Sequence[str]) -> list[str]:
    """The keywords trimmed (at most 50 characters each), each once, in order."""
    seen: list[str] = []
    for keyword in keywords:
        keyword = keyword.strip()[:50]
        if keyword and keyword not in seen:
            seen.append(keyword)
    return seen


def _clean_keywords(keywords: Sequence[str]) -> list[str]:
    seen = _distinct_keywords(keywords)
    if len(seen) > MAX_KEYWORDS:
        raise InvalidInput(_("A theme has at most 50 keywords."))
    return seen


def _unique_slug(name: str, name_en: str, exclude_pk: int | None = None) -> str:
    base = slugify(name_en) or slugify("-".join(lazy_pinyin(name))) or "theme"
    base = base[:100]
    slug, n = (base, 2) if base not in RESERVED_SLUGS else (f"{base}-2", 3)
    others = Theme.objects.exclude(pk=exclude_pk) if exclude_pk else Theme.objects.all()
    while others.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _check_sibling_name(*, name: str, parent: Theme | None, exclude_pk: int | None = None) -> None:
    siblings = Theme.objects.filter(parent=parent, name=name)
    if exclude_pk:
        siblings = siblings.exclude(pk=exclude_pk)
    if siblings.exists():
        raise InvalidInput(
            _("There is already a theme called “%(name)s” here.") % {"name": name},
            {"field": "name"},
        )


def _require_editor(actor: AbstractBaseUser) -> None:
    if not can_edit(actor):
        raise NotPermitted()


def _record_theme(actor: AbstractBaseUser, theme: Theme, summary: str, data: dict) -> None:
    record_activity(actor=actor, verb=Verb.THEME, target=theme, summary=summary, data=data)


def create_theme(
    *,
    actor: AbstractBaseUser,
    name: str,
    colour: str,
    name_en: str = "",
    parent: Theme | None = None,
    description: str = "",
    keywords: Sequence[str] = (),
) -> Theme:
    """Add a theme at the end of its siblings."""
    _require_editor(actor)
    name = _clean_name(name)
    name_en = " ".join(name_en.split())[:150]
    colour = _clean_colour(colour)
    keywords = _clean_keywords(keywords)
    keyword_tokens = segment_keywords(keywords)
    with transaction.atomic():
        _check_sibling_name(name=name, parent=parent)
        last = Theme.objects.filter(parent=parent).aggregate(m=Max("position"))["m"] or 0
        theme = Theme.objects.create(
            parent=parent,
            name=name,
            name_en=name_en,
            slug=_unique_slug(name, name_en),
            colour=colour,
            description=description.strip(),
            keywords=keywords,
            keyword_tokens=keyword_tokens,
            position=last + 1,
        )
        _record_theme(actor, theme, name, {"action": "create", "parent": parent and parent.pk})
    return theme


def rename_theme(*, actor: AbstractBaseUser, theme: Theme, name: str, name_en: str) -> Theme:
    """Change a theme's Chinese and English names; its slug (and links) stay."""
    _require_editor(actor)
    name = _clean_name(name)
    name_en = " ".join(name_en.split())[:150]
    with transaction.atomic():
        _check_sibling_name(name=name, parent=theme.parent, exclude_pk=theme.pk)
        old = theme.name
        theme.name, theme.name_en = name, name_en
        theme.save(update_fields=["name", "name_en", "updated_at"])
        _record_theme(actor, theme, f"{old} → {name}", {"action": "rename", "from": old})
    return theme


def describe_theme(
    *, actor: AbstractBaseUser, theme: Theme, description: str, keywords: Sequence[str]
) -> Theme:
    """Change a theme's description and its suggestion keywords."""
    _require_editor(actor)
    keywords = _clean_keywords(keywords)
    keyword_tokens = segment_keywords(keywords)
    with transaction.atomic():
        theme.description = description.strip()
        theme.keywords = keywords
        theme.keyword_tokens = keyword_tokens
        theme.save(update_fields=["description", "keywords", "keyword_tokens", "updated_at"])
        _record_theme(actor, theme, theme.name, {"action": "describe", "keywords": theme.keywords})
    return theme


def _ancestors(theme: Theme | None) -> list[int]:
    """Primary keys from ``theme`` up to the root (trees are shallow)."""
    seen: list[int] = []
    while theme is not None and theme.pk not in seen:
        seen.append(theme.pk)
        theme = theme.parent
    return seen


def move_theme(
    *, actor: AbstractBaseUser, theme: Theme, parent: Theme | None, position: int | None = None
) -> Theme:
    """Put a theme under ``parent`` (None: top level) at ``position`` among
    its new siblings (1-based; None: last). Siblings are renumbered."""
    _require_editor(actor)
    with transaction.atomic():
        if parent is not None and theme.pk in _ancestors(parent):
            raise InvalidInput(_("A theme cannot be moved under itself or one of its sub-themes."))
        _check_sibling_name(name=theme.name, parent=parent, exclude_pk=theme.pk)
        old_parent = theme.parent
        siblings = list(Theme.objects.filter(parent=parent).exclude(pk=theme.pk).in_tree_order())
        index = len(siblings) if position is None else max(0, min(position - 1, len(siblings)))
        siblings.insert(index, theme)
        theme.parent = parent
        theme.save(update_fields=["parent", "updated_at"])
        for number, sibling in enumerate(siblings, start=1):
            if sibling.position != number:
                sibling.position = number
                sibling.save(update_fields=["position"])
        _record_theme(
            actor,
            theme,
            f"{old_parent or '—'} → {parent or '—'}",
            {"action": "move", "from": old_parent and old_parent.pk, "to": parent and parent.pk},
        )
    return theme


def recolour_theme(*, actor: AbstractBaseUser, theme: Theme, colour: str) -> Theme:
    _require_editor(actor)
    colour = _clean_colour(colour)
    with transaction.atomic():
        old = theme.colour
        theme.colour = colour
        theme.save(update_fields=["colour", "updated_at"])
        _record_theme(actor, theme, f"{theme.name} {old} → {colour}", {"action": "recolour"})
    return theme


def set_theme_active(*, actor: AbstractBaseUser, theme: Theme, active: bool) -> Theme:
    """Deactivate a theme (kept on existing passages, offered no more) or
    bring it back."""
    _require_editor(actor)
    with transaction.atomic():
        theme.active = active
        theme.save(update_fields=["active", "updated_at"])
        _record_theme(
            actor, theme, theme.name, {"action": "activate" if active else "deactivate"}
        )
    return theme


def merge_themes(*, actor: AbstractBaseUser, source: Theme, target: Theme) -> Theme:
    """Fold ``source`` into ``target`` and delete ``source``.

    Every annotation tagged with ``source`` ends up tagged with ``target``
    exactly once; sub-themes of ``source`` move under ``target``; ``target``
    keeps its keywords and takes those of ``source`` it lacks, up to 50 in
    all. Returns the surviving theme.
    """
    _require_editor(actor)
    if source.pk == target.pk:
        raise InvalidInput(_("Choose two different themes to merge."))
    Link = Annotation.themes.through
    with transaction.atomic():
        # Lock both rows so two merges of the same themes cannot interleave.
        locked = {
            t.pk: t
            for t in Theme.objects.select_for_update().filter(pk__in=[source.pk, target.pk])
        }
        if len(locked) != 2:
            raise InvalidInput(_("One of these themes no longer exists."))
        source, target = locked[source.pk], locked[target.pk]
        if source.pk in _ancestors(target.parent):
            # The survivor sits below the theme that goes: lift it out first.
            target.parent = source.parent
            target.save(update_fields=["parent", "updated_at"])
        already = Link.objects.filter(theme=target).values("annotation_id")
        Link.objects.filter(theme=source, annotation_id__in=already).delete()
        moved = Link.objects.filter(theme=source).update(theme=target)
        for child in Theme.objects.filter(parent=source):
            if Theme.objects.filter(parent=target, name=child.name).exists():
                child.name = f"{child.name} ({source.name})"[:100]
            child.parent = target
            child.save(update_fields=["parent", "name", "updated_at"])
        # The survivor's keywords first; past the limit the merged theme's are dropped.
        keywords = _distinct_keywords([*target.keywords, *source.keywords])[:MAX_KEYWORDS]
        target.keywords = keywords
        target.keyword_tokens = segment_keywords(keywords)
        target.save(update_fields=["keywords", "keyword_tokens", "updated_at"])
        _record_theme(
            actor,
            target,
            f"{source.name} → {target.name}",
            {"action": "merge", "merged": source.pk, "merged_slug": source.slug, "moved": moved},
        )
        source.delete()
    return target


# Annotations ----------------------------------------------------------------


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
    note = note.strip()
    if len(note) > MAX_NOTE:
        raise InvalidInput(_("A note has at most 5,000 characters."), {"field": "note"})
    return note


def _theme_names(themes: Sequence[Theme]) -> str:
    return "、".join(t.name for t in themes)


def tag_passage(
    *,
    paragraph: Paragraph,
    start: int,
    end: int,
    quote: str,
    themes: Sequence[Theme],
    author: AbstractBaseUser,
    note: str = "",
    expected_hash: str | None = None,
) -> Annotation:
    """Tag ``paragraph.text[start:end]`` (code points) with ``themes``.

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
        )
        annotation.themes.set(themes)
        record_activity(
            actor=author,
            verb=Verb.TAG,
            target=annotation,
            summary=f"“{_short(quote)}” {_theme_names(themes)}",
            speech_id=paragraph.speech_id,
            data={"paragraph": paragraph.position, "themes": [t.pk for t in themes]},
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
    actor: AbstractBaseUser,
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


def delete_annotation(*, annotation: Annotation, actor: AbstractBaseUser) -> None:
    if not can_change_annotation(user=actor, annotation=annotation):
        raise NotPermitted(_("Only its author or an editor may delete this annotation."))
    with transaction.atomic():
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
    *, paragraph: Paragraph, theme: Theme, author: AbstractBaseUser
) -> Annotation:
    """Tag the whole paragraph with a suggested theme for ``author``.

    If the author already tagged the whole paragraph, the theme joins that
    annotation instead of creating a second one.
    """
    if not can_annotate(author):
        raise NotPermitted()
    with transaction.atomic():
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


# Comments -------------------------------------------------------------------


def _clean_body(body: str) -> str:
    body = body.strip()
    if not body:
        raise InvalidInput(_("Write something first."), {"field": "body"})
    if len(body) > MAX_COMMENT:
        raise InvalidInput(_("A comment has at most 5,000 characters."), {"field": "body"})
    return body


def write_comment(
    *,
    paragraph: Paragraph,
    author: AbstractBaseUser,
    body: str,
    parent: Comment | None = None,
) -> Comment:
    """A new comment on ``paragraph``, or a reply to ``parent`` on it."""
    if not can_annotate(author):
        raise NotPermitted()
    body = _clean_body(body)
    if parent is not None:
        if parent.paragraph_id != paragraph.pk:
            raise InvalidInput(_("A reply belongs to the same paragraph as its comment."))
        if parent.is_deleted:
            raise InvalidInput(_("This comment was deleted; it cannot be answered."))
    with transaction.atomic():
        comment = Comment.objects.create(
            paragraph=paragraph, author=author, body=body, parent=parent
        )
        # The log names the comment, never quotes it: a deleted or moderated
        # comment must not stay readable in the speech's history.
        record_activity(
            actor=author,
            verb=Verb.COMMENT,
            target=comment,
            summary=f"#{comment.pk}",
            speech_id=paragraph.speech_id,
            data={"paragraph": paragraph.position, "parent": parent and parent.pk},
        )
    return comment


def edit_comment(*, comment: Comment, actor: AbstractBaseUser, body: str) -> Comment:
    """Only the author edits a comment; it is then marked as edited."""
    if comment.author_id != actor.pk or not can_annotate(actor):
        raise NotPermitted(_("Only its author may edit this comment."))
    if comment.is_deleted:
        raise InvalidInput(_("This comment was deleted."))
    body = _clean_body(body)
    with transaction.atomic():
        comment.body = body
        comment.edited_at = timezone.now()
        comment.save(update_fields=["body", "edited_at"])
        record_activity(
            actor=actor,
            verb=Verb.EDIT,
            target=comment,
            summary=f"#{comment.pk}",
            speech_id=comment.paragraph.speech_id,
            data={"paragraph": comment.paragraph.position, "action": "edit-comment"},
        )
    return comment


def can_delete_comment(*, user: AnyUser, comment: Comment) -> bool:
    return can_edit(user) or (can_annotate(user) and comment.author_id == user.pk)


def delete_comment(*, comment: Comment, actor: AbstractBaseUser) -> Comment:
    """Empty the comment and mark it deleted; the thread keeps its place.
    Authors delete their own; editors moderate anyone's."""
    if not can_delete_comment(user=actor, comment=comment):
        raise NotPermitted(_("Only its author or an editor may delete this comment."))
    if comment.is_deleted:
        return comment
    with transaction.atomic():
        comment.body = ""
        comment.deleted_at = timezone.now()
        comment.deleted_by = actor
        comment.save(update_fields=["body", "deleted_at", "deleted_by"])
        record_activity(
            actor=actor,
            verb=Verb.EDIT,
            target=comment,
            summary=f"#{comment.pk}",
            speech_id=comment.paragraph.speech_id,
            data={
                "paragraph": comment.paragraph.position,
                "action": "delete-comment",
                "moderated": comment.author_id != actor.pk,
            },
        )
    return comment

