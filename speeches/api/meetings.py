"""API for meetings: editors merge two names of one meeting."""

from django.utils.translation import gettext as _
from ninja import Router

from accounts.api_auth import editor_auth
from config.errors import ErrorOut
from core.errors import NotFound
from speeches.models import Speech
from speeches.schemas import MeetingMergeIn, MeetingOut
from speeches.services import meetings as services

router = Router(tags=["meetings"])


def _key(name: str, field: str) -> str:
    key = services.find_meeting_key(name)
    if key is None:
        raise NotFound(
            _("No speech was given at a meeting called %(name)s.") % {"name": name},
            {field: name},
        )
    return key


@router.post(
    "/meetings/merge",
    response={
        200: MeetingOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        422: ErrorOut,
    },
    auth=editor_auth,
    operation_id="merge_meetings",
    summary="Merge two meetings (editors)",
    description=(
        "One meeting printed under two names the meeting key does not unify (different "
        "wording): the speeches of `source` join `target`, their printed meeting stays as "
        "it was, and later imports under `source`'s names join `target` too. Each is named "
        "by any printed name or its key. A meeting no speech names answers 404, the same "
        "meeting twice 422. Editors only."
    ),
)
def merge_meetings(request, data: MeetingMergeIn):
    source = _key(data.source, "source")
    target = _key(data.target, "target")
    key = services.merge_meetings(source_key=source, target_key=target, actor=request.auth)
    row = Speech.objects.filter(event_key=key).meetings().get()
    return {"key": key, "name": row["name"], "speech_count": row["speech_count"]}
