"""Who may export: readers export what they can read; tokens keep their scope;
anonymous visitors only when ANONYMOUS_READ is on."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from accounts.tokens import create_token

pytestmark = pytest.mark.django_db

API = [
    "/api/exports/annotations/csv",
    "/api/exports/annotations/xlsx",
    "/api/exports/annotations/jsonld",
    "/api/exports/annotations/qdpx",
    "/api/exports/codebook/qdc",
    "/api/exports/speeches/{speech}/text",
    "/api/exports/speeches/{speech}/markdown",
    "/api/exports/compilations/{compilation}/tei",
]
PAGES = [
    "/exports/",
    "/exports/annotations.csv",
    "/exports/annotations.xlsx",
    "/exports/annotations.jsonld",
    "/exports/annotations.qdpx",
    "/exports/codebook.qdc",
    "/exports/speeches/{speech}.txt",
    "/exports/speeches/{speech}.md",
    "/exports/compilations/{compilation}.tei.xml",
]


def urls(template_list, coded):
    speech = coded["speeches"][3]
    return [u.format(speech=speech.pk, compilation=speech.compilation_id) for u in template_list]


def consume(response):
    if response.streaming:
        b"".join(response.streaming_content)
    return response


def test_api_exports_need_a_reader(coded, no_role_user, settings):
    settings.ANONYMOUS_READ = False
    anonymous = Client()
    nobody = Client()
    nobody.force_login(no_role_user)
    for url in urls(API, coded):
        response = anonymous.get(url)
        assert response.status_code == 401, url
        assert response.json()["code"] == "unauthorized"
        assert nobody.get(url).status_code == 403, url


def test_viewers_and_read_only_tokens_export_everything_they_read(coded, viewer_client, viewer):
    _, secret = create_token(user=viewer, name="script", scope="read")
    script = Client()
    for url in urls(API, coded):
        assert consume(viewer_client.get(url)).status_code == 200, url
        response = consume(script.get(url, HTTP_AUTHORIZATION=f"Bearer {secret}"))
        assert response.status_code == 200, url
        assert "attachment" in response["Content-Disposition"]


def test_anonymous_reading_allows_exports(coded, settings):
    settings.ANONYMOUS_READ = True
    for url in urls(API, coded) + urls(PAGES, coded):
        assert consume(Client().get(url)).status_code == 200, url


def test_export_pages_send_visitors_to_log_in(coded, no_role_user, settings):
    settings.ANONYMOUS_READ = False
    nobody = Client()
    nobody.force_login(no_role_user)
    for url in urls(PAGES, coded):
        response = Client().get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
        assert nobody.get(url).status_code == 403, url


def test_export_pages_serve_viewers(coded, viewer_client):
    for url in urls(PAGES, coded):
        assert consume(viewer_client.get(url)).status_code == 200, url


def test_the_codebook_import_is_for_editors(coded, viewer, annotator_client, editor):
    qdc = Client()
    qdc.force_login(editor)
    content = qdc.get("/api/exports/codebook/qdc").content

    def files():
        return {"file": SimpleUploadedFile("codebook.qdc", content, "application/xml")}

    response = annotator_client.post("/api/codebook/import", files())
    assert response.status_code == 403

    _, read_only = create_token(user=editor, name="r", scope="read")
    response = Client().post(
        "/api/codebook/import", files(), HTTP_AUTHORIZATION=f"Bearer {read_only}"
    )
    assert response.status_code == 403

    _, read_write = create_token(user=editor, name="rw", scope="write")
    response = Client(enforce_csrf_checks=True).post(
        "/api/codebook/import",
        files(),
        HTTP_AUTHORIZATION=f"Bearer {read_write}",
    )
    assert response.status_code == 201, response.content
    assert response.json()["created"] == []

    _, viewer_rw = create_token(user=viewer, name="rw", scope="write")
    response = Client().post(
        "/api/codebook/import", files(), HTTP_AUTHORIZATION=f"Bearer {viewer_rw}"
    )
    assert response.status_code == 403


def test_the_export_page_lists_what_can_be_exported(
    coded, viewer_client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        response = viewer_client.get("/exports/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "人大监督" in html and "执法检查" in html
    assert coded["compilation"].title in html
    assert f"/exports/compilations/{coded['compilation'].pk}.tei.xml" in html
    assert "/exports/annotations.qdpx?theme=" in html
    assert 'action="/exports/codebook/import/"' not in html  # viewers do not import
    # Passages per compilation on the page, and the speakers with the most passages.
    counts = {c.pk: c.passage_count for c in response.context["compilations"]}
    assert counts == {coded["compilation"].pk: 4, coded["rare"].compilation_id: 2}
    expected = {}
    for annotation in coded["annotations"].select_related("paragraph__speech__speaker"):
        speaker = annotation.paragraph.speech.speaker
        if speaker is not None:
            expected[speaker] = expected.get(speaker, 0) + 1
    speakers = response.context["speakers"]
    assert expected  # the seed names its speakers
    assert {speaker: n for speaker, n, _query in speakers} == expected
    assert [n for _speaker, n, _query in speakers] == sorted(expected.values(), reverse=True)


def test_page_download_with_filters_and_bad_filters(coded, viewer_client):
    response = viewer_client.get("/exports/annotations.csv", {"theme": "rule-of-law", "q": ""})
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert body.count("\r\n") == 3  # header and two passages
    assert viewer_client.get("/exports/annotations.csv", {"date_from": "x"}).status_code == 400
    assert viewer_client.get("/exports/annotations.csv", {"theme": "nope"}).status_code == 404
    assert viewer_client.get("/exports/annotations.pdf").status_code == 404
