"""Browsing pages: home, the speech list, the dates archive and the meetings.

Views stay thin: read the filters, call QuerySet methods, render. The
number of queries of each page is fixed, whatever the number of rows.
"""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from accounts.decorators import editor_required, read_required
from core.errors import DomainError
from core.http import require_form_methods
from speeches.filters import (
    MEETING_ORDERINGS,
    SPEECH_ORDERINGS,
    SpeechFilterForm,
    SpeechFilters,
    filter_chips,
)
from speeches.forms.meetings import MeetingMergeForm
from speeches.models import Compilation, Paragraph, Speaker, Speech
from speeches.querysets import current_speech_q
from speeches.services.meetings import find_meeting_key, merge_meetings

SPEECHES_PER_PAGE = 50
MEETINGS_PER_PAGE = 30
SPEECHES_PER_MEETING = 8
FACET_SIZE = 12


@read_required
@require_safe
def home(request):
    """The corpus at a glance: counts, a search box, years, speakers, newest compilations."""
    # The paragraphs of the speeches counted beside them (current ones only).
    paragraphs, paragraphs_exact = Paragraph.objects.all().count_of_current()
    context = {
        "counts": {
            "speeches": Speech.objects.current().count(),
            "speakers": Speaker.objects.current()
            .filter(current_speech_q("speeches__"), speeches__isnull=False)
            .distinct()
            .count(),
            "paragraphs": paragraphs,
        },
        "paragraphs_exact": paragraphs_exact,
        "per_year": list(Speech.objects.current().per_year()),
        "top_speakers": Speaker.objects.with_speech_stats()
        .filter(speech_count__gt=0)
        .order_by("-speech_count", "name")[:8],
        # Ordered here: the speech count's GROUP BY drops the model's default ordering.
        "recent_compilations": Compilation.objects.current()
        .for_listing()
        .order_by("-created_at", "-id")[:5],
        "home_extensions": settings.HOME_EXTENSIONS,
    }
    return render(request, "speeches/home.html", context)


@read_required
@require_safe
def speech_list(request):
    """Every speech, filtered by speaker, role, meeting, compilation and dates, sortable."""
    form = SpeechFilterForm(request.GET)
    filters = form.filters()
    sort = request.GET.get("sort", "-date")
    if sort not in SPEECH_ORDERINGS:
        sort = "-date"
    speeches = Speech.objects.filter(filters.q())
    page = Paginator(
        speeches.for_listing().order_by(*SPEECH_ORDERINGS[sort]), SPEECHES_PER_PAGE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "speeches/speech_list.html",
        {
            "form": form,
            "filters": filters,
            "active_filters": filters.active(),
            "chips": filter_chips(filters, sort=sort if sort != "-date" else ""),
            "clear_url": reverse("speech_list"),
            "page_obj": page,
            "speeches": page.object_list,
            "sort": sort,
            "facets": _facets(speeches, filters),
            "crumbs": [(_("Speeches"), None)],
        },
    )


def _facets(speeches, filters: SpeechFilters) -> dict:
    """The most frequent speakers, roles, meetings and the years among ``speeches``."""
    speaker_rows = list(speeches.counts_by("speaker", limit=FACET_SIZE))
    names = dict(
        Speaker.objects.filter(pk__in=[pk for pk, _ in speaker_rows]).values_list("pk", "name")
    )
    return {
        "speakers": [(pk, names.get(pk, ""), n) for pk, n in speaker_rows]
        if filters.speaker is None
        else [],
        "roles": list(speeches.counts_by("role", limit=FACET_SIZE)) if not filters.role else [],
        "events": list(speeches.counts_by("event", limit=FACET_SIZE)) if not filters.event else [],
        "years": list(speeches.per_year())
        if filters.year is None and not filters.undated
        else [],
    }


@read_required
@require_safe
def date_archive(request):
    """Speeches by year and month, with counts; speeches without a date in their own group."""
    years = Speech.objects.current().archive()
    per_year = [(y["year"], y["count"]) for y in reversed(years)]
    undated = Speech.objects.current().filter(date__isnull=True).count()
    return render(
        request,
        "speeches/date_archive.html",
        {
            "years": years,
            "per_year": per_year + ([(None, undated)] if undated else []),
            "undated": undated,
            "crumbs": [(_("Dates"), None)],
        },
    )


@read_required
@require_safe
def meeting_list(request):
    """Speeches grouped by the meeting they were given at, newest meetings first."""
    sort = request.GET.get("sort", "-date")
    if sort not in MEETING_ORDERINGS:
        sort = "-date"
    page = Paginator(
        Speech.objects.current().meetings().order_by(*MEETING_ORDERINGS[sort]), MEETINGS_PER_PAGE
    ).get_page(request.GET.get("page"))
    by_event = Speech.objects.current().latest_by_event(
        [row["event_key"] for row in page.object_list], SPEECHES_PER_MEETING
    )
    # A meeting is named by the first of its printed names (its key groups them).
    meetings = [
        {**row, "event": row["name"], "speeches": by_event[row["event_key"]]}
        for row in page.object_list
    ]
    return render(
        request,
        "speeches/meeting_list.html",
        {
            "page_obj": page,
            "meetings": meetings,
            "sort": sort,
            "without_meeting": Speech.objects.current().filter(event="").count(),
            "shown_per_meeting": SPEECHES_PER_MEETING,
            "speech_list_url": reverse("speech_list"),
            "crumbs": [(_("Meetings"), None)],
        },
    )


@editor_required
@require_form_methods
def meeting_merge(request):
    """Merge one meeting into another (editors): its speeches join the other meeting."""
    key = find_meeting_key(request.GET.get("meeting", ""))
    if key is None:
        raise Http404(_("No speech was given at that meeting."))
    meeting = Speech.objects.filter(event_key=key).meetings().get()
    form = MeetingMergeForm(request.POST or None, source_key=key)
    if request.method == "POST" and form.is_valid():
        try:
            target = merge_meetings(
                source_key=key, target_key=form.cleaned_data["target"], actor=request.user
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            name = Speech.objects.filter(event_key=target).meetings().get()["name"]
            messages.success(
                request,
                _("%(source)s was merged into %(target)s.")
                % {"source": meeting["name"], "target": name},
            )
            return redirect(f"{reverse('speech_list')}?{urlencode({'event': name})}")
    names = [
        row["name"]
        for row in Speech.objects.exclude(event_key=key).meetings().order_by("name_sort")
    ]
    return render(
        request,
        "speeches/meeting_merge.html",
        {
            "meeting": meeting,
            "form": form,
            "names": names,
            "crumbs": [
                (_("Meetings"), reverse("meeting_list")),
                (meeting["name"], None),
                (_("Merge"), None),
            ],
        },
    )
