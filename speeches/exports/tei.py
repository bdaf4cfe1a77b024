"""A compilation as TEI XML, laid out as a ParlaMint corpus.

The file is a ``teiCorpus`` whose header plays the part of a ParlaMint
corpus root: it describes the compilation, defines the categories the
``@ana`` pointers refer to, names everyone who speaks (``listPerson``) and
the language. Inside it, one ``TEI`` document is the compilation's text, a
ParlaMint component: its header holds the title, meetings, edition, extent,
publication, source, tag counts and setting; its body holds one
``div type="debateSection"`` per speech with the speech's title, notes
(date, meeting, the speaker as printed) and one ``u`` (utterance) whose
``who`` points at the speaker, with one ``seg`` per paragraph.

Identifiers follow our permalinks: speech 45 is ``sp45`` and its paragraph
``#p12`` is ``sp45.p12`` (standalone headings ``sp45.s3``); each ``seg``
also carries the paragraph's address in ``corresp``. A named speaker is
``spk{id}``; a speech attributed to a role alone (主任) is one person per
role in the compilation, ``role.c{compilation}.{n}``.

The document is produced as a stream of strings, a speech at a time, so a
compilation of any size is never held in memory whole. docs/api.md lists
the schemas it is checked against.
"""

import re
from collections.abc import Callable, Iterator
from xml.sax.saxutils import escape, quoteattr

from django.utils import timezone

from speeches.exports.text import heading_text, in_reading_order
from speeches.models import Compilation, Paragraph, Section, Speech

TEI_NS = "http://www.tei-c.org/ns/1.0"
# The version of this layout; it changes when the export's structure does.
EDITION = "2.0"
# Characters XML 1.0 forbids; normalized text should never hold them, but
# one stray control character must not make the whole file unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

# The categories ``@ana`` points at, defined in the corpus header: the kind
# of document (a compilation is what ParlaMint calls a sitting's record),
# the subcorpus, and the type of speech.
TAXONOMIES = {
    "parla.legislature": [("parla.meeting", "Meeting", "A meeting at which speeches were given.")],
    "subcorpus": [("reference", "Reference", "The texts as compiled, without later changes.")],
    "speech.type": [("regular", "Regular", "A speaker's own speech.")],
}


def _text(value: str) -> str:
    return escape(_NOT_XML.sub("", value))


def _attr(value: str) -> str:
    return quoteattr(_NOT_XML.sub("", value))


def speech_xml_id(speech: Speech) -> str:
    return f"sp{speech.pk}"


class People:
    """The persons of one compilation: a Speaker each, and one per role
    printed without a name (the same role twice is one person)."""

    def __init__(self, compilation: Compilation) -> None:
        self.compilation = compilation
        self.roles: dict[str, str] = {}

    @staticmethod
    def _role(speech: Speech) -> str:
        return (speech.role or speech.speaker_raw).strip()

    def id_for(self, speech: Speech) -> str | None:
        if speech.speaker_id is not None:
            return f"spk{speech.speaker_id}"
        role = self._role(speech)
        if not role:
            return None
        if role not in self.roles:
            self.roles[role] = f"role.c{self.compilation.pk}.{len(self.roles) + 1}"
        return self.roles[role]

    def persons(self, speeches: list[Speech]) -> Iterator[str]:
        seen: set[str] = set()
        roles_of: dict[int, list[str]] = {}
        for speech in speeches:
            if speech.speaker_id is not None and speech.role:
                roles = roles_of.setdefault(speech.speaker_id, [])
                if speech.role not in roles:
                    roles.append(speech.role)
        for speech in speeches:
            pid = self.id_for(speech)
            if pid is None or pid in seen:
                continue
            seen.add(pid)
            if speech.speaker_id is not None:
                name = speech.speaker.name
                roles = roles_of.get(speech.speaker_id, [])
            else:
                name, roles = self._role(speech), []
            parts = [f'<person xml:id="{pid}">', f"<persName>{_text(name)}</persName>"]
            parts.extend(
                f"<affiliation><roleName>{_text(role)}</roleName></affiliation>" for role in roles
            )
            parts.append("</person>\n")
            yield "".join(parts)


def compilation_tei(
    compilation: Compilation, *, absolute_url: Callable[[str], str]
) -> Iterator[str]:
    """Yield the TEI document of ``compilation`` in pieces (UTF-8 text).

    ``absolute_url`` turns a path into a full address (``request.build_absolute_uri``).
    Queries: the speeches with their speakers, the sections, the number of
    paragraphs, then the paragraphs read in chunks.
    """
    speeches = list(compilation.speeches.select_related("speaker").order_by("position"))
    sections_by_speech: dict[int, list[Section]] = {}
    for section in Section.objects.filter(speech__compilation=compilation).order_by(
        "speech_id", "position"
    ):
        sections_by_speech.setdefault(section.speech_id, []).append(section)
    paragraph_count = Paragraph.objects.filter(speech__compilation=compilation).count()
    people = People(compilation)
    page = absolute_url(compilation.get_absolute_url())

    yield from _corpus_header(compilation, speeches, people, page)
    yield from _component_header(compilation, speeches, sections_by_speech, paragraph_count, page)
    yield '<text ana="#reference">\n<body>\n'
    paragraphs = (
        Paragraph.objects.filter(speech__compilation=compilation)
        .order_by("speech__position", "position")
        .only("id", "speech_id", "section_id", "position", "text", "heading_end")
        .iterator(chunk_size=2000)
    )
    pending = next(paragraphs, None)
    for speech in speeches:
        own: list[Paragraph] = []
        while pending is not None and pending.speech_id == speech.pk:
            own.append(pending)
            pending = next(paragraphs, None)
        yield _speech_div(
            speech, sections_by_speech.get(speech.pk, []), own, people, absolute_url
        )
    yield "</body>\n</text>\n</TEI>\n</teiCorpus>\n"


def _events(speeches: list[Speech]) -> list[str]:
    return list(dict.fromkeys(s.event for s in speeches if s.event))


def _title_and_publication(compilation: Compilation, page: str) -> tuple[str, str]:
    today = timezone.now().date().isoformat()
    return (
        f'<title type="main" xml:lang="zh">{_text(compilation.title)}</title>\n'
    ), (
        "<publicationStmt>\n<publisher><orgName>Jianghua</orgName></publisher>\n"
        f'<idno type="URI">{_text(page)}</idno>\n'
        '<availability status="unknown"><p xml:lang="en">As for the source compilation.'
        "</p></availability>\n"
        f'<date when="{today}">{today}</date>\n</publicationStmt>\n'
    )


def _source_desc(compilation: Compilation, page: str) -> str:
    return (
        "<sourceDesc>\n<bibl>\n"
        f"<title>{_text(compilation.source_name)}</title>\n"
        f'<idno type="URI">{_text(page)}</idno>\n'
        "</bibl>\n</sourceDesc>\n"
    )


def _corpus_header(
    compilation: Compilation, speeches: list[Speech], people: People, page: str
) -> Iterator[str]:
    title, publication = _title_and_publication(compilation, page)
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    yield (
        f'<teiCorpus xmlns="{TEI_NS}" xml:id="jianghua.c{compilation.pk}.corpus" xml:lang="zh">\n'
        f"<teiHeader>\n<fileDesc>\n<titleStmt>\n{title}</titleStmt>\n"
        f"{publication}{_source_desc(compilation, page)}</fileDesc>\n"
        '<encodingDesc>\n<projectDesc><p xml:lang="en">Exported from Jianghua. '
        "Identifiers sp{speech}.p{paragraph} match the paragraph permalinks "
        "#p{paragraph} of each speech. The normalized text of the source file has "
        f"the SHA-256 digest {compilation.sha256}.</p></projectDesc>\n<classDecl>\n"
    )
    for taxonomy, categories in TAXONOMIES.items():
        yield f'<taxonomy xml:id="{taxonomy}">\n'
        for ident, label, description in categories:
            yield (
                f'<category xml:id="{ident}"><catDesc xml:lang="en"><term>{label}</term>: '
                f"{description}</catDesc></category>\n"
            )
        yield "</taxonomy>\n"
    yield "</classDecl>\n</encodingDesc>\n<profileDesc>\n"
    persons = list(people.persons(speeches))
    if persons:
        # A listPerson must hold someone: left out when no speech names a speaker.
        yield "<particDesc>\n<listPerson>\n"
        yield from persons
        yield "</listPerson>\n</particDesc>\n"
    yield (
        '<langUsage>\n<language ident="zh" xml:lang="zh">中文</language>\n'
        '<language ident="en" xml:lang="en">English</language>\n</langUsage>\n'
        "</profileDesc>\n</teiHeader>\n"
    )


def _component_header(
    compilation: Compilation,
    speeches: list[Speech],
    sections_by_speech: dict[int, list[Section]],
    paragraph_count: int,
    page: str,
) -> Iterator[str]:
    title, publication = _title_and_publication(compilation, page)
    dates = sorted(s.date for s in speeches if s.date is not None)
    events = _events(speeches)
    yield (
        f'<TEI xml:id="jianghua.c{compilation.pk}" xml:lang="zh" ana="#parla.meeting #reference">\n'
        f"<teiHeader>\n<fileDesc>\n<titleStmt>\n{title}"
    )
    for n, event in enumerate(events, start=1):
        yield f'<meeting n="{n}" ana="#parla.meeting">{_text(event)}</meeting>\n'
    yield (
        "</titleStmt>\n"
        f"<editionStmt><edition>{EDITION}</edition></editionStmt>\n<extent>"
        f'<measure unit="speeches" quantity="{len(speeches)}" xml:lang="en">'
        f"{len(speeches)} speeches</measure></extent>\n"
        f"{publication}{_source_desc(compilation, page)}</fileDesc>\n"
    )
    # The headings written as notes: not run-in, and not run into the body
    # of their paragraph (speeches.exports.text.in_reading_order).
    standalone = sum(
        1
        for ss in sections_by_speech.values()
        for s in ss
        if not s.run_in and not s.merged_with_body
    )
    salutations = sum(1 for s in speeches if s.salutation)
    notes = standalone + sum(
        bool(s.date) + bool(s.event) + bool(s.speaker_raw) for s in speeches
    )
    usage = [
        ("text", 1),
        ("body", 1),
        ("div", len(speeches)),
        ("head", len(speeches)),
        ("note", notes),
        ("u", len(speeches)),
        ("seg", paragraph_count + salutations),
    ]
    yield f'<encodingDesc>\n<tagsDecl>\n<namespace name="{TEI_NS}">\n'
    for gi, occurs in usage:
        if occurs:
            yield f'<tagUsage gi="{gi}" occurs="{occurs}"/>\n'
    yield "</namespace>\n</tagsDecl>\n</encodingDesc>\n"
    if events or dates:
        yield "<profileDesc>\n<settingDesc>\n<setting>\n"
        for event in events:
            yield f'<name type="event">{_text(event)}</name>\n'
        if dates:
            first, last = dates[0].isoformat(), dates[-1].isoformat()
            yield f'<date from="{first}" to="{last}">{first} – {last}</date>\n'
        yield "</setting>\n</settingDesc>\n</profileDesc>\n"
    yield "</teiHeader>\n"


def _speech_div(
    speech: Speech,
    sections: list[Section],
    paragraphs: list[Paragraph],
    people: People,
    absolute_url: Callable[[str], str],
) -> str:
    sid = speech_xml_id(speech)
    page = absolute_url(speech.get_absolute_url())
    out = [
        f'<div type="debateSection" xml:id="{sid}" n="{speech.position}" corresp={_attr(page)}>\n',
        f"<head>{_text(speech.title)}</head>\n",
    ]
    if speech.date is not None:
        out.append(f'<note type="date">{speech.date_iso}</note>\n')
    if speech.event:
        out.append(f'<note type="event">{_text(speech.event)}</note>\n')
    if speech.speaker_raw:
        out.append(f'<note type="speaker">{_text(speech.speaker_raw)}</note>\n')
    pid = people.id_for(speech)
    who = f' who="#{pid}"' if pid else ""
    out.append(f'<u{who} ana="#regular" xml:id="{sid}.u">\n')
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
