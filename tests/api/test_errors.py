"""Every error leaves the API in one shape: ErrorOut {code, message, details}."""

import pytest
from django.test import Client

from accounts.tokens import create_token

pytestmark = pytest.mark.django_db


def assert_error(response, status: int, code: str):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"code", "message", "details"}
    assert body["code"] == code
    assert isinstance(body["message"], str) and body["message"]
    return body


def test_unknown_api_paths_are_404(viewer_client):
    assert_error(viewer_client.get("/api/no-such-thing"), 404, "not-found")
    # A path parameter of the wrong type is invalid input, with the details.
    body = assert_error(viewer_client.get("/api/exports/speeches/abc/text"), 422, "invalid")
    assert body["details"][0]["loc"] == ["path", "speech_id"]


def test_get_object_or_404_is_404(viewer_client):
    assert_error(viewer_client.get("/api/exports/speeches/999999/text"), 404, "not-found")


def test_a_method_the_path_does_not_accept_is_405(viewer_client):
    response = viewer_client.delete("/api/exports/codebook/qdc")
    assert_error(response, 405, "method-not-allowed")
    assert "GET" in response["Allow"]


def test_invalid_parameters_are_422_with_details(viewer_client):
    body = assert_error(
        viewer_client.get("/api/exports/annotations/csv", {"date_from": "yesterday"}),
        422,
        "invalid",
    )
    assert body["details"][0]["loc"][-1] == "date_from"


def test_nobody_identified_is_401(client, settings):
    settings.ANONYMOUS_READ = False
    assert_error(client.get("/api/exports/codebook/qdc"), 401, "unauthorized")


def test_a_lacking_role_is_403(client, no_role_user):
    client.force_login(no_role_user)
    assert_error(client.get("/api/exports/codebook/qdc"), 403, "forbidden")


def test_a_session_write_without_csrf_is_403_csrf_failed(editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert_error(client.post("/api/codebook/import"), 403, "csrf-failed")


def test_a_body_over_the_limit_is_413(editor, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    _, secret = create_token(user=editor, name="rw", scope="write")
    response = Client().post(
        "/api/annotations",
        data='{"note": "' + "长" * 2000 + '"}',
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    assert_error(response, 413, "too-large")


def test_an_unexpected_failure_is_500_in_the_same_shape(viewer, monkeypatch, seed_compilation):
    from speeches.exports import formats

    def broken(speech):
        raise RuntimeError("boom")

    monkeypatch.setattr(formats, "speech_text_response", broken)
    client = Client(raise_request_exception=False)
    client.force_login(viewer)
    speech = seed_compilation.speeches.first()
    body = assert_error(client.get(f"/api/exports/speeches/{speech.pk}/text"), 500, "server-error")
    assert "boom" not in body["message"]  # no internals leak out


def test_pages_keep_their_html_errors(viewer_client):
    response = viewer_client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize(
    "raw,content_type",
    [
        ("{", "application/json"),
        ("name=新主题", "application/x-www-form-urlencoded"),
        # A multipart form to an operation that reads JSON: the text guard
        # reads the form first, which once left ninja no body and made a 500.
        ('{"name": "新主题", "colour": "#2f5f9e"}', "multipart/form-data; boundary=zzz"),
        (
            '--zzz\r\nContent-Disposition: form-data; name="name"\r\n\r\n新主题\r\n--zzz--\r\n',
            "multipart/form-data; boundary=zzz",
        ),
    ],
)
def test_a_body_that_is_not_json_is_400_and_writes_nothing(editor_client, raw, content_type):
    from annotations.models import Theme

    themes = Theme.objects.count()
    if content_type.startswith("multipart/"):
        messages = (
            "此操作读取 JSON 请求体：请以 Content-Type: application/json 发送。",
            "This operation reads a JSON body: send it with Content-Type: application/json.",
        )
    else:
        messages = ("请求体不是有效的 JSON。", "The request body is not valid JSON.")
    for path in ("/api/themes", "/api/comments", "/api/annotations"):
        response = editor_client.post(path, data=raw.encode(), content_type=content_type)
        assert assert_error(response, 400, "bad-request")["message"] == messages[0]
        english = editor_client.post(
            path, data=raw.encode(), content_type=content_type, HTTP_ACCEPT_LANGUAGE="en"
        )
        assert assert_error(english, 400, "bad-request")["message"] == messages[1]
    assert Theme.objects.count() == themes
