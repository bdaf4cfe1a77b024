"""A compilation as TEI XML, in the style of the ParlaMint corpora.

The header names the compilation, its meetings, the period it covers and
everyone who speaks in it (``listPerson``); the body holds one
``div type="speech"`` per speech with one ``u`` (utterance) whose ``who``
points at the speaker, and one ``seg`` per paragraph. Identifiers follow our
permalinks: speech 45 is ``sp45`` and its paragraph ``#p12`` is
``sp45.p12`` (standalone headings ``sp45.s3``); each ``seg`` also carries the
paragraph's address in ``corresp``.

The document is produced as a stream of strings, a speech at a time, so a
compilation of any size is never held in memory whole.
"""

import re
from collections.abc import Callable, Iterator
from xml.sax.saxutils import escape, quoteattr

from django.utils import timezone

from speeches.exports.text import heading_text, in_reading_order
from speeches.models import Compilation, Paragraph, Section, Speech

TEI_NS = "http://www.tei-c.org/ns/1.0"
# Characters XML 1.0 forbids; normalized text should never hold them, but
# one stray control character must not make the whole file unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value: str) -> str:
    return escape(_NOT_XML.sub("", value))


def _attr(value: str) -> str:
    return quoteattr(_NOT_XML.sub("", value))


def speech_xml_id(speech: Speech) -> str:
    return f"sp{speech.pk}"


def person_id(speech: Speech) -> str:
    """A speaker's id: the Speaker row, or the role as printed when no one is named."""
    if speech.speaker_id is not None:
        return f"spk{speech.speaker_id}"
    return f"role.{speech.pk}"


def compilation_tei(
    compilation: Compilation, *, absolute_url: Callable[[str], str]
) -> Iterator[str]:
    """Yield the TEI document of ``compilation`` in pieces (UTF-8 text).

    ``absolute_url`` turns a path into a full address (``request.build_absolute_uri``).
    Queries: the speeches with their speakers, the sections, then the
    paragraphs read in chunks.
    """
    speeches = list(compilation.speeches.select_related("speaker").order_by("position"))
    sections_by_speech: dict[int, list[Section]] = {}
    for section in Section.objects.filter(speech__compilation=compilation).order_by(
        "speech_id", "position"
    ):
        sections_by_speech.setdefault(section.speech_id, []).append(section)

    yield from _header(compilation, speeches)
    yield "<text>\n<body>\n"
    paragraphs = (
        Paragraph.objects.filter(speech__compilation=compilation)
        .order_by("speech__position", "position")
        .only("id", "speech_id", "section_id", "position", "text")
        .iterator(chunk_size=2000)
    )
    pending = next(paragraphs, None)
    for speech in speeches:
        own: list[Paragraph] = []
        while pending is not None and pending.speech_id == speech.pk:
            own.append(pending)
            pending = next(paragraphs, None)
        yield _speech_div(speech, sections_by_speech.get(speech.pk, []), own, absolute_url)
    yield "</body>\n</text>\n</TEI>\n"


def _header(compilation: Compilation, speeches: list[Speech]) -> Iterator[str]:
    dates = sorted(s.date for s in speeches if s.date is not None)
    events = list(dict.fromkeys(s.event for s in speeches if s.event))
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    yield (
        f'<TEI xmlns="{TEI_NS}" xml:id="jianghua.c{compilation.pk}" xml:lang="zh">\n'
        "<teiHeader>\n<fileDesc>\n<titleStmt>\n"
        f'<title type="main" xml:lang="zh">{_text(compilation.title)}</title>\n'
    )
    for event in events:
        yield f"<meeting>{_text(event)}</meeting>\n"
    yield (
        "</titleStmt>\n<extent>"
        f'<measure unit="speeches" quantity="{len(speeches)}">{len(speeches)}</measure>'
        "</extent>\n"
        "<publicationStmt>\n<publisher>Jianghua</publisher>\n"
        f'<date when="{timezone.now().date().isoformat()}"/>\n</publicationStmt>\n'
        "<sourceDesc>\n<bibl>\n"
        f"<title>{_text(compilation.source_name)}</title>\n"
        f'<idno type="sha256">{compilation.sha256}</idno>\n'
        "</bibl>\n</sourceDesc>\n</fileDesc>\n"
        '<encodingDesc>\n<projectDesc><p xml:lang="en">Exported from Jianghua. '
        "Identifiers sp{speech}.p{paragraph} match the paragraph permalinks "
        "#p{paragraph} of each speech.</p></projectDesc>\n</encodingDesc>\n"
        "<profileDesc>\n<settingDesc>\n<setting>\n"
    )
    for event in events:
        yield f'<name type="event">{_text(event)}</name>\n'
    if dates:
        yield f'<date from="{dates[0].isoformat()}" to="{dates[-1].isoformat()}"/>\n'
    yield "</setting>\n</settingDesc>\n<particDesc>\n<listPerson>\n"
    seen: set[str] = set()
    for speech in speeches:
        pid = person_id(speech)
        if pid in seen or (speech.speaker_id is None and not (speech.role or speech.speaker_raw)):
            continue
        seen.add(pid)
        yield _person(speech, pid)
    yield (
        "</listPerson>\n</particDesc>\n"
        '<langUsage>\n<language ident="zh">中文</language>\n</langUsage>\n'
        "</profileDesc>\n</teiHeader>\n"
    )


def _person(speech: Speech, pid: str) -> str:
    parts = [f'<person xml:id="{pid}">']
    if speech.speaker_id is not None:
        parts.append(f"<persName>{_text(speech.speaker.name)}</persName>")
    else:
        parts.append(
            f"<persName><roleName>{_text(speech.role or speech.speaker_raw)}</roleName></persName>"
        )
    if speech.role and speech.speaker_id is not None:
        parts.append(f"<affiliation role={_attr(speech.role)}/>")
    parts.append("</person>\n")
    return "".join(parts)


def _speech_div(
    speech: Speech,
    sections: list[Section],
    paragraphs: list[Paragraph],
    absolute_url: Callable[[str], str],
) -> str:
    sid = speech_xml_id(speech)
    page = absolute_url(speech.get_absolute_url())
    out = [f'<div type="speech" xml:id="{sid}" n="{speech.position}" corresp={_attr(page)}>\n']
    out.append(f"<head>{_text(speech.title)}</head>\n")
    if speech.date is not None:
        out.append(
            f'<note type="date"><date when="{speech.date_iso}">{speech.date_iso}</date></note>\n'
        )
    if speech.event:
        out.append(f'<note type="event">{_text(speech.event)}</note>\n')
    if speech.speaker_raw:
        out.append(f'<note type="speaker">{_text(speech.speaker_raw)}</note>\n')
    has_speaker = speech.speaker_id is not None or speech.role or speech.speaker_raw
    who = f' who="#{person_id(speech)}"' if has_speaker else ""
    out.append(f'<u{who} xml:id="{sid}.u">\n')
    if speech.salutation:
        out.append(f'<seg type="salutation">{_text(speech.salutation)}</seg>\n')
    for section, paragraph in in_reading_order(sections, paragraphs):
        if section is not None:
            out.append(
                f'<note type="head" xml:id="{sid}.{section.anchor}" n="{section.level}">'
                f"{_text(heading_text(section))}</note>\n"
            )
        else:
            out.append(
                f'<seg xml:id="{sid}.{paragraph.anchor}" n="{paragraph.position}" '
                f"corresp={_attr(page + '#' + paragraph.anchor)}>{_text(paragraph.text)}</seg>\n"
            )
    out.append("</u>\n</div>\n")
    return "".join(out)
