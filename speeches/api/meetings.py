"""API for meetings and dates: the meetings page and the dates page as JSON;
editors merge two names of one meeting."""

from typing import Literal

from django.db.models import Count, Min
from django.utils.translation import gettext as _
from ninja import Router
from ninja.pagination import paginate

from accounts.api_auth import editor_auth, reader_auth
from config.errors import ErrorOut
from core.errors import NotFound
from core.pagination import LimitOffset
from speeches.filters import MEETING_ORDERINGS
from speeches.models import Speech
from speeches.querysets import current_speech_q
from speeches.schemas import DateArchiveOut, MeetingListOut, MeetingMergeIn, MeetingOut
from speeches.services import meetings as services

router = Router(tags=["meetings"])

READ_ERRORS = {401: ErrorOut, 403: ErrorOut, 422: ErrorOut}


@router.get(
    "/meetings",
    response={200: list[MeetingListOut], **READ_ERRORS},
    auth=reader_auth,
    operation_id="list_meetings",
    summary="List meetings",
    description=(
        "The meetings page: one row per meeting (variant names of one meeting share a key "
        "and are one row, named by the first printed name) with its speeches, speakers, "
        "first and last date. `sort`: `-date` (latest speech first, the default), `event` "
        "(by name, pinyin order), `-speeches`. A meeting's speeches: "
        "`GET /api/speeches?event=…`."
    ),
)
@paginate(LimitOffset)
def list_meetings(request, sort: Literal["-date", "event", "-speeches"] = "-date"):
    return Speech.objects.current().meetings().order_by(*MEETING_ORDERINGS[sort])


@router.get(
    "/dates",
    response={200: DateArchiveOut, **READ_ERRORS},
    auth=reader_auth,
    operation_id="date_archive",
    summary="Speeches by year and month",
    description=(
        "The dates page: how many speeches each year and month has, newest year first "
        "(`month` null: dated by the year only), and how many have no date. A year's "
        "speeches: `GET /api/speeches?year=2024`."
    ),
)
def date_archive(request):
    speeches = Speech.objects.current()
    return {
        "years": [
            {**year, "months": [{"month": m, "count": n} for m, n in year["months"]]}
            for year in speeches.archive()
        ],
        "undated": speeches.filter(date__isnull=True).count(),
    }


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
        "meeting twice 422. Editors only. The answer's `name` and `speech_count` are "
        "those of its current speeches, as `GET /api/meetings` gives them (its name "
        "with no speech counted when none is current)."
    ),
)
def merge_meetings(request, data: MeetingMergeIn):
    source = _key(data.source, "source")
    target = _key(data.target, "target")
    key = services.merge_meetings(source_key=source, target_key=target, actor=request.auth)
    # Named and counted as GET /api/meetings names and counts it: by its current
    # speeches (the merge moved those of withdrawn and superseded compilations too);
    # by any of its speeches, with no speech counted, when none is current.
    current = current_speech_q()
    row = Speech.objects.filter(event_key=key).aggregate(
        current_name=Min("event", filter=current),
        any_name=Min("event"),
        speech_count=Count("pk", filter=current),
    )
    return {
        "key": key,
        "name": row["current_name"] or row["any_name"],
        "speech_count": row["speech_count"],
    }
