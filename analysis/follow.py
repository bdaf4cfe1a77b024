"""The analysis tables follow structural edits of speeches.

Registered in ``settings.STRUCTURE_HANDLERS`` (see
``speeches.services.remap.structure_changed``): a split or merge of
paragraphs changes a speech's characters (white space at a cut is dropped,
a separator added) and its number of paragraphs; a line turned into a
heading leaves the text, a heading turned into a line joins it; splitting a
speech moves paragraphs, and the passages on them, to a new speech, and
merging moves them back. So the speech's text volume is counted again and
the coded spans of the passages now in it are rewritten (a passage moved
by ``annotations.remap.follow_text`` keeps its ``updated_at``, which the
refresh in ``analysis.services.spans`` goes by). Runs inside the edit's
transaction: the tables never show the text before and after at once.
"""

from __future__ import annotations

from django.db import DEFAULT_DB_ALIAS

from analysis.services.spans import rewrite_speech_spans
from analysis.services.volumes import recount_volumes


def structure_changed(*, speech_ids: list[int]) -> None:
    recount_volumes(speech_ids=speech_ids, using=DEFAULT_DB_ALIAS)
    rewrite_speech_spans(speech_ids=speech_ids, using=DEFAULT_DB_ALIAS)
