"""Export pages: the list of everything exportable, the downloads, and the
codebook import. The files are the same as the API's (annotations.exports)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from accounts.decorators import editor_required, read_required
from annotations.exports import formats
from annotations.exports.codebook_import import import_codebook
from annotations.exports.selection import UnknownTarget
from annotations.forms import ExportFilterForm
from annotations.models import Annotation, Theme
from annotations.services.tree import set_subtree_totals, theme_tree
from core.errors import InvalidInput
from speeches.models import Compilation

TOP_SPEAKERS = 30


@read_required
@require_safe
def export_index(request):
    """Everything that can be exported, with a link for each format."""
    compilations = Paginator(
        Compilation.objects.for_listing().order_by("-created_at", "-id"), 25
    ).get_page(request.GET.get("page"))
    counts = Annotation.objects.counts_by_compilation(compilations.object_list)
    for compilation in compilations:
        compilation.passage_count = counts.get(compilation.pk, 0)
        compilation.export_query = urlencode({"compilation": compilation.pk})
    speakers = [
        (speaker, n, urlencode({"speaker": speaker.slug}))
        for speaker, n in Annotation.objects.top_speakers(limit=TOP_SPEAKERS)
    ]
    every = list(Theme.objects.in_tree_order().with_passage_counts())
    themes = theme_tree(every)
    # "A theme includes its sub-themes": each passage once, as the theme's export has it.
    set_subtree_totals(themes, every)
    for node in themes:
        node.export_query = urlencode({"theme": node.theme.slug})
    context = {
        # As the export of all annotations has them: current speeches only.
        "total": Annotation.objects.current().count(),
        "themes": themes,
        "compilations": compilations,
        "speakers": speakers,
        "formats": formats.ANNOTATION_FORMATS,
        "crumbs": [(_("Export"), None)],
    }
    return render(request, "exports/index.html", context)


@read_required
@require_safe
def export_annotations(request, fmt: str):
    """The annotations selected by the query string, as a file in ``fmt``."""
    if fmt not in formats.ANNOTATION_FORMATS:
        raise Http404
    form = ExportFilterForm(request.GET)
    errors = form.param_errors()
    if any(e["code"] == "unknown" for e in errors):
        raise Http404
    if errors:
        return HttpResponseBadRequest(_("The export filters are not valid."))
    try:
        selection = form.selection().resolve()
    except UnknownTarget:
        raise Http404 from None
    return formats.annotations_response(request, selection, fmt)


@read_required
@require_safe
def export_codebook(request):
    """The codebook as a REFI-QDA .qdc file."""
    return formats.codebook_response()


@require_POST
@editor_required
def import_codebook_view(request):
    """Create the themes of an uploaded .qdc codebook; say what happened."""
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Choose a .qdc file to import."))
        return redirect("export_index")
    try:
        result = import_codebook(data=upload.read(), actor=request.user)
    except InvalidInput as refusal:
        problems = "; ".join(
            f"{d['code']}: {d['problem']}" for d in (refusal.details or []) if isinstance(d, dict)
        )
        messages.error(request, f"{refusal.message} {problems}".strip())
        return redirect("export_index")
    messages.success(
        request,
        _("Codebook imported: %(created)d new themes, %(existing)d already there.")
        % {"created": len(result.created), "existing": result.existing},
    )
    if result.recoloured:
        messages.warning(
            request,
            _("These codes got a default colour, as theirs would be hard to read: %(names)s")
            % {"names": "、".join(result.recoloured)},
        )
    return redirect("theme_list")
