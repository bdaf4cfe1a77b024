"""The admin cannot lose or corrupt annotated text, or tangle speaker merges."""

import datetime
import signal
from contextlib import contextmanager

import lxml.html
import pytest
from django.db.models import RestrictedError
from django.urls import reverse
from django.utils import timezone

from annotations import services
from annotations.models import Annotation, Comment, Theme
from speeches.models import Compilation, Paragraph, Section, Speaker, Speech
from speeches.services.retire import RESTORE_DAYS
from tests.speeches.browse_data import import_speech, import_text, long_speech_text


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture
def annotated(db, annotator):
    """A speech with sections whose first sectioned paragraph is tagged and commented."""
    speech = import_text(long_speech_text(12, sections=3)).speeches.get()
    paragraph = speech.paragraphs.filter(section__isnull=False).first()
    theme = Theme.objects.filter(active=True).first()
    services.tag_passage(
        paragraph=paragraph, start=0, end=2, quote=paragraph.text[:2], themes=[theme],
        author=annotator,
    )
    services.write_comment(paragraph=paragraph, author=annotator, body="值得注意")
    return paragraph


def test_a_paragraph_can_be_looked_at_but_not_edited(admin_client, annotated):
    change = reverse("admin:speeches_paragraph_change", args=[annotated.pk])
    page = admin_client.get(change)
    assert page.status_code == 200
    html = page.content.decode()
    assert annotated.text in html and 'name="text"' not in html
    posted = admin_client.post(change, {"text": "改过的文字", "speech": annotated.speech_id,
                                        "position": annotated.position, "line": 1})
    assert posted.status_code == 403
    annotated.refresh_from_db()
    assert annotated.text != "改过的文字"
    assert admin_client.get(reverse("admin:speeches_paragraph_add")).status_code == 403
    delete = reverse("admin:speeches_paragraph_delete", args=[annotated.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert Paragraph.objects.filter(pk=annotated.pk).exists()


def test_sections_in_the_speech_admin_are_read_only(admin_client, annotated):
    speech = annotated.speech
    change = reverse("admin:speeches_speech_change", args=[speech.pk])
    html = admin_client.get(change).content.decode()
    assert annotated.section.heading in html
    assert 'name="sections-0-DELETE"' not in html
    assert 'name="sections-0-heading"' not in html
    # Posting what the form would hold, plus a deletion and a new heading, changes nothing.
    form = next(f for f in lxml.html.fromstring(html).forms if f.get("id") == "speech_form")
    data = dict(form.form_values())
    sections = list(speech.sections.order_by("position"))
    for n, section in enumerate(sections):
        data[f"sections-{n}-DELETE"] = "on"
        data[f"sections-{n}-heading"] = "改过的标题"
        data[f"sections-{n}-id"] = section.pk
    response = admin_client.post(change, data)
    assert response.status_code == 302
    assert list(speech.sections.order_by("position")) == sections
    assert not speech.sections.filter(heading="改过的标题").exists()
    assert Paragraph.objects.filter(pk=annotated.pk, section=annotated.section).exists()


def test_a_section_never_takes_its_paragraphs_with_it(annotated):
    with pytest.raises(RestrictedError):
        annotated.section.delete()
    assert Paragraph.objects.filter(pk=annotated.pk).exists()
    assert Annotation.objects.filter(paragraph=annotated).exists()


def test_deleting_a_compilation_in_the_admin_still_deletes_all_of_it(admin_client, annotated):
    compilation = annotated.speech.compilation
    other = import_speech(title="另一篇讲话", paragraphs=["一段。"])
    # Deleted for good only once withdrawn and past the time to restore it
    # (speeches.services.retire).
    Compilation.objects.filter(pk=compilation.pk).update(
        withdrawn_at=timezone.now() - datetime.timedelta(days=RESTORE_DAYS + 1)
    )
    response = admin_client.post(
        reverse("admin:speeches_compilation_delete", args=[compilation.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Compilation.objects.filter(pk=compilation.pk).exists()
    assert not Speech.objects.filter(compilation=compilation.pk).exists()
    assert not Section.objects.filter(speech__compilation=compilation.pk).exists()
    assert not Paragraph.objects.filter(speech__compilation=compilation.pk).exists()
    assert not Annotation.objects.exists() and not Comment.objects.exists()
    assert Paragraph.objects.filter(speech=other).count() == 1


def test_deleting_a_speech_in_the_admin_deletes_its_sections_and_paragraphs(
    admin_client, annotated
):
    speech = annotated.speech
    response = admin_client.post(
        reverse("admin:speeches_speech_delete", args=[speech.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Section.objects.filter(speech=speech.pk).exists()
    assert not Paragraph.objects.filter(speech=speech.pk).exists()


def test_merges_are_not_edited_in_the_speaker_admin(admin_client, db):
    wang = import_speech(title="讲话", speaker="王萍", paragraphs=["一段。"]).speaker
    li = Speaker.objects.create(name="李强", slug="李强")
    change = reverse("admin:speeches_speaker_change", args=[li.pk])
    html = admin_client.get(change).content.decode()
    assert 'name="merged_into"' not in html
    admin_client.post(change, {
        "name": "李强", "slug": "李强", "merged_into": wang.pk,
        "aliases-TOTAL_FORMS": 0, "aliases-INITIAL_FORMS": 0,
    })
    li.refresh_from_db()
    assert li.merged_into is None


@contextmanager
def time_limit(seconds: int):
    def stop(signum, frame):
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_an_import_ends_even_when_merges_form_a_cycle(db):
    wang = import_speech(title="讲话", speaker="王萍", paragraphs=["一段。"]).speaker
    li = Speaker.objects.create(name="李强", slug="李强")
    # Rows no service writes: the admin used to allow it.
    Speaker.objects.filter(pk=wang.pk).update(merged_into=li)
    Speaker.objects.filter(pk=li.pk).update(merged_into=wang)
    with time_limit(10):
        speech = import_speech(title="又一篇讲话", speaker="王萍", paragraphs=["两段。"])
    assert speech.speaker in (wang, li)
