"""A method a page does not accept gets 405, its Allow header and a page of
the site in the user's language; the forms still take their POST."""

import pytest
from django.urls import reverse

from accounts.models import ApiToken
from annotations.models import Theme

# Read-only pages of each app; the method is refused before any lookup, so
# the detail pages need no data.
READ_ONLY = [
    "/",
    "/speeches/",
    "/speeches/1/",
    "/compilations/1/",
    "/speakers/x/",
    "/search/",
    "/themes/",
    "/themes/x/",
    "/themes/agreement/",
    "/analysis/",
    "/analysis/trends/",
    "/analysis/reuse/",
    "/exports/",
    "/exports/annotations.csv",
    "/exports/search.csv",
    "/exports/speeches/1.txt",
    "/accounts/password/done/",
]


@pytest.mark.parametrize("url", READ_ONLY)
def test_a_post_to_a_read_only_page_is_refused_with_a_page(viewer_client, url):
    response = viewer_client.post(url, {"q": "人大"})
    assert response.status_code == 405, url
    assert response["Allow"] == "GET, HEAD"
    html = response.content.decode()
    assert "此页面无法处理这种请求" in html
    assert "此地址只接受 GET, HEAD 请求，不接受 POST 请求。" in html
    assert 'class="site-header"' in html  # the site's page, not a bare body
    assert "viewer" in html  # for the signed-in user: the user menu


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_other_methods_are_refused_in_english_when_chosen(viewer_client, method):
    viewer_client.cookies["django_language"] = "en"
    response = getattr(viewer_client, method)("/speeches/")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    html = response.content.decode()
    assert '<html lang="en"' in html
    assert "This page cannot answer this request" in html
    assert f"This address accepts GET, HEAD requests, not {method.upper()}." in html
    assert "此页面" not in html


def test_a_form_page_names_what_it_takes(editor_client):
    response = editor_client.put(reverse("theme_create"))
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, POST"
    assert "此地址只接受 GET, HEAD, POST 请求，不接受 PUT 请求。" in response.content.decode()


def test_a_get_to_a_post_only_action_is_refused_with_a_page(editor_client):
    response = editor_client.get(reverse("rule_run", args=[1]))
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert "不接受 GET 请求" in response.content.decode()


def test_head_still_answers_the_pages(viewer_client):
    # The body is the test client's to drop; the headers say HEAD rendered the GET's page.
    for url in ("/", "/speeches/", "/search/", "/themes/", "/accounts/tokens/"):
        response = viewer_client.head(url)
        assert response.status_code == 200, url
        page = viewer_client.get(url)
        for header in ("Content-Type", "Content-Length"):
            assert response[header] == page[header], (url, header)


def test_the_api_keeps_its_json_refusal(viewer_client):
    response = viewer_client.put("/api/speeches")
    assert response.status_code == 405
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["code"] == "method-not-allowed"


# The forms still take their POST -------------------------------------------


def test_a_function_form_takes_its_post(editor_client):
    form = {"name": "预算审查", "colour": "#7d6319"}
    response = editor_client.post(reverse("theme_create"), form)
    assert response.status_code == 302
    assert Theme.objects.filter(name="预算审查").exists()


def test_the_token_form_takes_its_post(viewer_client, viewer):
    response = viewer_client.post(reverse("api_tokens"), {"name": "R 分析", "scope": "read"})
    assert response.status_code == 302
    assert ApiToken.objects.filter(user=viewer, name="R 分析").exists()


def test_the_class_forms_take_their_post(client, viewer):
    logged_in = client.post(reverse("login"), {"username": "viewer", "password": "pw-viewer"})
    assert logged_in.status_code == 302 and "_auth_user_id" in client.session
    new = "Neu-2026-pw!"
    changed = client.post(
        reverse("password_change"),
        {"old_password": "pw-viewer", "new_password1": new, "new_password2": new},
    )
    assert changed.status_code == 302, changed.content[:500]
    viewer.refresh_from_db()
    assert viewer.check_password(new)
    logged_out = client.post(reverse("logout"))
    assert logged_out.status_code == 302 and "_auth_user_id" not in client.session
