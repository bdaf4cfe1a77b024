"""The rules API: search-to-theme rules, their hits and their review.

The same operations as the rule pages (annotations/views/rules.py), with the
same permissions: readers list rules, hits and figures; editors save, change,
run, review and delete them (any editor's rule).
"""

from typing import Literal

from django.contrib.auth import get_user_model
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from accounts.api_auth import editor_auth, reader_auth
from annotations.models import HitStatus, Rule, Theme
from annotations.schemas import (
    RuleAgreementOut,
    RuleHitPageOut,
    RuleIn,
    RuleOut,
    RulePatch,
    RuleReviewIn,
    RuleReviewOut,
    RuleRunOut,
)
from annotations.services import rules as services
from annotations.services.agreement import RULE_ACCEPTED, compare_rule_with_coder
from annotations.services.rules import hit_lines
from config.errors import ErrorOut
from core.errors import InvalidInput
from core.pagination import DEFAULT_LIMIT, MAX_LIMIT, MAX_OFFSET, LimitOffset
from core.params import PathId
from speeches.api.filters import FILTERS_HELP, SpeechFilterParams
from speeches.models import Speech

router = Router(tags=["rules"])

ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


def _theme(pk: int) -> Theme:
    theme = Theme.objects.filter(pk=pk).first()
    if theme is None:
        raise InvalidInput(_("Unknown theme."), {"theme_id": pk})
    return theme


def _rule(pk: int) -> Rule:
    return get_object_or_404(Rule.objects.with_figures(), pk=pk)


@router.get(
    "/rules",
    response={200: list[RuleOut], **ERRORS},
    auth=reader_auth,
    operation_id="list_rules",
    summary="List search-to-theme rules",
    description="Every rule, newest first, with its figures: hits accepted, rejected and "
    "waiting, and its precision so far (accepted / reviewed). Readers and above, as the page.",
)
@paginate(LimitOffset)
def list_rules(request: HttpRequest):
    return Rule.objects.with_figures()


@router.get(
    "/rules/{rule_id}",
    response={200: RuleOut, **ERRORS},
    auth=reader_auth,
    operation_id="get_rule",
    summary="One rule with its figures",
    description="A rule by id: its search, theme and figures (accepted, rejected, waiting, "
    "precision). Readers and above, as the page.",
)
def get_rule(request: HttpRequest, rule_id: PathId):
    return _rule(rule_id)


@router.post(
    "/rules",
    response={201: RuleOut, **ERRORS},
    auth=editor_auth,
    operation_id="create_rule",
    summary="Save a search as a rule for a theme (editors)",
    description=(
        "The search runs at once: each match (a span of a paragraph) waits for review; "
        "nothing is tagged until it is accepted. `query` as on the search page; an empty "
        "query, one with nothing to search for (`-经济` alone), an unknown filter or theme "
        "is refused (422) and nothing is saved. A run keeps at most 5,000 hits (`capped`)."
    ),
)
def create_rule(request: HttpRequest, data: RuleIn):
    rule = services.create_rule(
        actor=request.auth,
        theme=_theme(data.theme_id),
        query=data.query,
        whole_words=data.whole_words,
        filters=data.filters,
        name=data.name,
    )
    return Status(201, _rule(rule.pk))


@router.patch(
    "/rules/{rule_id}",
    response={200: RuleOut, **ERRORS},
    auth=editor_auth,
    operation_id="update_rule",
    summary="Change a rule (editors)",
    description="Only the fields sent change. A new search (query, whole words, filters) "
    "drops the hits still waiting and runs again; reviewed hits stay reviewed.",
)
def update_rule(request: HttpRequest, rule_id: PathId, data: RulePatch):
    rule = _rule(rule_id)
    services.update_rule(
        actor=request.auth,
        rule=rule,
        theme=_theme(data.theme_id) if data.theme_id is not None else None,
        query=data.query,
        whole_words=data.whole_words,
        filters=data.filters,
        name=data.name,
    )
    return _rule(rule.pk)


@router.delete(
    "/rules/{rule_id}",
    response={204: None, **ERRORS},
    auth=editor_auth,
    operation_id="delete_rule",
    summary="Delete a rule (editors)",
    description="Its hits go with it; the annotations it made stay (without an origin).",
)
def delete_rule(request: HttpRequest, rule_id: PathId):
    services.delete_rule(actor=request.auth, rule=_rule(rule_id))
    return Status(204, None)


@router.post(
    "/rules/{rule_id}/run",
    response={200: RuleRunOut, **ERRORS},
    auth=editor_auth,
    operation_id="run_rule",
    summary="Run a rule again over the archive (editors)",
    description="Hits found for the first time wait for review; those already reviewed "
    "are never asked again. Rules also run by themselves on every new import.",
)
def run_rule(request: HttpRequest, rule_id: PathId):
    rule = _rule(rule_id)
    new = services.rerun_rule(actor=request.auth, rule=rule)
    return {"new_hits": new, "rule": _rule(rule.pk)}


class HitFilter(Schema):
    status: Literal["pending", "accepted", "rejected"] = Field(
        "pending", description="Which hits: those waiting (default) or those reviewed."
    )
    limit: int = Field(
        DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Items per page.", examples=[20]
    )
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Items to skip.", examples=[0])


@router.get(
    "/rules/{rule_id}/hits",
    response={200: RuleHitPageOut, **ERRORS},
    auth=reader_auth,
    operation_id="list_rule_hits",
    summary="A rule's hits, waiting or reviewed",
    description="In reading order (speech date, speech, paragraph, offset), each with the "
    "words around it as the concordance shows them, and `covered_by`: an annotation of the "
    "theme that already holds it. Readers and above, as the review page.",
)
def list_rule_hits(request: HttpRequest, rule_id: PathId, filters: Query[HitFilter]):
    rule = get_object_or_404(Rule.objects.select_related("theme"), pk=rule_id)
    hits = rule.hits.filter(status=HitStatus(filters.status)).for_review()
    page = list(hits.select_related("reviewer")[filters.offset : filters.offset + filters.limit])
    return {
        "items": [
            {
                "id": line.hit.pk,
                "paragraph_id": line.hit.paragraph_id,
                "speech_id": line.hit.paragraph.speech_id,
                "speech_title": line.hit.paragraph.speech.title,
                "paragraph_position": line.hit.paragraph.position,
                "start": line.hit.start,
                "end": line.hit.end,
                "quote": line.context.match,
                "before": line.context.before,
                "after": line.context.after,
                "status": line.hit.status,
                "covered_by": line.covered.pk if line.covered else None,
                "annotation_id": line.hit.annotation_id,
                "reviewer": line.hit.reviewer.get_username() if line.hit.reviewer else None,
                "reviewed_at": line.hit.reviewed_at,
                "url": line.url,
            }
            for line in hit_lines(rule, page)
        ],
        "total": hits.count(),
        "limit": filters.limit,
        "offset": filters.offset,
    }


@router.post(
    "/rules/{rule_id}/review",
    response={200: RuleReviewOut, **ERRORS},
    auth=editor_auth,
    operation_id="review_rule_hits",
    summary="Accept or reject hits of a rule (editors)",
    description=(
        "`decision`: `accept` tags each hit's span with the rule's theme (you are its "
        "author, the rule its origin), unless an annotation of the theme already holds it "
        "(`covered`: none is duplicated); `reject` remembers it, so it is never asked again. "
        "At most 200 hits at once; an id that is not a hit of this rule refuses the whole "
        "request (422) and nothing is written. Hits already reviewed are left as they were. "
        "A hit whose paragraph was corrected since and no longer holds the match there is "
        "dropped (`stale`); running the rule again finds it where it now is."
    ),
)
def review_rule_hits(request: HttpRequest, rule_id: PathId, data: RuleReviewIn):
    rule = get_object_or_404(Rule.objects.select_related("theme"), pk=rule_id)
    outcome = services.review_hits(
        actor=request.auth, rule=rule, hit_ids=data.hit_ids, decision=data.decision
    )
    return {
        "accepted": outcome.accepted,
        "rejected": outcome.rejected,
        "covered": outcome.covered,
        "already": outcome.already,
        "stale": outcome.stale,
        "annotation_ids": outcome.created,
    }


class RuleAgreementFilter(SpeechFilterParams):
    coder: str = Field(
        ..., min_length=1, max_length=150, description="The coder's user name.",
        examples=["wangfang"],
    )
    hits: Literal["accepted", "all"] = Field(
        RULE_ACCEPTED,
        description="The rule's calls: its accepted hits, or every hit it found.",
    )


@router.get(
    "/rules/{rule_id}/agreement",
    response={200: RuleAgreementOut, **ERRORS},
    auth=reader_auth,
    operation_id="get_rule_agreement",
    summary="Agreement between a rule and a coder",
    description=(
        "The rule as a pseudo-coder of its theme against a person, as on the agreement "
        "page: over the paragraphs of the speeches the coder tagged, those both, one or "
        "neither tagged with the theme, percentage agreement and Cohen's kappa. "
        "`hits=accepted` (default) counts the rule's accepted hits, `hits=all` every hit it "
        "found. The coder's calls are the passages tagged by hand: those accepted from "
        "this rule count as the rule's, those from other rules are left out "
        "(`coder_from_rules`). "
        + FILTERS_HELP
    ),
)
def get_rule_agreement(request: HttpRequest, rule_id: PathId, filters: Query[RuleAgreementFilter]):
    rule = get_object_or_404(Rule.objects.select_related("theme"), pk=rule_id)
    coder = get_user_model().objects.filter(username=filters.coder).first()
    if coder is None:
        raise InvalidInput(
            _("The request is not valid."),
            [{"loc": ["query", "coder"], "msg": _("There is no such user.")}],
        )
    speeches = Speech.objects.filter(filters.filters().q())
    result = compare_rule_with_coder(speeches, rule=rule, coder=coder, calls=filters.hits)
    cell = result.cell
    return {
        "rule_id": rule.pk,
        "coder": coder.get_username(),
        "hits": filters.hits,
        "speeches": result.speeches,
        "paragraphs": result.paragraphs,
        "coder_from_rules": result.coder_from_rules,
        "theme_id": rule.theme_id,
        "theme": rule.theme.name,
        "both": cell.both,
        "rule_only": cell.first_only,
        "coder_only": cell.second_only,
        "neither": cell.neither,
        "agreement": cell.agreement,
        "kappa": cell.kappa,
    }
