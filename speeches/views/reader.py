"""The speech reader: one speech, its table of contents and its paragraphs.

The page is the contract the annotations app builds on (documented at the
top of templates/speeches/speech_detail.html). Its number of queries does
not depend on the length of the speech: the speech, its sections, its
paragraphs and its neighbours are one query each.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from accounts.decorators import read_required
from speeches.models import Paragraph, Section, Speech
from speeches.search import highlight_spans, parse_query


@dataclass(frozen=True)
class Block:
    """One element of the text in document order: a section start or a paragraph."""

    paragraph: Paragraph | None = None
    section: Section | None = None
    depth: int = 0  # of a section: 0 for the outermost
    # Of a paragraph: the anchor of the section it belongs to ("" for none).
    section_anchor: str = ""

    @property
    def is_heading(self) -> bool:
        """A section whose heading stands on its own line (not run into a paragraph)."""
        section = self.section
        return section is not None and not (section.run_in or section.merged_with_body)

    @property
    def heading_tag(self) -> str:
        """h2 for the outermost sections, h3 below them, h4 further down."""
        return f"h{min(self.depth, 2) + 2}"


@dataclass(frozen=True)
class TocEntry:
    section: Section
    depth: int


def section_depths(sections: list[Section]) -> dict[int, int]:
    depths: dict[int, int] = {}
    for section in sections:  # in document order: parents come first
        depths[section.pk] = depths.get(section.parent_id, -1) + 1 if section.parent_id else 0
    return depths


def reading_blocks(sections: list[Section], paragraphs: list[Paragraph]) -> list[Block]:
    """Sections and paragraphs interleaved in document order.

    A paragraph belongs to its deepest section; every section that starts
    at or before that section (in document order) starts before the
    paragraph. Sections with no paragraph of their own come where their
    first subsection's paragraph does, or at the end.
    """
    depths = section_depths(sections)
    position_of = {s.pk: s.position for s in sections}
    blocks: list[Block] = []
    pending = iter(sections)
    upcoming = next(pending, None)
    for paragraph in paragraphs:
        if paragraph.section_id is not None:
            limit = position_of.get(paragraph.section_id, 0)
            while upcoming is not None and upcoming.position <= limit:
                blocks.append(Block(section=upcoming, depth=depths[upcoming.pk]))
                upcoming = next(pending, None)
        anchor = f"s{position_of[paragraph.section_id]}" if paragraph.section_id else ""
        blocks.append(Block(paragraph=paragraph, section_anchor=anchor))
    while upcoming is not None:
        blocks.append(Block(section=upcoming, depth=depths[upcoming.pk]))
        upcoming = next(pending, None)
    return blocks


@read_required
def speech_detail(request, pk: int):
    """A speech to read: metadata, contents, paragraphs with permalinks, neighbours.

    ``?hl=<query>`` highlights the query's words (what a search result
    links with), marking each paragraph that holds them.
    """
    speech = get_object_or_404(Speech.objects.for_listing(), pk=pk)
    sections = list(speech.sections.order_by("position"))
    paragraphs = list(Paragraph.objects.filter(speech=speech).for_reader())
    previous, following = Speech.objects.neighbours_of(speech)
    depths = section_depths(sections)
    highlight = _highlights(request.GET.get("hl", ""), paragraphs)
    return render(
        request,
        "speeches/speech_detail.html",
        {
            "speech": speech,
            "blocks": reading_blocks(sections, paragraphs),
            "toc": [TocEntry(s, depths[s.pk]) for s in sections],
            "paragraph_count": len(paragraphs),
            "previous": previous,
            "next": following,
            "highlight": highlight,
            "export_query": urlencode({"speech": speech.pk}),
            "reader_extensions": settings.READER_EXTENSIONS,
            "crumbs": [
                (_("Speeches"), reverse("speech_list")),
                (speech.compilation.title, speech.compilation.get_absolute_url()),
                (speech.title, None),
            ],
        },
    )


def _highlights(text: str, paragraphs: list[Paragraph]) -> dict | None:
    """For ``?hl=``: the query and, per paragraph position, the spans to mark."""
    query = parse_query(text)
    if not query.is_searchable:
        return None
    needles = query.needles
    spans = {}
    for paragraph in paragraphs:
        found = highlight_spans(paragraph.text, needles)
        if found:
            spans[paragraph.position] = found
    return {"query": str(query), "spans": spans, "paragraphs": len(spans)}
