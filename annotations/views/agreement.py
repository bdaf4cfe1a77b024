"""The inter-coder agreement page, and the same table as CSV."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from accounts.decorators import read_required
from annotations.models import Annotation
from annotations.services.agreement import compare_coders
from core.csvfile import CSV_TYPE, csv_chunks
from core.downloads import safe_filename, streamed_download
from speeches.filters import SpeechFilterForm
from speeches.models import Compilation, Speech


@read_required
def agreement(request):
    """How far each pair of coders agrees, theme by theme, paragraph by paragraph."""
    form = SpeechFilterForm(request.GET)
    filters = form.filters()
    pairs = compare_coders(Speech.objects.filter(filters.q()))
    if request.GET.get("format") == "csv":
        return _csv(pairs, filters)
    compilations = (
        Compilation.objects.filter(
            pk__in=Annotation.objects.values("paragraph__speech__compilation")
        )
        .order_by("-created_at")
        .only("pk", "title")
    )
    context = {
        "pairs": pairs,
        "form": form,
        "filters": filters,
        "compilations": compilations,
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
        ]
        for pair in pairs
        for cell in pair.tagged_cells
    )
    filename = safe_filename(_("agreement"), *filters.params().values(), extension="csv")
    chunks = csv_chunks(header, rows)
    return streamed_download(chunks, filename=filename, content_type=CSV_TYPE)
