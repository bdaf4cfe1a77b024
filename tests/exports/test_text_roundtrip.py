"""A speech exported as text and uploaded again is the same speech: its
metadata, its section tree and its paragraphs (docs/api.md)."""

import pytest

from speeches.exports.text import plain_text
from speeches.models import Speech
from speeches.services.imports import parse_upload

pytestmark = pytest.mark.django_db


def stored(speech: Speech) -> dict:
    sections = list(speech.sections.order_by("position"))
    return {
        "title": speech.title,
        "speaker": speech.speaker.name if speech.speaker_id else None,
        "role": speech.role,
        "event": speech.event,
        "date": speech.date_iso,
        "published": speech.published_iso,
        "place": speech.place,
        "salutation": speech.salutation,
        "sections": [(s.marker, s.heading, s.level, s.run_in) for s in sections],
        "paragraphs": [(p.text, p.heading_end) for p in speech.paragraphs.order_by("position")],
    }


def reparsed(text: str) -> dict:
    parsed = parse_upload(data=text.encode("utf-8"), filename="speech.txt")
    (speech,) = parsed.speeches
    flat = []

    def walk(sections):
        for section in sections:
            flat.append(section)
            walk(section.children)

    walk(speech.sections)
    return {
        "title": speech.title or "",
        "speaker": speech.speaker_name,
        "role": speech.role or "",
        "event": speech.event or "",
        "date": speech.date,
        "published": speech.published,
        "place": speech.place or "",
        "salutation": speech.salutation or "",
        "sections": [(s.marker, s.heading, s.level, s.run_in) for s in flat],
        "paragraphs": [(p.text, p.heading_end) for p in speech.paragraphs],
    }


def test_every_sample_speech_comes_back_the_same(seed_compilation):
    speeches = list(seed_compilation.speeches.for_listing().order_by("position"))
    assert len(speeches) >= 5
    for speech in speeches:
        before = stored(speech)
        after = reparsed(plain_text(speech).text)
        for key in before:
            assert after[key] == before[key], (speech.title, key)


def compare_all(compilation) -> list[tuple[str, str]]:
    differences = []
    for speech in compilation.speeches.for_listing().order_by("position"):
        before = stored(speech)
        after = reparsed(plain_text(speech).text)
        differences += [(speech.title, key) for key in before if after[key] != before[key]]
    return differences


def test_the_shared_samples_come_back_the_same(shared_samples, editor):
    from speeches.services.imports import import_compilation

    files = sorted(p for p in shared_samples.glob("*.txt") if "crlf" not in p.name)
    assert files
    for path in files:
        data = path.read_bytes()
        parsed = parse_upload(data=data, filename=path.name)
        compilation = import_compilation(parsed=parsed, size=len(data), user=editor).compilation
        assert compare_all(compilation) == [], path.name
