"""Writes of comments on paragraphs: write, reply, edit, delete (or moderate).

Every function is keyword-only, runs in one transaction and appends to the
activity log inside it, naming the comment but never quoting it.
"""

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.activity import record_activity
from accounts.models import Verb
from accounts.roles import AnyUser, can_annotate, can_edit
from annotations.models import Comment
from core.errors import InvalidInput, NotPermitted
from core.fields import check_length, max_length
from speeches.models import Paragraph

# A comment's limit is the model's.
MAX_COMMENT = max_length(Comment, "body")


def _clean_body(body: str) -> str:
    body = body.strip()
    if not body:
        raise InvalidInput(_("Write something first."), {"field": "body"})
    return check_length(Comment, "body", body)


def _log(actor: User, verb: Verb, comment: Comment, **data: object) -> None:
    # The log names the comment, never quotes it: a deleted or moderated
    # comment must not stay readable in the speech's history.
    record_activity(
        actor=actor,
        verb=verb,
        target=comment,
        summary=f"#{comment.pk}",
        speech_id=comment.paragraph.speech_id,
        data={"paragraph": comment.paragraph.position, **data},
    )


def write_comment(
    *,
    paragraph: Paragraph,
    author: User,
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
        _log(author, Verb.COMMENT, comment, parent=parent and parent.pk)
    return comment


def edit_comment(*, comment: Comment, actor: User, body: str) -> Comment:
    """Only the author edits a comment; it is then marked as edited."""
    if comment.author_id != actor.pk or not can_annotate(actor):
        raise NotPermitted(_("Only its author may edit this comment."))
    if comment.is_deleted:
        raise InvalidInput(_("This comment was deleted."))
    body = _clean_body(body)
    with transaction.atomic():
        # Read again under a row lock: a deletion that went first wins.
        current = Comment.objects.select_for_update().filter(pk=comment.pk).first()
        if current is None or current.is_deleted:
            raise InvalidInput(_("This comment was deleted."))
        comment.body = body
        comment.edited_at = timezone.now()
        comment.save(update_fields=["body", "edited_at"])
        _log(actor, Verb.EDIT, comment, action="edit-comment")
    return comment


def can_delete_comment(*, user: AnyUser, comment: Comment) -> bool:
    return can_edit(user) or (can_annotate(user) and comment.author_id == user.pk)


def delete_comment(*, comment: Comment, actor: User) -> Comment:
    """Empty the comment and mark it deleted; the thread keeps its place.
    Authors delete their own; editors moderate anyone's."""
    if not can_delete_comment(user=actor, comment=comment):
        raise NotPermitted(_("Only its author or an editor may delete this comment."))
    if comment.is_deleted:
        return comment
    with transaction.atomic():
        current = Comment.objects.select_for_update().filter(pk=comment.pk).first()
        if current is None or current.is_deleted:
            # Deleted meanwhile by another request: nothing more to do.
            return current or comment
        comment.body = ""
        comment.deleted_at = timezone.now()
        comment.deleted_by = actor
        comment.save(update_fields=["body", "deleted_at", "deleted_by"])
        _log(
            actor,
            Verb.EDIT,
            comment,
            action="delete-comment",
            moderated=comment.author_id != actor.pk,
        )
    return comment
