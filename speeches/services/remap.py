"""The extension point through which a change of the text takes what is
attached to it along: how other apps (annotations, comments) learn where
each piece of a changed paragraph went, without this app knowing them.

A structural edit of ``speeches.services.restructure`` describes the change as
``Piece``s, "the code points [start, end) of old paragraph P are now at
``to_start`` in paragraph Q", and calls every handler named in
``settings.PARAGRAPH_REMAP_HANDLERS`` (dotted paths, like
``READER_EXTENSIONS``) inside its transaction, after the new paragraphs are
written and before any old one is deleted. A handler moves what it keeps
and returns counts for the history; it raises ``StructureRefused`` to stop
the edit when something attached cannot follow (the transaction then
writes nothing). After any structural edit, every handler named in
``settings.STRUCTURE_HANDLERS`` is called with the ids of the speeches
whose paragraphs changed (``structure_changed``), in the same transaction,
so that figures kept per speech (``analysis``) are recounted. The speeches
app never imports the apps that register.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string

from core.errors import DomainError


class StructureRefused(DomainError):
    """A structural edit that cannot be made: ``code`` for scripts, ``message`` for people."""

    def __init__(self, code: str, message: str):
        super().__init__(message, code=code)


@dataclass(frozen=True)
class Piece:
    """Code points ``[start, end)`` of old paragraph ``paragraph_id`` are now
    the code points from ``to_start`` of paragraph ``to_paragraph_id``, the
    same characters. Old text not covered by any piece is gone."""

    paragraph_id: int
    start: int
    end: int
    to_paragraph_id: int
    to_start: int

    def place(self, offset: int) -> int:
        return self.to_start + offset - self.start


def remap_paragraphs(*, pieces: Sequence[Piece], removed: Sequence[int] = ()) -> dict[str, int]:
    """Tell every registered handler where the pieces went; ``removed`` are
    the old paragraphs about to be deleted. Returns the handlers' counts."""
    counts: dict[str, int] = {}
    for path in settings.PARAGRAPH_REMAP_HANDLERS:
        handler = import_string(path)
        for key, value in (handler(pieces=list(pieces), removed=list(removed)) or {}).items():
            counts[key] = counts.get(key, 0) + value
    return counts


def carry_to_new_version(
    *, old: Sequence[tuple[int, str]], new: Sequence[tuple[int, str]],
    old_to_new: Sequence[int | None],
) -> dict[str, int]:
    """Tell every handler in ``settings.VERSION_HANDLERS`` that the paragraphs
    ``old`` ((id, text) in document order) have a new version ``new``, old
    paragraph ``i`` having become new paragraph ``old_to_new[i]`` (None:
    removed). Handlers move what they can place with confidence and keep
    the rest on the old version for a person; they return counts."""
    counts: dict[str, int] = {}
    for path in settings.VERSION_HANDLERS:
        handler = import_string(path)
        result = handler(old=list(old), new=list(new), old_to_new=list(old_to_new)) or {}
        for key, value in result.items():
            counts[key] = counts.get(key, 0) + value
    return counts


def structure_changed(*, speech_ids: Sequence[int]) -> None:
    """Tell every handler in ``settings.STRUCTURE_HANDLERS`` that the
    paragraphs of ``speech_ids`` changed: split, merged, added, removed,
    or moved between speeches (a speech merged into another is gone by
    then: what hung on it went with it)."""
    for path in settings.STRUCTURE_HANDLERS:
        import_string(path)(speech_ids=list(speech_ids))
