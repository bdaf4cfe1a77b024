"""A speech whose text prints no title: the parser's derived title is
stored and marked, a corrected title clears the mark, and no page shows an
empty title or link."""

import dataclasses
import re

import pytest
from django.urls import reverse

from speeches.models import Speech
from speeches.services.imports import import_compilation
from text.corrections import CompilationCorrections, apply_corrections, correction_of
from text.parsing import parse_text

BADGE = '<span class="badge" title="'
UNTITLED = "——2030年3月2日在某市经济工作会议上\n某市市长 王立\n同志们：\n今天开会。\n"


def import_text(text, user):
    parsed = parse_text(text, source="untitled.txt")
    return import_compilation(parsed=parsed, size=len(text.encode()), user=user).compilation


def correct_title(parsed, title):
    fix = dataclasses.replace(correction_of(parsed.speeches[0]), title=title)
    return apply_corrections(parsed, CompilationCorrections(title="", speeches=(fix,)))


@pytest.mark.django_db
def test_a_derived_title_is_stored_and_marked(editor):
    compilation = import_text(UNTITLED, editor)
    speech = compilation.speeches.get()
    assert speech.title == "王立在某市经济工作会议上的讲话（2030-03-02）"
    assert speech.title_derived is True


@pytest.mark.django_db
def test_a_printed_title_is_not_marked(editor):
    compilation = import_text("在某会议上的讲话\n同志们：\n今天开会。\n", editor)
    assert compilation.speeches.get().title_derived is False


def test_a_title_the_editor_types_is_no_longer_derived():
    parsed = parse_text(UNTITLED)
    corrected = correct_title(parsed, "在某市经济工作会议上的讲话")
    assert corrected.speeches[0].title == "在某市经济工作会议上的讲话"
    assert corrected.speeches[0].title_derived is False


def test_an_emptied_title_falls_back_to_the_derived_one():
    parsed = parse_text("在某会议上的讲话\n（2030年1月2日）\n同志们：\n今天开会。\n")
    corrected = correct_title(parsed, "   ")
    assert corrected.speeches[0].title == "在某会议上的讲话（2030-01-02）"
    assert corrected.speeches[0].title_derived is True


@pytest.mark.django_db
def test_the_reader_marks_a_derived_title(editor, viewer_client):
    speech = import_text(UNTITLED, editor).speeches.get()
    page = viewer_client.get(reverse("speech_detail", args=[speech.pk])).content.decode()
    assert "王立在某市经济工作会议上的讲话（2030-03-02）" in page
    assert BADGE in page
    printed = import_text("在某会议上的讲话\n同志们：\n今天开会。\n", editor).speeches.get()
    page = viewer_client.get(reverse("speech_detail", args=[printed.pk])).content.decode()
    assert BADGE not in page


@pytest.mark.django_db
def test_the_speech_list_never_shows_an_empty_link(editor, viewer_client):
    import_text(UNTITLED, editor)
    page = viewer_client.get(reverse("speech_list")).content.decode()
    # A link with nothing inside (a link whose last child ends it, </span></a>, is not).
    assert re.search(r"<a\b[^>]*>\s*</a>", page) is None
    assert Speech.objects.filter(title="").count() == 0


@pytest.mark.django_db
def test_the_api_says_the_title_is_derived(editor, viewer_client):
    speech = import_text(UNTITLED, editor).speeches.get()
    data = viewer_client.get(f"/api/speeches/{speech.pk}").json()
    assert data["title_derived"] is True
