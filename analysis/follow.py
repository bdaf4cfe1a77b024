"""The analysis tables follow structural edits and new versions.

Registered in ``settings.STRUCTURE_HANDLERS`` (see
``speeches.services.remap.structure_changed``): a split or merge of
paragraphs changes a speech's characters (white space at a cut is dropped,
a separator added) and its number of paragraphs; a line turned into a
heading leaves the text, a heading turned into a line joins it; splitting a
speech moves paragraphs, and the passages on them, to a new speech, and
merging moves them back. So the speech's text volume is counted again,
the coded spans of the passages now in it are rewritten and their
paragraphs marked to be counted again by the next refresh (a passage moved
by ``annotations.remap.follow_text`` keeps its ``updated_at``, which the
refresh in ``analysis.services.spans`` goes by).

Registered in ``settings.VERSION_HANDLERS`` after the annotations' own
handler: the passages it moved to the new version's paragraphs (also
without a new ``updated_at``) get their spans rewritten there, and both
versions' paragraphs are marked to be counted again.

Both run inside the edit's transaction: the tables never show the text
before and after at once.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import DEFAULT_DB_ALIAS

from analysis.services.spans import rewrite_spans
from analysis.services.volumes import recount_volumes


def structure_changed(*, speech_ids: list[int]) -> None:
    recount_volumes(speech_ids=speech_ids, using=DEFAULT_DB_ALIAS)
    rewrite_spans(speech_ids=speech_ids, using=DEFAULT_DB_ALIAS)


def new_version(
    *, old: Sequence[tuple[int, str]], new: Sequence[tuple[int, str]],
    old_to_new: Sequence[int | None],
) -> dict[str, int]:
    rewrite_spans(
        paragraph_ids=[pk for pk, _text in old] + [pk for pk, _text in new],
        using=DEFAULT_DB_ALIAS,
    )
    return {}
