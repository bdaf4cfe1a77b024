"""Search-to-theme rules: a saved search whose hits an editor reviews.

A rule is a query with the search page's filters and a theme. Running it
stores each match (a span of a paragraph, code points) as a ``RuleHit``
waiting for review; nothing is tagged until an editor accepts a hit, which
then becomes an annotation of the theme with the rule as its origin and the
reviewer as its author. A rejected hit is kept as rejected, so running the
rule again (on a new import, ``annotations.tasks``) never asks about it again.

Rules belong to the codebook, which editors share: any editor may change,
run, review or delete any editor's rule (its author is recorded). Readers
see rules and their hits; annotators do not review them, since accepting
a hit tags passages in bulk.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from accounts.activity import record_activity
from accounts.models import Verb
from accounts.roles import can_edit
from annotations.models import (
    RULE_FILTERS_LENGTH,
    RULE_NAME_LENGTH,
    Annotation,
    HitStatus,
    Rule,
    RuleHit,
    Theme,
)
from annotations.services.tagging import tag_passage
from core.errors import DomainError, InvalidInput, NotPermitted
from search.concordance import ContextLine, context_lines, every_hit
from search.extensions import ParagraphFilter, filter_params, paragraph_filters, within
from search.services import MAX_QUERY_LENGTH, SearchQuery, highlight_spans, parse_query
from speeches.filters import FILTERS, SpeechFilterForm, SpeechFilters
from speeches.models import Paragraph

logger = logging.getLogger(__name__)

# Hits one run keeps, at most: a word found a million times makes a rule
# to narrow, not a million lines to review (the rule says it was capped).
MAX_RULE_HITS = 5000
# Hits one review decides at once: a page of them, or a script's batch.
MAX_REVIEW = 200

ACCEPT = "accept"
REJECT = "reject"
DECISIONS = (ACCEPT, REJECT)


@dataclass(frozen=True)
class RuleSearch:
    """A rule's search read back: the query, the speech filters and the
    filters other apps add (a theme), as the search page reads them."""

    query: SearchQuery
    filters: SpeechFilters
    extra: list[ParagraphFilter]

    def params(self) -> dict[str, str]:
        """The filters as the search page's GET parameters (resolved: a speaker by id)."""
        return {**self.filters.params(), **{f.param: f.value for f in self.extra}}

    def within(self, compilation_id: int | None = None) -> Q | None:
        condition = within(self.extra)
        if compilation_id is None:
            return condition
        in_compilation = Q(speech__compilation_id=compilation_id)
        return in_compilation if condition is None else in_compilation & condition


def filter_names() -> tuple[str, ...]:
    """Every filter parameter a rule may keep: the speeches' and the extensions'."""
    return tuple(spec.param for spec in FILTERS) + filter_params()


def read_search(*, query: str, whole_words: bool, filters: Mapping[str, str]) -> RuleSearch:
    """The search a rule would run, or ``InvalidInput`` naming what is wrong:
    an empty or unsearchable query, an unknown filter parameter, a filter
    value naming nothing (a speaker, a compilation, a theme)."""
    text = (query or "").strip()
    if not text:
        raise InvalidInput(_("Give the search the rule runs."), {"field": "query"})
    if len(text) > MAX_QUERY_LENGTH:
        raise InvalidInput(
            _("A query has at most %(n)s characters.") % {"n": MAX_QUERY_LENGTH},
            {"field": "query"},
        )
    parsed = parse_query(text, whole_words=whole_words)
    if not parsed.is_searchable:
        raise InvalidInput(
            _("Nothing to search for: give at least one word that is not excluded."),
            {"field": "query"},
        )
    given = {k: str(v).strip() for k, v in filters.items() if str(v).strip()}
    unknown = sorted(set(given) - set(filter_names()))
    if unknown:
        raise InvalidInput(
            _("Unknown filter: %(names)s") % {"names": ", ".join(unknown)},
            {"field": "filters", "unknown": unknown},
        )
    form = SpeechFilterForm(given)
    errors = form.param_errors()
    if errors:
        raise InvalidInput(errors[0]["msg"], {"field": "filters", "errors": errors})
    extra = paragraph_filters(given)  # UnknownFilterValue is an InvalidInput
    return RuleSearch(query=parsed, filters=form.filters(), extra=extra)


def rule_search(rule: Rule) -> RuleSearch:
    """The search of a saved rule (its filters were checked when it was saved)."""
    return read_search(
        query=rule.query, whole_words=rule.whole_words, filters=dict(parse_qsl(rule.filters))
    )


def rule_query(rule: Rule) -> SearchQuery:
    """The rule's query alone: what its hits mark (no filters to resolve)."""
    return parse_query(rule.query, whole_words=rule.whole_words)


def _encoded(search: RuleSearch) -> str:
    encoded = urlencode(search.params())
    if len(encoded) > RULE_FILTERS_LENGTH:
        raise InvalidInput(_("Too many filters for one rule."), {"field": "filters"})
    return encoded


def _clean_name(name: str) -> str:
    name = (name or "").strip()
    if len(name) > RULE_NAME_LENGTH:
        raise InvalidInput(
            _("A rule's name has at most %(n)s characters.") % {"n": RULE_NAME_LENGTH},
            {"field": "name"},
        )
    return name


def _check_theme(theme: Theme) -> None:
    if not theme.active:
        raise InvalidInput(
            _("These themes are no longer in use: %(names)s") % {"names": theme.name},
            {"field": "theme"},
        )


def _require_editor(actor: User) -> None:
    if not can_edit(actor):
        raise NotPermitted(_("Only editors may make, change or review rules."))


def _summary(rule: Rule) -> str:
    return f"{_('rule')} “{Truncator(rule.query).chars(40)}” → {rule.theme.name}"


def create_rule(
    *,
    actor: User,
    theme: Theme,
    query: str,
    whole_words: bool = False,
    filters: Mapping[str, str] | None = None,
    name: str = "",
) -> Rule:
    """Save a search as a rule for ``theme`` and run it once: its hits wait for review."""
    _require_editor(actor)
    _check_theme(theme)
    search = read_search(query=query, whole_words=whole_words, filters=filters or {})
    with transaction.atomic():
        rule = Rule.objects.create(
            theme=theme,
            name=_clean_name(name),
            query=search.query.text,
            whole_words=whole_words,
            filters=_encoded(search),
            author=actor,
        )
        record_activity(
            actor=actor, verb=Verb.THEME, target=rule, summary=_summary(rule),
            data={"rule": rule.pk, "created": True},
        )
        run_rule(rule=rule)
    return rule


def update_rule(
    *,
    actor: User,
    rule: Rule,
    theme: Theme | None = None,
    query: str | None = None,
    whole_words: bool | None = None,
    filters: Mapping[str, str] | None = None,
    name: str | None = None,
) -> Rule:
    """Change what is given. A new search drops the hits still waiting and
    runs again; reviewed hits stay (a decision on a passage still holds)."""
    _require_editor(actor)
    if theme is not None and theme.pk != rule.theme_id:
        _check_theme(theme)
    new_query = rule.query if query is None else query
    new_whole = rule.whole_words if whole_words is None else whole_words
    new_filters = dict(parse_qsl(rule.filters)) if filters is None else filters
    search = read_search(query=new_query, whole_words=new_whole, filters=new_filters)
    encoded = _encoded(search)
    searched_again = (search.query.text, new_whole, encoded) != (
        rule.query, rule.whole_words, rule.filters
    )
    with transaction.atomic():
        if theme is not None:
            rule.theme = theme
        if name is not None:
            rule.name = _clean_name(name)
        rule.query, rule.whole_words, rule.filters = search.query.text, new_whole, encoded
        rule.save()
        record_activity(
            actor=actor, verb=Verb.THEME, target=rule, summary=_summary(rule),
            data={"rule": rule.pk, "searched_again": searched_again},
        )
        if searched_again:
            rule.hits.pending().delete()
            run_rule(rule=rule)
    return rule


def delete_rule(*, actor: User, rule: Rule) -> None:
    """Delete the rule and its hits; the annotations it made stay (their
    origin is cleared with it)."""
    _require_editor(actor)
    with transaction.atomic():
        record_activity(
            actor=actor, verb=Verb.THEME, target=rule, summary=_summary(rule),
            data={"rule": rule.pk, "deleted": True},
        )
        rule.delete()


def run_rule(*, rule: Rule, compilation_id: int | None = None) -> int:
    """Find the rule's hits (in ``compilation_id`` only, when given) and queue
    those it never found before; returns how many were new.

    A run keeps at most ``MAX_RULE_HITS`` matches (``rule.capped`` says when
    there were more). One query for the ids, one per 500 paragraphs, one to
    write: a fixed cost per batch, not per hit.
    """
    search = rule_search(rule)
    found: list[RuleHit] = []
    capped = False
    hits = every_hit(search.query, search.filters, within=search.within(compilation_id))
    for hit in hits:
        for start, end in hit.spans:
            if len(found) >= MAX_RULE_HITS:
                capped = True
                break
            found.append(RuleHit(rule=rule, paragraph=hit.paragraph, start=start, end=end))
        if capped:
            break
    with transaction.atomic():
        before = rule.hits.count()
        RuleHit.objects.bulk_create(found, ignore_conflicts=True, batch_size=500)
        added = rule.hits.count() - before
        rule.last_run_at = timezone.now()
        # Over the whole archive, the run says whether it saw every hit; a
        # run over one new compilation only ever adds to that.
        rule.capped = capped or (compilation_id is not None and rule.capped)
        Rule.objects.filter(pk=rule.pk).update(last_run_at=rule.last_run_at, capped=rule.capped)
    return added


def rerun_rule(*, actor: User, rule: Rule) -> int:
    """An editor runs the rule again over the archive: how many hits are new."""
    _require_editor(actor)
    return run_rule(rule=rule)


def run_rules_for_compilation(*, compilation_id: int) -> dict[int, int]:
    """Run every rule over a newly imported compilation: rule id -> new hits.

    A rule whose filters no longer resolve (a speaker merged away, a
    compilation deleted) is skipped and logged: the others still run, and
    its page says what to change.
    """
    found = {}
    for rule in Rule.objects.select_related("theme").filter(theme__active=True):
        try:
            found[rule.pk] = run_rule(rule=rule, compilation_id=compilation_id)
        except DomainError as refusal:
            logger.warning("rule %s not run on compilation %s: %s", rule.pk, compilation_id,
                           refusal.message)
    return found


def covering_annotations(
    theme: Theme, hits: Sequence[RuleHit]
) -> dict[int, Annotation]:
    """Hit id -> an annotation of ``theme`` that already holds the hit's span
    (one query for the hits' paragraphs)."""
    paragraphs = {hit.paragraph_id for hit in hits}
    if not paragraphs:
        return {}
    by_paragraph: dict[int, list[Annotation]] = {}
    for annotation in Annotation.objects.filter(
        paragraph_id__in=paragraphs, themes=theme
    ).only("id", "paragraph_id", "start", "end"):
        by_paragraph.setdefault(annotation.paragraph_id, []).append(annotation)
    covered = {}
    for hit in hits:
        for annotation in by_paragraph.get(hit.paragraph_id, ()):
            if annotation.start <= hit.start and hit.end <= annotation.end:
                covered[hit.pk] = annotation
                break
    return covered


@dataclass(frozen=True)
class HitLine:
    """A hit as the review shows it: a concordance line, what already holds it,
    and the paragraph in the reader with the match marked."""

    hit: RuleHit
    context: ContextLine
    covered: Annotation | None
    url: str


def hit_lines(rule: Rule, hits: Sequence[RuleHit]) -> list[HitLine]:
    """The concordance lines of ``hits`` (read with ``RuleHitQuerySet.for_review``),
    one more query for the annotations that cover them."""
    covered = covering_annotations(rule.theme, hits)
    hl = rule_query(rule)
    return [
        HitLine(
            hit=hit,
            context=context_lines(hit.paragraph.text, [(hit.start, hit.end)])[0],
            covered=covered.get(hit.pk),
            url=hit.paragraph.reader_url(str(hl)),
        )
        for hit in hits
    ]


@dataclass(frozen=True)
class ReviewOutcome:
    accepted: int  # hits accepted now
    rejected: int  # hits rejected now
    created: list[int]  # the annotations made (ids)
    covered: int  # accepted hits an annotation of the theme already held
    already: int  # hits someone had reviewed before
    stale: int = 0  # hits whose paragraph no longer holds the match there: dropped


def review_hits(
    *, actor: User, rule: Rule, hit_ids: Sequence[int], decision: str
) -> ReviewOutcome:
    """Accept or reject the hits ``hit_ids`` of ``rule``, all or nothing.

    Accepting tags the hit's span with the rule's theme (the reviewer is the
    author, the rule the origin), unless an annotation of the theme already
    holds it: then the hit points at that one and nothing is duplicated.
    Hits already reviewed are left as they are (two reviewers at once, a
    form sent twice). An id that is not a hit of this rule refuses the whole
    request and writes nothing.
    """
    _require_editor(actor)
    if decision not in DECISIONS:
        raise InvalidInput(_("Say accept or reject."), {"field": "decision"})
    ids = list(dict.fromkeys(hit_ids))
    if not ids:
        raise InvalidInput(_("Choose at least one hit."), {"field": "hits"})
    if len(ids) > MAX_REVIEW:
        raise InvalidInput(
            _("At most %(n)s hits at once.") % {"n": MAX_REVIEW}, {"field": "hits"}
        )
    if decision == ACCEPT:
        _check_theme(rule.theme)
    now = timezone.now()
    accepted = rejected = covered_count = already = 0
    stale: list[RuleHit] = []
    created: list[int] = []
    with transaction.atomic():
        hits = list(
            RuleHit.objects.select_for_update().filter(rule=rule, pk__in=ids).order_by("id")
        )
        missing = sorted(set(ids) - {hit.pk for hit in hits})
        if missing:
            raise InvalidInput(_("These are not hits of this rule."), {"hits": missing})
        waiting = [hit for hit in hits if hit.status == HitStatus.PENDING]
        already = len(hits) - len(waiting)
        if decision == REJECT:
            RuleHit.objects.filter(pk__in=[h.pk for h in waiting]).update(
                status=HitStatus.REJECTED, reviewer=actor, reviewed_at=now
            )
            rejected = len(waiting)
        else:
            paragraphs = Paragraph.objects.in_bulk({h.paragraph_id for h in waiting})
            # A paragraph whose text was corrected since the run may no longer
            # hold the match at those offsets: such a hit is dropped, not
            # tagged (running the rule again finds it where it now is).
            needles = rule_query(rule).needles
            spans = {
                pk: set(highlight_spans(p.text, needles)) for pk, p in paragraphs.items()
            }
            stale = [h for h in waiting if (h.start, h.end) not in spans[h.paragraph_id]]
            if stale:
                RuleHit.objects.filter(pk__in=[h.pk for h in stale]).delete()
                waiting = [h for h in waiting if h not in stale]
            held = covering_annotations(rule.theme, waiting)
            made: list[Annotation] = []
            for hit in waiting:
                covering = held.get(hit.pk) or next(
                    (
                        a
                        for a in made
                        if a.paragraph_id == hit.paragraph_id
                        and a.start <= hit.start
                        and hit.end <= a.end
                    ),
                    None,
                )
                if covering is None:
                    paragraph = paragraphs[hit.paragraph_id]
                    covering = tag_passage(
                        paragraph=paragraph,
                        start=hit.start,
                        end=hit.end,
                        quote=paragraph.text[hit.start : hit.end],
                        themes=[rule.theme],
                        author=actor,
                        rule=rule,
                    )
                    created.append(covering.pk)
                    made.append(covering)
                else:
                    covered_count += 1
                hit.status, hit.reviewer, hit.reviewed_at = HitStatus.ACCEPTED, actor, now
                hit.annotation = covering
            RuleHit.objects.bulk_update(
                waiting, ["status", "reviewer", "reviewed_at", "annotation"]
            )
            accepted = len(waiting)
    return ReviewOutcome(
        accepted=accepted,
        rejected=rejected,
        created=created,
        covered=covered_count,
        already=already,
        stale=len(stale),
    )


@dataclass(frozen=True)
class Figures:
    accepted: int
    rejected: int
    pending: int

    @property
    def reviewed(self) -> int:
        return self.accepted + self.rejected

    @property
    def precision(self) -> float | None:
        """Accepted / reviewed; None before any review."""
        return self.accepted / self.reviewed if self.reviewed else None


def figures_of(rule: Rule) -> Figures:
    """The rule's hits by status: from ``RuleQuerySet.with_figures`` when it
    was read that way, else counted (one query)."""
    # The counts are annotations of the query, which the model's type does not know.
    counted: Any = (
        rule if hasattr(rule, "pending") else Rule.objects.with_figures().get(pk=rule.pk)
    )
    return Figures(counted.accepted, counted.rejected, counted.pending)
