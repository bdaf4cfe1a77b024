"""Text reuse between speeches: runs of the detection, and what they found.

The detection itself is ``text.reuse`` (pure text work: MinHash with LSH
for candidates, alignment for the passages). Here are the runs: a full run
over the archive's current speeches, or an incremental one for a newly
imported compilation (``import_done``, named in
``settings.IMPORT_DONE_HANDLERS``), queued as background tasks
(``analysis.tasks.run_reuse``) and recorded as ``ReuseRun`` rows with their
stage and percentage; and the reads: a speech's share of text found
elsewhere, the pairs of speeches with the most shared text, the passages of
one pair side by side, the paragraphs of a speech found elsewhere.

Speeches of withdrawn or superseded compilations are left out of a run,
and left out again when the results are read (a compilation withdrawn
after the run vanishes from them at once).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import Length
from django.utils import timezone
from django.utils.translation import gettext as _

from analysis.models import ReusedPassage, ReusePair, ReuseRun
from core.errors import Conflict, InvalidInput, NotFound
from core.jobs import ProgressRecorder
from speeches.filters import SpeechFilters
from speeches.models import Compilation, Paragraph, Speech
from speeches.querysets import current_speech_q
from text import reuse as detection

logger = logging.getLogger(__name__)

Stage = ReuseRun.Stage

MIN_CHARACTERS_RANGE = (20, 5_000)
# Where each stage starts and ends on the progress bar, in percent.
SPANS: dict[str, tuple[int, int]] = {
    Stage.HASHING: (0, 60),
    Stage.CANDIDATES: (60, 65),
    Stage.ALIGNING: (65, 95),
    Stage.WRITING: (95, 99),
}
# Paragraphs read per query; passages written per INSERT.
READ_BATCH = 5_000
WRITE_BATCH = 2_000


def default_min_characters() -> int:
    return int(getattr(settings, "REUSE_MIN_CHARACTERS", 50))


def _checked_min_characters(value: int | None) -> int:
    if value is None:
        return default_min_characters()
    low, high = MIN_CHARACTERS_RANGE
    if not low <= value <= high:
        raise InvalidInput(
            _("The shortest passage must be between %(low)s and %(high)s characters.")
            % {"low": low, "high": high},
            {"min_characters": value},
        )
    return value


# --- runs ---------------------------------------------------------------


def latest_run() -> ReuseRun | None:
    """The newest run, whatever its stage."""
    return ReuseRun.objects.order_by("-created_at", "-pk").first()


def computed_at():
    """When the results shown were computed: the last finished run's end (or None)."""
    run = (
        ReuseRun.objects.filter(stage=Stage.DONE)
        .order_by("-finished_at", "-pk")
        .only("finished_at")
        .first()
    )
    return run.finished_at if run is not None else None


def start_run(
    *,
    user: AbstractBaseUser | AnonymousUser | None,
    min_characters: int | None = None,
    compilation: Compilation | None = None,
    enqueue: bool = True,
) -> ReuseRun:
    """Queue a run: over the whole archive, or ``compilation``'s speeches
    against it. The task is enqueued once the transaction commits.

    A full run is refused while another full run waits or works (``Conflict``).
    """
    min_characters = _checked_min_characters(min_characters)
    kind = ReuseRun.Kind.FULL if compilation is None else ReuseRun.Kind.INCREMENTAL
    if kind == ReuseRun.Kind.FULL and (
        ReuseRun.objects.filter(kind=kind).exclude(stage__in=[Stage.DONE, Stage.FAILED]).exists()
    ):
        raise Conflict(_("A run over the whole archive is already queued or running."))
    run = ReuseRun.objects.create(
        kind=kind,
        compilation=compilation,
        min_characters=min_characters,
        started_by=user if user is not None and user.is_authenticated else None,
    )
    if enqueue:
        transaction.on_commit(lambda: _enqueue(run.pk))
    return run


def _enqueue(run_id: int) -> None:
    from analysis.tasks import run_reuse

    result = run_reuse.enqueue(run_id=run_id)
    ReuseRun.objects.filter(pk=run_id, task_id="").update(task_id=str(result.id))


def import_done(*, compilation_id: int) -> None:
    """``settings.IMPORT_DONE_HANDLERS``: queue the new compilation's run once
    its rows are committed; the shortest passage is the last full run's."""

    def queue() -> None:
        compilation = Compilation.objects.defer("text").filter(pk=compilation_id).first()
        if compilation is None:
            return
        last = ReuseRun.objects.filter(kind=ReuseRun.Kind.FULL).order_by("-pk").first()
        start_run(
            user=None,
            compilation=compilation,
            min_characters=last.min_characters if last is not None else None,
        )

    transaction.on_commit(queue)


class _Texts:
    """The speeches' texts, as the detection reads them: streamed once in
    order, then fetched again by the batch for the alignment. A speech's
    text is its paragraphs (positions 1, 2, …) joined by a line break."""

    def __init__(self, speech_ids: QuerySet):
        self.speech_ids = speech_ids

    def stream(self) -> Iterator[detection.Document]:
        rows = (
            Paragraph.objects.filter(speech__in=self.speech_ids)
            .order_by("speech_id", "position")
            .values_list("speech_id", "text")
            .iterator(chunk_size=READ_BATCH)
        )
        current, texts = None, []
        for speech_id, text in rows:
            if speech_id != current:
                if current is not None:
                    yield detection.Document(current, "\n".join(texts))
                current, texts = speech_id, []
            texts.append(text)
        if current is not None:
            yield detection.Document(current, "\n".join(texts))

    def fetch(self, keys: Sequence[int]) -> Mapping[int, str]:
        pieces: dict[int, list[str]] = defaultdict(list)
        rows = (
            Paragraph.objects.filter(speech_id__in=keys)
            .order_by("speech_id", "position")
            .values_list("speech_id", "text")
        )
        for speech_id, text in rows:
            pieces[speech_id].append(text)
        return {key: "\n".join(texts) for key, texts in pieces.items()}


def run_reuse_job(*, run_id: int) -> ReuseRun:
    """Run a queued run to its end (the worker: ``analysis.tasks.run_reuse``).

    A run that already ended is returned as it is. Its passages are written
    as they are found and count once the run is done; in the same
    transaction the results it replaces are deleted: all earlier ones for a
    full run, those of the compilation's speeches (and of speeches no longer
    current) for an incremental one.
    """
    run = ReuseRun.objects.get(pk=run_id)
    if run.finished:
        return run
    run.started_at = timezone.now()
    ReuseRun.objects.filter(pk=run.pk).update(started_at=run.started_at)
    try:
        _run(run)
    except Exception as error:
        logger.exception("text reuse run %s failed", run.pk)
        ReusedPassage.objects.filter(run=run).delete()
        ReuseRun.objects.filter(pk=run.pk).update(
            stage=Stage.FAILED, error=str(error)[:2000], finished_at=timezone.now()
        )
        run.refresh_from_db()
        raise
    return run


def _run(run: ReuseRun) -> None:
    recorder = ProgressRecorder(run, SPANS)
    current = Speech.objects.current().order_by("id").values("id")
    focus: set[int] | None = None
    if run.kind == ReuseRun.Kind.INCREMENTAL:
        focus = set(
            Speech.objects.current()
            .filter(compilation_id=run.compilation_id)
            .values_list("id", flat=True)
        )
    texts = _Texts(current)
    total = current.count()
    found = 0
    if focus is None or focus:
        passages = detection.find_reuse(
            texts.stream(),
            fetch=texts.fetch,
            settings=detection.Settings(min_characters=run.min_characters),
            focus=focus,
            total=total,
            progress=recorder,
        )
        batch: list[ReusedPassage] = []
        for passage in passages:
            batch.append(_row(run, passage))
            if len(batch) >= WRITE_BATCH:
                ReusedPassage.objects.bulk_create(batch)
                found += len(batch)
                batch = []
        ReusedPassage.objects.bulk_create(batch)
        found += len(batch)
    recorder(Stage.WRITING, 0.0)
    with transaction.atomic():
        old = ReusedPassage.objects.exclude(run=run)
        old_pairs = ReusePair.objects.all()
        if focus is not None:
            touched = Q(speech_a__in=focus) | Q(speech_b__in=focus)
            gone = ~current_speech_q("speech_a__") | ~current_speech_q("speech_b__")
            old, old_pairs = old.filter(touched | gone), old_pairs.filter(touched | gone)
        old.delete()
        old_pairs.delete()
        _write_pairs(run)
        run.stage, run.percent, run.passages = Stage.DONE, 100, found
        run.speeches, run.finished_at = total, timezone.now()
        run.save(update_fields=["stage", "percent", "passages", "speeches", "finished_at"])


def _row(run: ReuseRun, passage: detection.Passage) -> ReusedPassage:
    # Paragraph positions run 1, 2, … in a speech: line i is position i + 1.
    (a_first, a_last), (b_first, b_last) = passage.a_lines, passage.b_lines
    return ReusedPassage(
        run=run,
        speech_a_id=passage.a,
        speech_b_id=passage.b,
        a_start=passage.a_start,
        a_end=passage.a_end,
        b_start=passage.b_start,
        b_end=passage.b_end,
        a_first=a_first + 1,
        a_last=a_last + 1,
        b_first=b_first + 1,
        b_last=b_last + 1,
        length=passage.length,
        similarity=passage.similarity,
    )


def _write_pairs(run: ReuseRun) -> None:
    """One row per pair of speeches of this run's passages."""
    spans: dict[tuple[int, int], tuple[list, list]] = defaultdict(lambda: ([], []))
    rows = ReusedPassage.objects.filter(run=run).values_list(
        "speech_a_id", "speech_b_id", "a_start", "a_end", "b_start", "b_end"
    )
    for a, b, a_start, a_end, b_start, b_end in rows.iterator(chunk_size=READ_BATCH):
        left, right = spans[(a, b)]
        left.append((a_start, a_end))
        right.append((b_start, b_end))
    pairs = []
    for (a, b), (left, right) in spans.items():
        characters_a, characters_b = detection.coverage(left), detection.coverage(right)
        pairs.append(
            ReusePair(
                run=run,
                speech_a_id=a,
                speech_b_id=b,
                passages=len(left),
                characters_a=characters_a,
                characters_b=characters_b,
                characters=max(characters_a, characters_b),
            )
        )
    ReusePair.objects.bulk_create(pairs, batch_size=WRITE_BATCH)


# --- reads ----------------------------------------------------------------


# Where a passage is, on both sides: the speeches, offsets, first and last paragraphs.
PLACES = (
    "speech_a_id",
    "speech_b_id",
    "a_start",
    "a_end",
    "b_start",
    "b_end",
    "a_first",
    "a_last",
    "b_first",
    "b_last",
)


def not_current_message() -> str:
    return _("Only speeches of compilations in the archive are compared.")


def _done() -> Q:
    return Q(run__stage=Stage.DONE)


def _both_current() -> Q:
    return current_speech_q("speech_a__") & current_speech_q("speech_b__")


def top_pairs(*, filters: SpeechFilters) -> QuerySet[ReusePair]:
    """The pairs of current speeches with the most shared text; a pair is in
    when either speech passes ``filters``. The speeches come with it."""
    pairs = ReusePair.objects.filter(_done(), _both_current())
    if not filters.is_empty:
        chosen = Speech.objects.filter(filters.q()).values("id")
        pairs = pairs.filter(Q(speech_a__in=chosen) | Q(speech_b__in=chosen))
    return (
        pairs.select_related(
            "speech_a__speaker",
            "speech_a__compilation",
            "speech_b__speaker",
            "speech_b__compilation",
        )
        .defer("speech_a__compilation__text", "speech_b__compilation__text")
        .order_by("-characters", "speech_a_id", "speech_b_id")
    )


@dataclass(frozen=True)
class Elsewhere:
    """Another speech holding text of this one: how much, and whether it is older."""

    speech: Speech
    passages: int
    characters: int  # of this speech's text
    relation: str  # "earlier", "later", "same day" or "undated"


@dataclass(frozen=True)
class SpeechReuse:
    speech: Speech
    characters: int  # the speech's text
    reused: int  # of it found in at least one other speech
    others: list[Elsewhere]

    @property
    def share(self) -> float:
        return self.reused / self.characters if self.characters else 0.0


def _relation(speech: Speech, other: Speech) -> str:
    if speech.date is None or other.date is None:
        return "undated"
    if other.date < speech.date:
        return "earlier"
    if other.date > speech.date:
        return "later"
    return "same day"


def _passages_of(speech_id: int, *, min_characters: int = 0) -> QuerySet[ReusedPassage]:
    return ReusedPassage.objects.filter(
        Q(speech_a_id=speech_id) | Q(speech_b_id=speech_id),
        _done(),
        _both_current(),
        length__gte=min_characters,
    )


def speech_reuse(
    *, speech: Speech, min_characters: int = 0, paragraph: int | None = None
) -> SpeechReuse:
    """How much of ``speech`` other current speeches hold, and which (three
    queries: the passages, the other speeches, the speech's length).
    ``paragraph``: only passages touching the paragraph at that position."""
    own: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for row in _passages_of(speech.pk, min_characters=min_characters).values_list(*PLACES):
        a, b, a_start, a_end, b_start, b_end, a_first, a_last, b_first, b_last = row
        if a == speech.pk:
            other, span, first, last = b, (a_start, a_end), a_first, a_last
        else:
            other, span, first, last = a, (b_start, b_end), b_first, b_last
        if paragraph is None or first <= paragraph <= last:
            own[other].append(span)
    speeches = Speech.objects.for_listing().in_bulk(list(own))
    others = [
        Elsewhere(
            speeches[pk], len(spans), detection.coverage(spans), _relation(speech, speeches[pk])
        )
        for pk, spans in own.items()
        if pk in speeches
    ]
    others.sort(key=lambda e: (-e.characters, e.speech.pk))
    characters = Paragraph.objects.filter(speech=speech).aggregate(n=Sum(Length("text")))["n"] or 0
    reused = detection.coverage([span for spans in own.values() for span in spans])
    return SpeechReuse(speech, characters, reused, others)


def paragraph_counts(*, speech_id: int) -> dict[int, int]:
    """Paragraph position -> how many other current speeches share text with
    it (the reader's links); one query."""
    others: dict[int, set[int]] = defaultdict(set)
    for a, b, a_first, a_last, b_first, b_last in _passages_of(speech_id).values_list(
        "speech_a_id", "speech_b_id", "a_first", "a_last", "b_first", "b_last"
    ):
        other, first, last = (b, a_first, a_last) if a == speech_id else (a, b_first, b_last)
        for position in range(first, last + 1):
            others[position].add(other)
    return {position: len(ids) for position, ids in sorted(others.items())}


@dataclass(frozen=True)
class AlignedPassage:
    """One shared passage of two speeches, as each prints it, in pieces
    (``text.reuse.Difference``) that are the same on both sides or differ."""

    left_start: int
    left_end: int
    right_start: int
    right_end: int
    left_paragraph: int
    right_paragraph: int
    length: int
    similarity: float
    pieces: list[detection.Difference]


@dataclass(frozen=True)
class Comparison:
    left: Speech
    right: Speech
    passages: list[AlignedPassage]


def compare(*, left: Speech, right: Speech) -> Comparison:
    """The passages ``left`` and ``right`` share, in ``left``'s order, with
    their differences (three queries: the passages and both texts).
    ``NotFound`` when one of them is not current."""
    if left.pk == right.pk:
        raise InvalidInput(_("Choose two different speeches to compare."))
    current = Speech.objects.current().filter(pk__in=[left.pk, right.pk]).count()
    if current != 2:
        raise NotFound(not_current_message())
    low, high = sorted([left.pk, right.pk])
    rows = list(
        ReusedPassage.objects.filter(_done(), speech_a_id=low, speech_b_id=high).order_by("a_start")
    )
    texts = _Texts(Speech.objects.none())
    joined = texts.fetch([left.pk, right.pk])
    passages = []
    for row in rows:
        spans = {
            row.speech_a_id: (row.a_start, row.a_end, row.a_first),
            row.speech_b_id: (row.b_start, row.b_end, row.b_first),
        }
        ls, le, lp = spans[left.pk]
        rs, re_, rp = spans[right.pk]
        left_text, right_text = joined[left.pk][ls:le], joined[right.pk][rs:re_]
        passages.append(
            AlignedPassage(
                ls,
                le,
                rs,
                re_,
                lp,
                rp,
                row.length,
                row.similarity,
                detection.differences(left_text, right_text),
            )
        )
    passages.sort(key=lambda p: (p.left_start, p.right_start))
    return Comparison(left, right, passages)
