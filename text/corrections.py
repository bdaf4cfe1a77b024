"""Corrections an editor makes in the upload preview, applied to a parse.

The parser reads names, dates and headings as well as it can; a person
fixes the rest before the import. Corrections never touch the text itself
(readers quote it verbatim): they change metadata and section headings.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass

from text.parsing import ParsedCompilation, ParsedParagraph, ParsedSection, ParsedSpeech
from text.parsing.titles import derive_title
from text.partial_dates import read_partial_date
from text.structure import assign_sections, flatten_sections

# What may close a run-in heading: it belongs to the bold part.
_HEADING_CLOSERS = "。．.：:；;！!？?，,、"


class CorrectionMismatch(ValueError):
    """The corrections were made for a different parse (other speeches or sections)."""


@dataclass(frozen=True)
class SpeechCorrection:
    """What a speech's metadata should be; empty strings mean "not stated".

    ``date`` is ``""``, ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``;
    ``headings`` holds one heading per section, in document order.
    """

    title: str
    speaker_name: str
    role: str
    event: str
    date: str
    place: str
    headings: tuple[str, ...]


@dataclass(frozen=True)
class CompilationCorrections:
    title: str
    speeches: tuple[SpeechCorrection, ...]


def normalize_partial_date(value: str) -> str:
    """A date at any precision as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

    Reads what ``text.partial_dates.read_partial_date`` reads; ``""``
    stays ``""``. Raises ``ValueError`` for anything else, impossible dates
    included.
    """
    if not value.strip():
        return ""
    date = read_partial_date(value)
    if date is None:
        raise ValueError(f"not a date: {value!r}")
    return date.isoformat()


def correction_of(speech: ParsedSpeech) -> SpeechCorrection:
    """The correction that changes nothing: what the parser read."""
    return SpeechCorrection(
        title=speech.title or "",
        speaker_name=speech.speaker_name or "",
        role=speech.role or "",
        event=speech.event or "",
        date=speech.date or "",
        place=speech.place or "",
        headings=tuple(item.section.heading for item in flatten_sections(speech.sections)),
    )


def parse_fingerprint(parsed: ParsedCompilation) -> str:
    """A short digest of what corrections depend on: the text and its structure.

    A preview's corrections apply only to a parse with the same fingerprint
    (the same speeches, sections and paragraphs at the same lines).
    """
    shape = [parsed.sha256, parsed.parser_version]
    for speech in parsed.speeches:
        shape.append(f"{speech.line}:{len(speech.paragraphs)}")
        shape.extend(
            f"{item.section.line}:{item.depth}:{item.section.marker}"
            for item in flatten_sections(speech.sections)
        )
    return hashlib.sha256("\n".join(shape).encode("utf-8")).hexdigest()[:20]


def apply_corrections(
    parsed: ParsedCompilation, corrections: CompilationCorrections
) -> ParsedCompilation:
    """``parsed`` with the corrected title, speech metadata and headings.

    Raises ``CorrectionMismatch`` when the corrections do not fit ``parsed``
    (another number of speeches or sections) and ``ValueError`` for a date
    that is not one.
    """
    if len(corrections.speeches) != len(parsed.speeches):
        raise CorrectionMismatch(
            f"{len(corrections.speeches)} corrections for {len(parsed.speeches)} speeches"
        )
    speeches = [
        _correct_speech(speech, fix)
        for speech, fix in zip(parsed.speeches, corrections.speeches, strict=True)
    ]
    return dataclasses.replace(
        parsed, title=corrections.title.strip() or parsed.title, speeches=speeches
    )


def _correct_speech(speech: ParsedSpeech, fix: SpeechCorrection) -> ParsedSpeech:
    flat = flatten_sections(speech.sections)
    if len(fix.headings) != len(flat):
        raise CorrectionMismatch(
            f"{len(fix.headings)} headings for {len(flat)} sections in speech {speech.ordinal}"
        )
    headings = [heading.strip() for heading in fix.headings]
    for item, heading in zip(flat, headings, strict=True):
        if not heading and not item.section.marker:
            raise ValueError(f"the unnumbered heading at line {item.section.line} is empty")
    holder = assign_sections(flat, speech.paragraphs)
    sections = _rebuild(speech.sections, iter(headings))
    new_flat = flatten_sections(sections)

    opened: set[int] = set()
    paragraphs: list[ParsedParagraph] = []
    for paragraph, index in zip(speech.paragraphs, holder, strict=True):
        if index is None:
            paragraphs.append(paragraph)
            continue
        # An unnumbered heading names its section in section_path, so a
        # renamed heading renames the paths below it.
        old, new = flat[index].section, new_flat[index].section
        heading_end = paragraph.heading_end
        if (
            index not in opened
            and paragraph.line == old.line
            and (old.run_in or old.merged_with_body)
            and new.heading != old.heading
        ):
            opened.add(index)
            end = run_in_heading_end(paragraph.text, new.marker, new.heading)
            if end is not None:
                heading_end = end
        paragraphs.append(
            dataclasses.replace(
                paragraph, section_path=new_flat[index].path, heading_end=heading_end
            )
        )

    title = fix.title.strip()
    # A title the editor typed is printed-as-corrected; an emptied one
    # falls back to the derived title, so no page shows an empty link.
    if title and title != speech.title:
        title_derived = False
    elif title:
        title_derived = speech.title_derived
    else:
        title = derive_title(speech)
        title_derived = True
    return dataclasses.replace(
        speech,
        title=title or None,
        title_derived=title_derived,
        speaker_name=fix.speaker_name.strip() or None,
        role=fix.role.strip() or None,
        event=fix.event.strip() or None,
        date=normalize_partial_date(fix.date) or None,
        place=fix.place.strip() or None,
        sections=sections,
        paragraphs=paragraphs,
    )


def _rebuild(sections: list[ParsedSection], headings) -> list[ParsedSection]:
    """A copy of the tree with headings taken in document order from ``headings``."""
    rebuilt = []
    for section in sections:
        heading = next(headings)
        children = _rebuild(section.children, headings)
        rebuilt.append(dataclasses.replace(section, heading=heading, children=children))
    return rebuilt


def run_in_heading_end(text: str, marker: str, heading: str) -> int | None:
    """Where a run-in heading ends in its paragraph, or None if it is not its start.

    The end takes in the punctuation that closes the heading, so that the
    bold part reads as a sentence.
    """
    opening = marker + heading
    if not heading or not text.startswith(opening) or len(opening) >= len(text):
        return None
    end = len(opening)
    if text[end] in _HEADING_CLOSERS:
        end += 1
    return end
