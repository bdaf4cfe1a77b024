"""What the reader draws first, handed to its script with the page.

The reader used to fetch a speech's annotations from the API after its
scripts loaded: a second round trip, and for a busy speech (500 passages)
most of its time went on building 500 API objects with fields it never
reads (prefix, suffix, text hash, update time). ``reader_annotations``
reads just the fields the reader uses, as plain rows, in two queries; each
row has exactly the values ``AnnotationOut`` gives those fields
(tests/annotations/test_reader_payload.py holds the two together). Changes
after the first paint still go through the API.
"""

from django.contrib.auth.models import AnonymousUser, User

from annotations.models import Annotation, Comment
from annotations.services.tagging import can_change_annotation

# The AnnotationOut fields the reader's script reads (static/js/annotations/).
READER_FIELDS = (
    "id", "paragraph_id", "start", "end", "quote", "note", "theme_ids", "author",
    "created_at", "can_change", "rule_id", "rule",
)


def reader_annotations(*, speech_id: int, user: User | AnonymousUser) -> list[dict]:
    """The speech's annotations in reading order, each a dict of READER_FIELDS
    (``created_at`` a datetime: json_script writes it as the API does)."""
    annotations = Annotation.objects.of_speech(speech_id)
    rows = list(
        annotations
        .order_by("paragraph__position", "start", "end", "id")
        .values_list("id", "paragraph_id", "start", "end", "quote", "note", "created_at",
                     "author_id", "author__username", "rule_id", "rule__name", "rule__query")
    )
    # No query for a speech without annotations (as an empty list of ids asked none).
    themes = Annotation.objects.theme_ids_of(annotations.values("id")) if rows else {}
    # The rule is per author: asked once for each, not once per passage.
    may_change = {
        author_id: bool(user.is_authenticated)
        and can_change_annotation(user=user, annotation=Annotation(author_id=author_id))
        for author_id in {row[7] for row in rows}
    }
    return [
        {
            "id": pk, "paragraph_id": paragraph_id, "start": start, "end": end, "quote": quote,
            "note": note, "theme_ids": themes.get(pk, []), "author": username,
            "created_at": created_at, "can_change": may_change[author_id],
            # As AnnotationOut.rule: the rule's name, its query when unnamed.
            "rule_id": rule_id, "rule": (rule_name or rule_query) if rule_id else None,
        }
        for (pk, paragraph_id, start, end, quote, note, created_at, author_id, username,
             rule_id, rule_name, rule_query) in rows
    ]


def as_rows(annotations: list[dict]) -> dict:
    """``annotations`` (from ``reader_annotations``) as the page carries them:
    the field names once, then one list of values per annotation, in
    READER_FIELDS order. Naming every field of every passage made up two
    thirds of a busy speech's JSON (157 KB of a 240 KB page for 500
    passages; docs/performance.md); the reader's script (reader.js) turns
    the rows back into objects."""
    return {
        "fields": list(READER_FIELDS),
        "rows": [[annotation[field] for field in READER_FIELDS] for annotation in annotations],
    }


def reader_comments(*, speech_id: int) -> list[Comment]:
    """The speech's comments as the API lists them (a few per speech). Their
    authors only: CommentOut reads nothing of the paragraph, whose text and
    search tokens ``with_details`` would load for each comment."""
    return list(
        Comment.objects.select_related("author").of_speech(speech_id).order_by(
            "paragraph__position", "created_at", "id"
        )
    )
