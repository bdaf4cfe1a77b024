"""API for editors' corrections after import (``speeches.editing``): set
fields on many speeches at once, read the history of corrections and undo
one of them. PATCH of a speech and of a compilation live beside their GET
(``speeches.api.speeches``, ``speeches.api.compilations``): one path, one
router."""

from django.db.models import Q
from django.shortcuts import get_object_or_404
from ninja import Router
from ninja.pagination import paginate

from accounts.api_auth import editor_auth, reader_auth
from accounts.models import Activity, Verb
from config.errors import ApiError, ErrorOut
from config.pagination import LimitOffset
from config.params import PathId
from speeches.editing import (
    EditRefused,
    bulk_edit_speeches,
    undo_change,
    undoable_ids,
)
from speeches.models import Compilation, Speech
from speeches.schemas import (
    BulkEditIn,
    BulkEditOut,
    ChangeOut,
)

router = Router(tags=["corrections"])

ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}

# Refusals about the state of the archive rather than the input: 409.
CONFLICTS = {"changed-since", "already-undone", "gone"}


def edit_refusal(refused: EditRefused) -> ApiError:
    status = 409 if refused.code in CONFLICTS else 422
    details = {"field": refused.field} if refused.field else None
    return ApiError(status, refused.code, refused.message, details)


@router.post(
    "/compilations/{compilation_id}/speeches/bulk-edit",
    response={200: BulkEditOut, **ERRORS},
    auth=editor_auth,
    operation_id="bulk_edit_speeches",
    summary="Set the same fields on many speeches of a compilation (editors)",
    description=(
        "\"Set the speaker of these 8 excerpts to 习近平\": `changes` may hold `speaker`, "
        "`speaker_raw`, `role`, `event`, `date` and `place`; every speech of `speech_ids` "
        "must be in the compilation. All or nothing. Each speech's change is an entry of "
        "its history (undone one by one), sharing `batch`."
    ),
)
def bulk_edit(request, compilation_id: PathId, data: BulkEditIn):
    compilation = get_object_or_404(Compilation.objects.defer("text"), pk=compilation_id)
    try:
        result = bulk_edit_speeches(
            compilation=compilation,
            speech_ids=data.speech_ids,
            changes=data.changes.model_dump(exclude_unset=True),
            actor=request.auth,
        )
    except EditRefused as refused:
        raise edit_refusal(refused) from None
    return {"batch": result.batch, "changed": result.changed, "unchanged": result.unchanged}


def _with_undoable(entries) -> list[Activity]:
    entries = list(entries)
    undoable = undoable_ids(entries)
    for entry in entries:
        entry.undoable = entry.pk in undoable
    return entries


@router.get(
    "/speeches/{speech_id}/changes",
    response={200: list[ChangeOut], 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    auth=reader_auth,
    operation_id="list_speech_changes",
    summary="Corrections of a speech",
    description="The speech's corrections (metadata, speaker), newest first, each with what "
    "it changed and whether it can be undone now.",
)
@paginate(LimitOffset)
def list_speech_changes(request, speech_id: PathId):
    speech = get_object_or_404(Speech, pk=speech_id)
    entries = Activity.objects.filter(
        speech_id=speech.pk, verb__in=[Verb.EDIT, Verb.SPEAKER]
    ).select_related("actor")
    return _Undoable(entries.order_by("-created_at", "-id"))


@router.get(
    "/compilations/{compilation_id}/changes",
    response={200: list[ChangeOut], 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    auth=reader_auth,
    operation_id="list_compilation_changes",
    summary="Corrections of a compilation and its speeches",
    description="Newest first, each with what it changed and whether it can be undone now.",
)
@paginate(LimitOffset)
def list_compilation_changes(request, compilation_id: PathId):
    compilation = get_object_or_404(Compilation.objects.defer("text"), pk=compilation_id)
    entries = Activity.objects.filter(
        Q(target_type="speeches.compilation", target_id=compilation.pk, verb=Verb.EDIT)
        | Q(speech_id__in=compilation.speeches.values("pk"), verb__in=[Verb.EDIT, Verb.SPEAKER])
    ).select_related("actor")
    return _Undoable(entries.order_by("-created_at", "-id"))


class _Undoable:
    """A history queryset that the paginator slices, then marks what can be undone
    in the page (one query for the page, not one per entry)."""

    def __init__(self, queryset):
        self.queryset = queryset

    def count(self) -> int:
        return self.queryset.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key):
        return _with_undoable(self.queryset[key])


@router.post(
    "/changes/{change_id}/undo",
    response={200: ChangeOut, **ERRORS},
    auth=editor_auth,
    operation_id="undo_change",
    summary="Undo a correction (editors)",
    description=(
        "Puts back the values a correction replaced; the undo is an entry of the history "
        "itself (`undo_of`), so it can be undone in turn. 409 `changed-since` when a field "
        "was corrected again since (undo that first), `already-undone`; 422 `not-undoable` "
        "for an entry that is no correction (an import, a tag)."
    ),
)
def undo(request, change_id: PathId):
    entry = get_object_or_404(Activity, pk=change_id)
    try:
        undo_change(entry=entry, actor=request.auth)
    except EditRefused as refused:
        raise edit_refusal(refused) from None
    undo_entry = (
        Activity.objects.filter(verb=Verb.EDIT, data__undo_of=entry.pk)
        .select_related("actor")
        .order_by("-id")
        .first()
    )
    return _with_undoable([undo_entry])[0]
