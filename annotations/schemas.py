"""In/Out schemas of the annotations API. Fields are listed, never ``__all__``."""

from datetime import datetime
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import ConfigDict
from pypinyin import Style, lazy_pinyin

from annotations.api import examples
from annotations.models import Annotation, Comment, Theme
from annotations.services import can_change_annotation, can_delete_comment
from core.fields import max_length
from core.params import MAX_ID, Id

# Bounded like the database column, so an absurd offset is a 422, not a 500.
MAX_OFFSET = 2**31 - 1
Offset = Annotated[int, Field(ge=0, le=MAX_OFFSET)]
# A theme in a filter: its id or slug (the address of its page).
ThemeRef = Annotated[
    str,
    Field(
        max_length=120,
        description="A theme's id or slug; its sub-themes are included.",
        examples=["people-s-congress-supervision"],
    ),
]


def _user(context):
    request = (context or {}).get("request")
    return getattr(request, "user", None)


class ThemeOut(Schema):
    model_config = ConfigDict(json_schema_extra={"examples": [examples.THEME]})

    id: int
    slug: str
    name: str
    name_en: str
    parent_id: int | None
    colour: str = Field(description="Hex colour, e.g. #2f5f9e.")
    description: str
    keywords: list[str]
    position: int
    active: bool
    initials: str = Field(description="Pinyin initials of the name, for quick filtering.")
    url: str

    @staticmethod
    def resolve_initials(obj) -> str:
        return "".join(lazy_pinyin(obj.name, style=Style.FIRST_LETTER)).lower()

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.get_absolute_url()


class ThemeIn(Schema):
    model_config = ConfigDict(json_schema_extra={"examples": [examples.THEME_IN]})

    name: str = Field(max_length=max_length(Theme, "name"))
    name_en: str = Field("", max_length=max_length(Theme, "name_en"))
    colour: str = Field(description="Hex colour, e.g. #2f5f9e; must keep tinted text readable.")
    parent_id: Id | None = None
    description: str = Field("", max_length=max_length(Theme, "description"))
    keywords: list[str] = Field(default_factory=list, max_length=50)


class ThemePatch(Schema):
    """Only the fields sent are changed."""

    model_config = ConfigDict(json_schema_extra={"examples": [examples.THEME_PATCH]})

    name: str | None = Field(None, max_length=max_length(Theme, "name"))
    name_en: str | None = Field(None, max_length=max_length(Theme, "name_en"))
    colour: str | None = None
    parent_id: Annotated[int, Field(ge=0, le=MAX_ID)] | None = Field(
        None, description="Move under this theme; 0 for top level."
    )
    position: Annotated[int, Field(ge=1, le=MAX_OFFSET)] | None = Field(
        None, description="1-based place among the siblings."
    )
    description: str | None = Field(None, max_length=max_length(Theme, "description"))
    keywords: list[str] | None = None
    active: bool | None = None


class ThemeMergeIn(Schema):
    model_config = ConfigDict(json_schema_extra={"examples": [examples.THEME_MERGE]})

    into_id: Id = Field(description="The theme that survives and receives every passage.")


class AnnotationOut(Schema):
    model_config = ConfigDict(json_schema_extra={"examples": [examples.ANNOTATION]})

    id: int
    paragraph_id: int
    speech_id: int
    paragraph_position: int
    start: int = Field(description="Start offset in Unicode code points within the paragraph.")
    end: int = Field(description="End offset (exclusive), in code points.")
    quote: str
    prefix: str
    suffix: str
    text_hash: str
    note: str
    theme_ids: list[int]
    author: str | None
    created_at: datetime
    updated_at: datetime
    can_change: bool = Field(description="Whether the requesting user may edit or delete it.")
    orphaned_at: datetime | None = Field(
        None,
        description="Set when a new version of the text could not place it: it waits on the "
        "old text for an editor (`POST /api/annotations/{id}/reattach`).",
    )
    rule_id: int | None = Field(
        None,
        description="Its origin when it was not tagged by hand: the search-to-theme rule whose "
        "hit `author` accepted (`GET /api/rules/{id}`).",
    )
    rule: str | None = Field(None, description="That rule's name (its query when unnamed).")

    @staticmethod
    def resolve_rule(obj) -> str | None:
        return str(obj.rule) if obj.rule_id else None

    @staticmethod
    def resolve_speech_id(obj) -> int:
        return obj.paragraph.speech_id

    @staticmethod
    def resolve_paragraph_position(obj) -> int:
        return obj.paragraph.position

    @staticmethod
    def resolve_theme_ids(obj) -> list[int]:
        return [t.pk for t in obj.themes.all()]

    @staticmethod
    def resolve_author(obj) -> str | None:
        return obj.author.get_username() if obj.author else None

    @staticmethod
    def resolve_can_change(obj, context) -> bool:
        user = _user(context)
        return bool(
            user and user.is_authenticated and can_change_annotation(user=user, annotation=obj)
        )


class AnnotationIn(Schema):
    model_config = ConfigDict(json_schema_extra={"examples": [examples.ANNOTATION_IN]})

    paragraph_id: Id
    start: Offset = Field(description="Code points, not UTF-16 units or bytes.")
    end: Offset = Field(description="End offset (exclusive), in code points.")
    quote: str = Field(
        min_length=1,
        max_length=max_length(Annotation, "quote"),
        description="Exactly the paragraph text from start to end.",
    )
    theme_ids: list[Id] = Field(min_length=1, max_length=50)
    note: str = Field("", max_length=max_length(Annotation, "note"))
    text_hash: str | None = Field(
        None, description="The paragraph's text hash the client saw; refused (409) if stale."
    )


class AnnotationPatch(Schema):
    model_config = ConfigDict(json_schema_extra={"examples": [examples.ANNOTATION_PATCH]})

    theme_ids: list[Id] | None = Field(None, min_length=1, max_length=50)
    note: str | None = Field(None, max_length=max_length(Annotation, "note"))


class SuggestionOut(Schema):
    model_config = ConfigDict(json_schema_extra={"examples": [examples.SUGGESTION]})

    paragraph_id: int
    theme_id: int
    keywords: list[str]


class SuggestionAcceptIn(Schema):
    model_config = ConfigDict(json_schema_extra={"examples": [examples.SUGGESTION_ACCEPT]})

    paragraph_id: Id
    theme_id: Id


class CommentOut(Schema):
    model_config = ConfigDict(json_schema_extra={"examples": [examples.COMMENT]})

    id: int
    paragraph_id: int
    parent_id: int | None
    author: str | None
    body: str = Field(description="Plain text; empty when deleted. Escape it before display.")
    created_at: datetime
    edited_at: datetime | None
    deleted: bool
    can_edit: bool
    can_delete: bool

    @staticmethod
    def resolve_author(obj) -> str | None:
        return obj.author.get_username() if obj.author else None

    @staticmethod
    def resolve_deleted(obj) -> bool:
        return obj.is_deleted

    @staticmethod
    def resolve_can_edit(obj, context) -> bool:
        user = _user(context)
        return bool(
            user and user.is_authenticated and not obj.is_deleted and obj.author_id == user.pk
        ) and can_delete_comment(user=user, comment=obj)

    @staticmethod
    def resolve_can_delete(obj, context) -> bool:
        user = _user(context)
        return bool(user and user.is_authenticated and not obj.is_deleted) and can_delete_comment(
            user=user, comment=obj
        )


class CommentIn(Schema):
    model_config = ConfigDict(json_schema_extra={"examples": [examples.COMMENT_IN]})

    paragraph_id: Id
    body: str = Field(min_length=1, max_length=max_length(Comment, "body"))
    parent_id: Id | None = None


class CommentPatch(Schema):
    model_config = ConfigDict(json_schema_extra={"examples": [examples.COMMENT_PATCH]})

    body: str = Field(min_length=1, max_length=max_length(Comment, "body"))


class AgreementCellOut(Schema):
    """One theme for one pair of coders: paragraphs of the speeches both coded."""

    theme_id: int
    theme: str
    both: int = Field(description="Paragraphs both coders tagged with the theme.")
    first_only: int
    second_only: int
    neither: int
    agreement: float | None = Field(description="Share of paragraphs they agree on (0–1).")
    kappa: float | None = Field(description="Cohen's kappa; null when it is undefined.")


class AgreementPairOut(Schema):
    model_config = ConfigDict(json_schema_extra={"examples": [examples.AGREEMENT_PAIR]})

    first: str = Field(description="Coder A's user name.")
    second: str = Field(description="Coder B's user name.")
    speeches: int = Field(description="Speeches both coded.")
    paragraphs: int = Field(description="Their paragraphs: the units compared.")
    mean_kappa: float | None
    first_from_rules: int = Field(
        description="Coder A's passages (in the selected speeches) made by accepting rules' "
        "hits: left out, since only passages coded by hand are a coder's calls."
    )
    second_from_rules: int = Field(description="The same for coder B.")
    themes: list[AgreementCellOut] = Field(description="The themes at least one of them used.")


class ActivityOut(Schema):
    model_config = ConfigDict(json_schema_extra={"examples": [examples.ACTIVITY]})

    id: int
    created_at: datetime
    actor: str | None = Field(description="Who did it; null for a deleted account.")
    verb: str = Field(description="import, tag, untag, edit, comment, theme…")
    summary: str
    target_type: str = Field(description="What it was done to: app.model.")
    target_id: int

    @staticmethod
    def resolve_actor(entry) -> str | None:
        return entry.actor.get_username() if entry.actor else None


class ReattachIn(Schema):
    """Where an orphaned annotation goes: text of a current compilation."""

    model_config = ConfigDict(json_schema_extra={"examples": [examples.REATTACH]})

    paragraph_id: Id
    start: Offset = Field(description="Code points, not UTF-16 units or bytes.")
    end: Offset = Field(description="End offset (exclusive), in code points.")
    quote: str = Field(min_length=1, description="Exactly the paragraph text from start to end.")


# Search-to-theme rules -------------------------------------------------------

RULE_FILTERS_HELP = (
    "The search page's filters as its URL parameters: `speaker`, `named`, `role`, `event`, "
    "`compilation`, `year`, `from`, `to`, `undated`, `theme`, `not_theme`."
)


class RuleOut(Schema):
    model_config = ConfigDict(json_schema_extra={"examples": [examples.RULE]})

    id: int
    name: str
    theme_id: int
    query: str = Field(description="The search, in the search page's query language.")
    whole_words: bool
    filters: dict[str, str] = Field(description=RULE_FILTERS_HELP)
    author: str | None = Field(description="Who saved it; null for a deleted account.")
    created_at: datetime
    last_run_at: datetime | None
    capped: bool = Field(
        description="The last run over the archive found more hits than one run keeps (5,000)."
    )
    accepted: int = Field(description="Hits accepted: each is an annotation of the theme.")
    rejected: int
    pending: int = Field(description="Hits waiting for review.")
    reviewed: int = Field(description="accepted + rejected")
    precision: float | None = Field(description="accepted / reviewed; null before any review.")
    url: str = Field(description="The rule's review page.")

    @staticmethod
    def resolve_filters(obj) -> dict[str, str]:
        from urllib.parse import parse_qsl

        return dict(parse_qsl(obj.filters))

    @staticmethod
    def resolve_author(obj) -> str | None:
        return obj.author.get_username() if obj.author else None

    @staticmethod
    def resolve_reviewed(obj) -> int:
        return obj.accepted + obj.rejected

    @staticmethod
    def resolve_precision(obj) -> float | None:
        reviewed = obj.accepted + obj.rejected
        return obj.accepted / reviewed if reviewed else None

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.get_absolute_url()


RuleQuery = Annotated[str, Field(max_length=200, description="The search, as on the search page.")]
RuleFilters = Annotated[dict[str, Annotated[str, Field(max_length=200)]], Field(max_length=20)]


class RuleIn(Schema):
    model_config = ConfigDict(json_schema_extra={"examples": [examples.RULE_IN]})

    theme_id: Id
    query: RuleQuery
    whole_words: bool = False
    filters: RuleFilters = Field(default_factory=dict, description=RULE_FILTERS_HELP)
    name: str = Field("", max_length=100)


class RulePatch(Schema):
    """Only the fields sent change; a new search drops the hits still waiting and runs again."""

    model_config = ConfigDict(json_schema_extra={"examples": [examples.RULE_PATCH]})

    theme_id: Id | None = None
    query: RuleQuery | None = None
    whole_words: bool | None = None
    filters: RuleFilters | None = Field(None, description=RULE_FILTERS_HELP)
    name: str | None = Field(None, max_length=100)


class RuleRunOut(Schema):
    model_config = ConfigDict(json_schema_extra={"examples": [examples.RULE_RUN]})

    new_hits: int = Field(description="Hits found for the first time: they wait for review.")
    rule: RuleOut


class RuleHitOut(Schema):
    model_config = ConfigDict(json_schema_extra={"examples": [examples.RULE_HIT]})

    id: int
    paragraph_id: int
    speech_id: int
    speech_title: str
    paragraph_position: int
    start: int = Field(description="Code points within the paragraph.")
    end: int
    quote: str = Field(description="The paragraph's text from start to end.")
    before: str = Field(description="Up to 24 characters before the match.")
    after: str = Field(description="Up to 24 characters after it.")
    status: str = Field(description="pending, accepted or rejected.")
    covered_by: int | None = Field(
        description="An annotation of the rule's theme that already holds the span: "
        "accepting the hit then makes no second one."
    )
    annotation_id: int | None = Field(
        description="For an accepted hit: the annotation it made, or the one that held it."
    )
    reviewer: str | None
    reviewed_at: datetime | None
    url: str = Field(description="The paragraph in the reader, the match marked.")


class RuleHitPageOut(Schema):
    items: list[RuleHitOut]
    total: int
    limit: int
    offset: int


class RuleReviewIn(Schema):
    model_config = ConfigDict(json_schema_extra={"examples": [examples.RULE_REVIEW]})

    hit_ids: list[Id] = Field(min_length=1, max_length=200)
    decision: Literal["accept", "reject"] = Field(examples=["accept"])


class RuleReviewOut(Schema):
    model_config = ConfigDict(json_schema_extra={"examples": [examples.RULE_REVIEW_OUT]})

    accepted: int
    rejected: int
    covered: int = Field(description="Accepted hits an annotation of the theme already held.")
    already: int = Field(description="Hits someone had reviewed before: left as they were.")
    stale: int = Field(
        description="Hits whose paragraph no longer holds the match there (its text was "
        "corrected): dropped, not tagged."
    )
    annotation_ids: list[int] = Field(description="The annotations made.")


class RuleAgreementOut(Schema):
    model_config = ConfigDict(json_schema_extra={"examples": [examples.RULE_AGREEMENT]})

    rule_id: int
    coder: str
    hits: str = Field(description="What stands for the rule's calls: `accepted` or `all` hits.")
    speeches: int = Field(description="Speeches the coder coded: the units' speeches.")
    paragraphs: int = Field(description="Their paragraphs: the units compared.")
    coder_from_rules: int = Field(
        description="The coder's passages (in the selected speeches) made by accepting rules' "
        "hits: left out, since only passages coded by hand are the coder's calls."
    )
    theme_id: int
    theme: str
    both: int
    rule_only: int
    coder_only: int
    neither: int
    agreement: float | None
    kappa: float | None
