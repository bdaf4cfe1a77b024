"""Annotations and comments follow their text through structural edits
(registered in ``settings.PARAGRAPH_REMAP_HANDLERS``; see ``speeches.services.remap``).

An annotation inside one piece moves with it, its offsets shifted exactly;
one across pieces (a span over a split paragraph) becomes one annotation
per piece, each with the same themes, note, author and date, each quoting
exactly its part. A comment goes where the start of its paragraph went.
What would be left on no text stops the edit: nothing is ever dropped.
"""

from __future__ import annotations

from collections import defaultdict

from django.utils.translation import gettext as _

from annotations.models import CONTEXT_LENGTH, Annotation, Comment
from core.hashing import text_hash
from speeches.models import Paragraph
from speeches.services.remap import Piece, StructureRefused


def follow_text(*, pieces: list[Piece], removed: list[int]) -> dict[str, int]:
    by_paragraph: dict[int, list[Piece]] = defaultdict(list)
    for piece in pieces:
        by_paragraph[piece.paragraph_id].append(piece)
    for group in by_paragraph.values():
        group.sort(key=lambda piece: piece.start)
    old_ids = set(by_paragraph) | set(removed)
    texts = dict(
        Paragraph.objects.filter(pk__in={p.to_paragraph_id for p in pieces}).values_list(
            "pk", "text"
        )
    )
    counts = {"annotations_moved": 0, "annotations_split": 0, "comments_moved": 0}
    annotations = list(
        Annotation.objects.filter(paragraph_id__in=old_ids).prefetch_related("themes")
    )
    for annotation in annotations:
        parts = _parts(annotation, by_paragraph.get(annotation.paragraph_id, []))
        if not parts:
            raise StructureRefused(
                "annotated-text-removed",
                _("Passages tagged in this text would be left on no text; remove or move "
                  "their tags first."),
            )
        moved = [_place(annotation, piece, start, end, texts) for piece, start, end in parts]
        first, *rest = moved
        if rest:
            counts["annotations_split"] += 1
        elif (first.paragraph_id, first.start) != (annotation.paragraph_id, annotation.start):
            counts["annotations_moved"] += 1
        first.save(
            update_fields=["paragraph", "start", "end", "quote", "prefix", "suffix", "text_hash"]
        )
        themes = list(annotation.themes.all())
        for copy in rest:
            copy.pk = None
            copy._state.adding = True
            copy.save()
            copy.themes.set(themes)
        if rest:
            # The parts keep the date the passage was tagged, not today's.
            Annotation.objects.filter(pk__in=[c.pk for c in rest]).update(
                created_at=annotation.created_at
            )
    for paragraph_id in old_ids:
        group = by_paragraph.get(paragraph_id)
        comments = Comment.objects.filter(paragraph_id=paragraph_id)
        if not group:
            if comments.exists():
                raise StructureRefused(
                    "commented-text-removed",
                    _("This text has comments, which would be left on no text; move or "
                      "delete them first."),
                )
            continue
        target = group[0].to_paragraph_id
        if target != paragraph_id:
            counts["comments_moved"] += comments.update(paragraph_id=target)
    return counts


def _parts(annotation: Annotation, pieces: list[Piece]) -> list[tuple[Piece, int, int]]:
    """The pieces the span overlaps, each with the overlap (old offsets)."""
    parts = []
    for piece in pieces:
        start, end = max(annotation.start, piece.start), min(annotation.end, piece.end)
        if start < end:
            parts.append((piece, start, end))
    return parts


def _place(annotation: Annotation, piece: Piece, start: int, end: int, texts) -> Annotation:
    """The annotation (a copy of it for a second part) on its new text."""
    text = texts[piece.to_paragraph_id]
    new_start, new_end = piece.place(start), piece.place(end)
    quote = text[new_start:new_end]
    # The pieces say the characters are the same; check, never tag other text.
    if quote != annotation.quote[start - annotation.start : end - annotation.start]:
        raise StructureRefused(
            "quote-mismatch", _("The edit would move a tagged passage onto other text.")
        )
    moved = Annotation(
        pk=annotation.pk,
        paragraph_id=piece.to_paragraph_id,
        start=new_start,
        end=new_end,
        quote=quote,
        prefix=text[max(0, new_start - CONTEXT_LENGTH) : new_start],
        suffix=text[new_end : new_end + CONTEXT_LENGTH],
        text_hash=text_hash(text),
        note=annotation.note,
        author_id=annotation.author_id,
        # A part of a passage keeps its origin: one from a rule is not
        # someone's own coding (annotations.services.agreement).
        rule_id=annotation.rule_id,
        from_rule=annotation.from_rule,
    )
    moved._state.adding = False
    return moved


def follow_new_version(
    *, old: list[tuple[int, str]], new: list[tuple[int, str]], old_to_new: list[int | None]
) -> dict[str, int]:
    """Annotations and comments of a superseded version move to the new one.

    Each annotation is placed by ``annotations.anchoring.anchor`` (exact,
    else its quote in context elsewhere, else a close fuzzy match); one it
    cannot place with confidence stays on the old paragraph, marked orphaned,
    for an editor to re-attach or discard. A comment follows its paragraph
    when the paragraph has a counterpart, and stays on the old version
    (still readable there) when it was removed.
    """
    from django.utils import timezone

    from annotations.anchoring import Alignment, Selector, anchor

    index_of = {paragraph_id: i for i, (paragraph_id, _text) in enumerate(old)}
    new_ids = [paragraph_id for paragraph_id, _text in new]
    new_texts = [text for _id, text in new]
    same = tuple(
        j is not None and old[i][1] == new_texts[j] for i, j in enumerate(old_to_new)
    )
    alignment = Alignment(tuple(old_to_new), same, ())
    counts = {"exact": 0, "fuzzy": 0, "orphaned": 0, "split": 0, "comments_moved": 0}
    now = timezone.now()
    annotations = Annotation.objects.filter(
        paragraph_id__in=index_of, orphaned_at__isnull=True
    ).prefetch_related("themes")
    for annotation in annotations:
        selector = Selector(
            paragraph=index_of[annotation.paragraph_id], start=annotation.start,
            end=annotation.end, quote=annotation.quote, prefix=annotation.prefix,
            suffix=annotation.suffix,
        )
        placement = anchor(selector, new_texts, alignment)
        if placement is None:
            Annotation.objects.filter(pk=annotation.pk).update(orphaned_at=now)
            counts["orphaned"] += 1
            continue
        counts[placement.method] += 1
        counts["split"] += len(placement.pieces) > 1
        themes = list(annotation.themes.all())
        for number, (j, start, end) in enumerate(placement.pieces):
            text = new_texts[j]
            fields = {
                "paragraph_id": new_ids[j], "start": start, "end": end,
                "quote": text[start:end],
                "prefix": text[max(0, start - CONTEXT_LENGTH):start],
                "suffix": text[end:end + CONTEXT_LENGTH], "text_hash": text_hash(text),
            }
            if number == 0:
                Annotation.objects.filter(pk=annotation.pk).update(**fields)
            else:
                copy = Annotation.objects.create(
                    note=annotation.note, author_id=annotation.author_id,
                    rule_id=annotation.rule_id, from_rule=annotation.from_rule, **fields
                )
                copy.themes.set(themes)
                Annotation.objects.filter(pk=copy.pk).update(created_at=annotation.created_at)
    for i, j in enumerate(old_to_new):
        if j is not None:
            counts["comments_moved"] += Comment.objects.filter(paragraph_id=old[i][0]).update(
                paragraph_id=new_ids[j]
            )
    return counts
