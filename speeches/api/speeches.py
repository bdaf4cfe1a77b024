"""API for speeches: list them with filters, read one with its sections and paragraphs."""

from typing import Literal

from django.shortcuts import get_object_or_404
from ninja import Query, Router
from ninja.pagination import paginate

from accounts.api_auth import editor_auth, reader_auth
from config.errors import ErrorOut
from core.pagination import LimitOffset
from core.params import PathId
from speeches.api.editing import ERRORS as EDIT_ERRORS
from speeches.api.filters import FILTERS_HELP, SpeechFilterParams
from speeches.filters import SPEECH_ORDERINGS
from speeches.models import Speech
from speeches.schemas import SpeechDetailOut, SpeechEditedOut, SpeechOut, SpeechPatch
from speeches.services.editing import edit_speech

router = Router(tags=["speeches"])

SpeechSort = Literal["-date", "date", "title", "-title", "speaker", "-speaker"]


@router.get(
    "/speeches",
    response={200: list[SpeechOut], 401: ErrorOut, 403: ErrorOut, 422: ErrorOut},
    auth=reader_auth,
    operation_id="list_speeches",
    summary="List speeches",
    description=(
        "Speeches with their metadata, newest first (undated last). "
        + FILTERS_HELP
        + " `sort`: `-date` (default), `date`, `title`, `-title`, `speaker`, `-speaker`."
    ),
)
@paginate(LimitOffset)
def list_speeches(request, filters: Query[SpeechFilterParams], sort: SpeechSort = "-date"):
    return (
        Speech.objects.filter(filters.filters().q()).for_listing().order_by(*SPEECH_ORDERINGS[sort])
    )


@router.get(
    "/speeches/{speech_id}",
    response={200: SpeechDetailOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    auth=reader_auth,
    operation_id="get_speech",
    summary="Get a speech",
    description=(
        "A speech with its section tree (flat, in document order, each with `parent_id`) and "
        "its paragraphs, verbatim. Offsets into a paragraph's text (annotations, search "
        "highlights) are Unicode code points."
    ),
)
def get_speech(request, speech_id: PathId):
    speech = get_object_or_404(Speech.objects.for_listing(), pk=speech_id)
    previous, following = Speech.objects.neighbours_of(speech)
    speech.previous_id = previous.pk if previous is not None else None
    speech.next_id = following.pk if following is not None else None
    return speech


@router.patch(
    "/speeches/{speech_id}",
    response={200: SpeechEditedOut, **EDIT_ERRORS},
    auth=editor_auth,
    operation_id="update_speech",
    summary="Correct a speech's metadata (editors)",
    description=(
        "Only the fields sent change: `title`, `date` (2024, 2024-08 or 2024-08-12; the "
        "precision follows; empty: undated), `event` (the meeting), `place`, `speaker` "
        "(canonical name), `speaker_raw` and `role` (as printed), `salutation`. The change "
        "goes to the speech's history with the values before and after, and can be undone "
        "(`POST /api/changes/{id}/undo`). A refused value answers 422 with `code` "
        "(`required`, `invalid-date`, `too-long`, `unknown-field`) and `details.field`; "
        "nothing is written."
    ),
)
def update_speech(request, speech_id: PathId, data: SpeechPatch):
    speech = get_object_or_404(Speech, pk=speech_id)
    edit_speech(speech=speech, changes=data.model_dump(exclude_unset=True), actor=request.auth)
    return Speech.objects.for_listing().get(pk=speech.pk)
