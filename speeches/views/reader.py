"""The speech reader: one speech, its table of contents and its paragraphs.

The page is the contract the annotations app builds on (documented at the
top of templates/speeches/speech_detail.html). Its number of queries does
not depend on the length of the speech: the speech, its sections, its
paragraphs and its neighbours are one query each.
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from accounts.decorators import read_required
from core.chinese import chinese
from speeches.models import READER_PAGE_SIZE, Paragraph, Speech, reader_page
from speeches.services.reader import (
    reading_blocks,
    search_highlights,
    section_starts,
    table_of_contents,
)


@read_required
@require_safe
def speech_detail(request, pk: int):
    """A speech to read: metadata, contents, paragraphs with permalinks, neighbours.

    ``?hl=<query>`` highlights the query's words (what a search result
    links with), marking each paragraph that holds them.
    """
    speech = get_object_or_404(Speech.objects.for_listing(), pk=pk)
    sections = list(speech.sections.order_by("position"))
    # A long speech is read READER_PAGE_SIZE paragraphs a page; positions run
    # 1..n, so a page is a range of them (links to a paragraph or a section
    # name its page: Paragraph.reader_url).
    paragraph_count = speech.paragraphs.count()
    pages = Paginator(range(paragraph_count), READER_PAGE_SIZE)
    page = pages.get_page(request.GET.get("page"))
    first = (page.number - 1) * READER_PAGE_SIZE
    paragraphs = list(
        Paragraph.objects.filter(
            speech=speech, position__gt=first, position__lte=first + READER_PAGE_SIZE
        ).for_reader()
    )
    shown, section_pages = None, None
    if pages.num_pages > 1:
        starts = section_starts(speech, sections, last=paragraph_count)
        section_pages = {pk: reader_page(start) for pk, start in starts.items()}
        shown = {pk for pk, number in section_pages.items() if number == page.number}
    previous, following = Speech.objects.neighbours_of(speech)
    highlight = search_highlights(request.GET.get("hl", ""), paragraphs)
    return render(
        request,
        "speeches/speech_detail.html",
        {
            "speech": speech,
            "blocks": reading_blocks(sections, paragraphs, shown=shown),
            "toc": table_of_contents(sections, section_pages),
            "page_obj": page,
            "paragraph_count": paragraph_count,
            "previous": previous,
            "next": following,
            "highlight": highlight,
            "export_query": urlencode({"speech": speech.pk}),
            "reader_extensions": settings.READER_EXTENSIONS,
            "reader_stylesheets": settings.READER_STYLESHEETS,
            "moved": _moved(speech, paragraphs),
            "crumbs": _crumbs(speech),
        },
    )


def _moved(speech, paragraphs) -> dict[int, str] | None:
    """In a superseded version: paragraph position -> the address of the
    paragraph it became in the current version, so that a permalink to the
    old text (#p12) can lead on (speeches.services.versions). One query."""
    if speech.compilation.superseded_by_id is None:
        return None
    targets = {
        row.pk: row
        for row in Paragraph.objects.filter(
            pk__in=[p.moved_to_id for p in paragraphs if p.moved_to_id]
        ).only("id", "speech_id", "position")
    }
    return {
        p.position: targets[p.moved_to_id].get_absolute_url()
        for p in paragraphs
        if p.moved_to_id in targets
    }


def _crumbs(speech) -> list[tuple[str, str | None]]:
    """Speeches › compilation › speech; a compilation of one speech often bears its
    title, and the same title twice would only take a phone's lines (the metadata
    line links the compilation anyway)."""
    crumbs = [(_("Speeches"), reverse("speech_list"))]
    compilation = speech.compilation
    if compilation.title.strip() != speech.title.strip():
        crumbs.append((chinese(compilation.title), compilation.get_absolute_url()))
    return [*crumbs, (chinese(speech.title), None)]
