"""Text reuse stored by runs (analysis.services.reuse): detection on small
written speeches, withdrawn and superseded compilations left out, the
incremental run after an import equal to a full run, progress and the
"computed at" stamp."""

import pytest

from analysis.models import ReusedPassage, ReusePair, ReuseRun
from analysis.services import reuse
from core import jobs
from core.errors import Conflict, InvalidInput, NotFound
from core.jobs import ProgressRecorder
from speeches.filters import SpeechFilters
from speeches.models import Compilation, Speech
from speeches.services.jobs import run_import_job, start_import
from speeches.services.retire import withdraw_compilation
from tests.analysis.reuse_texts import EDITED, SHARED, make_archive
from tests.conftest import make_user


def _run(**kwargs) -> ReuseRun:
    run = reuse.start_run(user=None, enqueue=False, **kwargs)
    return reuse.run_reuse_job(run_id=run.pk)


def _pairs(speeches) -> set[frozenset[str]]:
    names = {s.pk: key for key, s in speeches.items()}
    return {
        frozenset((names[a], names[b]))
        for a, b in ReusePair.objects.filter(run__stage="done").values_list("speech_a", "speech_b")
    }


@pytest.fixture
def speeches(db):
    return make_archive()


def test_exact_and_edited_copies_are_found_short_overlap_and_self_are_not(speeches):
    run = _run()
    assert run.stage == ReuseRun.Stage.DONE and run.percent == 100
    assert run.speeches == 4 and run.passages == 3
    # model ~ copy (edited), model ~ exact, copy ~ exact; "short" shares 30 characters only.
    assert _pairs(speeches) == {
        frozenset(("model", "copy")),
        frozenset(("model", "exact")),
        frozenset(("copy", "exact")),
    }
    model, copy = speeches["model"], speeches["copy"]
    passage = ReusedPassage.objects.get(
        speech_a=min(model.pk, copy.pk), speech_b=max(model.pk, copy.pk)
    )
    assert (passage.a_first, passage.a_last, passage.b_first, passage.b_last) == ((2, 2, 2, 2))
    assert passage.length >= 50 and passage.similarity < 1


def test_a_speech_knows_its_share_and_where_it_is_found(speeches):
    _run()
    model = speeches["model"]
    found = reuse.speech_reuse(speech=model)
    paragraphs = [p.text for p in model.paragraphs.order_by("position")]
    assert found.characters == sum(len(t) for t in paragraphs)
    assert found.reused == len(SHARED) - 1  # all but the final full stop
    assert {e.speech.pk: e.relation for e in found.others} == {
        speeches["copy"].pk: "later",
        speeches["exact"].pk: "earlier",
    }
    assert reuse.paragraph_counts(speech_id=model.pk) == {2: 2}
    # A longer minimum leaves it out.
    assert reuse.speech_reuse(speech=model, min_characters=500).others == []


def test_the_pairs_are_filtered_by_speaker_and_year(speeches):
    _run()
    li = speeches["copy"].speaker
    pairs = reuse.top_pairs(filters=SpeechFilters(speaker=li))
    assert {(p.speech_a_id, p.speech_b_id) for p in pairs} == {
        tuple(sorted((speeches["copy"].pk, speeches["model"].pk))),
        tuple(sorted((speeches["copy"].pk, speeches["exact"].pk))),
    }
    assert reuse.top_pairs(filters=SpeechFilters(year=2019)).count() == 2
    assert reuse.top_pairs(filters=SpeechFilters(year=2021)).count() == 0


def test_the_comparison_aligns_passages_and_marks_the_differences(speeches):
    _run()
    comparison = reuse.compare(left=speeches["model"], right=speeches["copy"])
    (passage,) = comparison.passages
    left = "".join(p.left for p in passage.pieces)
    right = "".join(p.right for p in passage.pieces)
    assert left in SHARED and right in EDITED
    changed = [(p.left, p.right) for p in passage.pieces if not p.same]
    assert ("张三", "李四光") in changed and ("3", "4") in changed
    with pytest.raises(InvalidInput):
        reuse.compare(left=speeches["model"], right=speeches["model"])


def test_withdrawn_and_superseded_compilations_are_left_out(speeches):
    editor = make_user("retiring-editor", "editor")
    withdraw_compilation(compilation=speeches["exact"].compilation, actor=editor)
    newer = Compilation.objects.create(
        title="新版",
        source_name="new.txt",
        sha256="f" * 64,
        encoding="utf-8",
        size=1,
        text="",
        parser_version="test",
    )
    Compilation.objects.filter(pk=speeches["copy"].compilation_id).update(superseded_by=newer)
    run = _run()
    assert run.speeches == 2 and run.passages == 0 and _pairs(speeches) == set()


def test_results_of_a_compilation_withdrawn_after_the_run_are_hidden(speeches):
    _run()
    editor = make_user("retiring-editor", "editor")
    withdraw_compilation(compilation=speeches["exact"].compilation, actor=editor)
    assert reuse.top_pairs(filters=SpeechFilters()).count() == 1
    assert reuse.paragraph_counts(speech_id=speeches["model"].pk) == {2: 1}
    with pytest.raises(NotFound):
        reuse.compare(left=speeches["model"], right=speeches["exact"])


def _result() -> set[tuple]:
    # Titles rather than ids: the speech imported again has the same title.
    rows = ReusedPassage.objects.filter(run__stage="done").values_list(
        "speech_a__title", "speech_b__title", *reuse.PLACES[2:], "length"
    )
    pairs = ReusePair.objects.filter(run__stage="done").values_list(
        "speech_a__title",
        "speech_b__title",
        "passages",
        "characters_a",
        "characters_b",
    )
    return set(rows) | set(pairs)


def _speech_file(title: str, paragraphs: list[str]) -> bytes:
    return "\n".join([title, "同志们：", *paragraphs]).encode()


def test_the_run_after_an_import_equals_a_full_run(
    speeches, editor, django_capture_on_commit_callbacks
):
    _run()
    data = _speech_file(
        "县长在2024年全县经济工作会议上的讲话",
        ["今年全县经济工作的总体要求是稳字当头、稳中求进。", EDITED, "散会。"],
    )
    job = start_import(data=data, filename="新讲话.txt", user=editor, enqueue=False)
    # The import-done handler queues a run for the new compilation once committed;
    # the test backend runs it at once.
    with django_capture_on_commit_callbacks(execute=True):
        job = run_import_job(job_id=job.pk)
    incremental = ReuseRun.objects.get(kind=ReuseRun.Kind.INCREMENTAL)
    assert incremental.compilation_id == job.compilation_id
    assert incremental.stage == ReuseRun.Stage.DONE and incremental.passages == 3
    after_import = _result()
    new = Speech.objects.get(compilation=job.compilation)
    assert len([r for r in after_import if new.title in r[:2]]) == 6  # 3 passages, 3 pairs
    _run()
    assert _result() == after_import


def test_progress_and_the_computed_at_stamp(speeches, monkeypatch):
    assert reuse.computed_at() is None
    run = reuse.start_run(user=None, enqueue=False)
    seen = []
    original = ProgressRecorder.__call__

    def record(self, stage, done=0.0):
        original(self, stage, done)
        seen.append((self.job.stage, self.job.percent))

    monkeypatch.setattr(ProgressRecorder, "__call__", record)
    monkeypatch.setattr(jobs, "PROGRESS_INTERVAL", 0)
    run = reuse.run_reuse_job(run_id=run.pk)
    stages = [stage for stage, _ in seen]
    assert stages.index("hashing") < stages.index("candidates") < stages.index("aligning")
    assert stages.index("aligning") < stages.index("writing")
    percents = [percent for _, percent in seen]
    assert percents == sorted(percents)
    assert reuse.computed_at() == run.finished_at and run.finished_at >= run.started_at


def test_bad_input_is_refused_and_one_full_run_at_a_time(speeches):
    with pytest.raises(InvalidInput):
        reuse.start_run(user=None, min_characters=5, enqueue=False)
    assert not ReuseRun.objects.exists()
    reuse.start_run(user=None, enqueue=False)
    with pytest.raises(Conflict):
        reuse.start_run(user=None, enqueue=False)


def test_a_failed_run_keeps_nothing_and_says_so(speeches, monkeypatch):
    run = reuse.start_run(user=None, enqueue=False)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(reuse, "_write_pairs", broken)
    with pytest.raises(RuntimeError):
        reuse.run_reuse_job(run_id=run.pk)
    run.refresh_from_db()
    assert run.stage == ReuseRun.Stage.FAILED and "disk full" in run.error
    assert not ReusedPassage.objects.exists() and reuse.computed_at() is None
