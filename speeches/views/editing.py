"""Editors' corrections after import: a speech's metadata, a compilation's
title and description, one correction across many speeches, a
compilation's history of changes, and undoing a change from a history.

The work is ``speeches.services.editing``'s; these views collect the form, show a
refusal on its field and say what was done.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from accounts.decorators import editor_required, read_required
from accounts.models import Activity, Verb
from core.chinese import chinese
from core.errors import NotFound
from core.http import require_form_methods
from speeches.forms.edit import BulkEditForm, CompilationEditForm, SpeechEditForm, StructureForm
from speeches.models import Compilation, Paragraph, Speaker, Speech
from speeches.services.editing import (
    EditRefused,
    bulk_edit_speeches,
    edit_compilation,
    edit_speech,
    speech_values,
    undo_change,
    undoable_ids,
)
from speeches.services.reader import reading_blocks
from speeches.services.remap import StructureRefused
from speeches.services.restructure import (
    MAX_LEVEL,
    heading_to_paragraph,
    merge_paragraphs,
    merge_speeches,
    paragraph_to_heading,
    set_heading_level,
    split_paragraph,
    split_speech,
)
from speeches.services.versions import diff_with_previous

HISTORY_PAGE_SIZE = 50


def _refuse_on_form(form, refused: EditRefused) -> None:
    field = refused.field if refused.field in form.fields else None
    form.add_error(field, refused.message)


def _correct(request, form, target, corrected: str, edit):
    """Run ``edit`` (a correction service call answering whether anything
    changed): on success, say so and go back to ``target``; a refusal is
    shown on ``form`` and None returned, so the page is shown again."""
    try:
        done = edit()
    except EditRefused as refused:
        _refuse_on_form(form, refused)
        return None
    if done:
        messages.success(request, corrected)
    else:
        messages.info(request, _("Nothing was changed."))
    return redirect(target)


@editor_required
@require_form_methods
def speech_edit(request, pk: int):
    """Correct a speech's title, date, meeting, place, speaker, role and salutation."""
    speech = get_object_or_404(Speech.objects.for_listing(), pk=pk)
    form = SpeechEditForm(request.POST or None, initial=speech_values(speech))
    if request.method == "POST" and form.is_valid():
        saved = _correct(
            request,
            form,
            speech,
            _("The speech was corrected."),
            lambda: edit_speech(speech=speech, changes=form.cleaned_data, actor=request.user),
        )
        if saved:
            return saved
    return render(
        request,
        "speeches/speech_edit.html",
        {
            "speech": speech,
            "form": form,
            "names": _speaker_names(),
            "crumbs": [
                (_("Speeches"), reverse("speech_list")),
                (chinese(speech.title), speech.get_absolute_url()),
                (_("Correct"), None),
            ],
        },
    )


@editor_required
@require_form_methods
def compilation_edit(request, pk: int):
    """Correct a compilation's title and description."""
    compilation = get_object_or_404(Compilation.objects.defer("text"), pk=pk)
    initial = {"title": compilation.title, "description": compilation.description}
    form = CompilationEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = _correct(
            request,
            form,
            compilation,
            _("The compilation was corrected."),
            lambda: edit_compilation(
                compilation=compilation, changes=form.cleaned_data, actor=request.user
            ),
        )
        if saved:
            return saved
    return render(
        request,
        "speeches/compilation_edit.html",
        {
            "compilation": compilation,
            "form": form,
            "crumbs": [
                (_("Compilations"), reverse("compilation_list")),
                (chinese(compilation.title), compilation.get_absolute_url()),
                (_("Correct"), None),
            ],
        },
    )


@editor_required
@require_POST
def compilation_bulk_edit(request, pk: int):
    """Set the same speaker, role, meeting, date or place on the speeches ticked."""
    compilation = get_object_or_404(Compilation.objects.defer("text"), pk=pk)
    speech_ids = list(compilation.speeches.values_list("pk", flat=True))
    form = BulkEditForm(request.POST, speech_ids=speech_ids)
    if form.is_valid():
        try:
            result = bulk_edit_speeches(
                compilation=compilation,
                speech_ids=form.cleaned_data["speeches"],
                changes=form.cleaned_data["changes"],
                actor=request.user,
            )
        except EditRefused as refused:
            messages.error(request, refused.message)
        else:
            messages.success(
                request,
                ngettext(
                    "%(n)s speech was changed.", "%(n)s speeches were changed.", result.changed
                )
                % {"n": result.changed},
            )
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(compilation)


@read_required
@require_safe
def compilation_history(request, pk: int):
    """Corrections of the compilation and of its speeches, newest first."""
    compilation = get_object_or_404(Compilation.objects.defer("text"), pk=pk)
    entries = (
        Activity.objects.filter(
            Q(target_type="speeches.compilation", target_id=compilation.pk)
            | Q(speech_id__in=compilation.speeches.values("pk"), verb__in=[Verb.EDIT, Verb.SPEAKER])
        )
        .select_related("actor")
        .order_by("-created_at", "-id")
    )
    page = Paginator(entries, HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "speeches/compilation_history.html",
        {
            "compilation": compilation,
            "page_obj": page,
            "undoable": undoable_ids(page.object_list),
            "crumbs": [
                (_("Compilations"), reverse("compilation_list")),
                (chinese(compilation.title), compilation.get_absolute_url()),
                (_("History"), None),
            ],
        },
    )


@editor_required
@require_POST
def undo(request, activity_id: int):
    """Undo one change from a history, then go back to that history."""
    entry = get_object_or_404(Activity, pk=activity_id)
    try:
        undo_change(entry=entry, actor=request.user)
    except EditRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("The change was undone."))
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = reverse("speech_history", args=[entry.speech_id]) if entry.speech_id else "/"
    # A URL, never a view name: redirect() would try to reverse "abc" and fail.
    return HttpResponseRedirect(back)


def _speaker_names() -> list[str]:
    return list(Speaker.objects.current().order_by("name").values_list("name", flat=True))


@editor_required
@require_form_methods
def speech_structure(request, pk: int):
    """The speech's headings and paragraphs, each with its structural corrections."""
    speech = get_object_or_404(Speech.objects.for_listing(), pk=pk)
    if request.method == "POST":
        form = StructureForm(request.POST)
        if form.is_valid():
            try:
                outcome = _restructure(speech, form.cleaned_data, request.user)
            except StructureRefused as refused:
                messages.error(request, refused.message)
            else:
                messages.success(request, outcome)
        else:
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
        return redirect("speech_structure", pk=speech.pk)
    sections = list(speech.sections.order_by("position"))
    paragraphs = list(Paragraph.objects.filter(speech=speech).for_reader())
    following = Speech.objects.neighbours_of(speech)[1]
    return render(
        request,
        "speeches/speech_structure.html",
        {
            "speech": speech,
            "blocks": reading_blocks(sections, paragraphs),
            "next": following,
            "levels": range(1, MAX_LEVEL + 1),
            "crumbs": [
                (_("Speeches"), reverse("speech_list")),
                (chinese(speech.title), speech.get_absolute_url()),
                (_("Structure"), None),
            ],
        },
    )


def _restructure(speech: Speech, data: dict, actor) -> str:
    """Run one structural correction; returns what to tell the editor."""
    op, position, level = data["op"], data.get("position"), data.get("level")
    if op == "split-paragraph":
        text = (
            Paragraph.objects.filter(speech=speech, position=position)
            .values_list("text", flat=True)
            .first()
        )
        if text is None:
            raise StructureRefused(
                "no-paragraph", _("There is no paragraph %(n)s.") % {"n": position}
            )
        needle = data["before_text"].strip()
        if text.count(needle) != 1:
            raise StructureRefused(
                "ambiguous",
                _("“%(text)s” must occur exactly once in the paragraph.") % {"text": needle},
            )
        split_paragraph(speech=speech, position=position, at=text.index(needle), actor=actor)
        return _("Paragraph %(n)s was split.") % {"n": position}
    if op == "merge-paragraphs":
        merge_paragraphs(speech=speech, position=position, actor=actor)
        return _("Paragraphs %(a)s and %(b)s were merged.") % {"a": position, "b": position + 1}
    if op == "to-heading":
        paragraph_to_heading(speech=speech, position=position, level=level, actor=actor)
        return _("The line is now a heading.")
    if op == "to-paragraph":
        heading_to_paragraph(speech=speech, section_position=position, actor=actor)
        return _("The heading is now text.")
    if op == "heading-level":
        set_heading_level(speech=speech, section_position=position, level=level, actor=actor)
        return _("The heading's level was changed.")
    if op == "split-speech":
        new = split_speech(
            speech=speech, position=position, title=data.get("title", ""), actor=actor
        )
        return _("Paragraph %(n)s and what follows are now the speech “%(title)s”.") % {
            "n": position,
            "title": new.title,
        }
    merge_speeches(speech=speech, actor=actor)
    return _("The next speech was merged into this one.")


@read_required
@require_safe
def compilation_diff(request, pk: int):
    """A version against the one it replaced: paragraphs added, removed and
    changed, the characters that changed marked inside changed ones."""
    compilation = get_object_or_404(Compilation.objects.defer("text"), pk=pk)
    try:
        previous, rows = diff_with_previous(compilation)
    except NotFound as missing:
        raise Http404(missing.message) from missing
    return render(
        request,
        "speeches/compilation_diff.html",
        {
            "compilation": compilation,
            "previous": previous,
            "rows": rows,
            "crumbs": [
                (_("Compilations"), reverse("compilation_list")),
                (chinese(compilation.title), compilation.get_absolute_url()),
                (_("What changed"), None),
            ],
        },
    )
