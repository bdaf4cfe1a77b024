"""API for speakers: list them with their speech counts, read one."""

from typing import Literal

from django.http import HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Router
from ninja.pagination import paginate

from accounts.api_auth import reader_auth
from config.errors import ErrorOut
from core.pagination import LimitOffset
from core.params import PathId
from speeches.filters import SPEAKER_ORDERINGS
from speeches.models import Speaker
from speeches.schemas import SpeakerDetailOut, SpeakerOut

router = Router(tags=["speakers"])

SpeakerSort = Literal["-speeches", "speeches", "name", "-name", "-last", "last", "first", "-first"]


@router.get(
    "/speakers",
    response={200: list[SpeakerOut], 401: ErrorOut, 403: ErrorOut, 422: ErrorOut},
    auth=reader_auth,
    operation_id="list_speakers",
    summary="List speakers",
    description=(
        "Named speakers with at least one speech (merged ones are left out: their speeches "
        "count for the speaker they were merged into). `sort`: `-speeches` (default), "
        "`speeches`, `name`, `-name`, `first`, `-first`, `last`, `-last`. Role-only "
        "attributions have no speaker: list them with `GET /api/speeches?named=false`."
    ),
)
@paginate(LimitOffset)
def list_speakers(request, sort: SpeakerSort = "-speeches"):
    return (
        Speaker.objects.with_speech_stats()
        .filter(speech_count__gt=0)
        .order_by(*SPEAKER_ORDERINGS[sort])
    )


@router.get(
    "/speakers/{speaker_id}",
    response={
        200: SpeakerDetailOut,
        301: None,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        422: ErrorOut,
    },
    auth=reader_auth,
    operation_id="get_speaker",
    summary="Get a speaker",
    description=(
        "A speaker with the printed names seen and the roles printed with the name. "
        "A speaker merged into another answers 301, pointing at that one."
    ),
)
def get_speaker(request, speaker_id: PathId):
    speaker = get_object_or_404(Speaker.objects.select_related("merged_into"), pk=speaker_id)
    if speaker.merged_into is not None:
        return HttpResponsePermanentRedirect(
            reverse("api:get_speaker", kwargs={"speaker_id": speaker.merged_into_id})
        )
    return Speaker.objects.with_speech_stats().get(pk=speaker.pk)
