"""The annotations API: themes, annotations, suggestions and comments.

The reader page calls exactly these operations. Each one is thin: it reads
through the querysets, writes through ``annotations.services``, and lets
their domain errors (``core.errors``) through as ``ErrorOut``.
"""

from django.http import HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from accounts.api_auth import annotator_auth, editor_auth, reader_auth
from accounts.models import Activity
from annotations import services
from annotations.api.examples import ANNOTATION_JSONLD
from annotations.exports.web_annotation import MEDIA_TYPE, web_annotation
from annotations.models import Annotation, Comment, Theme
from annotations.schemas import (
    ActivityOut,
    AgreementPairOut,
    AnnotationIn,
    AnnotationOut,
    AnnotationPatch,
    CommentIn,
    CommentOut,
    CommentPatch,
    ReattachIn,
    SuggestionAcceptIn,
    SuggestionOut,
    ThemeIn,
    ThemeMergeIn,
    ThemeOut,
    ThemePatch,
    ThemeRef,
)
from annotations.services.agreement import compare_coders
from annotations.services.orphans import reattach_orphan
from annotations.services.suggest import suggest_for_speech
from config.errors import ErrorOut
from core.errors import InvalidInput
from core.pagination import LimitOffset
from core.params import Id, PathId
from speeches.api.filters import FILTERS_HELP, SpeechFilterParams
from speeches.models import Paragraph, Speech

router = Router(tags=["annotations"])


ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


def _operation(route: str, answers: dict, auth, tag: str = "annotations", **openapi):
    """An operation of this router: ``route`` is "METHOD /path"; ``answers``
    its success statuses (and any error beyond ``ERRORS``)."""
    method, path = route.split(" ", 1)
    return router.api_operation(
        [method], path, response={**answers, **ERRORS}, auth=auth, tags=[tag], **openapi
    )


def _themes(ids: list[int]) -> list[Theme]:
    found = {t.pk: t for t in Theme.objects.filter(pk__in=ids)}
    missing = [i for i in ids if i not in found]
    if missing:
        raise InvalidInput(_("Unknown theme."), {"theme_ids": missing})
    return [found[i] for i in dict.fromkeys(ids)]


def _paragraph(pk: int) -> Paragraph:
    paragraph = Paragraph.objects.filter(pk=pk).first()
    if paragraph is None:
        raise InvalidInput(_("Unknown paragraph."), {"paragraph_id": pk})
    return paragraph


# Themes ---------------------------------------------------------------------


class ThemeFilter(Schema):
    active: bool | None = Field(
        None, description="true: themes in use; false: retired ones; absent: all.", examples=[True]
    )


@_operation("GET /themes", {200: list[ThemeOut]}, reader_auth, "themes",
    operation_id="list_themes",
    summary="List the codebook",
)
@paginate(LimitOffset)
def list_themes(request: HttpRequest, filters: Query[ThemeFilter]):
    """Every theme in tree order (parents before their children's siblings
    is not implied: use ``parent_id`` and ``position`` to build the tree)."""
    themes = Theme.objects.in_tree_order()
    if filters.active is not None:
        themes = themes.filter(active=filters.active)
    return themes


@_operation("GET /themes/{theme_id}", {200: ThemeOut}, reader_auth, "themes",
    operation_id="get_theme",
    summary="One theme",
    description="A theme of the codebook by id, active or not. Readers and above.",
)
def get_theme(request: HttpRequest, theme_id: PathId):
    return get_object_or_404(Theme, pk=theme_id)


@_operation("POST /themes", {201: ThemeOut}, editor_auth, "themes",
    operation_id="create_theme",
    summary="Add a theme (editors)",
    description=(
        "Add a theme at the end of its siblings (under `parent_id`, or at the top level). "
        "The slug comes from `name_en` (else the pinyin of `name`) and stays when the theme "
        "is renamed. A colour that would make highlighted text hard to read, a name already "
        "used by a sibling or more than 50 keywords is refused (422). Editors only."
    ),
)
def create_theme(request: HttpRequest, data: ThemeIn):
    parent = get_object_or_404(Theme, pk=data.parent_id) if data.parent_id else None
    theme = services.create_theme(
        actor=request.auth,
        name=data.name,
        name_en=data.name_en,
        colour=data.colour,
        parent=parent,
        description=data.description,
        keywords=data.keywords,
    )
    return Status(201, theme)


@_operation("PATCH /themes/{theme_id}", {200: ThemeOut}, editor_auth, "themes",
    operation_id="update_theme",
    summary="Rename, recolour, move, describe, deactivate or reactivate a theme (editors)",
)
def update_theme(request: HttpRequest, theme_id: PathId, data: ThemePatch):
    """Only the fields sent change; `parent_id` 0 (or null) moves the theme to the top
    level. One request, one outcome: a refused colour leaves the name unchanged too."""
    theme = get_object_or_404(Theme, pk=theme_id)
    changes = data.model_dump(exclude_unset=True)
    if "parent_id" in changes:
        parent_id = changes.pop("parent_id")
        changes["parent"] = get_object_or_404(Theme, pk=parent_id) if parent_id else None
    return services.update_theme(actor=request.auth, theme=theme, **changes)


@_operation("POST /themes/{theme_id}/merge", {200: ThemeOut}, editor_auth, "themes",
    operation_id="merge_theme",
    summary="Merge a theme into another (editors)",
    description="Every passage tagged with the theme is tagged with `into_id` instead "
    "(once), its sub-themes move there, and the theme is deleted. Returns the survivor.",
)
def merge_theme(request: HttpRequest, theme_id: PathId, data: ThemeMergeIn):
    source = get_object_or_404(Theme, pk=theme_id)
    target = get_object_or_404(Theme, pk=data.into_id)
    return services.merge_themes(actor=request.auth, source=source, target=target)


# Annotations ----------------------------------------------------------------


class AnnotationFilter(SpeechFilterParams):
    speech: Id | None = None
    paragraph: Id | None = None
    theme: ThemeRef = ""
    author: str | None = Field(None, max_length=150, description="A user name.", examples=["lihua"])


@_operation("GET /annotations", {200: list[AnnotationOut]}, reader_auth,
    operation_id="list_annotations",
    summary="List annotations by speech, paragraph, theme or author",
    description="In reading order (speech, paragraph, start). `author` is a user name. "
    + FILTERS_HELP,
)
@paginate(LimitOffset)
def list_annotations(request: HttpRequest, filters: Query[AnnotationFilter]):
    annotations = Annotation.objects.with_details().filter(
        filters.filters().q("paragraph__speech__")
    )
    if filters.speech is not None:
        annotations = annotations.of_speech(filters.speech)
    if filters.paragraph is not None:
        annotations = annotations.filter(paragraph_id=filters.paragraph)
    if filters.theme:
        theme = Theme.objects.find(filters.theme)
        if theme is None:
            raise InvalidInput(
                _("The request is not valid."),
                [{"loc": ["query", "theme"], "msg": _("There is no such theme.")}],
            )
        annotations = annotations.tagged_with(Theme.objects.subtree_ids(theme))
    if filters.author is not None:
        annotations = annotations.filter(author__username=filters.author)
    return annotations.order_by("paragraph__speech_id", "paragraph__position", "start", "end", "id")


@_operation("GET /annotations/{annotation_id}", {200: AnnotationOut}, reader_auth,
    operation_id="get_annotation",
    summary="One annotation",
    description="One annotation with its themes, offsets (code points) and note.",
)
def get_annotation(request: HttpRequest, annotation_id: PathId):
    return get_object_or_404(Annotation.objects.with_details(), pk=annotation_id)


@_operation("GET /annotations/{annotation_id}/jsonld", {}, reader_auth,
    operation_id="get_annotation_jsonld",
    summary="One annotation as a W3C Web Annotation (JSON-LD)",
    description="TextQuoteSelector and TextPositionSelector (Unicode code points); the "
    "target source is the paragraph's permalink. Served as `application/ld+json` with the "
    "Web Annotation profile.",
    openapi_extra={
        "responses": {
            200: {
                "description": "The annotation as JSON-LD.",
                "content": {
                    "application/ld+json": {
                        "schema": {"type": "object"},
                        "example": ANNOTATION_JSONLD,
                    }
                },
            }
        }
    },
)
def get_annotation_jsonld(request: HttpRequest, annotation_id: PathId):
    annotation = get_object_or_404(Annotation.objects.with_details(), pk=annotation_id)
    body = web_annotation(annotation, request=request, id_url=request.path)
    return JsonResponse(body, content_type=MEDIA_TYPE, json_dumps_params={"ensure_ascii": False})


@_operation("POST /annotations", {201: AnnotationOut, 409: ErrorOut}, annotator_auth,
    operation_id="create_annotation",
    summary="Tag a passage of a paragraph",
    description="`quote` must equal the paragraph text from `start` to `end` (code points); "
    "otherwise 409 `quote-mismatch` and nothing is saved.",
)
def create_annotation(request: HttpRequest, data: AnnotationIn):
    annotation = services.tag_passage(
        paragraph=_paragraph(data.paragraph_id),
        start=data.start,
        end=data.end,
        quote=data.quote,
        themes=_themes(data.theme_ids),
        author=request.auth,
        note=data.note,
        expected_hash=data.text_hash,
    )
    return Status(201, Annotation.objects.with_details().get(pk=annotation.pk))


@_operation("PATCH /annotations/{annotation_id}", {200: AnnotationOut}, annotator_auth,
    operation_id="update_annotation",
    summary="Change an annotation's themes or note (its author or an editor)",
    description=(
        "Send `theme_ids` (the whole new list), `note`, or both; the span itself never "
        "moves. A theme no longer in use may stay on the passage but not be added. A change "
        "that changes nothing writes nothing. Its author (while an annotator) or an editor."
    ),
)
def update_annotation(request: HttpRequest, annotation_id: PathId, data: AnnotationPatch):
    annotation = get_object_or_404(Annotation.objects.with_details(), pk=annotation_id)
    services.update_annotation(
        annotation=annotation,
        actor=request.auth,
        themes=_themes(data.theme_ids) if data.theme_ids is not None else None,
        note=data.note,
    )
    return Annotation.objects.with_details().get(pk=annotation.pk)


@_operation("DELETE /annotations/{annotation_id}", {204: None}, annotator_auth,
    operation_id="delete_annotation",
    summary="Delete an annotation (its author or an editor)",
    description="Removes the passage's tagging; the text is untouched. Its author or an editor.",
)
def delete_annotation(request: HttpRequest, annotation_id: PathId):
    annotation = get_object_or_404(Annotation.objects.with_details(), pk=annotation_id)
    services.delete_annotation(annotation=annotation, actor=request.auth)
    return Status(204, None)


# Suggestions ----------------------------------------------------------------


@_operation("GET /speeches/{speech_id}/suggestions", {200: list[SuggestionOut]}, reader_auth,
    operation_id="list_suggestions",
    summary="Suggested themes for each paragraph of a speech",
    description="Themes whose keywords occur in a paragraph's tokens and that nobody has "
    "tagged in that paragraph yet. Never applied on their own.",
)
@paginate(LimitOffset)
def list_suggestions(request: HttpRequest, speech_id: PathId):
    speech = get_object_or_404(Speech, pk=speech_id)
    return [
        {"paragraph_id": s.paragraph_id, "theme_id": s.theme.pk, "keywords": list(s.keywords)}
        for s in suggest_for_speech(speech)
    ]


@_operation("POST /suggestions/accept", {201: AnnotationOut}, annotator_auth,
    operation_id="accept_suggestion",
    summary="Accept a suggested theme as an annotation of the whole paragraph",
    description=(
        "Tags the whole paragraph with the theme. If you already tagged the whole "
        "paragraph, the theme joins that annotation instead of making a second one "
        "(answered 201 either way, with the annotation). Annotators and editors."
    ),
)
def accept_suggestion(request: HttpRequest, data: SuggestionAcceptIn):
    annotation = services.accept_suggestion(
        paragraph=_paragraph(data.paragraph_id),
        theme=_themes([data.theme_id])[0],
        author=request.auth,
    )
    return Status(201, Annotation.objects.with_details().get(pk=annotation.pk))


# Comments -------------------------------------------------------------------


class CommentFilter(Schema):
    speech: Id | None = None
    paragraph: Id | None = None
    author: str | None = Field(None, max_length=150, description="A user name.", examples=["lihua"])


@_operation("GET /comments", {200: list[CommentOut]}, reader_auth, "comments",
    operation_id="list_comments",
    summary="List comments by speech, paragraph or author",
    description="Oldest first; deleted comments stay as placeholders (`deleted`, empty body) "
    "so threads keep their shape.",
)
@paginate(LimitOffset)
def list_comments(request: HttpRequest, filters: Query[CommentFilter]):
    comments = Comment.objects.with_details()
    if filters.speech is not None:
        comments = comments.of_speech(filters.speech)
    if filters.paragraph is not None:
        comments = comments.filter(paragraph_id=filters.paragraph)
    if filters.author is not None:
        comments = comments.filter(author__username=filters.author)
    return comments.order_by("paragraph__speech_id", "paragraph__position", "created_at", "id")


@_operation("POST /comments", {201: CommentOut}, annotator_auth, "comments",
    operation_id="create_comment",
    summary="Comment on a paragraph, or reply to a comment",
    description=(
        "A comment on a paragraph, or with `parent_id` a reply in that comment's thread "
        "(same paragraph; not to a deleted comment). Plain text, at most 5,000 characters. "
        "Annotators and editors."
    ),
)
def create_comment(request: HttpRequest, data: CommentIn):
    paragraph = _paragraph(data.paragraph_id)
    parent = None
    if data.parent_id is not None:
        parent = Comment.objects.filter(pk=data.parent_id).first()
        if parent is None:
            raise InvalidInput(_("Unknown comment."), {"parent_id": data.parent_id})
    comment = services.write_comment(
        paragraph=paragraph, author=request.auth, body=data.body, parent=parent
    )
    return Status(201, comment)


@_operation("PATCH /comments/{comment_id}", {200: CommentOut}, annotator_auth, "comments",
    operation_id="edit_comment",
    summary="Edit your own comment (it is marked edited)",
    description=(
        "Replace the body of your own comment; `edited_at` is set. A deleted comment cannot "
        "be edited. Authors only."
    ),
)
def edit_comment(request: HttpRequest, comment_id: PathId, data: CommentPatch):
    comment = get_object_or_404(Comment.objects.with_details(), pk=comment_id)
    return services.edit_comment(comment=comment, actor=request.auth, body=data.body)


@_operation("DELETE /comments/{comment_id}", {200: CommentOut}, annotator_auth, "comments",
    operation_id="delete_comment",
    summary="Delete a comment (your own; editors any)",
    description="The comment stays in its thread as a placeholder; returns it.",
)
def delete_comment(request: HttpRequest, comment_id: PathId):
    comment = get_object_or_404(Comment.objects.with_details(), pk=comment_id)
    return services.delete_comment(comment=comment, actor=request.auth)


# What the pages show: agreement and a speech's history ---------------------


@_operation("GET /agreement", {200: list[AgreementPairOut]}, reader_auth,
    operation_id="get_agreement",
    summary="Agreement between coders",
    description=(
        "What the agreement page (Themes → 编码者一致性) shows: for each pair of coders who "
        "tagged passages in the same speeches, and each theme either of them used, the "
        "paragraphs both, one or neither tagged, percentage agreement and Cohen's kappa, "
        "over the speeches both coded. Only passages tagged by hand count: those made by "
        "accepting a rule's hits are left out, and each pair says how many "
        "(`first_from_rules`, `second_from_rules`). Readers and above, as the page. " + FILTERS_HELP
    ),
)
@paginate(LimitOffset)
def get_agreement(request: HttpRequest, filters: Query[SpeechFilterParams]):
    speeches = Speech.objects.filter(filters.filters().q())
    return [
        {
            "first": pair.first.get_username(),
            "second": pair.second.get_username(),
            "speeches": pair.speeches,
            "paragraphs": pair.paragraphs,
            "mean_kappa": pair.mean_kappa,
            "first_from_rules": pair.first_from_rules,
            "second_from_rules": pair.second_from_rules,
            "themes": [
                {
                    "theme_id": cell.theme.pk,
                    "theme": cell.theme.name,
                    "both": cell.both,
                    "first_only": cell.first_only,
                    "second_only": cell.second_only,
                    "neither": cell.neither,
                    "agreement": cell.agreement,
                    "kappa": cell.kappa,
                }
                for cell in pair.tagged_cells
            ],
        }
        for pair in compare_coders(speeches)
    ]


@_operation("GET /speeches/{speech_id}/history", {200: list[ActivityOut]}, reader_auth,
    operation_id="get_speech_history",
    summary="A speech's history",
    description=(
        "What the speech's history page shows: who tagged, edited, commented on or "
        "imported it, and when, newest first. Readers and above, as the page."
    ),
)
@paginate(LimitOffset)
def get_speech_history(request: HttpRequest, speech_id: PathId):
    speech = get_object_or_404(Speech, pk=speech_id)
    return Activity.objects.history_of(speech)


@_operation("GET /orphaned-annotations", {200: list[AnnotationOut]}, editor_auth,
    operation_id="list_orphaned_annotations",
    summary="Orphaned annotations (editors)",
    description="Annotations a new version of their text could not place with confidence, "
    "newest first. Each is still on the old (superseded) paragraph: `quote`, `prefix` and "
    "`suffix` are the old text. Re-attach one with `POST /api/annotations/{id}/reattach`, "
    "or discard it with `DELETE /api/annotations/{id}`.",
)
@paginate(LimitOffset)
def list_orphans(request: HttpRequest):
    return Annotation.objects.with_details().filter(orphaned_at__isnull=False).order_by(
        "-orphaned_at", "id"
    )


@_operation(
    "POST /annotations/{annotation_id}/reattach", {200: AnnotationOut, 409: ErrorOut}, editor_auth,
    operation_id="reattach_annotation",
    summary="Re-attach an orphaned annotation to the new text (editors)",
    description="`quote` must be exactly the paragraph's text from `start` to `end` "
    "(409 `quote-mismatch` otherwise), in a current compilation (409 `not-current`). "
    "The annotation keeps its themes, note and author. 422 `not-orphaned` for one that "
    "is not waiting.",
)
def reattach(request: HttpRequest, annotation_id: PathId, data: ReattachIn):
    annotation = get_object_or_404(Annotation, pk=annotation_id)
    paragraph = get_object_or_404(Paragraph, pk=data.paragraph_id)
    reattach_orphan(
        annotation=annotation, paragraph=paragraph, start=data.start, end=data.end,
        quote=data.quote, actor=request.auth,
    )
    return Annotation.objects.with_details().get(pk=annotation.pk)
