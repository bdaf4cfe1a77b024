"""The compilations API: upload (and dry run), list, get; refusals in one shape."""

import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from speeches.models import Compilation, ImportJob, Paragraph, Section, Speaker, Speech
from tests.speeches.upload_inputs import SMALL_LIMIT, refused_files, seed_variants
from text.parsing.errors import MESSAGES

SEED_NAME = "000_664d169cac1943db.txt"
URL = "/api/compilations"


def row_counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Compilation, Speech, Section, Paragraph, Speaker)
    }


def post_file(client, name: str, data: bytes, **fields):
    return client.post(URL, {"file": SimpleUploadedFile(name, data), **fields})


# ---- Upload ----


def test_an_editor_imports_a_file(editor_client, editor, seed_bytes):
    response = post_file(editor_client, SEED_NAME, seed_bytes, title="人大工作讲话汇编")

    # The upload starts a job (run at once by the tests' task backend).
    assert response.status_code == 202
    job = ImportJob.objects.get()
    assert response["Location"] == f"/api/import-jobs/{job.pk}"
    assert response.json()["url"] == f"/api/import-jobs/{job.pk}"
    body = editor_client.get(response["Location"]).json()
    assert (body["stage"], body["percent"], body["finished"]) == ("done", 100, True)
    assert body["seconds_left"] == 0 and body["error"] is None
    assert body["page_url"] == f"/compilations/jobs/{job.pk}/"
    assert body["created"] is True
    compilation = Compilation.objects.get()
    out = editor_client.get(f"{URL}/{compilation.pk}").json()
    assert body["compilation"]["id"] == compilation.pk
    assert body["compilation"]["speech_count"] == 5
    assert out["id"] == compilation.pk
    assert out["title"] == "人大工作讲话汇编"
    assert out["source_name"] == SEED_NAME
    assert out["uploaded_by"] == editor.username
    assert out["speech_count"] == 5
    assert out["url"] == f"/compilations/{compilation.pk}/"
    fourth = out["speeches"][3]
    assert fourth["position"] == 4
    assert fourth["speaker"]["name"] == "王萍"
    assert fourth["speaker_raw"] == "王萍市长"
    assert (fourth["role"], fourth["event"]) == ("市长", "全市人大工作会议")
    assert (fourth["date"], fourth["date_precision"]) == ("2024-08-12", "day")
    assert fourth["published"] == "2024-08-14"
    assert fourth["paragraph_count"] == Speech.objects.get(position=4).paragraphs.count()
    assert fourth["warnings"][0]["code"] == "merged-heading"
    assert fourth["warnings"][0]["line"] == 52
    first = out["speeches"][0]
    assert first["speaker"] is None
    assert (first["date"], first["date_precision"]) == ("2024", "year")


def test_a_dry_run_returns_the_parse_and_saves_nothing(editor_client, seed_bytes, shared_samples):
    response = post_file(editor_client, SEED_NAME, seed_bytes, dry_run="true")

    assert response.status_code == 200
    assert row_counts() == dict.fromkeys(row_counts(), 0)
    body = response.json()
    assert body["existing_id"] is None
    # The parse JSON of docs/parsing.md, as the golden file describes it.
    expected = json.loads(
        (shared_samples / "expected" / Path(SEED_NAME).with_suffix(".json").name).read_text(
            encoding="utf-8"
        )
    )
    assert body["source"] == SEED_NAME
    assert len(body["speeches"]) == len(expected["speeches"])
    for got, want in zip(body["speeches"], expected["speeches"], strict=True):
        assert got["title"] == want["title"]
        assert got["speaker"]["name"] == want["speaker"]["name"]
        assert got["speaker"]["role"] == want["speaker"]["role"]
        assert got["date"] == want["date"]
        assert got["event"] == want["event"]
        assert [p["text"] for p in got["paragraphs"]] == [p["text"] for p in want["paragraphs"]]
        assert [p["section_path"] for p in got["paragraphs"]] == [
            p["section_path"] for p in want["paragraphs"]
        ]


def test_a_dry_run_names_the_compilation_that_holds_the_text(
    editor_client, seed_compilation, seed_bytes
):
    response = post_file(editor_client, "again.txt", seed_bytes, dry_run="1")
    assert response.status_code == 200
    assert response.json()["existing_id"] == seed_compilation.pk


def test_the_same_text_again_returns_the_existing_compilation(
    editor_client, seed_compilation, seed_bytes
):
    for name, data in seed_variants(seed_bytes.decode("utf-8")):
        before = row_counts()
        response = post_file(editor_client, name, data)
        assert response.status_code == 202
        body = response.json()
        assert body["stage"] == "done"
        assert body["created"] is False
        assert body["compilation"]["id"] == seed_compilation.pk
        assert row_counts() == before


@pytest.mark.parametrize(("name", "data", "code"), refused_files())
def test_a_refused_file_is_an_error_naming_the_problem(editor_client, settings, name, data, code):
    settings.MAX_UPLOAD_BYTES = SMALL_LIMIT
    before = row_counts()

    response = post_file(editor_client, name, data)

    if response.status_code == 413:
        # A file over the limit is known before anything is read: refused at once.
        assert response.status_code == 413
        body = response.json()
        assert set(body) == {"code", "message", "details"}
        assert body["code"] == code
        assert body["message"].startswith(MESSAGES[code][0].split("；")[0])
        assert body["details"]["file"] == name
        assert body["details"]["message_en"].startswith(MESSAGES[code][1].split(";")[0])
        assert not ImportJob.objects.exists()
    else:
        # The job reads the file, refuses it and says why (a Word file whose
        # text is over the limit too); nothing is written.
        assert response.status_code == 202
        body = editor_client.get(response["Location"]).json()
        assert (body["stage"], body["finished"], body["compilation"]) == ("failed", True, None)
        error = body["error"]
        assert error["code"] == code
        assert error["message"].startswith(MESSAGES[code][0].split("；")[0])
        assert error["message_en"].startswith(MESSAGES[code][1].split(";")[0])
    assert row_counts() == before


def test_a_request_without_a_file_is_invalid(editor_client):
    response = editor_client.post(URL, {"title": "x"})
    assert response.status_code == 422
    assert response.json()["code"] == "invalid"


def test_a_title_longer_than_the_database_holds_is_invalid(editor_client, seed_bytes):
    response = post_file(editor_client, SEED_NAME, seed_bytes, title="长" * 301)
    assert response.status_code == 422
    assert response.json()["code"] == "invalid"
    assert not Compilation.objects.exists()


def test_english_clients_get_the_message_in_english(editor_client):
    response = editor_client.post(
        URL, {"file": SimpleUploadedFile("e.txt", b"")}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 202
    job = editor_client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").json()
    assert job["error"]["message"] == MESSAGES["empty"][1]
    assert job["stage_label"] == "failed"
    chinese = editor_client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="zh-hans").json()
    assert chinese["error"]["message"] == MESSAGES["empty"][0]


@pytest.mark.parametrize("role_client", ["viewer_client", "annotator_client"])
def test_only_editors_upload(request, role_client, seed_bytes):
    client = request.getfixturevalue(role_client)
    response = post_file(client, SEED_NAME, seed_bytes)
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
    assert not Compilation.objects.exists()


def test_nobody_identified_gets_401(client, db, seed_bytes):
    response = post_file(client, SEED_NAME, seed_bytes)
    assert response.status_code == 401
    assert response.json()["code"] == "unauthorized"
    assert not Compilation.objects.exists()


def test_a_session_upload_needs_the_csrf_token(editor, seed_bytes):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    response = post_file(client, SEED_NAME, seed_bytes)
    assert response.status_code == 403
    assert not Compilation.objects.exists()


def test_a_script_uploads_with_a_write_token(client, editor, seed_bytes):
    from accounts.tokens import create_token

    _token, secret = create_token(user=editor, name="import script", scope="write")
    response = client.post(
        URL,
        {"file": SimpleUploadedFile(SEED_NAME, seed_bytes)},
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    assert response.status_code == 202, response.content
    assert Compilation.objects.get().uploaded_by == editor
    # The same token follows the job it started.
    followed = client.get(response["Location"], HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert followed.json()["stage"] == "done"


def test_a_read_only_token_cannot_upload(client, editor, seed_bytes):
    from accounts.tokens import create_token

    _token, secret = create_token(user=editor, name="dashboard", scope="read")
    response = client.post(
        URL,
        {"file": SimpleUploadedFile(SEED_NAME, seed_bytes)},
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    assert response.status_code == 403
    assert not Compilation.objects.exists()


# ---- Reading ----


def test_readers_list_compilations_a_page_at_a_time(viewer_client, editor, seed_compilation):
    from speeches.services.imports import import_compilation
    from text.parsing import parse_text

    for n in range(3):
        import_compilation(
            parsed=parse_text(
                f"第{n}次会议上的讲话\n同志们：\n今天开第{n}次会。\n", source=f"{n}.txt"
            ),
            size=10,
            user=editor,
        )

    response = viewer_client.get(URL, {"limit": 2, "offset": 1})

    assert response.status_code == 200
    body = response.json()
    assert (body["total"], body["limit"], body["offset"]) == (4, 2, 1)
    newest_first = list(
        Compilation.objects.order_by("-created_at", "-id").values_list("pk", flat=True)
    )
    assert [item["id"] for item in body["items"]] == newest_first[1:3]
    assert {"speech_count", "uploaded_by", "sha256", "url"} <= set(body["items"][0])


def test_the_list_costs_the_same_queries_for_more_rows(
    viewer_client, editor, seed_compilation, django_assert_max_num_queries
):
    from speeches.services.imports import import_compilation
    from text.parsing import parse_text

    with django_assert_max_num_queries(6):
        viewer_client.get(URL)
    for n in range(5):
        import_compilation(
            parsed=parse_text(f"第{n}次讲话\n同志们：\n第{n}段。\n", source=f"{n}.txt"),
            size=1,
            user=editor,
        )
    with django_assert_max_num_queries(6):
        assert len(viewer_client.get(URL).json()["items"]) == 6


def test_a_compilation_with_its_speeches(
    viewer_client, seed_compilation, django_assert_max_num_queries
):
    with django_assert_max_num_queries(7):
        response = viewer_client.get(f"{URL}/{seed_compilation.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == seed_compilation.pk
    assert [s["position"] for s in body["speeches"]] == [1, 2, 3, 4, 5]
    assert body["speeches"][1]["url"] == Speech.objects.get(position=2).get_absolute_url()


def test_an_unknown_compilation_is_404(viewer_client, db):
    response = viewer_client.get(f"{URL}/999")
    assert response.status_code == 404
    assert response.json()["code"] == "not-found"


def test_reading_needs_a_role(client, no_role_user, seed_compilation):
    assert client.get(URL).status_code == 401
    client.force_login(no_role_user)
    assert client.get(URL).status_code == 403
    assert client.get(f"{URL}/{seed_compilation.pk}").status_code == 403


def test_anonymous_reading_when_the_setting_allows(client, settings, seed_compilation):
    settings.ANONYMOUS_READ = True
    assert client.get(URL).status_code == 200
    assert client.get(f"{URL}/{seed_compilation.pk}").status_code == 200
    assert post_file(client, SEED_NAME, b"x").status_code == 401


# ---- Import jobs ----


def test_a_job_is_followed_only_by_whoever_started_it_and_staff(
    editor_client, client, seed_bytes, django_user_model
):
    response = post_file(editor_client, SEED_NAME, seed_bytes)
    location = response["Location"]
    other = django_user_model.objects.create_user("other-editor", password="x")
    other.groups.add(*django_user_model.objects.get(username="editor").groups.all())
    client.force_login(other)
    assert client.get(location).status_code == 404
    other.is_staff = True
    other.save()
    assert client.get(location).status_code == 200


def test_an_unknown_job_is_404(editor_client, db):
    assert editor_client.get("/api/import-jobs/999999").status_code == 404


def test_reading_a_job_needs_the_editor_role(viewer_client, db):
    assert viewer_client.get("/api/import-jobs/1").status_code == 403
