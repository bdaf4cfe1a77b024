"""Speaker pages: the list, one speaker, and the editors' corrections."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Max, Min
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from accounts.decorators import editor_required, read_required
from core.chinese import chinese
from core.http import require_form_methods
from speeches.filters import SPEAKER_ORDERINGS
from speeches.forms.speakers import SpeakerMergeForm, SpeechOfficeForm, SpeechSpeakerForm
from speeches.models import Speaker, Speech
from speeches.services.editing import EditRefused
from speeches.services.speakers import (
    SpeakerChangeError,
    merge_speakers,
    set_speech_office,
    set_speech_speaker,
)

SPEAKERS_PER_PAGE = 100
SPEECHES_PER_PAGE = 50

@read_required
@require_safe
def speaker_list(request):
    """Named speakers with their speeches and dates; role-only attributions by role."""
    sort = request.GET.get("sort", "-speeches")
    if sort not in SPEAKER_ORDERINGS:
        sort = "-speeches"
    speakers = (
        Speaker.objects.with_speech_stats()
        .filter(speech_count__gt=0)
        .order_by(*SPEAKER_ORDERINGS[sort])
    )
    page = Paginator(speakers, SPEAKERS_PER_PAGE).get_page(request.GET.get("page"))
    # Speeches that name neither a person nor a role are not "role only": shown apart.
    roles, unattributed = [], None
    for row in Speech.objects.current().roles_without_names():
        if row[0]:
            roles.append(row)
        else:
            unattributed = row
    return render(
        request,
        "speeches/speaker_list.html",
        {
            "page_obj": page,
            "speakers": page.object_list,
            "sort": sort,
            "roles": roles,
            "unattributed": unattributed,
            "crumbs": [(_("Speakers"), None)],
        },
    )


@read_required
@require_safe
def speaker_detail(request, slug: str):
    """A speaker's speeches in date order, the roles printed with the name, the aliases.

    A merged speaker's URL redirects (permanently) to the speaker it became.
    """
    speaker = get_object_or_404(Speaker.objects.select_related("merged_into"), slug=slug)
    if speaker.merged_into is not None:
        return redirect(speaker.merged_into, permanent=True)
    speeches = speaker.speeches.current().for_listing().oldest_first()
    page = Paginator(speeches, SPEECHES_PER_PAGE).get_page(request.GET.get("page"))
    stats = speaker.speeches.current().order_by().aggregate(
        count=Count("id"), first=Min("date"), last=Max("date")
    )
    return render(
        request,
        "speeches/speaker_detail.html",
        {
            "speaker": speaker,
            "page_obj": page,
            "speeches": page.object_list,
            "stats": stats,
            "roles": list(speaker.speeches.current().counts_by("role")),
            "events": list(speaker.speeches.current().counts_by("event", limit=8)),
            "aliases": list(speaker.aliases.values_list("name", flat=True)),
            "merged_from": list(speaker.merged_from.values_list("name", flat=True)),
            "export_query": urlencode({"speaker": speaker.slug}),
            "crumbs": [(_("Speakers"), reverse("speaker_list")), (chinese(speaker.name), None)],
        },
    )


@editor_required
@require_form_methods
def speaker_merge(request, slug: str):
    """Merge this speaker into another (editors): speeches and names move, the URL forwards."""
    source = get_object_or_404(Speaker.objects.current(), slug=slug)
    form = SpeakerMergeForm(request.POST or None, source=source)
    if request.method == "POST" and form.is_valid():
        try:
            target = merge_speakers(
                source=source, target=form.cleaned_data["target"], actor=request.user
            )
        except SpeakerChangeError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("%(source)s was merged into %(target)s.")
                % {"source": source.name, "target": target.name},
            )
            return redirect(target)
    return render(
        request,
        "speeches/speaker_merge.html",
        {
            "speaker": source,
            "form": form,
            "speech_count": source.speeches.count(),
            "names": _speaker_names(exclude=source),
            "crumbs": [
                (_("Speakers"), reverse("speaker_list")),
                (chinese(source.name), source.get_absolute_url()),
                (_("Merge"), None),
            ],
        },
    )


@editor_required
@require_form_methods
def speech_speaker_edit(request, pk: int):
    """Correct who gave a speech, and the office its printed role maps to (editors).

    Two forms on one page: the office form posts ``office-submit``.
    """
    speech = get_object_or_404(Speech.objects.for_listing(), pk=pk)
    posted_office = request.method == "POST" and "office-submit" in request.POST
    posted_speaker = request.method == "POST" and not posted_office
    form = SpeechSpeakerForm(
        request.POST if posted_speaker else None,
        initial={"name": speech.speaker.name if speech.speaker else ""},
    )
    office_form = SpeechOfficeForm(
        request.POST if posted_office else None,
        prefix="office",
        initial={"office": speech.office, "office_place": speech.office_place},
    )
    if posted_speaker and form.is_valid():
        speaker = set_speech_speaker(
            speech=speech, name=form.cleaned_data["name"], actor=request.user
        )
        if speaker is None:
            messages.success(request, _("The speech is now attributed to its role only."))
        else:
            messages.success(
                request, _("The speech is now attributed to %(name)s.") % {"name": speaker.name}
            )
        return redirect(speech)
    if posted_office and office_form.is_valid():
        data = office_form.cleaned_data
        try:
            set_speech_office(
                speech=speech,
                office=None if data["derive"] else data["office"],
                place=data["office_place"],
                actor=request.user,
            )
        except EditRefused as refused:
            office_form.add_error(refused.field, refused.message)
        else:
            messages.success(request, _("The office is saved."))
            return redirect(speech)
    return render(
        request,
        "speeches/speech_speaker_edit.html",
        {
            "speech": speech,
            "form": form,
            "office_form": office_form,
            "names": _speaker_names(),
            "crumbs": [
                (_("Speeches"), reverse("speech_list")),
                (chinese(speech.title), speech.get_absolute_url()),
                (_("Speaker"), None),
            ],
        },
    )


def _speaker_names(exclude: Speaker | None = None) -> list[str]:
    names = Speaker.objects.current().order_by("name")
    if exclude is not None:
        names = names.exclude(pk=exclude.pk)
    return list(names.values_list("name", flat=True))
