"""Compilation pages: the list, one compilation, and uploading a new one.

Uploading takes two steps. The file is parsed and held privately
(``speeches.services.pending``) while the editor reviews the preview and corrects
metadata and headings; confirming starts an import job on the held bytes
as corrected (``speeches.services.imports.confirm_upload``), whose page
shows its progress until the compilation is there.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.timezone import localtime
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from accounts.decorators import editor_required, read_required
from accounts.roles import can_edit
from core.chinese import chinese
from core.http import require_form_methods
from speeches.forms.edit import BulkEditForm
from speeches.forms.upload import UploadForm, UploadPreviewForm
from speeches.models import Compilation, ImportJob, Speaker
from speeches.services.imports import (
    UploadRefused,
    compilation_title,
    confirm_upload,
    parse_pending,
    read_file,
)
from speeches.services.pending import discard_pending, get_pending, hold_upload
from speeches.services.retire import can_delete_for_good, can_restore, restorable_until
from speeches.services.versions import (
    NOT_CURRENT,
    VersionRefused,
    counterpart_values,
    looks_like,
)

PAGE_SIZE = 25

# ?sort= value -> ordering; the first is the default.
SORTS = {
    "-created": ["-created_at", "-id"],
    "created": ["created_at", "id"],
    "title": ["title", "id"],
    "-title": ["-title", "-id"],
    "-speeches": ["-speech_count", "-created_at", "-id"],
    "speeches": ["speech_count", "-created_at", "-id"],
}


@read_required
@require_safe
def compilation_list(request):
    """Every imported compilation, newest first (or sorted), 25 to a page."""
    sort = request.GET.get("sort", "-created")
    if sort not in SORTS:
        sort = "-created"
    compilations = Compilation.objects.current().for_listing().order_by(*SORTS[sort])
    page = Paginator(compilations, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "speeches/compilation_list.html",
        {
            "page_obj": page,
            "compilations": page.object_list,
            "sort": sort,
            # Editors see what was withdrawn, to restore it (or delete it, administrators).
            "withdrawn": list(
                Compilation.objects.withdrawn().for_listing().order_by("-withdrawn_at")
            )
            if can_edit(request.user)
            else [],
            "crumbs": [(_("Compilations"), None)],
        },
    )


@read_required
@require_safe
def compilation_detail(request, pk: int):
    """A compilation and its speeches: metadata, size and the parser's warnings."""
    compilation = get_object_or_404(Compilation.objects.for_listing(), pk=pk)
    speeches = list(
        compilation.speeches.for_listing().with_paragraph_counts().order_by("position")
    )
    return render(
        request,
        "speeches/compilation_detail.html",
        {
            "compilation": compilation,
            "speeches": speeches,
            "warned_speeches": [speech for speech in speeches if speech.warnings],
            "warning_count": sum(len(speech.warnings) for speech in speeches),
            "paragraph_total": sum(speech.paragraph_count for speech in speeches),
            "export_query": urlencode({"compilation": compilation.pk}),
            **_bulk_edit_context(request, speeches),
            "restorable_until": restorable_until(compilation),
            "can_restore": can_restore(compilation),
            "can_delete_for_good": can_delete_for_good(compilation),
            "crumbs": [
                (_("Compilations"), reverse("compilation_list")),
                (chinese(compilation.title), None),
            ],
        },
    )


@editor_required
@require_form_methods
def compilation_upload(request):
    """Choose a file; a file the parser reads is held and its preview shown."""
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            read = read_file(file=form.cleaned_data["file"])
        except UploadRefused as refusal:
            form.refuse(refusal)
        else:
            existing = Compilation.objects.filter(sha256=read.parsed.sha256).defer("text").first()
            if existing is not None:
                return _redirect_to_existing(request, existing)
            pending = hold_upload(
                session=request.session,
                user_id=request.user.pk,
                data=read.data,
                filename=form.cleaned_data["file"].name,
                title=form.cleaned_data["title"],
                parsed=read.parsed,
            )
            return redirect("compilation_upload_preview", token=pending.token)
    return render(
        request,
        "speeches/upload.html",
        {
            "form": form,
            "crumbs": [
                (_("Compilations"), reverse("compilation_list")),
                (_("Upload"), None),
            ],
        },
    )


@editor_required
@require_form_methods
def compilation_upload_preview(request, token: str):
    """What the parser read, to correct and confirm (or discard)."""
    pending = get_pending(session=request.session, user_id=request.user.pk, token=token)
    if pending is None:
        messages.warning(
            request,
            _(
                "That upload is no longer waiting: it was imported, discarded or has expired. "
                "Upload the file again."
            ),
        )
        return redirect("compilation_upload")
    if request.method == "POST" and request.POST.get("action") == "discard":
        discard_pending(session=request.session, token=token)
        messages.info(
            request, _("The upload of %(name)s was discarded.") % {"name": pending.filename}
        )
        return redirect("compilation_upload")

    try:
        parsed = parse_pending(pending=pending)
    except UploadRefused as refusal:  # the limits changed since the file was held
        discard_pending(session=request.session, token=token)
        messages.error(request, refusal.message)
        return redirect("compilation_upload")

    match = looks_like(
        [p.text for speech in parsed.speeches for p in speech.paragraphs],
        title=compilation_title(parsed, pending.title),
    )
    current = (
        counterpart_values(compilation=match.compilation, speeches=parsed.speeches)
        if match is not None
        else []
    )
    form = UploadPreviewForm(parsed, request.POST or None, title=pending.title, current=current)
    if request.method == "POST" and form.is_valid():
        # The editor's choice: a new version of the compilation it looks like,
        # or (also when nothing is chosen) a compilation of its own.
        choice = request.POST.get("version", "")
        chosen = match is not None and choice == f"new-{match.compilation.pk}"
        if choice.startswith("new-") and not chosen:
            # The compilation chosen in the preview was withdrawn or given a
            # newer version since: never import as a separate one unasked.
            messages.error(request, str(NOT_CURRENT))
            return redirect("compilation_upload_preview", token=pending.token)
        try:
            job = confirm_upload(
                session=request.session,
                pending=pending,
                corrections=form.corrections(),
                user=request.user,
                new_version_of=match.compilation if chosen else None,
                parsed=parsed,
            )
        except VersionRefused as refusal:
            # Withdrawn or given a newer version since the preview was drawn:
            # the upload is still held, and the preview asks again.
            messages.error(request, refusal.message)
            return redirect("compilation_upload_preview", token=pending.token)
        return redirect(job)
    return render(
        request,
        "speeches/upload_preview.html",
        {
            "form": form,
            "parsed": parsed,
            "pending": pending,
            "looks_like": match,
            "crumbs": [
                (_("Compilations"), reverse("compilation_list")),
                (_("Upload"), reverse("compilation_upload")),
                (_("Preview"), None),
            ],
        },
    )


@editor_required
@require_safe
def import_job_detail(request, pk: int):
    """An import job: a progress bar while it runs (the page polls the API,
    or reloads itself without JavaScript), then the compilation or the reason
    it failed. The person who started it (and staff) may follow it."""
    job = get_object_or_404(
        ImportJob.objects.visible_to(request.user)
        .select_related("new_version_of")
        .defer("new_version_of__text"),
        pk=pk,
    )
    if job.stage == ImportJob.Stage.DONE and job.compilation_id is not None:
        compilation = Compilation.objects.for_listing().filter(pk=job.compilation_id).first()
    else:
        compilation = None
    return render(
        request,
        "speeches/import_job.html",
        {
            "job": job,
            "compilation": compilation,
            "speech_count": compilation.speech_count if compilation is not None else 0,
            "error": job.error_message(get_language()) if job.stage == job.Stage.FAILED else "",
            # Done as a new version: what moved from the old one (docs/corrections.md).
            "carried_message": (
                _carried_message(job.carried)
                if compilation is not None and job.carried is not None
                else ""
            ),
            "crumbs": [
                (_("Compilations"), reverse("compilation_list")),
                (_("Import"), None),
            ],
        },
    )


def _redirect_to_existing(request, compilation: Compilation):
    messages.info(
        request,
        _("This text was already imported on %(date)s — here it is.")
        % {"date": date_format(localtime(compilation.created_at), "DATE_FORMAT")},
    )
    return redirect(compilation)


def _bulk_edit_context(request, speeches) -> dict:
    """The bulk correction form above the speeches, for editors only."""
    if not can_edit(request.user):
        return {}
    return {
        "bulk_form": BulkEditForm(speech_ids=[speech.pk for speech in speeches]),
        "speaker_names": list(
            Speaker.objects.current().order_by("name").values_list("name", flat=True)
        ),
    }


def _carried_message(carried: dict) -> str:
    return _(
        "Annotations moved to the new version: %(exact)s exactly, %(fuzzy)s by a close "
        "match; %(orphaned)s wait in the orphan queue. Comments moved: %(comments)s."
    ) % {
        "exact": carried.get("exact", 0),
        "fuzzy": carried.get("fuzzy", 0),
        "orphaned": carried.get("orphaned", 0),
        "comments": carried.get("comments_moved", 0),
    }
