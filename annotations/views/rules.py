"""The rule pages: the list, saving a search as a rule, reviewing its hits.

Readers see rules and their hits; editors save, change, run, review and
delete them (any editor's rule: the codebook is shared). Every write is a
POST form that works without JavaScript; ``static/js/rule_review.js`` adds
the keyboard (j/k, a/r) on top of the same forms.
"""

from urllib.parse import parse_qsl

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from accounts.decorators import editor_required, read_required
from annotations.forms import RuleForm
from annotations.models import Rule
from annotations.services import rules as services
from core.errors import DomainError
from core.http import require_form_methods
from core.ids import parse_id

HITS_PER_PAGE = 20


def _crumbs(*more):
    return [(_("Themes"), reverse("theme_list")), (_("Rules"), reverse("rule_list")), *more]


@read_required
@require_safe
def rule_list(request):
    """Every rule with its precision so far and the hits waiting."""
    rules = list(Rule.objects.with_figures())
    rows = [(rule, services.figures_of(rule)) for rule in rules]
    return render(
        request,
        "annotations/rule_list.html",
        {"rows": rows, "crumbs": [(_("Themes"), reverse("theme_list")), (_("Rules"), None)]},
    )


def _search_of(params) -> dict:
    """The search a rule would keep, from the search page's parameters."""
    names = services.filter_names()
    return {
        "query": params.get("q", params.get("query", "")),
        "whole_words": params.get("whole") == "1" or params.get("whole_words") in ("on", "1"),
        "filters": {k: v for k, v in params.items() if k in names and v},
    }


@editor_required
@require_form_methods
def rule_create(request):
    """Save the search the page came from (its query and filters) as a rule."""
    search = _search_of(request.POST if request.method == "POST" else request.GET)
    status = 200
    error = ""
    if request.method == "POST":
        form = RuleForm(request.POST)
        if form.is_valid():
            try:
                rule = services.create_rule(
                    actor=request.user,
                    theme=form.cleaned_data["for_theme"],
                    query=form.cleaned_data["query"],
                    whole_words=form.cleaned_data["whole_words"],
                    filters=search["filters"],
                    name=form.cleaned_data["name"],
                )
            except DomainError as refusal:
                error, status = refusal.message, 422
            else:
                figures = services.figures_of(rule)
                messages.success(
                    request,
                    ngettext(
                        "The rule was saved: %(n)s hit waits for review.",
                        "The rule was saved: %(n)s hits wait for review.",
                        figures.pending,
                    )
                    % {"n": figures.pending},
                )
                return redirect(rule.get_absolute_url())
        else:
            status = 422
    else:
        form = RuleForm(
            initial={"query": search["query"], "whole_words": search["whole_words"]}
        )
    try:
        chips = _chips(search["filters"])
    except DomainError as refusal:
        chips, error, status = [], refusal.message, 422
    return render(
        request,
        "annotations/rule_form.html",
        {
            "form": form,
            "filters": search["filters"],
            "chips": chips,
            "error": error,
            "search_url": reverse("search_page") + "?" + urlencode(
                {"q": search["query"], **search["filters"]}
            ),
            "crumbs": _crumbs((_("New rule"), None)),
        },
        status=status,
    )


def _chips(filters: dict) -> list[str]:
    """The filters in force, named as the search page names them."""
    if not filters:
        return []
    search = services.read_search(query="x", whole_words=False, filters=filters)
    return [f.label for f in search.filters.active()] + [f.label for f in search.extra]


def _page_number(request) -> int:
    return max(1, parse_id(request.GET.get("page", "")) or 1)


@read_required
@require_safe
def rule_review(request, pk: int):
    """The rule's hits waiting for review, as concordance lines, a page at a time."""
    rule = get_object_or_404(Rule.objects.with_figures(), pk=pk)
    hits = rule.hits.pending().for_review()
    page = Paginator(hits, HITS_PER_PAGE).get_page(_page_number(request))
    lines = services.hit_lines(rule, list(page.object_list))
    try:
        chips, broken = _chips(dict(parse_qsl(rule.filters))), ""
    except DomainError as refusal:
        # A filter names what no longer exists (a speaker merged away).
        chips, broken = [], refusal.message
    return render(
        request,
        "annotations/rule_review.html",
        {
            "rule": rule,
            "figures": services.figures_of(rule),
            "chips": chips,
            "broken": broken,
            "lines": lines,
            "page_obj": page,
            "max_hits": services.MAX_RULE_HITS,
            "crumbs": _crumbs((str(rule), None)),
        },
    )


@editor_required
@require_POST
def rule_decide(request, pk: int):
    """Accept or reject the hits the form names (a line's, or a page's)."""
    rule = get_object_or_404(Rule.objects.select_related("theme"), pk=pk)
    ids = [parse_id(value) for value in request.POST.getlist("hit")]
    back = rule.get_absolute_url()
    page = parse_id(request.POST.get("page", ""))
    if page and page > 1:
        back += "?" + urlencode({"page": page})
    try:
        if any(pk is None for pk in ids):
            raise DomainError(_("These are not hits of this rule."))
        outcome = services.review_hits(
            actor=request.user,
            rule=rule,
            hit_ids=[pk for pk in ids if pk is not None],
            decision=request.POST.get("decision", ""),
        )
    except DomainError as refusal:
        return render(
            request,
            "annotations/rule_refused.html",
            {"rule": rule, "message": refusal.message, "back": back,
             "crumbs": _crumbs((str(rule), back), (_("Review"), None))},
            status=422,
        )
    if outcome.accepted:
        messages.success(
            request,
            ngettext(
                "%(n)s hit accepted.", "%(n)s hits accepted.", outcome.accepted
            ) % {"n": outcome.accepted},
        )
    if outcome.rejected:
        messages.success(
            request,
            ngettext(
                "%(n)s hit rejected.", "%(n)s hits rejected.", outcome.rejected
            ) % {"n": outcome.rejected},
        )
    if outcome.stale:
        messages.warning(
            request,
            ngettext(
                "%(n)s hit was dropped: its paragraph was corrected since. Run the rule again "
                "to find it where it now is.",
                "%(n)s hits were dropped: their paragraphs were corrected since. Run the rule "
                "again to find them where they now are.",
                outcome.stale,
            ) % {"n": outcome.stale},
        )
    return redirect(back)


@editor_required
@require_form_methods
def rule_edit(request, pk: int):
    """Rename a rule, give it another theme or another search."""
    rule = get_object_or_404(Rule.objects.select_related("theme"), pk=pk)
    status, error = 200, ""
    if request.method == "POST":
        form = RuleForm(request.POST)
        if form.is_valid():
            try:
                services.update_rule(
                    actor=request.user,
                    rule=rule,
                    theme=form.cleaned_data["for_theme"],
                    query=form.cleaned_data["query"],
                    whole_words=form.cleaned_data["whole_words"],
                    filters=None if form.cleaned_data["keep_filters"] else {},
                    name=form.cleaned_data["name"],
                )
            except DomainError as refusal:
                error, status = refusal.message, 422
            else:
                messages.success(request, _("The rule was saved."))
                return redirect(rule.get_absolute_url())
        else:
            status = 422
    else:
        form = RuleForm(
            initial={
                "for_theme": rule.theme,
                "name": rule.name,
                "query": rule.query,
                "whole_words": rule.whole_words,
                "keep_filters": True,
            }
        )
    filters = dict(parse_qsl(rule.filters))
    try:
        chips = _chips(filters)
    except DomainError as refusal:
        chips, error = [], error or refusal.message
    return render(
        request,
        "annotations/rule_form.html",
        {
            "form": form,
            "rule": rule,
            "filters": {},
            "chips": chips,
            "error": error,
            "search_url": reverse("search_page") + "?" + urlencode({"q": rule.query, **filters}),
            "crumbs": _crumbs((str(rule), rule.get_absolute_url()), (_("Change"), None)),
        },
        status=status,
    )


@editor_required
@require_POST
def rule_run(request, pk: int):
    """Run the rule again over the archive: new hits join the queue."""
    rule = get_object_or_404(Rule.objects.select_related("theme"), pk=pk)
    try:
        new = services.rerun_rule(actor=request.user, rule=rule)
    except DomainError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request,
            ngettext("%(n)s new hit.", "%(n)s new hits.", new) % {"n": new},
        )
    return redirect(rule.get_absolute_url())


@editor_required
@require_POST
def rule_delete(request, pk: int):
    """Delete the rule and its hits; the annotations it made stay."""
    rule = get_object_or_404(Rule, pk=pk)
    services.delete_rule(actor=request.user, rule=rule)
    messages.success(request, _("The rule was deleted."))
    return redirect("rule_list")

