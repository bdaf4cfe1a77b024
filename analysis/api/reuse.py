"""The text-reuse API: the runs (start one, follow its progress), the pairs
of speeches sharing the most text, one speech's text found elsewhere, two
speeches' shared passages with their differences."""

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Status
from ninja.pagination import paginate

from accounts.api_auth import editor_auth, reader_auth
from analysis.models import ReuseRun
from analysis.schemas import (
    ComparisonOut,
    ReusePairOut,
    ReuseParams,
    ReuseRunIn,
    ReuseRunOut,
    ReuseStatusOut,
    SpeechReuseOut,
    SpeechReuseParams,
)
from analysis.services import reuse
from config.errors import READ_ERRORS, ErrorOut
from core.errors import NotFound
from core.pagination import LimitOffset
from core.params import PathId
from speeches.api.filters import FILTERS_HELP, checked
from speeches.filters import SpeechFilterForm
from speeches.models import Speech

router = Router(tags=["analysis"])


def _run(run: ReuseRun) -> dict:
    return {
        "id": run.pk,
        "kind": run.kind,
        "compilation_id": run.compilation_id,
        "min_characters": run.min_characters,
        "stage": run.stage,
        "stage_label": str(run.get_stage_display()),
        "percent": run.percent,
        "seconds_left": run.seconds_left,
        "speeches": run.speeches,
        "passages": run.passages,
        "error": run.error,
        "created_at": run.created_at,
        "started_at": run.started_at,
        "finished_at": run.finished_at,
    }


@router.get(
    "/analysis/reuse",
    response={200: ReuseStatusOut, 401: ErrorOut, 403: ErrorOut},
    auth=reader_auth,
    operation_id="get_reuse_status",
    summary="Text reuse: when the results were computed, and the newest run",
    description="`computed_at`: when the last finished run ended (null: never computed). "
    "`run`: the newest run with its stage and percentage, finished or not.",
)
def get_reuse_status(request: HttpRequest):
    run = reuse.latest_run()
    return {"computed_at": reuse.computed_at(), "run": _run(run) if run is not None else None}


@router.post(
    "/analysis/reuse/runs",
    response={202: ReuseRunOut, 401: ErrorOut, 403: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    auth=editor_auth,
    operation_id="start_reuse_run",
    summary="Start a text-reuse run over the whole archive (editors)",
    description="Queued for a background worker; follow it with "
    "`GET /api/analysis/reuse/runs/{id}`. "
    "409 (`conflict`) while another run over the whole archive waits or works. Each import "
    "queues a run of its own for the new compilation.",
)
def start_reuse_run(request: HttpRequest, data: ReuseRunIn):
    run = reuse.start_run(user=request.auth, min_characters=data.min_characters)
    return Status(202, _run(run))


@router.get(
    "/analysis/reuse/runs/{run_id}",
    response={200: ReuseRunOut, **READ_ERRORS},
    auth=reader_auth,
    operation_id="get_reuse_run",
    summary="A text-reuse run: its stage and percentage",
    description="Poll it while it works: `stage` goes queued, hashing, candidates, aligning, "
    "writing, then done (or failed, with `error`); `percent` grows with it.",
)
def get_reuse_run(request: HttpRequest, run_id: PathId):
    return _run(get_object_or_404(ReuseRun, pk=run_id))


@router.get(
    "/analysis/reuse/pairs",
    response={200: list[ReusePairOut], **READ_ERRORS},
    auth=reader_auth,
    operation_id="list_reuse_pairs",
    summary="Pairs of speeches with the most text in common",
    description="Most shared characters first. A pair is listed when either speech passes "
    "the filters. " + FILTERS_HELP,
)
@paginate(LimitOffset)
def list_reuse_pairs(request: HttpRequest, params: Query[ReuseParams]):
    form = checked(SpeechFilterForm(params.query()))
    return reuse.top_pairs(filters=form.filters())


def _current_speech(speech_id: int) -> Speech:
    speech = Speech.objects.current().for_listing().filter(pk=speech_id).first()
    if speech is None:
        raise NotFound(reuse.not_current_message())
    return speech


@router.get(
    "/analysis/reuse/speeches/{speech_id}",
    response={200: SpeechReuseOut, **READ_ERRORS},
    auth=reader_auth,
    operation_id="get_speech_reuse",
    summary="How much of a speech other speeches hold, and which",
    description="`share`: the part of the speech's characters found in at least one other "
    "current speech; `others`: each such speech, most shared first, with `relation` "
    "(earlier, later, same day, undated). `min` leaves out shorter passages; `paragraph` "
    "keeps those touching one paragraph (the reader's link). 404 for a withdrawn or "
    "superseded speech.",
)
def get_speech_reuse(request: HttpRequest, speech_id: PathId, params: Query[SpeechReuseParams]):
    speech = _current_speech(speech_id)
    found = reuse.speech_reuse(speech=speech, min_characters=params.min, paragraph=params.paragraph)
    return {
        "speech": speech,
        "characters": found.characters,
        "reused": found.reused,
        "share": round(found.share, 4),
        "others": found.others,
        "computed_at": reuse.computed_at(),
    }


@router.get(
    "/analysis/reuse/compare/{left_id}/{right_id}",
    response={200: ComparisonOut, **READ_ERRORS},
    auth=reader_auth,
    operation_id="compare_speeches_reuse",
    summary="Two speeches' shared passages, aligned, with their differences",
    description="Each passage in the left speech's order, with its offsets on both sides and "
    "its `pieces`: stretches the same on both sides (`same`) or different (a changed name, "
    "number, punctuation). 422 when both ids are the same speech.",
)
def compare_speeches_reuse(request: HttpRequest, left_id: PathId, right_id: PathId):
    left, right = _current_speech(left_id), _current_speech(right_id)
    comparison = reuse.compare(left=left, right=right)
    return {
        "left": comparison.left,
        "right": comparison.right,
        "passages": comparison.passages,
        "computed_at": reuse.computed_at(),
    }
