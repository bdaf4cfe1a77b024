"""Text-reuse pages: the archive's pairs with the most shared text (and the
run that computed them), one speech's text found elsewhere, two speeches
side by side. Each view reads its form and calls ``analysis.services.reuse``."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from accounts.decorators import editor_required, read_required
from accounts.roles import Role, has_role
from analysis.forms import ReuseForm, ReuseRunForm
from analysis.services import reuse
from analysis.views.pages import _tabs
from core.chinese import chinese
from core.errors import DomainError
from core.ids import MAX_ID
from speeches.filters import filter_chips, querystring
from speeches.models import Compilation, Speaker, Speech

PAGE_SIZE = 50


def _crumbs(*more):
    return [(_("Analysis"), reverse("analysis_crosstab")), *more]


def _status() -> dict:
    """The newest run (its progress while it works) and when the results were computed."""
    run = reuse.latest_run()
    return {
        "run": run,
        "working": run is not None and not run.finished,
        "computed_at": reuse.computed_at(),
    }


@read_required
@require_safe
def reuse_page(request):
    form = ReuseForm(request.GET)
    filters = form.filters()
    pairs = reuse.top_pairs(filters=filters)
    page = Paginator(pairs, PAGE_SIZE).get_page(request.GET.get("page"))
    params = filters.params()
    status = _status()
    return render(
        request,
        "analysis/reuse.html",
        {
            "form": form,
            "page_obj": page,
            "pairs": page.object_list,
            "chips": filter_chips(filters),
            "query": querystring(params),
            "run_form": ReuseRunForm(initial={"min_characters": reuse.default_min_characters()})
            if has_role(request.user, Role.EDITOR)
            else None,
            "tabs": _tabs("reuse"),
            "crumbs": _crumbs((_("Text reuse"), None)),
            "speakers": Speaker.objects.current().order_by("name").only("pk", "name", "slug"),
            "compilations": Compilation.objects.current()
            .order_by("-created_at")
            .only("pk", "title"),
            **status,
        },
    )


@require_POST
@editor_required
def reuse_start(request):
    form = ReuseRunForm(request.POST)
    if form.is_valid():
        try:
            reuse.start_run(user=request.user, min_characters=form.cleaned_data["min_characters"])
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The run is queued; this page shows its progress."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("analysis_reuse")


@read_required
@require_safe
def speech_reuse_page(request, pk: int):
    speech = get_object_or_404(Speech.objects.current().for_listing(), pk=pk)
    form = ReuseForm(request.GET)
    shortest = form.value("min") or 0
    paragraph = form.value("paragraph")
    found = reuse.speech_reuse(speech=speech, min_characters=shortest, paragraph=paragraph)
    return render(
        request,
        "analysis/reuse_speech.html",
        {
            "speech": speech,
            "found": found,
            "share": round(100 * found.share, 1),
            "paragraph": paragraph,
            "computed_at": reuse.computed_at(),
            "crumbs": _crumbs(
                (_("Text reuse"), reverse("analysis_reuse")), (chinese(speech.title), None)
            ),
        },
    )


@read_required
@require_safe
def compare_page(request, left: int, right: int):
    # The path takes any digits; an IN lookup, unlike an exact one, sends an
    # id past the column's range to the database, which fails on it.
    if max(left, right) > MAX_ID:
        raise Http404
    speeches = Speech.objects.for_listing().in_bulk([left, right])
    if left not in speeches or right not in speeches:
        raise Http404
    try:
        comparison = reuse.compare(left=speeches[left], right=speeches[right])
    except DomainError as error:
        status = 404 if error.code == "not-found" else 400
        return render(
            request, "analysis/reuse_refused.html", {"message": error.message}, status=status
        )
    return render(
        request,
        "analysis/reuse_compare.html",
        {
            "comparison": comparison,
            "computed_at": reuse.computed_at(),
            "crumbs": _crumbs(
                (_("Text reuse"), reverse("analysis_reuse")),
                (_("Side by side"), None),
            ),
        },
    )
