"""No input gives a server error (docs/api.md): Unicode digits where an id
is expected, NUL characters and lone surrogates anywhere in a request, and
numbers past the database's range, on the API and on the pages alike. Run
on SQLite and on PostgreSQL (which refuses NUL in text)."""

import json

import pytest

from annotations.models import Annotation, Comment, Theme
from speeches.models import Compilation

pytestmark = pytest.mark.django_db

FILTER_PATHS = [
    "/api/speeches",
    "/api/annotations",
    "/api/search",
    "/api/exports/annotations/csv",
    "/speeches/",
    "/search/",
    "/themes/agreement/",
    "/exports/annotations.csv",
]


def assert_refused(response, status=(400, 404, 422)):
    assert response.status_code in status, (response.status_code, response.content[:300])
    if response.request["PATH_INFO"].startswith("/api/"):
        body = response.json()
        assert body["code"] and body["message"]


@pytest.mark.parametrize("value", ["¹", "①", "١٢", "9" * 30, "٣"])
@pytest.mark.parametrize("name", ["speaker", "theme", "compilation", "speech"])
def test_unicode_digits_and_huge_numbers_in_filters(viewer_client, seed_compilation, name, value):
    for path in FILTER_PATHS:
        response = viewer_client.get(path, {name: value, "q": "人大"})
        assert response.status_code < 500, (path, name, value, response.status_code)
        if response.status_code >= 400:
            assert_refused(response)


@pytest.mark.parametrize("value", ["¹", "①", "9" * 30])
def test_unicode_digits_and_huge_numbers_in_paths(viewer_client, seed_compilation, value):
    for path in [
        f"/speakers/{value}/",
        f"/themes/{value}/",
        f"/api/speakers/{value}",
        f"/search/?q=人大&page={value}",
        f"/api/compilations?offset={value}",
    ]:
        response = viewer_client.get(path)
        assert response.status_code < 500, (path, response.status_code)


def test_nul_in_filter_parameters_is_refused(viewer_client, seed_compilation):
    for path in FILTER_PATHS:
        for name in ("role", "event", "speaker", "q", "author"):
            response = viewer_client.get(path, {name: "人大\x00"})
            assert response.status_code == 422, (path, name, response.status_code)
            assert_refused(response, (422,))


def test_nul_in_paths_headers_and_cookies_is_refused(viewer_client, client, seed_compilation):
    assert viewer_client.get("/themes/a%00b/").status_code == 422
    assert viewer_client.get("/api/speakers/a%00b").status_code == 422
    assert client.get("/api/speeches", HTTP_AUTHORIZATION="Bearer jh_\x00").status_code == 422
    client.cookies["sessionid"] = "abc\x00"
    assert client.get("/speeches/").status_code == 422


def json_post(client, path, raw: str, method="post"):
    return getattr(client, method)(path, data=raw.encode(), content_type="application/json")


@pytest.mark.parametrize("bad", ["\\u0000", "\\ud800", "a\\udfffb", "\\udc00\\ud800"])
def test_nul_and_lone_surrogates_in_json_bodies_are_refused(
    editor_client, seed_compilation, editor, bad
):
    paragraph = seed_compilation.speeches.first().paragraphs.first()
    theme = Theme.objects.first()
    bodies = [
        ("/api/themes", f'{{"name": "新主题{bad}", "colour": "#2f5f9e"}}'),
        ("/api/themes", f'{{"name": "新主题", "colour": "#2f5f9e", "description": "{bad}"}}'),
        ("/api/themes", f'{{"name": "新主题", "colour": "#2f5f9e", "keywords": ["{bad}"]}}'),
        ("/api/comments", f'{{"paragraph_id": {paragraph.pk}, "body": "评论{bad}"}}'),
        (
            "/api/annotations",
            f'{{"paragraph_id": {paragraph.pk}, "start": 0, "end": 2, '
            f'"quote": {json.dumps(paragraph.text[:2])}, "theme_ids": [{theme.pk}], '
            f'"note": "注{bad}"}}',
        ),
    ]
    for path, raw in bodies:
        response = json_post(editor_client, path, raw)
        assert response.status_code == 422, (path, raw, response.content[:300])
        assert_refused(response, (422,))
    assert not Comment.objects.exists() and not Annotation.objects.exists()
    assert not Theme.objects.filter(name__startswith="新主题").exists()


def test_a_surrogate_pair_is_a_character_and_is_kept(editor_client, seed_compilation):
    paragraph = seed_compilation.speeches.first().paragraphs.first()
    raw = f'{{"paragraph_id": {paragraph.pk}, "body": "古籍\\ud840\\udc00字"}}'
    response = json_post(editor_client, "/api/comments", raw)
    assert response.status_code == 201, response.content
    assert Comment.objects.get().body == "古籍𠀀字"


def test_nul_in_an_upload_title_and_file_name_is_refused(editor_client, seed_bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    count = Compilation.objects.count()
    upload = SimpleUploadedFile("讲话.txt", seed_bytes, content_type="text/plain")
    response = editor_client.post("/api/compilations", {"file": upload, "title": "汇编\x00"})
    assert response.status_code == 422
    upload = SimpleUploadedFile("讲话.txt", seed_bytes, content_type="text/plain")
    response = editor_client.post("/compilations/upload/", {"file": upload, "title": "汇编\x00"})
    assert response.status_code == 422
    assert Compilation.objects.count() == count
    # Django drops unprintable characters from an upload's file name itself.
    upload = SimpleUploadedFile("讲\x00话.txt", seed_bytes, content_type="text/plain")
    response = editor_client.post("/api/compilations", {"file": upload})
    assert response.status_code in (201, 202)  # imported, or queued as a job


def test_nul_in_a_page_form_is_refused(editor_client, db):
    response = editor_client.post(
        "/themes/new/", {"name": "新\x00主题", "colour": "#2f5f9e", "description": "x"}
    )
    assert response.status_code == 422
    assert not Theme.objects.filter(name__startswith="新").exists()


def test_control_characters_in_filters_do_not_break_the_exports(viewer_client, seed_compilation):
    """The selection's label (its filters as typed) names the .xlsx sheet
    and the .qdpx project: a control character in it must not reach the XML."""
    for fmt in ("csv", "xlsx", "jsonld", "qdpx"):
        response = viewer_client.get(f"/api/exports/annotations/{fmt}", {"role": "市长\x1b\x07"})
        assert response.status_code == 200, (fmt, response.status_code)


def test_a_huge_theme_description_is_refused_everywhere(editor_client, editor, db):
    """A 9 MB description was once stored: the API, the page and the service refuse it."""
    from annotations import services
    from core.errors import InvalidInput

    huge = "说明" * 3000  # 6,000 characters, past the 5,000 limit
    response = editor_client.post(
        "/api/themes",
        data=json.dumps({"name": "长说明", "colour": "#2f5f9e", "description": huge}),
        content_type="application/json",
    )
    assert response.status_code == 422
    response = editor_client.post(
        "/themes/new/", {"name": "长说明", "colour": "#2f5f9e", "description": huge}
    )
    assert response.status_code == 200 and not Theme.objects.filter(name="长说明").exists()
    with pytest.raises(InvalidInput):
        services.create_theme(actor=editor, name="长说明", colour="#2f5f9e", description=huge)
    theme = services.create_theme(actor=editor, name="长说明", colour="#2f5f9e")
    with pytest.raises(InvalidInput):
        services.describe_theme(actor=editor, theme=theme, description=huge, keywords=[])
