"""The orphan queue page (editors): annotations a new version could not place,
each with its old text, to re-attach to the new text or to discard."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from accounts.decorators import editor_required
from annotations import services
from annotations.models import Annotation
from annotations.services.orphans import counterpart_speech, reattach_orphan
from core.errors import DomainError
from core.http import require_form_methods
from core.ids import parse_id
from speeches.models import Paragraph

PER_PAGE = 20


@editor_required
@require_form_methods
def orphan_queue(request):
    if request.method == "POST":
        # parse_id: a hand-made form's "abc" names no annotation (404), not a 500.
        # Only orphans: the queue re-attaches and discards what it lists, nothing else.
        annotation = get_object_or_404(
            Annotation.objects.filter(orphaned_at__isnull=False).select_related("paragraph"),
            pk=parse_id(request.POST.get("annotation", "")),
        )
        try:
            if request.POST.get("action") == "discard":
                services.delete_annotation(annotation=annotation, actor=request.user)
                messages.success(request, _("The annotation was discarded."))
            else:
                _reattach(request, annotation)
                messages.success(request, _("The annotation was re-attached."))
        except DomainError as error:
            messages.error(request, error.message)
        return redirect(f"{request.path}?page={request.GET.get('page', 1)}")
    orphans = (
        Annotation.objects.filter(orphaned_at__isnull=False)
        .select_related(
            "author", "paragraph__speech__compilation__superseded_by", "paragraph__moved_to"
        )
        .prefetch_related("themes")
        .order_by("-orphaned_at", "id")
    )
    page = Paginator(orphans, PER_PAGE).get_page(request.GET.get("page"))
    rows = []
    for annotation in page.object_list:
        speech = counterpart_speech(annotation)
        paragraphs = list(speech.paragraphs.for_reader()) if speech is not None else []
        rows.append({"annotation": annotation, "speech": speech, "paragraphs": paragraphs})
    return render(
        request,
        "annotations/orphans.html",
        {"page_obj": page, "rows": rows, "crumbs": [(_("Orphaned annotations"), None)]},
    )


def _reattach(request, annotation: Annotation) -> None:
    """The editor picked a paragraph of the new version and typed (or pasted)
    the words to tag, which must occur once in it."""
    paragraph = get_object_or_404(Paragraph, pk=parse_id(request.POST.get("paragraph", "")))
    words = request.POST.get("quote", "").strip()
    if not words or paragraph.text.count(words) != 1:
        raise DomainError(
            _("“%(text)s” must occur exactly once in the paragraph chosen.") % {"text": words}
        )
    start = paragraph.text.index(words)
    reattach_orphan(
        annotation=annotation,
        paragraph=paragraph,
        start=start,
        end=start + len(words),
        quote=words,
        actor=request.user,
    )
