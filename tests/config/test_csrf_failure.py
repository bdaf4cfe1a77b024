"""A form refused by the CSRF check gets a page of the site, in the user's
language, that says nothing was saved and how to keep what was typed."""

import pytest
from django.test import Client
from django.urls import reverse

from speeches.models import Speech
from tests.speeches.browse_data import import_text


@pytest.fixture
def csrf_client(editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    return client


def stale_post(client, url, data):
    """A form whose token no longer matches the cookie, as after a login in another tab."""
    client.get(url)  # sets the CSRF cookie, as opening the page does
    return client.post(url, {**data, "csrfmiddlewaretoken": "x" * 64})


def test_a_stale_form_gets_the_sites_page_in_chinese(csrf_client, imported_speech):
    url = reverse("speech_edit", args=[imported_speech.pk])
    response = stale_post(csrf_client, url, {"title": "改过的标题"})
    assert response.status_code == 403
    html = response.content.decode()
    assert '<html lang="zh-hans"' in html
    assert "这份表单已过期" in html
    assert "这次提交没有保存任何内容。请返回上一页（您填写的内容通常还在）" in html
    assert 'class="site-header"' in html
    assert f'action="{reverse("logout")}"' in html  # rendered for the signed-in user
    assert "CSRF" not in html and "Help" not in html  # not Django's bare page
    imported_speech.refresh_from_db()
    assert imported_speech.title != "改过的标题"


def test_it_is_in_english_when_chosen(csrf_client, imported_speech):
    csrf_client.cookies["django_language"] = "en"
    url = reverse("speech_edit", args=[imported_speech.pk])
    html = stale_post(csrf_client, url, {"title": "x"}).content.decode()
    assert "This form has expired" in html
    assert "Nothing was saved." in html
    assert "表单" not in html


COOKIE_HINT = "请检查浏览器是否允许本站使用 Cookie"


def test_without_the_cookie_it_points_at_the_browsers_cookies(editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.post(reverse("api_tokens"), {"name": "R", "scope": "read"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "这份表单已过期" in html and COOKIE_HINT in html


def test_a_stale_token_with_the_cookie_sent_gets_no_cookie_hint(csrf_client):
    response = stale_post(csrf_client, reverse("api_tokens"), {"name": "R", "scope": "read"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "这份表单已过期" in html and COOKIE_HINT not in html


@pytest.fixture
def imported_speech(editor, seed_bytes):
    import_text(seed_bytes.decode(), user=editor)
    return Speech.objects.order_by("pk").first()
