"""The database itself refuses rows that break the speeches models' rules.

The importer and the correction forms keep these rules too, but a script,
the admin, the benchmark loader or a future bug writes rows past them; the
constraints in speeches/models.py are the last word. Each case starts from
a row the database accepts and changes one thing, so the IntegrityError can
only come from the rule under test; the message must name that rule (SQLite
and PostgreSQL both name a CHECK constraint, and a UNIQUE one's columns).
"""

import datetime
import hashlib
from contextlib import contextmanager

import pytest
from django.db import IntegrityError, transaction

from speeches.models import (
    Compilation,
    Paragraph,
    Section,
    Speaker,
    SpeakerAlias,
    Speech,
)

pytestmark = pytest.mark.django_db


@contextmanager
def refused_by_check(name: str):
    """The block fails on the CHECK constraint ``name``; its writes are undone."""
    with pytest.raises(IntegrityError) as caught, transaction.atomic():
        yield
    assert name in str(caught.value)


@contextmanager
def refused_as_duplicate(*columns: str):
    """The block fails on a UNIQUE constraint over ``columns``; its writes are undone."""
    with pytest.raises(IntegrityError) as caught, transaction.atomic():
        yield
    message = str(caught.value)
    assert "unique" in message.lower(), message
    for column in columns:
        assert column in message, message


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def make_compilation(text: str = "汇编正文") -> Compilation:
    return Compilation.objects.create(
        title="汇编",
        source_name="compilation.txt",
        sha256=digest(text),
        encoding="utf-8",
        size=len(text.encode()),
        text=text,
        parser_version="test",
    )


@pytest.fixture
def compilation():
    return make_compilation()


@pytest.fixture
def speech(compilation):
    return Speech.objects.create(compilation=compilation, position=1, title="讲话")


@pytest.fixture
def section(speech):
    return Section.objects.create(speech=speech, position=1, level=1, heading="总体要求")


TEXT = "一是发展。要坚持以人民为中心。"


def paragraph_in(speech, **fields) -> Paragraph:
    values = {"position": 1, "text": TEXT, "text_hash": digest(TEXT), **fields}
    return Paragraph.objects.create(speech=speech, **values)


# Compilations


def test_the_same_text_is_one_compilation(compilation):
    # The importer recognises a re-upload by this hash; two rows would
    # split one text's annotations between them.
    with refused_as_duplicate("sha256"):
        make_compilation(compilation.text)
    assert Compilation.objects.count() == 1


@pytest.mark.parametrize(
    "sha256",
    [
        digest("汇编").upper(),  # the hash is compared as written: one spelling only
        digest("汇编")[:63],
        "",
        "g" * 64,
    ],
)
def test_a_compilation_hash_is_64_lowercase_hex_digits(sha256):
    with refused_by_check("compilation_sha256_hex"):
        Compilation.objects.create(
            title="汇编", source_name="x.txt", sha256=sha256, encoding="utf-8", size=0,
            text="", parser_version="test",
        )


# Speakers and their aliases


def test_speaker_names_slugs_and_aliases_are_each_unique():
    wang = Speaker.objects.create(name="王萍", slug="wang-ping")
    with refused_as_duplicate("name"):
        Speaker.objects.create(name="王萍", slug="wang-ping-2")
    with refused_as_duplicate("slug"):
        Speaker.objects.create(name="王平", slug="wang-ping")
    # An alias points at one speaker: the same printed name cannot lead to two.
    SpeakerAlias.objects.create(speaker=wang, name="王萍市长")
    li = Speaker.objects.create(name="李强", slug="li-qiang")
    with refused_as_duplicate("name"):
        SpeakerAlias.objects.create(speaker=li, name="王萍市长")


def test_a_speaker_is_never_merged_into_itself():
    # Speaker.forwarded() follows merged_into; a self-link would be a loop.
    wang = Speaker.objects.create(name="王萍", slug="wang-ping")
    with refused_by_check("speaker_not_merged_into_self"):
        Speaker.objects.filter(pk=wang.pk).update(merged_into=wang)
    li = Speaker.objects.create(name="李强", slug="li-qiang")
    Speaker.objects.filter(pk=wang.pk).update(merged_into=li)


# Speeches


def test_a_position_holds_one_speech_per_compilation(speech):
    with refused_as_duplicate("compilation_id", "position"):
        Speech.objects.create(compilation=speech.compilation, position=1, title="另一篇")
    # Another compilation numbers its speeches from 1 too.
    other = make_compilation("另一部汇编")
    Speech.objects.create(compilation=other, position=1, title="另一篇")


def test_speech_positions_start_at_1(compilation):
    with refused_by_check("speech_position_gte_1"):
        Speech.objects.create(compilation=compilation, position=0, title="讲话")


DAY = datetime.date(2024, 8, 12)


@pytest.mark.parametrize(
    ("date_field", "precision_field", "constraint"),
    [
        ("date", "date_precision", "speech_date_has_precision"),
        ("published_on", "published_precision", "speech_published_has_precision"),
    ],
)
def test_a_date_and_its_precision_come_together(
    compilation, date_field, precision_field, constraint
):
    # date_iso reads the date at its precision: 2024-01-01 at "year" is 2024,
    # at "day" the first of January. Either half alone says nothing certain.
    Speech.objects.create(compilation=compilation, position=1, title="无日期")
    Speech.objects.create(
        compilation=compilation, position=2, title="有日期",
        **{date_field: DAY, precision_field: "day"},
    )
    with refused_by_check(constraint):
        Speech.objects.create(
            compilation=compilation, position=3, title="日期无精度", **{date_field: DAY}
        )
    with refused_by_check(constraint):
        Speech.objects.create(
            compilation=compilation, position=4, title="精度无日期", **{precision_field: "year"}
        )


# Sections


def test_a_position_holds_one_section_per_speech(section):
    with refused_as_duplicate("speech_id", "position"):
        Section.objects.create(speech=section.speech, position=1, level=1, heading="重复")
    other = Speech.objects.create(compilation=section.speech.compilation, position=2, title="讲话")
    Section.objects.create(speech=other, position=1, level=1, heading="又一篇的第一节")


@pytest.mark.parametrize(
    ("fields", "constraint"),
    [
        ({"position": 0, "level": 1}, "section_position_gte_1"),
        ({"position": 2, "level": 0}, "section_level_gte_1"),
    ],
)
def test_section_positions_and_levels_start_at_1(speech, fields, constraint):
    with refused_by_check(constraint):
        Section.objects.create(speech=speech, heading="节", **fields)


def test_a_section_is_never_its_own_parent(section):
    # The reader walks the tree from the roots; a self-parent is never reached.
    with refused_by_check("section_not_own_parent"):
        Section.objects.filter(pk=section.pk).update(parent=section)
    child = Section.objects.create(speech=section.speech, parent=section, position=2, level=2)
    assert child.parent == section


# Paragraphs


def test_a_position_holds_one_paragraph_per_speech(speech):
    # The position is the permalink #p12 and annotations hang on it.
    paragraph_in(speech)
    with refused_as_duplicate("speech_id", "position"):
        paragraph_in(speech)
    other = Speech.objects.create(compilation=speech.compilation, position=2, title="另一篇")
    paragraph_in(other)


def test_paragraph_positions_start_at_1(speech):
    with refused_by_check("paragraph_position_gte_1"):
        paragraph_in(speech, position=0)


def test_a_paragraph_has_text(speech):
    with refused_by_check("paragraph_text_not_empty"):
        paragraph_in(speech, text="", text_hash=digest(""))


@pytest.mark.parametrize("heading_end", [None, 1, len("一是发展。"), len(TEXT)])
def test_a_run_in_heading_may_end_anywhere_within_the_text(speech, heading_end):
    paragraph = paragraph_in(speech, heading_end=heading_end)
    paragraph.refresh_from_db()
    assert paragraph.heading_end == heading_end


@pytest.mark.parametrize(
    "heading_end",
    [
        0,  # an empty heading is no heading: that is None
        len(TEXT) + 1,
        # Counted in code points, as the reader slices the text, not in
        # UTF-8 bytes (which would allow three times as much here).
        len(TEXT.encode()),
    ],
)
def test_a_run_in_heading_ends_within_the_text(speech, heading_end):
    with refused_by_check("paragraph_heading_end_within_text"):
        paragraph_in(speech, heading_end=heading_end)
