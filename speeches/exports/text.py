"""A speech as plain text or Markdown.

``plain_text`` is also the source text of the REFI-QDA project export, so it
promises more than a pretty layout: every paragraph appears verbatim, and
``PlainText.paragraph_starts`` gives the code-point offset where each one
begins, so that a passage at ``start:end`` in paragraph ``p`` is at
``paragraph_starts[p] + start`` in the whole text.

It also reads back: uploaded again, the text gives the same speech. The
header is written in the forms the parser reads (docs/api.md): the title,
then labelled lines ``讲话人：`` (the name), ``职务：`` (the role), ``会议：``,
the date in brackets at its precision (``（2024年8月）``), ``地点：`` and
``发布时间：``; these are the document's own Chinese forms whatever the
interface language.
"""

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from speeches.models import DatePrecision, Paragraph, Section, Speech

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
    """Title and metadata, one fact per line, in the forms the parser reads."""
    lines = [speech.title or _("Untitled speech")]
    facts = [
        ("讲话人：", _speaker_name(speech)),
        ("职务：", speech.role),
        ("会议：", speech.event),
    ]
    lines.extend(label + value for label, value in facts if value)
    if speech.date is not None:
        lines.append(f"（{_chinese_date(speech.date, speech.date_precision)}）")
    if speech.place:
        lines.append("地点：" + speech.place)
    if speech.published_on is not None:
        published = _chinese_date(speech.published_on, speech.published_precision)
        lines.append("发布时间：" + published)
    return lines


def _chinese_date(value, precision: str) -> str:
    """2024年 / 2024年8月 / 2024年8月12日, as precise as the date is known."""
    if precision == DatePrecision.YEAR:
        return f"{value.year}年"
    if precision == DatePrecision.MONTH:
        return f"{value.year}年{value.month}月"
    return f"{value.year}年{value.month}月{value.day}日"


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

    Sections are numbered in document order: before a paragraph come the
    headings up to its own section (its parents, and any heading with no
    paragraph of its own in between), so that the text reads, and parses
    again, in the order it was written. Run-in headings are inside their
    paragraph already, and so is a heading that ran into its body with no
    punctuation (``merged_with_body``). Headings after the last paragraph
    come at the end.
    """
    ordered = sorted(sections, key=lambda s: s.position)
    position_of = {s.pk: s.position for s in ordered}
    pending = 0  # index in ``ordered`` of the first heading not yet placed

    def written(section: Section) -> bool:
        return not section.run_in and not section.merged_with_body

    for paragraph in paragraphs:
        if paragraph.section_id is not None:
            target = position_of[paragraph.section_id]
            while pending < len(ordered) and ordered[pending].position <= target:
                if written(ordered[pending]):
                    yield ordered[pending], None
                pending += 1
        yield None, paragraph
    for section in ordered[pending:]:
        if written(section):
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


def _is_punctuation(char: str) -> bool:
    # CommonMark counts Unicode punctuation and symbols (P*, S*) alike.
    return unicodedata.category(char)[0] in "PS"


def _run_in_markdown(text: str, end: int) -> str:
    """A paragraph whose first ``end`` characters are its heading, the
    heading in bold.

    CommonMark closes ``**`` only when it is right-flanking: a ``**`` after
    punctuation (``。``, ``，``) and before a letter — always so in Chinese,
    where no space follows — does not close. The heading's closing
    punctuation therefore stays outside the bold: ``**一是加强监督**。``
    """
    bold_end = end
    while bold_end > 0 and _is_punctuation(text[bold_end - 1]):
        bold_end -= 1
    if bold_end == 0:
        return _md_escape(text)
    head, tail = text[:bold_end], text[bold_end:]
    return f"**{_md_escape(head)}**{_md_escape(tail)}"


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
            blocks.append(_run_in_markdown(paragraph.text, paragraph.heading_end))
        else:
            blocks.append(_md_escape(paragraph.text))
    return "\n\n".join(blocks) + "\n"
