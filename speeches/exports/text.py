"""A speech as plain text or Markdown.

``plain_text`` is also the source text of the REFI-QDA project export, so it
promises more than a pretty layout: every paragraph appears verbatim, and
``PlainText.paragraph_starts`` gives the code-point offset where each one
begins, so that a passage at ``start:end`` in paragraph ``p`` is at
``paragraph_starts[p] + start`` in the whole text.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from speeches.models import Paragraph, Section, Speech

BLOCK_SEPARATOR = "\n\n"


@dataclass
class PlainText:
    text: str
    # paragraph id -> offset (code points) of its first character in ``text``
    paragraph_starts: dict[int, int] = field(default_factory=dict)


def speech_parts(speech: Speech) -> tuple[list[Section], list[Paragraph]]:
    """The sections and paragraphs of a speech, in document order (two queries)."""
    sections = list(speech.sections.order_by("position"))
    paragraphs = list(speech.paragraphs.order_by("position"))
    return sections, paragraphs


def header_lines(speech: Speech) -> list[str]:
    """Title and metadata, one fact per line, the way the page shows them."""
    lines = [speech.title or _("Untitled speech")]
    who = " ".join(part for part in (speech.role, _speaker_name(speech)) if part)
    facts = [
        (_("Speaker"), who),
        (_("Date"), speech.date_iso or ""),
        (_("Meeting"), speech.event),
        (_("Place"), speech.place),
        (_("Published"), speech.published_iso or ""),
    ]
    # "讲话人：王萍" with a full-width colon in Chinese, "Speaker: …" in English;
    # the parser reads either when the text is imported again.
    lines.extend(
        _("%(label)s: %(value)s") % {"label": label, "value": value}
        for label, value in facts
        if value
    )
    return lines


def _speaker_name(speech: Speech) -> str:
    if speech.speaker_id is not None:
        return speech.speaker.name
    return speech.speaker_raw if speech.speaker_raw != speech.role else ""


def heading_text(section: Section) -> str:
    return f"{section.marker}{section.heading}".strip()


def in_reading_order(
    sections: Sequence[Section], paragraphs: Iterable[Paragraph]
) -> Iterable[tuple[Section | None, Paragraph | None]]:
    """Standalone headings and paragraphs interleaved in reading order.

    A heading comes just before the first paragraph it contains (its parents
    before it); headings that contain no paragraph come at the end, so that
    no text is lost. Run-in headings are inside their paragraph already.
    """
    by_id = {s.pk: s for s in sections}
    shown: set[int] = set()

    def headings_for(section_id: int | None) -> list[Section]:
        chain = []
        while section_id is not None and section_id not in shown:
            section = by_id[section_id]
            shown.add(section_id)
            if not section.run_in:
                chain.append(section)
            section_id = section.parent_id
        return chain[::-1]

    for paragraph in paragraphs:
        for section in headings_for(paragraph.section_id):
            yield section, None
        yield None, paragraph
    for section in sections:
        if section.pk not in shown and not section.run_in:
            yield section, None


def plain_text(speech: Speech, sections=None, paragraphs=None) -> PlainText:
    """The speech as UTF-8 plain text: header, blank line, then one block per
    heading or paragraph, separated by blank lines."""
    if sections is None or paragraphs is None:
        sections, paragraphs = speech_parts(speech)
    blocks = ["\n".join(header_lines(speech))]
    if speech.salutation:
        blocks.append(speech.salutation)
    owners: dict[int, int] = {}  # block index -> paragraph id
    for section, paragraph in in_reading_order(sections, paragraphs):
        if paragraph is not None:
            owners[len(blocks)] = paragraph.pk
            blocks.append(paragraph.text)
        else:
            blocks.append(heading_text(section))
    starts: dict[int, int] = {}
    offset = 0
    for index, block in enumerate(blocks):
        if index in owners:
            starts[owners[index]] = offset
        offset += len(block) + len(BLOCK_SEPARATOR)
    return PlainText(BLOCK_SEPARATOR.join(blocks) + "\n", starts)


# Characters that would start Markdown syntax at the beginning of a block
# ("1. " makes a list, "# " a heading) or inside it.
_MD_BLOCK_START = re.compile(r"^(\s*)(#|>|[-+*]\s|\d+[.)])")
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|])")


def _md_escape(text: str) -> str:
    text = _MD_INLINE.sub(r"\\\1", text)
    return _MD_BLOCK_START.sub(lambda m: m.group(1) + _escape_marker(m.group(2)), text)


def _escape_marker(marker: str) -> str:
    if marker[-1] in ".)":
        return marker[:-1] + "\\" + marker[-1]
    return "\\" + marker


def markdown(speech: Speech, sections=None, paragraphs=None) -> str:
    """The speech as Markdown: its title as ``#``, sections as ``##``…, run-in
    headings in bold, metadata as a list under the title."""
    if sections is None or paragraphs is None:
        sections, paragraphs = speech_parts(speech)
    title, *facts = header_lines(speech)
    blocks = [f"# {_md_escape(title)}"]
    if facts:
        blocks.append("\n".join(f"- {_md_escape(fact)}" for fact in facts))
    if speech.salutation:
        blocks.append(_md_escape(speech.salutation))
    for section, paragraph in in_reading_order(sections, paragraphs):
        if section is not None:
            level = min(section.level + 1, 6)
            blocks.append(f"{'#' * level} {_md_escape(heading_text(section))}")
        elif paragraph.heading_end:
            end = paragraph.heading_end
            head, body = paragraph.text[:end], paragraph.text[end:]
            blocks.append(f"**{_md_escape(head)}**{_md_escape(body)}")
        else:
            blocks.append(_md_escape(paragraph.text))
    return "\n\n".join(blocks) + "\n"
