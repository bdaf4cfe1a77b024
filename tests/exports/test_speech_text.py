"""Speeches as plain text and Markdown: every paragraph verbatim, headings in place."""

import re

import pytest

from speeches.exports.text import markdown, plain_text, speech_parts
from speeches.models import Paragraph, Section, Speech

pytestmark = pytest.mark.django_db


@pytest.fixture
def speeches(seed_compilation):
    return list(seed_compilation.speeches.for_listing().order_by("position"))


def test_every_paragraph_is_where_the_offsets_say(speeches):
    for speech in speeches:
        result = plain_text(speech)
        paragraphs = list(speech.paragraphs.all())
        assert set(result.paragraph_starts) == {p.pk for p in paragraphs}
        for paragraph in paragraphs:
            start = result.paragraph_starts[paragraph.pk]
            assert result.text[start : start + len(paragraph.text)] == paragraph.text
        # In reading order, one block each.
        starts = [
            result.paragraph_starts[p.pk] for p in sorted(paragraphs, key=lambda p: p.position)
        ]
        assert starts == sorted(starts)


def test_the_header_and_standalone_headings_are_in_the_text(speeches):
    speech = next(s for s in speeches if s.date_precision == "day" and s.speaker_id)
    text = plain_text(speech).text
    first_lines = text.split("\n\n", 1)[0].splitlines()
    assert first_lines[0] == speech.title
    assert any(speech.date_iso in line for line in first_lines)
    assert any(speech.speaker.name in line for line in first_lines)
    assert any(speech.event in line for line in first_lines)
    for section in Section.objects.filter(speech=speech, run_in=False):
        heading = f"{section.marker}{section.heading}"
        assert f"\n\n{heading}\n\n" in text
        # A heading comes before the first paragraph it holds.
        first = Paragraph.objects.filter(section=section).order_by("position").first()
        if first is not None:
            assert text.index(f"\n\n{heading}\n\n") < text.index(first.text)


def test_no_text_is_lost_or_added_in_the_body(speeches):
    for speech in speeches:
        sections, paragraphs = speech_parts(speech)
        body = plain_text(speech).text.split("\n\n")
        expected = {p.text for p in paragraphs} | {
            f"{s.marker}{s.heading}" for s in sections if not s.run_in
        }
        assert expected <= {block.strip("\n") for block in body}


def test_markdown_has_the_title_the_headings_and_bold_run_in_headings(speeches):
    speech = max(speeches, key=lambda s: s.sections.count())
    md = markdown(speech)
    assert md.startswith(f"# {speech.title}\n")
    standalone = Section.objects.filter(speech=speech, run_in=False)
    headings = re.findall(r"^(#{2,6}) (.+)$", md, flags=re.M)
    assert len(headings) == standalone.count()
    for (hashes, _), section in zip(headings, standalone.order_by("position"), strict=True):
        assert len(hashes) == min(section.level + 1, 6)
    for paragraph in speech.paragraphs.exclude(heading_end=None):
        assert f"**{paragraph.text[: paragraph.heading_end]}**" in md.replace("\\", "")


def test_markdown_escapes_what_would_become_markup(seed_compilation):
    speech = seed_compilation.speeches.first()
    paragraph = speech.paragraphs.first()
    Paragraph.objects.filter(pk=paragraph.pk).update(text="1. 第一条 *重点* <b>x</b>")
    md = markdown(Speech.objects.for_listing().get(pk=speech.pk))
    assert "1\\. 第一条 \\*重点\\* \\<b\\>x\\</b\\>" in md


def test_chinese_labels_take_a_full_width_colon_and_english_ones_an_ascii_one(speeches):
    from django.utils import translation

    speech = next(s for s in speeches if s.date_precision == "day" and s.speaker_id)
    with translation.override("zh-hans"):
        chinese = plain_text(speech).text.split("\n\n", 1)[0].splitlines()
    with translation.override("en"):
        english = plain_text(speech).text.split("\n\n", 1)[0].splitlines()
    assert f"日期：{speech.date_iso}" in chinese
    assert not any(": " in line for line in chinese[1:])
    assert f"Date: {speech.date_iso}" in english


def test_the_parser_reads_the_full_width_colon_header_as_it_read_the_ascii_one(speeches):
    # The .txt export is meant to import again: the full-width colon changes
    # nothing of what the parser reads from the header.
    from django.utils import translation

    from text.parsing import parse_text

    speech = next(s for s in speeches if s.date_precision == "day" and s.speaker_id)
    with translation.override("zh-hans"):
        text = plain_text(speech).text
    header, body = text.split("\n\n", 1)
    ascii_text = header.replace("：", ": ") + "\n\n" + body
    assert ascii_text != text

    def facts(parsed):
        (one,) = parsed.speeches
        return (one.title, one.speaker_name, one.role, one.event, one.date, one.published,
                len(one.paragraphs))

    assert facts(parse_text(text)) == facts(parse_text(ascii_text))
    assert facts(parse_text(text))[:2] == (speech.title, speech.speaker.name)
