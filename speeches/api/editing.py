"""API for editors' corrections after import (``speeches.services.editing``): set
fields on many speeches at once, read the history of corrections and undo
one of them. PATCH of a speech and of a compilation live beside their GET
(``speeches.api.speeches``, ``speeches.api.compilations``): one path, one
router."""

from typing import Annotated

from django.db.models import Q
from django.shortcuts import get_object_or_404
from ninja import Path, Router
from ninja.pagination import paginate

from accounts.api_auth import editor_auth, reader_auth
from accounts.models import Activity, Verb
from config.errors import ErrorOut
from core.pagination import LimitOffset
from core.params import PathId
from speeches.models import Compilation, Speech
from speeches.schemas import (
    BulkEditIn,
    BulkEditOut,
    ChangeOut,
    HeadingLevelIn,
    MergeParagraphsIn,
    SplitParagraphIn,
    SplitSpeechIn,
    StructureOut,
    ToHeadingIn,
)
from speeches.services.editing import (
    bulk_edit_speeches,
    undo_change,
    undoable_ids,
)
from speeches.services.restructure import (
    STRUCTURE_ACTIONS,
    heading_to_paragraph,
    merge_paragraphs,
    merge_speeches,
    paragraph_to_heading,
    set_heading_level,
    split_paragraph,
    split_speech,
)

router = Router(tags=["corrections"])

ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}

# Refusals answer with the status config.errors.ERROR_STATUS gives their code:
# 409 for the state of the archive (changed-since, already-undone…), else 422.


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
    result = bulk_edit_speeches(
            compilation=compilation,
            speech_ids=data.speech_ids,
            changes=data.changes.model_dump(exclude_unset=True),
            actor=request.auth,
        )
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
    undo_change(entry=entry, actor=request.auth)
    undo_entry = (
        Activity.objects.filter(verb=Verb.EDIT, data__undo_of=entry.pk)
        .select_related("actor")
        .order_by("-id")
        .first()
    )
    return _with_undoable([undo_entry])[0]


# ---- Structural corrections ----

Position = Annotated[
    int, Path(ge=1, le=2**31 - 1, description="Position in the speech, from 1.", examples=[3])
]
STRUCTURE_DOC = (
    " Annotations and comments follow their text (offsets recomputed; a span over a "
    "split becomes one per part, with the same themes and note); an edit that would leave "
    "a tag or a comment on no text is refused (422 `annotated-text-removed`, "
    "`commented-text-removed`) and writes nothing. Undone with `POST /api/changes/{id}/undo`."
)


def _structure(speech_id: int, run) -> dict:
    """Run ``run(speech)`` on the speech (404 if none) and answer what it did:
    the change's id, the new speech's (a split) and what moved."""
    speech = get_object_or_404(Speech, pk=speech_id)
    result = run(speech)
    counts = result if isinstance(result, dict) else {}
    new_speech = result if isinstance(result, Speech) and result.pk != speech.pk else None
    entry = (
        Activity.objects.filter(
            speech_id=speech.pk, verb=Verb.EDIT, data__action__in=STRUCTURE_ACTIONS
        )
        .order_by("-id")
        .first()
    )
    return {
        "speech_id": speech.pk,
        "new_speech_id": new_speech.pk if new_speech is not None else None,
        "change_id": entry.pk,
        "annotations_moved": counts.get("annotations_moved", 0),
        "annotations_split": counts.get("annotations_split", 0),
        "comments_moved": counts.get("comments_moved", 0),
    }


STRUCTURE_RESPONSES = {200: StructureOut, **ERRORS}


def _structure_operation(operation_id: str):
    """A structural correction's operation (``STRUCTURE_OPERATIONS``): editors
    only, answering ``StructureOut``."""
    method, path, summary, doc = STRUCTURE_OPERATIONS[operation_id]
    return router.api_operation(
        [method],
        path,
        response=STRUCTURE_RESPONSES,
        auth=editor_auth,
        operation_id=operation_id,
        summary=f"{summary} (editors)",
        description=doc + STRUCTURE_DOC,
    )


STRUCTURE_OPERATIONS = {
    # operation_id: (method, path, summary, what it does)
    "split_paragraph": (
        "POST",
        "/speeches/{speech_id}/paragraphs/{position}/split",
        "Split a paragraph in two",
        "The second part becomes paragraph `position + 1`; later paragraphs move down one.",
    ),
    "merge_paragraphs": (
        "POST",
        "/speeches/{speech_id}/paragraphs/{position}/merge-next",
        "Merge a paragraph with the next one",
        "Both must be in the same section.",
    ),
    "paragraph_to_heading": (
        "POST",
        "/speeches/{speech_id}/paragraphs/{position}/to-heading",
        "Turn a line into a heading",
        "The paragraphs after it, up to the next heading of its level, come under it.",
    ),
    "heading_to_paragraph": (
        "POST",
        "/speeches/{speech_id}/sections/{position}/to-paragraph",
        "Turn a heading back into a line of text",
        "A heading on a line of its own becomes a paragraph where it stood; a run-in heading "
        "stops being one. Its paragraphs and subsections go to the section above.",
    ),
    "set_heading_level": (
        "PATCH",
        "/speeches/{speech_id}/sections/{position}",
        "Change a heading's level",
        "The section tree follows the levels.",
    ),
    "split_speech": (
        "POST",
        "/speeches/{speech_id}/split",
        "Split a speech in two at a paragraph",
        "`paragraph` and everything after it become a new speech right after this one, with "
        "its speaker, date and meeting (correct them with PATCH). Paragraphs keep their "
        "annotations and comments.",
    ),
    "merge_speeches": (
        "POST",
        "/speeches/{speech_id}/merge-next",
        "Merge a speech with the next one of its compilation",
        "The next speech's headings and paragraphs follow this one's; its metadata is kept in "
        "the history (and comes back when the merge is undone).",
    ),
}


@_structure_operation("split_paragraph")
def split_paragraph_op(request, speech_id: PathId, position: Position, data: SplitParagraphIn):
    return _structure(speech_id, lambda speech: split_paragraph(
        speech=speech, position=position, at=data.at, actor=request.auth))


@_structure_operation("merge_paragraphs")
def merge_paragraphs_op(request, speech_id: PathId, position: Position, data: MergeParagraphsIn):
    return _structure(speech_id, lambda speech: merge_paragraphs(
        speech=speech, position=position, separator=data.separator, actor=request.auth))


@_structure_operation("paragraph_to_heading")
def to_heading_op(request, speech_id: PathId, position: Position, data: ToHeadingIn):
    return _structure(speech_id, lambda speech: paragraph_to_heading(
        speech=speech, position=position, level=data.level, actor=request.auth))


@_structure_operation("heading_to_paragraph")
def to_paragraph_op(request, speech_id: PathId, position: Position):
    return _structure(speech_id, lambda speech: heading_to_paragraph(
        speech=speech, section_position=position, actor=request.auth))


@_structure_operation("set_heading_level")
def heading_level_op(request, speech_id: PathId, position: Position, data: HeadingLevelIn):
    return _structure(speech_id, lambda speech: set_heading_level(
        speech=speech, section_position=position, level=data.level, actor=request.auth))


@_structure_operation("split_speech")
def split_speech_op(request, speech_id: PathId, data: SplitSpeechIn):
    return _structure(speech_id, lambda speech: split_speech(
        speech=speech, position=data.paragraph, title=data.title, actor=request.auth))


@_structure_operation("merge_speeches")
def merge_speeches_op(request, speech_id: PathId):
    return _structure(speech_id, lambda speech: merge_speeches(speech=speech, actor=request.auth))
