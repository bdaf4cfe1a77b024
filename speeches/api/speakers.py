"""API for speakers: list them with their speech counts, read one; editors
merge two speakers and re-attribute a speech (``speeches.services.speakers``,
the services of the speaker pages), and read and correct the canonical office
of a speech's printed role."""

from typing import Literal

from django.http import HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router
from ninja.pagination import paginate

from accounts.api_auth import editor_auth, reader_auth
from config.errors import ErrorOut
from core.errors import NotFound
from core.fields import one_line
from core.pagination import LimitOffset
from core.params import PathId
from speeches.filters import SPEAKER_ORDERINGS
from speeches.models import Speaker, Speech
from speeches.schemas import (
    SpeakerDetailOut,
    SpeakerMergeIn,
    SpeakerOut,
    SpeechOfficeIn,
    SpeechOfficeOut,
    SpeechOut,
    SpeechSpeakerIn,
)
from speeches.services.speakers import merge_speakers, set_speech_office, set_speech_speaker

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


WRITE_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


@router.post(
    "/speakers/{speaker_id}/merge",
    response={200: SpeakerDetailOut, **WRITE_ERRORS},
    auth=editor_auth,
    operation_id="merge_speaker",
    summary="Merge a speaker into another (editors)",
    description=(
        "One person printed under two names: this speaker's speeches and names move to "
        "`target` (a speaker's name or one of its printed names), this speaker's name "
        "becomes an alias of `target` (later imports of it link there) and this speaker "
        "answers 301 to `target` from then on. The same as the speaker page's merge form; "
        "answers the speaker who stays. An unknown `target` answers 404; the same speaker, "
        "or one already merged, 422. Editors only."
    ),
)
def merge_speaker(request, speaker_id: PathId, data: SpeakerMergeIn):
    source = get_object_or_404(Speaker, pk=speaker_id)
    target = Speaker.objects.find_by_name(one_line(data.target))
    if target is None:
        raise NotFound(
            _("There is no speaker called %(name)s.") % {"name": data.target},
            {"target": data.target},
        )
    target = merge_speakers(source=source, target=target, actor=request.auth)
    return Speaker.objects.with_speech_stats().get(pk=target.pk)


@router.put(
    "/speeches/{speech_id}/speaker",
    response={200: SpeechOut, **WRITE_ERRORS},
    auth=editor_auth,
    operation_id="set_speech_speaker",
    summary="Re-attribute a speech to a speaker (editors)",
    description=(
        "Who gave the speech, as the speech's speaker form sets it: a known name or alias "
        "links to that speaker (a merged speaker's name to the one it was merged into), a "
        "new name creates a speaker, an empty `name` makes the speech a role-only "
        "attribution. The name as printed (`speaker_raw`) stays as it was. The change is in "
        "the speech's history. Editors only."
    ),
)
def put_speech_speaker(request, speech_id: PathId, data: SpeechSpeakerIn):
    speech = get_object_or_404(Speech, pk=speech_id)
    set_speech_speaker(speech=speech, name=data.name, actor=request.auth)
    return Speech.objects.for_listing().get(pk=speech.pk)


def _office_out(speech: Speech) -> dict:
    return {
        "speech_id": speech.pk,
        "role": speech.role,
        "office": speech.office,
        "office_place": speech.office_place,
        "corrected": speech.office_corrected,
    }


@router.get(
    "/speeches/{speech_id}/office",
    response={200: SpeechOfficeOut, **WRITE_ERRORS},
    auth=reader_auth,
    operation_id="get_speech_office",
    summary="Get the canonical office of a speech's role",
    description=(
        "The role as printed and the office it maps to (四川省人民政府省长 -> 省长 of "
        "四川省), which the role filter and the counts group by. `corrected` is true when "
        "an editor set the office."
    ),
)
def get_speech_office(request, speech_id: PathId):
    return _office_out(get_object_or_404(Speech, pk=speech_id))


@router.put(
    "/speeches/{speech_id}/office",
    response={200: SpeechOfficeOut, **WRITE_ERRORS},
    auth=editor_auth,
    operation_id="set_speech_office",
    summary="Correct the canonical office of a speech's role (editors)",
    description=(
        "Sets the office (empty: the role names no office) and its place. The correction "
        "holds through later saves and edits of the printed role until it is dropped with "
        "DELETE. Logged in the speech's history. A value over 100 characters answers 422 "
        "(`too-long`, `details.field`); nothing is written."
    ),
)
def set_office(request, speech_id: PathId, data: SpeechOfficeIn):
    speech = get_object_or_404(Speech, pk=speech_id)
    speech = set_speech_office(
        speech=speech, office=data.office, place=data.office_place, actor=request.auth
    )
    return _office_out(speech)


@router.delete(
    "/speeches/{speech_id}/office",
    response={200: SpeechOfficeOut, **WRITE_ERRORS},
    auth=editor_auth,
    operation_id="derive_speech_office",
    summary="Drop an editor's office correction (editors)",
    description=(
        "The office is derived from the printed role again, as at import. Answers the "
        "speech's office as it now is."
    ),
)
def derive_office(request, speech_id: PathId):
    speech = get_object_or_404(Speech, pk=speech_id)
    return _office_out(set_speech_office(speech=speech, office=None, actor=request.auth))
