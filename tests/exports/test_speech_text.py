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
    d = speech.date
    assert f"（{d.year}年{d.month}月{d.day}日）" in first_lines
    assert f"讲话人：{speech.speaker.name}" in first_lines
    assert f"会议：{speech.event}" in first_lines
    for section in Section.objects.filter(speech=speech, run_in=False):
        heading = f"{section.marker}{section.heading}"
        first = Paragraph.objects.filter(section=section).order_by("position").first()
        if section.merged_with_body:
            # Ran into its paragraph: written once, as the paragraph's start.
            assert f"\n\n{heading}\n\n" not in text and f"\n\n{first.text}" in text
            continue
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
            f"{s.marker}{s.heading}" for s in sections if not s.run_in and not s.merged_with_body
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
        head = paragraph.text[: paragraph.heading_end]
        bold = head.rstrip("。，；：、")
        assert f"**{bold}**{head[len(bold):]}" in md.replace("\\", "")


def test_markdown_escapes_what_would_become_markup(seed_compilation):
    speech = seed_compilation.speeches.first()
    paragraph = speech.paragraphs.first()
    Paragraph.objects.filter(pk=paragraph.pk).update(text="1. 第一条 *重点* <b>x</b>")
    md = markdown(Speech.objects.for_listing().get(pk=speech.pk))
    assert "1\\. 第一条 \\*重点\\* \\<b\\>x\\</b\\>" in md


def test_run_in_headings_are_bold_in_commonmark(speeches):
    """A CommonMark renderer shows every run-in heading in bold: ``**`` after
    Chinese punctuation and before a letter would never close."""
    from markdown_it import MarkdownIt

    renderer = MarkdownIt("commonmark")
    checked = 0
    for speech in speeches:
        html = renderer.render(markdown(speech))
        assert "**" not in html
        for paragraph in speech.paragraphs.exclude(heading_end=None):
            head = paragraph.text[: paragraph.heading_end].rstrip("。，；：、.,;:")
            assert f"<strong>{head}</strong>" in html, head
            checked += 1
    assert checked >= 5


def test_run_in_heading_markup_in_every_shape():
    from markdown_it import MarkdownIt

    from speeches.exports.text import _run_in_markdown

    renderer = MarkdownIt("commonmark")
    cases = [
        ("一是加强监督。监督要有力。", 7, "一是加强监督"),
        ("第一，要提高认识。", 3, "第一"),
        ("（一）坚持党的领导。正文", 10, "（一）坚持党的领导"),
        ("一、关于*重点*工作。正文", 11, "一、关于*重点*工作"),
    ]
    for text, end, bold in cases:
        html = renderer.render(_run_in_markdown(text, end))
        assert f"<strong>{bold}</strong>" in html.replace("<em>", "*").replace("</em>", "*")
        assert "**" not in html
