"""The upload page: choose a file, check and correct the preview, import."""

import datetime
import re

import lxml.html
import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime

from accounts.models import Activity
from speeches.models import Compilation, ImportJob, Paragraph, Section, Speaker, Speech
from speeches.services.pending import SESSION_KEY
from tests.speeches.upload_inputs import SMALL_LIMIT, refused_files, seed_variants
from text.parsing.errors import MESSAGES

SEED_NAME = "000_664d169cac1943db.txt"
UPLOAD = reverse("compilation_upload")


pytestmark = pytest.mark.usefixtures("pending_dir")


def stored_files(pending_dir) -> list[str]:
    """Every file in the private storage: held uploads, the import jobs' (in
    jobs/) and the parses kept beside them (speeches.services.kept_parses)."""
    if not pending_dir.exists():
        return []
    return sorted(str(p.relative_to(pending_dir)) for p in pending_dir.rglob("*") if p.is_file())


def held_files(pending_dir) -> list[str]:
    """Files held, the import jobs' included (in jobs/); not their parses."""
    return [name for name in stored_files(pending_dir) if not name.endswith(".parsed")]


def row_counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Compilation, Speech, Section, Paragraph, Speaker, Activity)
    }


def upload(client, name: str, data: bytes, **fields):
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, data), **fields})


def preview_url(response) -> str:
    assert response.status_code == 302, response.content[:500]
    assert re.fullmatch(r"/compilations/upload/[\w-]+/", response.url)
    return response.url


def form_data(response) -> dict[str, str]:
    """What the browser would send back: every field of the preview as shown."""
    form = response.context["form"]
    data = {f"compilation-{k}": v for k, v in form.compilation.initial.items()}
    data["compilation-fingerprint"] = form.compilation.fields["fingerprint"].initial
    for speech_form in form.speeches:
        for field in speech_form:
            value = speech_form.get_initial_for_field(field.field, field.name)
            data[field.html_name] = "" if value is None else value
    data["action"] = "import"
    return data


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# ---- Who may upload ----


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    response = client.get(UPLOAD)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("role_client", ["viewer_client", "annotator_client"])
def test_readers_and_annotators_may_not_upload(request, role_client, seed_bytes, pending_dir):
    client = request.getfixturevalue(role_client)
    assert client.get(UPLOAD).status_code == 403
    assert upload(client, SEED_NAME, seed_bytes).status_code == 403
    assert not Compilation.objects.exists()
    assert held_files(pending_dir) == []


def test_the_upload_form_posts_with_a_csrf_token(editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    page = client.get(UPLOAD)
    assert page.status_code == 200
    assert 'name="csrfmiddlewaretoken"' in page.content.decode()
    assert upload(client, "a.txt", "同志们：".encode()).status_code == 403


# ---- The preview ----


def test_an_upload_is_held_and_previewed_not_imported(editor_client, seed_bytes, pending_dir):
    response = upload(editor_client, SEED_NAME, seed_bytes)
    url = preview_url(response)

    assert not Compilation.objects.exists()
    assert len(held_files(pending_dir)) == 1
    page = editor_client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    form = page.context["form"]
    assert [f.speech.title for f in form.speeches] == [
        "市长在2024年全市人大工作会议上的讲话范文",
        "市长在市委人大工作会议上的讲话",
        "市长在2024年市委人大工作会议上的讲话",
        "王萍市长在全市人大工作会议上的讲话",
        "市长在全市人大工作会议结束时的讲话",
    ]
    # The title the compilation will have unless the editor changes it.
    assert form.compilation["title"].value() == "市长在2024年全市人大工作会议上的讲话范文等5篇"
    fourth = form.speeches[3]
    assert fourth["speaker_name"].value() == "王萍"
    assert fourth["role"].value() == "市长"
    assert fourth["date"].value() == "2024-08-12"
    assert fourth["event"].value() == "全市人大工作会议"
    # The section tree with a heading field per section, and paragraph counts.
    markers = [item.section.marker for item, _field, _count in fourth.sections]
    assert markers[0] == "一、"
    first_section, first_heading, first_count = fourth.sections[0]
    assert first_heading.value().startswith("我市各级人大及其常委会依法履行监督职责")
    assert first_count == 5
    # A heading run into the body is shown whole, in a text area, to be cut.
    assert first_section.section.merged_with_body
    assert f'<textarea name="{first_heading.html_name}"' in html
    # The warning points at its line and shows that line's text.
    merged = next(w for w in fourth.warnings if w.code == "merged-heading")
    assert merged.line == 52
    assert merged.excerpt.startswith("一、我市各级人大及其常委会依法履行监督职责")
    assert merged.message in html
    assert merged.excerpt in html


def test_confirming_imports_with_the_corrections(editor_client, editor, seed_bytes, pending_dir):
    url = preview_url(upload(editor_client, SEED_NAME, seed_bytes, title="人大工作讲话汇编"))
    page = editor_client.get(url)
    data = form_data(page)
    assert data["compilation-title"] == "人大工作讲话汇编"
    fourth = page.context["form"].speeches[3]
    first_heading = fourth.sections[0][1].html_name
    data.update(
        {
            "speech-1-title": "市长在2024年全市人大工作会议上的讲话",
            "speech-2-speaker_name": "李明",
            "speech-2-date": "2024年5月",
            "speech-2-place": "市人民大会堂",
            first_heading: "我市各级人大及其常委会依法履行监督职责，有效促进了政府工作",
        }
    )

    response = editor_client.post(url, data)

    # Confirming starts the import job and leads to its page, which (the job
    # run at once by the tests' task backend) leads to the compilation.
    compilation = Compilation.objects.get()
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response.url == job.get_absolute_url()
    job_page = editor_client.get(response.url)
    assert compilation.get_absolute_url() in job_page.content.decode()
    assert "5" in job_page.content.decode()
    assert compilation.title == "人大工作讲话汇编"
    assert compilation.uploaded_by == editor
    speeches = {s.position: s for s in compilation.speeches.select_related("speaker")}
    assert speeches[1].title == "市长在2024年全市人大工作会议上的讲话"
    assert speeches[2].speaker.name == "李明"
    assert speeches[2].date_iso == "2024-05"
    assert speeches[2].date_precision == "month"
    assert speeches[2].place == "市人民大会堂"
    assert speeches[4].speaker.name == "王萍"
    section = speeches[4].sections.get(position=1)
    assert section.heading == "我市各级人大及其常委会依法履行监督职责，有效促进了政府工作"
    # The run-in heading's bold part now ends where the corrected heading does.
    opening = section.paragraphs.order_by("position").first()
    assert opening.text[: opening.heading_end] == (
        "一、我市各级人大及其常委会依法履行监督职责，有效促进了政府工作"
    )
    assert held_files(pending_dir) == []
    assert editor_client.session.get(SESSION_KEY) == {}


def test_a_large_compilation_is_confirmed_in_one_form(editor_client):
    # 150 speeches of three sections: more fields than Django's default
    # limit of 1,000 per request.
    text = "".join(
        f"第{n}篇：第{n}次会议上的讲话\n同志们：\n一、抓学习\n要学。\n二、抓落实\n要干。\n"
        f"三、抓作风\n要实。\n"
        for n in range(1, 151)
    )
    url = preview_url(upload(editor_client, "large.txt", text.encode()))
    data = form_data(editor_client.get(url))
    assert len(data) > 1000

    response = editor_client.post(url, data)

    assert response.status_code == 302
    compilation = Compilation.objects.get()
    assert compilation.speeches.count() == 150
    assert Section.objects.filter(speech__compilation=compilation).count() == 450


def test_invalid_corrections_show_the_preview_again(editor_client, seed_bytes, pending_dir):
    url = preview_url(upload(editor_client, SEED_NAME, seed_bytes))
    data = form_data(editor_client.get(url))
    data["speech-3-date"] = "2024-13-01"
    data["speech-1-title"] = "长" * 501

    response = editor_client.post(url, data)

    assert response.status_code == 200
    forms = response.context["form"].speeches
    assert "date" in forms[2].errors
    assert "title" in forms[0].errors
    assert not Compilation.objects.exists()
    assert len(held_files(pending_dir)) == 1  # still there to fix and confirm


def test_an_unnumbered_heading_may_be_renamed_but_not_emptied(editor_client, pending_dir):
    text = "关于工作的讲话\n同志们：\n坚持人民至上\n我们要坚持人民至上。\n依法行政\n要依法行政。\n"
    url = preview_url(upload(editor_client, "plain.txt", text.encode()))
    page = editor_client.get(url)
    fields = [field.html_name for _item, field, _count in page.context["form"].speeches[0].sections]
    data = form_data(page)

    data[fields[0]] = ""
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert not Compilation.objects.exists()

    data[fields[0]] = "始终坚持人民至上"
    editor_client.post(url, data)
    paragraph = Paragraph.objects.select_related("section").get(text="我们要坚持人民至上。")
    assert paragraph.section.heading == "始终坚持人民至上"
    assert Paragraph.objects.get(text="要依法行政。").section.heading == "依法行政"


def test_a_preview_of_another_parse_is_not_applied(editor_client, seed_bytes):
    url = preview_url(upload(editor_client, SEED_NAME, seed_bytes))
    data = form_data(editor_client.get(url))
    data["compilation-fingerprint"] = "0" * 20

    response = editor_client.post(url, data)

    assert response.status_code == 200
    assert "fingerprint" in response.context["form"].compilation.errors
    assert not Compilation.objects.exists()


def test_discarding_deletes_the_held_file(editor_client, seed_bytes, pending_dir):
    url = preview_url(upload(editor_client, SEED_NAME, seed_bytes))

    response = editor_client.post(url, {"action": "discard"})

    assert response.status_code == 302
    assert response.url == UPLOAD
    assert held_files(pending_dir) == []
    assert not Compilation.objects.exists()
    assert editor_client.get(url).status_code == 302


def test_a_held_upload_belongs_to_its_session(editor_client, seed_bytes, admin_user):
    url = preview_url(upload(editor_client, SEED_NAME, seed_bytes))
    other = Client()
    other.force_login(admin_user)

    response = other.get(url)
    assert response.status_code == 302
    assert response.url == UPLOAD
    assert other.post(url, {"action": "import"}).status_code == 302
    assert not Compilation.objects.exists()


def test_an_expired_upload_is_gone(editor_client, seed_bytes, pending_dir, monkeypatch):
    url = preview_url(upload(editor_client, SEED_NAME, seed_bytes))
    monkeypatch.setattr("speeches.services.pending.PENDING_UPLOAD_TTL", datetime.timedelta(0))

    response = editor_client.get(url)

    assert response.status_code == 302
    assert held_files(pending_dir) == []


# ---- Texts already imported ----


def test_a_text_already_imported_leads_to_it(
    editor_client, seed_compilation, seed_bytes, pending_dir
):
    for name, data in seed_variants(seed_bytes.decode("utf-8")):
        before = row_counts()
        response = upload(editor_client, name, data)
        assert response.status_code == 302
        assert response.url == seed_compilation.get_absolute_url()
        assert row_counts() == before
        assert held_files(pending_dir) == []
        shown = messages_of(editor_client.get(response.url))
        imported_on = date_format(localtime(seed_compilation.created_at), "DATE_FORMAT")
        assert len(shown) == 1 and imported_on in shown[0]


def test_a_text_imported_while_previewing_leads_to_it(editor_client, seed_bytes, editor):
    url = preview_url(upload(editor_client, SEED_NAME, seed_bytes))
    data = form_data(editor_client.get(url))
    from speeches.services.imports import import_compilation, parse_upload

    existing = import_compilation(
        parsed=parse_upload(data=seed_bytes, filename="other.txt"), size=1, user=editor
    ).compilation
    before = row_counts()

    response = editor_client.post(url, data)

    job = ImportJob.objects.get()
    assert response.url == job.get_absolute_url()
    assert job.compilation == existing and not job.created_compilation
    page = editor_client.get(response.url).content.decode()
    assert existing.get_absolute_url() in page
    assert row_counts() == before


# ---- Refused files ----


@pytest.mark.parametrize(("name", "data", "code"), refused_files())
def test_a_refused_file_shows_the_problem_and_writes_nothing(
    editor_client, settings, pending_dir, name, data, code
):
    settings.MAX_UPLOAD_BYTES = SMALL_LIMIT
    before = row_counts()

    response = upload(editor_client, name, data)

    assert response.status_code == 200
    form = response.context["form"]
    assert [e.code for e in form.errors.as_data()["file"]] == [code]
    assert MESSAGES[code][0].split("；")[0] in response.content.decode()
    assert row_counts() == before
    assert held_files(pending_dir) == []


def test_a_missing_file_is_asked_for(editor_client):
    response = editor_client.post(UPLOAD, {"title": "x"})
    assert response.status_code == 200
    assert "file" in response.context["form"].errors


def test_the_preview_shows_the_subtitle_it_does_not_import(editor_client):
    # A subtitle is not stored: the preview shows it, so that a title or a speaker
    # it holds (a Word file's heading read as the title) can be typed above.
    text = (
        "狠抓安全生产\n——在全县安全生产工作会议上的讲话\n同志们：\n今天召开全县安全生产工作会议。\n"
    )
    page = editor_client.get(preview_url(upload(editor_client, "sub.txt", text.encode())))
    facts = lxml.html.fromstring(page.content).cssselect(".preview-speech__facts")[0]
    first = facts.cssselect("div")[0]
    assert [first.cssselect(tag)[0].text_content() for tag in ("dt", "dd")] == [
        "副标题", "——在全县安全生产工作会议上的讲话"
    ]
