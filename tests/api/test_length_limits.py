"""Length limits on every stored text (docs/api.md, "Length limits"): each
limit is the model field's ``max_length``; over-long input is refused with a
422 (API) or a form error (pages) naming the field, and nothing is written."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import Activity, ApiToken
from accounts.tokens import create_token
from annotations import services
from annotations.models import Annotation, Comment, Theme
from core.fields import TooLong, max_length
from speeches.models import Compilation, ImportJob, Paragraph, Section, Speaker, Speech
from speeches.services.jobs import start_import
from speeches.services.remap import StructureRefused
from speeches.services.restructure import merge_paragraphs, paragraph_to_heading
from speeches.services.speakers import set_speech_speaker

pytestmark = pytest.mark.django_db


def over(model, field: str) -> str:
    """One character more than ``model.field`` holds."""
    return "长" * (max_length(model, field) + 1)


@pytest.fixture
def speech(seed_compilation):
    return seed_compilation.speeches.order_by("position").first()


@pytest.fixture
def paragraph(speech):
    return speech.paragraphs.order_by("position").first()


def snapshot():
    """What a refused request must leave as it was."""
    return (
        Theme.objects.count(),
        Annotation.objects.count(),
        Comment.objects.count(),
        Speaker.objects.count(),
        ImportJob.objects.count(),
        ApiToken.objects.count(),
        Activity.objects.count(),
        list(Speech.objects.order_by("pk").values_list("title", "place", "role", "speaker_id")),
        list(Compilation.objects.order_by("pk").values_list("title", "description")),
    )


def assert_refused(response, field: str, limit: int) -> None:
    assert response.status_code == 422, response.content[:300]
    body = response.json()
    said = str(body["details"])
    assert field in said and (str(limit) in said or f"{limit:,}" in body["message"]), body


def api_cases(speech, paragraph, theme):
    """(method, url, body, field, limit) for every text field the API stores."""
    cases = [
        ("post", "/api/themes", {"name": over(Theme, "name"), "colour": "#2f6b3a"}, "name",
         max_length(Theme, "name")),
        ("post", "/api/themes", {"name": "新主题", "name_en": over(Theme, "name_en"),
                                 "colour": "#2f6b3a"}, "name_en", max_length(Theme, "name_en")),
        ("post", "/api/themes", {"name": "新主题", "colour": "#2f6b3a",
                                 "description": over(Theme, "description")}, "description",
         max_length(Theme, "description")),
        ("patch", f"/api/themes/{theme.pk}", {"name": over(Theme, "name")}, "name",
         max_length(Theme, "name")),
        ("post", "/api/annotations", {"paragraph_id": paragraph.pk, "start": 0, "end": 2,
                                      "quote": paragraph.text[:2], "theme_ids": [theme.pk],
                                      "note": over(Annotation, "note")}, "note",
         max_length(Annotation, "note")),
        ("post", "/api/comments", {"paragraph_id": paragraph.pk, "body": over(Comment, "body")},
         "body", max_length(Comment, "body")),
        ("patch", f"/api/compilations/{speech.compilation_id}",
         {"title": over(Compilation, "title")}, "title", max_length(Compilation, "title")),
        ("patch", f"/api/compilations/{speech.compilation_id}",
         {"description": over(Compilation, "description")}, "description",
         max_length(Compilation, "description")),
        ("put", f"/api/speeches/{speech.pk}/speaker", {"name": over(Speaker, "name")}, "name",
         max_length(Speaker, "name")),
        ("post", f"/api/speakers/{Speaker.objects.get().pk}/merge",
         {"target": over(Speaker, "name")}, "target", max_length(Speaker, "name")),
        ("post", f"/api/speeches/{speech.pk}/split", {"paragraph": 2,
                                                     "title": over(Speech, "title")}, "title",
         max_length(Speech, "title")),
    ]
    for field in ("title", "event", "place", "speaker_raw", "role", "salutation"):
        cases.append(("patch", f"/api/speeches/{speech.pk}", {field: over(Speech, field)}, field,
                      max_length(Speech, field)))
    cases.append(("patch", f"/api/speeches/{speech.pk}", {"speaker": over(Speaker, "name")},
                  "speaker", max_length(Speaker, "name")))
    return cases


def test_the_api_refuses_over_long_text_and_writes_nothing(editor_client, speech, paragraph):
    theme = Theme.objects.order_by("pk").first()
    for method, url, body, field, limit in api_cases(speech, paragraph, theme):
        before = snapshot()
        response = getattr(editor_client, method)(url, body, content_type="application/json")
        assert_refused(response, field, limit)
        assert snapshot() == before, (url, field)


def test_an_upload_title_over_the_limit_is_refused(editor_client):
    before = snapshot()
    upload = SimpleUploadedFile("讲话.txt", "市长讲话\n\n同志们：\n\n我们要依法监督。\n".encode())
    response = editor_client.post(
        "/api/compilations", {"file": upload, "title": over(ImportJob, "title")}
    )
    assert_refused(response, "title", max_length(ImportJob, "title"))
    assert snapshot() == before


def test_the_pages_refuse_over_long_text_and_write_nothing(editor_client, speech):
    pages = [
        ("/themes/new/", {"name": over(Theme, "name"), "colour": "#2f6b3a"}, "name"),
        ("/themes/new/", {"name": "新主题", "colour": "#2f6b3a",
                          "description": over(Theme, "description")}, "description"),
        (f"/speeches/{speech.pk}/edit/", {"title": over(Speech, "title")}, "title"),
        (f"/compilations/{speech.compilation_id}/edit/",
         {"title": "汇编", "description": over(Compilation, "description")}, "description"),
        (f"/speeches/{speech.pk}/speaker/", {"name": over(Speaker, "name")}, "name"),
        ("/accounts/tokens/", {"name": over(ApiToken, "name"), "scope": "read"}, "name"),
    ]
    for url, data, field in pages:
        before = snapshot()
        response = editor_client.post(url, data)
        assert response.status_code == 200, (url, response.status_code)
        form = response.context["form"]
        assert field in form.errors, (url, form.errors)
        assert snapshot() == before, url
    upload = SimpleUploadedFile("讲话.txt", "市长讲话\n\n同志们：\n\n我们要依法监督。\n".encode())
    response = editor_client.post(
        "/compilations/upload/", {"file": upload, "title": over(ImportJob, "title")}
    )
    assert "title" in response.context["form"].errors


def test_the_services_refuse_what_a_form_or_schema_would(editor, speech, paragraph):
    """The services hold the limit too, for every caller (commands, other apps)."""
    theme = Theme.objects.order_by("pk").first()
    refusals = [
        lambda: services.tag_passage(paragraph=paragraph, start=0, end=2,
                                     quote=paragraph.text[:2], themes=[theme], author=editor,
                                     note=over(Annotation, "note")),
        lambda: services.write_comment(paragraph=paragraph, author=editor,
                                       body=over(Comment, "body")),
        lambda: services.create_theme(actor=editor, name="新主题", colour="#2f6b3a",
                                      name_en=over(Theme, "name_en")),
        lambda: set_speech_speaker(speech=speech, name=over(Speaker, "name"), actor=editor),
        lambda: create_token(user=editor, name=over(ApiToken, "name"), scope="read"),
        lambda: start_import(data=b"x", filename="a.txt", user=editor,
                             title=over(ImportJob, "title"), enqueue=False),
    ]
    for refuse in refusals:
        before = snapshot()
        with pytest.raises(TooLong) as refused:
            refuse()
        assert refused.value.code == "too-long" and refused.value.details["max_length"] > 0
        assert snapshot() == before


def test_restructuring_keeps_paragraphs_and_headings_within_their_limits(editor, speech):
    first, second = speech.paragraphs.order_by("position")[:2]
    half = max_length(Paragraph, "text") // 2 + 1
    Paragraph.objects.filter(pk=first.pk).update(text="甲" * half)
    Paragraph.objects.filter(pk=second.pk).update(text="乙" * half, section=first.section)
    with pytest.raises(StructureRefused) as refused:
        merge_paragraphs(speech=speech, position=first.position, actor=editor)
    assert refused.value.code == "too-long"
    assert Paragraph.objects.get(pk=first.pk).text == "甲" * half
    with pytest.raises(StructureRefused) as refused:
        paragraph_to_heading(speech=speech, position=first.position, level=1, actor=editor)
    assert refused.value.code == "too-long"
    assert str(max_length(Section, "heading")) in refused.value.message


def test_the_documented_limits_are_the_models():
    """docs/api.md's table of limits says what the models hold."""
    from pathlib import Path

    from accounts.models import ApiToken as Token

    expected = {
        "Theme name (`name`)": max_length(Theme, "name"),
        "Theme English name (`name_en`)": max_length(Theme, "name_en"),
        "Theme description (`description`)": max_length(Theme, "description"),
        "Annotation note (`note`)": max_length(Annotation, "note"),
        "Annotation quote (`quote`)": max_length(Annotation, "quote"),
        "Comment (`body`)": max_length(Comment, "body"),
        "Compilation title (`title`)": max_length(Compilation, "title"),
        "Compilation description (`description`)": max_length(Compilation, "description"),
        "Upload title (import job `title`)": max_length(ImportJob, "title"),
        "Speech title (`title`)": max_length(Speech, "title"),
        "Meeting (`event`)": max_length(Speech, "event"),
        "Place (`place`)": max_length(Speech, "place"),
        "Speaker as printed (`speaker_raw`)": max_length(Speech, "speaker_raw"),
        "Role as printed (`role`)": max_length(Speech, "role"),
        "Salutation (`salutation`)": max_length(Speech, "salutation"),
        "Speaker name (`speaker`, a speaker merge's `target`)": max_length(Speaker, "name"),
        "Section heading": max_length(Section, "heading"),
        "Paragraph text": max_length(Paragraph, "text"),
        "API token name (`name`)": max_length(Token, "name"),
    }
    docs = (Path(__file__).resolve().parents[2] / "docs" / "api.md").read_text()
    table = docs.split("## Length limits", 1)[1].split("\n\n")[2]
    rows = {}
    for line in table.splitlines()[2:]:
        cells = line.split("|")
        rows[cells[1].strip()] = int(cells[2])
    assert rows == expected
