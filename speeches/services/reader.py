"""A speech laid out for reading: its text in document order (section
starts and paragraphs), its table of contents, and a search's marks.

The reader page renders what these return; they read nothing from the
database themselves, so the page's queries stay a fixed number.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Min
from django.utils.module_loading import import_string

from speeches.models import Paragraph, Section


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
    # The reader's page the section starts on, when the speech has several.
    page: int | None = None


def section_depths(sections: list[Section]) -> dict[int, int]:
    depths: dict[int, int] = {}
    for section in sections:  # in document order: parents come first
        depths[section.pk] = depths.get(section.parent_id, -1) + 1 if section.parent_id else 0
    return depths


def reading_blocks(
    sections: list[Section], paragraphs: list[Paragraph], *, shown: set[int] | None = None
) -> list[Block]:
    """Sections and paragraphs interleaved in document order.

    A paragraph belongs to its deepest section; every section that starts
    at or before that section (in document order) starts before the
    paragraph. Sections with no paragraph of their own come where their
    first subsection's paragraph does, or at the end. ``shown``: the ids of
    the sections to place (a page of a long speech); the others still name
    their paragraphs' section.
    """
    depths = section_depths(sections)
    position_of = {s.pk: s.position for s in sections}
    blocks: list[Block] = []
    pending = iter(s for s in sections if shown is None or s.pk in shown)
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


def section_starts(speech, sections: list[Section], *, last: int) -> dict[int, int]:
    """The position of each section's first paragraph, its own or its subsections'
    (one query); a section with none after it goes with the ``last`` paragraph."""
    own = dict(
        Paragraph.objects.filter(speech=speech, section__isnull=False)
        .order_by()
        .values("section_id")
        .annotate(first=Min("position"))
        .values_list("section_id", "first")
    )
    starts: dict[int, int] = {}
    following = last
    # Backwards through document order: a section without paragraphs of its
    # own starts where the next section does.
    for section in reversed(sections):
        following = own.get(section.pk, following)
        starts[section.pk] = following
    return starts


def table_of_contents(
    sections: list[Section], pages: dict[int, int] | None = None
) -> list[TocEntry]:
    """The sections in document order, each with its depth (0: outermost) and,
    for a speech read in pages, the page it starts on."""
    depths = section_depths(sections)
    pages = pages or {}
    return [TocEntry(section, depths[section.pk], pages.get(section.pk)) for section in sections]


def search_highlights(text: str, paragraphs: list[Paragraph]) -> dict[str, Any] | None:
    """For ``?hl=``: the query and, per paragraph position, the spans to mark.

    The search app finds them (``settings.READER_HIGHLIGHTS`` names its
    function): speeches does not import search, which imports speeches.
    Without a search app installed, nothing is marked.
    """
    if not settings.READER_HIGHLIGHTS:
        return None
    return import_string(settings.READER_HIGHLIGHTS)(text, paragraphs)
