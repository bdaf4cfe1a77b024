"""Editors' structural corrections: split a speech in two at a paragraph,
merge two neighbouring speeches, split and merge paragraphs, turn a line
into a heading or a heading back into a line, change a heading's level.

What is attached to the text (annotations, comments) follows it through
``speeches.services.remap``: each operation describes where every piece of a changed
paragraph went and the registered handlers move their rows, or refuse the
edit when something would be left on no text. Splitting or merging speeches
moves whole paragraphs, which keep their ids, so what hangs on them stays.
Changed paragraphs get their search tokens cut again (the full-text
indexes follow the tokens column by themselves). Paragraph, section and
speech positions stay 1, 2, 3… without gaps.

Each operation is one transaction and one entry of the speech's history
(``Verb.EDIT``, ``data["action"]`` naming the operation) and can be undone
from there by its inverse (``speeches.services.editing.undo_change``).
"""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Max
from django.utils.translation import gettext as _

from accounts.activity import record_activity
from accounts.models import Verb
from accounts.roles import can_edit
from core.fields import TooLong, check_length, one_line
from core.hashing import text_hash
from speeches.models import Paragraph, Section, Speech
from speeches.services.remap import (
    Piece,
    StructureRefused,
    remap_paragraphs,
    structure_changed,
)
from text.segmentation import search_tokens

SPLIT_PARAGRAPH = "split-paragraph"
MERGE_PARAGRAPHS = "merge-paragraphs"
SPLIT_SPEECH = "split-speech"
MERGE_SPEECHES = "merge-speeches"
TO_HEADING = "to-heading"
TO_PARAGRAPH = "to-paragraph"
HEADING_LEVEL = "heading-level"
SPLIT_OFF = "split-off"
STRUCTURE_ACTIONS = (
    SPLIT_PARAGRAPH,
    MERGE_PARAGRAPHS,
    SPLIT_SPEECH,
    MERGE_SPEECHES,
    TO_HEADING,
    TO_PARAGRAPH,
    HEADING_LEVEL,
)
MAX_LEVEL = 6
# Positions are moved out of the way and back in two statements, so that no
# row ever meets another at its position (PostgreSQL checks uniqueness row by row).
_AWAY = 1_000_000


def _require_editor(actor) -> None:
    if not can_edit(actor):
        raise PermissionDenied(_("Only editors may correct speeches and compilations."))


def _lock(speech_id: int) -> Speech:
    return Speech.objects.select_for_update().get(pk=speech_id)


def _shift(queryset, field: str, after: int, delta: int) -> None:
    """Move every row of ``queryset`` whose ``field`` is above ``after`` by ``delta``."""
    queryset.filter(**{f"{field}__gt": after}).update(**{field: F(field) + _AWAY})
    queryset.filter(**{f"{field}__gt": after + _AWAY}).update(
        **{field: F(field) - _AWAY + delta}
    )


def _write_text(paragraph: Paragraph, text: str) -> None:
    paragraph.text = text
    paragraph.text_hash = text_hash(text)
    paragraph.tokens = search_tokens(text)


def _shift_warnings(speech: Speech, after: int, delta: int) -> None:
    """Parser warnings point at paragraphs by position: keep them pointing at theirs."""
    changed = False
    for warning in speech.warnings:
        position = warning.get("paragraph")
        if isinstance(position, int) and position > after:
            warning["paragraph"] = position + delta
            changed = True
    if changed:
        speech.save(update_fields=["warnings"])


def _log(actor, speech: Speech, action: str, summary: str, undo_of=None, **data) -> None:
    """One entry of the speech's history, at the end of every operation (a
    speech split in two gets one each): also where the apps keeping figures
    per speech hear that its paragraphs changed."""
    structure_changed(speech_ids=[speech.pk])
    if undo_of:
        data["undo_of"] = undo_of
    record_activity(
        actor=actor,
        verb=Verb.EDIT,
        target=speech,
        speech_id=speech.pk,
        summary=f"{speech.title}: {summary}",
        data={"action": action, **data},
    )


def _paragraph(speech: Speech, position: int) -> Paragraph:
    paragraph = Paragraph.objects.filter(speech=speech, position=position).first()
    if paragraph is None:
        raise StructureRefused("no-paragraph", _("There is no paragraph %(n)s.") % {"n": position})
    return paragraph


def _sections_before(speech: Speech, position: int) -> int:
    """The position of the last section that starts before paragraph
    ``position`` ends (0 for none): where the reader puts sections
    (``speeches.reader.reading_blocks``)."""
    last = (
        Paragraph.objects.filter(speech=speech, position__lte=position, section__isnull=False)
        .aggregate(last=Max("section__position"))["last"]
    )
    return last or 0


def rebuild_tree(speech: Speech) -> None:
    """Each section's parent: the nearest section before it of a lower level."""
    stack: list[Section] = []
    changed = []
    for section in speech.sections.order_by("position"):
        while stack and stack[-1].level >= section.level:
            stack.pop()
        parent = stack[-1].pk if stack else None
        if section.parent_id != parent:
            section.parent_id = parent
            changed.append(section)
        stack.append(section)
    if changed:
        # Children before parents would not matter: the tree is set in one go.
        Section.objects.bulk_update(changed, ["parent"])


# ---- Paragraphs ----


@transaction.atomic
def split_paragraph(*, speech: Speech, position: int, at: int, actor: AbstractBaseUser,
                    undo_of: int | None = None) -> dict:
    """Split paragraph ``position`` before code point ``at``; the second part
    becomes paragraph ``position + 1``. White space at the cut is dropped.
    Annotations move with their text; a span over the cut becomes two."""
    _require_editor(actor)
    speech = _lock(speech.pk)
    paragraph = _paragraph(speech, position)
    text = paragraph.text
    if not 0 < at < len(text):
        raise StructureRefused(
            "bad-offset", _("Split inside the paragraph, between two characters.")
        )
    left_end = len(text[:at].rstrip())
    right_start = len(text) - len(text[at:].lstrip())
    if left_end == 0 or right_start == len(text):
        raise StructureRefused("empty-part", _("Both parts of a split need some text."))
    if paragraph.heading_end is not None and paragraph.heading_end > left_end:
        raise StructureRefused(
            "inside-heading", _("Split after the run-in heading, not inside it.")
        )
    _shift(Paragraph.objects.filter(speech=speech), "position", position, +1)
    _write_text(paragraph, text[:left_end])
    paragraph.save(update_fields=["text", "text_hash", "tokens"])
    second = Paragraph(
        speech=speech,
        section_id=paragraph.section_id,
        position=position + 1,
        line=paragraph.line,
    )
    _write_text(second, text[right_start:])
    second.save()
    counts = remap_paragraphs(
        pieces=[
            Piece(paragraph.pk, 0, left_end, paragraph.pk, 0),
            Piece(paragraph.pk, right_start, len(text), second.pk, 0),
        ]
    )
    _shift_warnings(speech, position, +1)
    _log(
        actor, speech, SPLIT_PARAGRAPH,
        f"¶{position} → ¶{position}, ¶{position + 1}",
        paragraph=position, at=at, gap=text[left_end:right_start], counts=counts,
        hashes=[paragraph.text_hash, second.text_hash],
        undo_of=undo_of,
    )
    return counts


@transaction.atomic
def _fits(model, field: str, value: str) -> str:
    """``value`` if the field holds it; else refused ("too-long", with the limit)."""
    try:
        return check_length(model, field, value)
    except TooLong as refused:
        raise StructureRefused(refused.code, refused.message) from None


def merge_paragraphs(*, speech: Speech, position: int, actor: AbstractBaseUser,
                     separator: str = "", undo_of: int | None = None) -> dict:
    """Join paragraph ``position + 1`` onto paragraph ``position`` (Chinese
    text joins without a space; ``separator`` is put between). Both must be
    in the same section."""
    _require_editor(actor)
    speech = _lock(speech.pk)
    first = _paragraph(speech, position)
    second = Paragraph.objects.filter(speech=speech, position=position + 1).first()
    if second is None:
        raise StructureRefused("no-next", _("This is the last paragraph: nothing follows it."))
    if second.section_id != first.section_id or second.heading_end is not None:
        raise StructureRefused(
            "different-sections",
            _("The next paragraph starts another section; turn its heading into text first."),
        )
    offset = len(first.text) + len(separator)
    _fits(Paragraph, "text", first.text + separator + second.text)
    _write_text(first, first.text + separator + second.text)
    first.save(update_fields=["text", "text_hash", "tokens"])
    counts = remap_paragraphs(
        pieces=[
            Piece(first.pk, 0, len(first.text) - len(second.text) - len(separator), first.pk, 0),
            Piece(second.pk, 0, len(second.text), first.pk, offset),
        ],
        removed=[second.pk],
    )
    second.delete()
    _shift(Paragraph.objects.filter(speech=speech), "position", position + 1, -1)
    _shift_warnings(speech, position, -1)
    _log(
        actor, speech, MERGE_PARAGRAPHS,
        f"¶{position} + ¶{position + 1} → ¶{position}",
        paragraph=position, at=offset, separator=separator, counts=counts,
        hashes=[first.text_hash],
        undo_of=undo_of,
    )
    return counts


# ---- Headings ----


@transaction.atomic
def paragraph_to_heading(*, speech: Speech, position: int, level: int,
                         actor: AbstractBaseUser, marker: str = "",
                         undo_of: int | None = None) -> Section:
    """Turn paragraph ``position`` (a line the parser took for text) into a
    heading of ``level`` (1 outermost); the paragraphs after it, up to the
    next heading, come under it. Refused when the line is tagged or
    commented: a heading carries neither."""
    _require_editor(actor)
    _check_level(level)
    speech = _lock(speech.pk)
    paragraph = _paragraph(speech, position)
    if paragraph.heading_end is not None:
        raise StructureRefused(
            "has-run-in-heading", _("This paragraph already opens with a heading.")
        )
    _fits(Section, "heading", paragraph.text)
    before = _sections_before(speech, position)
    remap_paragraphs(pieces=[], removed=[paragraph.pk])
    _shift(Section.objects.filter(speech=speech), "position", before, +1)
    # Undoing "heading to text" gives the marker back its own field.
    has_marker = marker and paragraph.text.startswith(marker) and len(marker) <= 20
    section = Section.objects.create(
        speech=speech,
        position=before + 1,
        level=level,
        marker=marker if has_marker else "",
        heading=paragraph.text[len(marker):] if has_marker else paragraph.text,
    )
    # The new section ends where the next heading of its level or above starts;
    # until then, the paragraphs after the line that were in the section it
    # interrupts (or in none) are its own. Subsections keep theirs and come
    # under it (rebuild_tree below).
    end = (
        Section.objects.filter(speech=speech, position__gt=before + 1, level__lte=level)
        .order_by("position")
        .values_list("position", flat=True)
        .first()
    )
    following = Paragraph.objects.filter(speech=speech, position__gt=position).order_by(
        "position"
    ).select_related("section")
    taken = []
    for row in following:
        if end is not None and row.section is not None and row.section.position >= end:
            break
        if row.section is None or row.section.position <= before:
            taken.append(row.pk)
    Paragraph.objects.filter(pk__in=taken).update(section=section)
    text, line = paragraph.text, paragraph.line
    paragraph.delete()
    _shift(Paragraph.objects.filter(speech=speech), "position", position, -1)
    _shift_warnings(speech, position, -1)
    rebuild_tree(speech)
    _log(
        actor, speech, TO_HEADING, f"¶{position} → {text[:40]}",
        paragraph=position, section=section.position, level=level, line=line,
        undo_of=undo_of,
    )
    return Section.objects.select_related("parent").get(pk=section.pk)


@transaction.atomic
def heading_to_paragraph(*, speech: Speech, section_position: int,
                         actor: AbstractBaseUser, undo_of: int | None = None) -> Paragraph | None:
    """Turn a heading back into a line of text. A heading on its own line
    becomes a paragraph where it stood; a run-in heading just stops being a
    heading (its text is already the start of its paragraph). Its
    paragraphs and subsections go to the section above it."""
    _require_editor(actor)
    speech = _lock(speech.pk)
    section = Section.objects.filter(speech=speech, position=section_position).first()
    if section is None:
        raise StructureRefused(
            "no-section", _("There is no heading %(n)s.") % {"n": section_position}
        )
    created = None
    line = f"{section.marker}{section.heading}".strip()
    if not line and not (section.run_in or section.merged_with_body):
        raise StructureRefused("empty-heading", _("This heading has no text to keep."))
    own = Paragraph.objects.filter(section=section).order_by("position")
    if section.run_in or section.merged_with_body:
        opening = own.filter(heading_end__isnull=False).first()
        if opening is not None:
            opening.heading_end = None
            opening.save(update_fields=["heading_end"])
    else:
        # Where the heading stood: before the first paragraph of it or of a later section.
        place = (
            Paragraph.objects.filter(speech=speech, section__position__gte=section.position)
            .order_by("position")
            .values_list("position", flat=True)
            .first()
        )
        if place is None:
            place = (speech.paragraphs.aggregate(last=Max("position"))["last"] or 0) + 1
        _shift(Paragraph.objects.filter(speech=speech), "position", place - 1, +1)
        created = Paragraph(speech=speech, section_id=section.parent_id, position=place)
        _write_text(created, line)
        created.save()
        _shift_warnings(speech, place - 1, +1)
    own.update(section_id=section.parent_id)
    section.children.update(parent_id=section.parent_id)
    heading = f"{section.marker}{section.heading}"
    data = {
        "section": section.position,
        "level": section.level,
        "marker": section.marker,
        "heading": section.heading,
        "run_in": section.run_in,
        "merged_with_body": section.merged_with_body,
        "paragraph": created.position if created else None,
    }
    section.delete()
    _shift(Section.objects.filter(speech=speech), "position", section_position, -1)
    rebuild_tree(speech)
    _log(actor, speech, TO_PARAGRAPH, f"{heading[:40]} → ¶", undo_of=undo_of, **data)
    return created


@transaction.atomic
def set_heading_level(*, speech: Speech, section_position: int, level: int,
                      actor: AbstractBaseUser, undo_of: int | None = None) -> Section:
    """Change a heading's level (1 outermost); the tree follows the levels."""
    _require_editor(actor)
    _check_level(level)
    speech = _lock(speech.pk)
    section = Section.objects.filter(speech=speech, position=section_position).first()
    if section is None:
        raise StructureRefused(
            "no-section", _("There is no heading %(n)s.") % {"n": section_position}
        )
    before = section.level
    if before == level:
        return section
    section.level = level
    section.save(update_fields=["level"])
    rebuild_tree(speech)
    _log(
        actor, speech, HEADING_LEVEL,
        f"{section.marker}{section.heading[:40]}: {before} → {level}",
        section=section_position, before=before, after=level,
        undo_of=undo_of,
    )
    return Section.objects.select_related("parent").get(pk=section.pk)


def _check_level(level: int) -> None:
    if not isinstance(level, int) or not 1 <= level <= MAX_LEVEL:
        raise StructureRefused(
            "bad-level", _("A heading's level is from 1 to %(n)s.") % {"n": MAX_LEVEL}
        )


# ---- Speeches ----


@transaction.atomic
def split_speech(*, speech: Speech, position: int, actor: AbstractBaseUser,
                 title: str = "", undo_of: int | None = None) -> Speech:
    """Make paragraph ``position`` and everything after it a speech of its
    own, right after this one in the compilation, with this one's speaker,
    date and meeting (correct them after) and ``title``. Headings that
    start at or after the cut go with it."""
    _require_editor(actor)
    speech = _lock(speech.pk)
    if position <= 1:
        raise StructureRefused("at-start", _("Split after the first paragraph, not before it."))
    _paragraph(speech, position)
    title = _fits(Speech, "title", one_line(title or "")) or speech.title
    compilation_speeches = Speech.objects.filter(compilation_id=speech.compilation_id)
    _shift(compilation_speeches, "position", speech.position, +1)
    new = Speech.objects.create(
        compilation_id=speech.compilation_id,
        position=speech.position + 1,
        title=title,
        speaker_id=speech.speaker_id,
        speaker_raw=speech.speaker_raw,
        role=speech.role,
        event=speech.event,
        date=speech.date,
        date_precision=speech.date_precision,
        published_on=speech.published_on,
        published_precision=speech.published_precision,
        place=speech.place,
        line=Paragraph.objects.get(speech=speech, position=position).line,
    )
    kept_sections = _sections_before(speech, position - 1)
    moved = Paragraph.objects.filter(speech=speech, position__gte=position)
    # A section that began before the cut stays; its paragraphs after the cut
    # open the new speech outside any section.
    moved.filter(section__position__lte=kept_sections).update(section=None)
    later = Section.objects.filter(speech=speech, position__gt=kept_sections)
    later.filter(parent__position__lte=kept_sections).update(parent=None)
    later.update(
        speech=new, position=F("position") - kept_sections
    )
    moved.update(speech=new, position=F("position") - (position - 1))
    warnings = [w for w in speech.warnings if (w.get("paragraph") or 0) < position]
    new.warnings = [
        {**w, "paragraph": w["paragraph"] - (position - 1)}
        for w in speech.warnings
        if (w.get("paragraph") or 0) >= position
    ]
    new.save(update_fields=["warnings"])
    speech.warnings = warnings
    speech.save(update_fields=["warnings"])
    _log(
        actor, speech, SPLIT_SPEECH, f"¶{position}… → {new.title}",
        paragraph=position, new_speech=new.pk, sections=kept_sections,
        undo_of=undo_of,
    )
    # The new speech's history says where it came from; undone from the first's.
    _log(actor, new, SPLIT_OFF, _("split off speech %(id)s") % {"id": speech.pk},
         paragraph=position, from_speech=speech.pk, new_speech=new.pk)
    return new


@transaction.atomic
def merge_speeches(*, speech: Speech, actor: AbstractBaseUser,
                   undo_of: int | None = None) -> Speech:
    """Append the next speech of the compilation to this one: its headings
    and paragraphs (with what is attached to them) follow this one's; its
    metadata is kept in the history. Returns this speech."""
    _require_editor(actor)
    speech = _lock(speech.pk)
    following = (
        Speech.objects.select_for_update()
        .filter(compilation_id=speech.compilation_id, position=speech.position + 1)
        .first()
    )
    if following is None:
        raise StructureRefused(
            "no-next", _("This is the last speech of its compilation: nothing follows it.")
        )
    # speeches.services.editing undoes these operations, so it imports this module, not the reverse.
    from speeches.services.editing import speech_values

    paragraphs = speech.paragraphs.count()
    sections = speech.sections.count()
    following.sections.update(speech=speech, position=F("position") + sections)
    following.paragraphs.update(speech=speech, position=F("position") + paragraphs)
    speech.warnings = speech.warnings + [
        {**w, "paragraph": w["paragraph"] + paragraphs} if w.get("paragraph") else w
        for w in following.warnings
    ]
    speech.save(update_fields=["warnings"])
    merged = {"id": following.pk, "position": following.position, **speech_values(following)}
    merged["salutation"] = following.salutation
    following.delete()
    _shift(
        Speech.objects.filter(compilation_id=speech.compilation_id),
        "position", speech.position + 1, -1,
    )
    _log(
        actor, speech, MERGE_SPEECHES, f"+ {merged['title']}",
        paragraph=paragraphs + 1, sections=sections, merged=merged,
        undo_of=undo_of,
    )
    return speech


# ---- Undo ----


def undo_structure(*, entry, actor: AbstractBaseUser) -> None:
    """Undo the structural edit of history ``entry`` by its inverse.

    Only the speech's latest structural edit can be undone (a later one may
    have moved what this one names), and a paragraph the edit wrote must
    still hold the text it wrote. A span an undone split cut in two stays
    in two parts, each on its text. Raises ``StructureRefused``.
    """
    from accounts.models import Activity

    data = entry.data
    action = data["action"]
    speech = Speech.objects.filter(pk=entry.target_id).first()
    if speech is None:
        raise StructureRefused("gone", _("The speech no longer exists."))
    later = Activity.objects.filter(
        speech_id=speech.pk, verb=Verb.EDIT, data__action__in=STRUCTURE_ACTIONS, pk__gt=entry.pk
    )
    if later.exists():
        raise StructureRefused("changed-since", _changed())
    position = data.get("paragraph")
    undo = {"actor": actor, "undo_of": entry.pk}
    if action == SPLIT_PARAGRAPH:
        _check_hashes(speech, position, data["hashes"])
        merge_paragraphs(speech=speech, position=position, separator=data["gap"], **undo)
    elif action == MERGE_PARAGRAPHS:
        _check_hashes(speech, position, data["hashes"])
        at = data["at"] - len(data["separator"])
        split_paragraph(speech=speech, position=position, at=at or data["at"], **undo)
    elif action == TO_HEADING:
        heading_to_paragraph(speech=speech, section_position=data["section"], **undo)
    elif action == TO_PARAGRAPH:
        if data.get("paragraph") is None:
            raise StructureRefused("not-undoable", _("This change cannot be undone."))
        paragraph_to_heading(
            speech=speech, position=data["paragraph"], level=data["level"],
            marker=data.get("marker", ""), **undo,
        )
    elif action == HEADING_LEVEL:
        set_heading_level(
            speech=speech, section_position=data["section"], level=data["before"], **undo
        )
    elif action == SPLIT_SPEECH:
        following = Speech.objects.filter(
            compilation_id=speech.compilation_id, position=speech.position + 1
        ).first()
        if following is None or following.pk != data["new_speech"]:
            raise StructureRefused("changed-since", _changed())
        merge_speeches(speech=speech, **undo)
    elif action == MERGE_SPEECHES:
        merged = data["merged"]
        new = split_speech(speech=speech, position=position, title=merged["title"], **undo)
        # The second speech's own metadata comes back with it.
        _restore_metadata(new, merged)
    else:
        raise StructureRefused("not-undoable", _("This change cannot be undone."))


def _restore_metadata(speech: Speech, values: dict) -> None:
    from speeches.models import Speaker
    from text.partial_dates import read_partial_date

    date = read_partial_date(values.get("date") or "")
    speech.date = date.first_day() if date else None
    speech.date_precision = date.precision if date else ""
    for field in ("event", "place", "speaker_raw", "role", "salutation"):
        setattr(speech, field, values.get(field, ""))
    speech.speaker = Speaker.objects.filter(name=values.get("speaker") or None).first()
    speech.save()


def _check_hashes(speech: Speech, position: int, hashes: list[str]) -> None:
    current = list(
        Paragraph.objects.filter(
            speech=speech, position__gte=position, position__lt=position + len(hashes)
        )
        .order_by("position")
        .values_list("text_hash", flat=True)
    )
    if current != hashes:
        raise StructureRefused("changed-since", _changed())


def _changed() -> str:
    return _("This was changed again since; undo the later change first.")
