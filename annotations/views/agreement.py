"""The inter-coder agreement page, and the same table as CSV."""

from django.contrib.auth import get_user_model
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from accounts.decorators import read_required
from annotations.models import Annotation, Rule
from annotations.services.agreement import (
    RULE_ACCEPTED,
    RULE_ALL,
    compare_coders,
    compare_rule_with_coder,
    passages_from_rules,
)
from core.csvfile import CSV_TYPE, csv_chunks
from core.downloads import safe_filename, streamed_download
from speeches.filters import SpeechFilterForm
from speeches.models import Compilation, Speech


@read_required
@require_safe
def agreement(request):
    """How far each pair of coders agrees, theme by theme, paragraph by paragraph."""
    form = SpeechFilterForm(request.GET)
    filters = form.filters()
    speeches = Speech.objects.filter(filters.q())
    pairs = compare_coders(speeches)
    if request.GET.get("format") == "csv":
        return _csv(pairs, filters)
    rules = list(Rule.objects.select_related("theme").order_by("-created_at", "-id"))
    coders = list(
        get_user_model()
        .objects.filter(pk__in=Annotation.objects.values("author"))
        .order_by("username")
        .only("pk", "username")
    )
    rule = next((r for r in rules if str(r.pk) == request.GET.get("rule")), None)
    coder = next((c for c in coders if c.get_username() == request.GET.get("coder")), None)
    calls = RULE_ALL if request.GET.get("hits") == RULE_ALL else RULE_ACCEPTED
    versus = (
        compare_rule_with_coder(speeches, rule=rule, coder=coder, calls=calls)
        if rule is not None and coder is not None
        else None
    )
    compilations = (
        Compilation.objects.filter(
            pk__in=Annotation.objects.values("paragraph__speech__compilation")
        )
        .order_by("-created_at")
        .only("pk", "title")
    )
    context = {
        "pairs": pairs,
        # What the pairs leave out, over every coder (one who only accepted
        # rules' hits is in no pair, yet their passages were left out too).
        "from_rules": sum(passages_from_rules(speeches).values()),
        "form": form,
        "filters": filters,
        "compilations": compilations,
        "rules": rules,
        "coders": coders,
        "versus": versus,
        "chosen": {"rule": request.GET.get("rule", ""), "coder": request.GET.get("coder", ""),
                   "hits": calls},
        "csv_query": urlencode({**filters.params(), "format": "csv"}),
        "crumbs": [(_("Themes"), reverse("theme_list")), (_("Agreement between coders"), None)],
    }
    return render(request, "annotations/agreement.html", context)


def _csv(pairs, filters):
    header = [
        _("Theme"),
        _("Coder A"),
        _("Coder B"),
        _("Speeches coded by both"),
        _("Paragraphs compared"),
        _("Both"),
        _("A only"),
        _("B only"),
        _("Neither"),
        _("Agreement"),
        _("Cohen's kappa"),
        # Left out of the comparison, as the page says beside each pair.
        _("Coder A's passages from rules, left out"),
        _("Coder B's passages from rules, left out"),
    ]

    def figure(value: float | None) -> str:
        return "" if value is None else f"{value:.3f}"

    rows = (
        [
            cell.theme.name,
            pair.first.username,
            pair.second.username,
            pair.speeches,
            pair.paragraphs,
            cell.both,
            cell.first_only,
            cell.second_only,
            cell.neither,
            figure(cell.agreement),
            figure(cell.kappa),
            pair.first_from_rules,
            pair.second_from_rules,
        ]
        for pair in pairs
        for cell in pair.tagged_cells
    )
    filename = safe_filename(_("agreement"), *filters.params().values(), extension="csv")
    chunks = csv_chunks(header, rows)
    return streamed_download(chunks, filename=filename, content_type=CSV_TYPE)
