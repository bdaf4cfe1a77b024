"""The API tokens page: create (secret shown once), list, revoke."""

import re

import pytest

from accounts.models import ApiToken
from accounts.tokens import authenticate_token, create_token

URL = "/accounts/tokens/"


def test_anonymous_visitors_are_sent_to_log_in(client, db, settings):
    settings.ANONYMOUS_READ = True  # reading anonymously never gives tokens
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_accounts_without_a_role_are_refused(client, no_role_user):
    client.force_login(no_role_user)
    assert client.get(URL).status_code == 403


def test_creating_shows_the_secret_once(viewer_client, viewer):
    created = viewer_client.post(URL, {"name": "R 分析", "scope": "read"})
    assert created.status_code == 302 and created["Location"] == URL
    assert 'value="jh_' not in created.content.decode()
    response = viewer_client.get(URL)
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    secret = re.search(r'value="(jh_[^"]+)"', html).group(1)
    token = authenticate_token(secret)
    assert token is not None and token.user == viewer and token.name == "R 分析"

    again = viewer_client.get(URL).content.decode()
    assert secret not in again
    assert "R 分析" in again and token.prefix in again


def test_reloading_after_creating_makes_no_second_token(viewer_client, viewer):
    """POST, redirect, GET: reloading the page the browser lands on only reads."""
    landed = viewer_client.post(URL, {"name": "脚本", "scope": "write"}, follow=True)
    assert [url for url, _status in landed.redirect_chain] == [URL]
    assert 'value="jh_' in landed.content.decode()
    for _ in range(2):
        reloaded = viewer_client.get(URL)
        assert 'value="jh_' not in reloaded.content.decode()
    assert ApiToken.objects.filter(user=viewer).count() == 1


def test_the_form_refuses_a_missing_name_or_unknown_scope(viewer_client):
    response = viewer_client.post(URL, {"name": "", "scope": "admin"})
    assert response.status_code == 200
    assert ApiToken.objects.count() == 0
    assert 'value="jh_' not in response.content.decode()


def test_revoking_own_token(viewer_client, viewer):
    token, secret = create_token(user=viewer, name="old", scope="read")
    response = viewer_client.post(f"{URL}{token.pk}/revoke/", follow=True)
    assert response.status_code == 200
    assert authenticate_token(secret) is None
    assert "old" in response.content.decode()


def test_nobody_revokes_someone_elses_token(viewer_client, editor):
    token, secret = create_token(user=editor, name="theirs", scope="write")
    assert viewer_client.post(f"{URL}{token.pk}/revoke/").status_code == 404
    assert viewer_client.get(f"{URL}{token.pk}/revoke/").status_code == 405
    assert authenticate_token(secret) is not None


def test_the_list_shows_only_own_tokens(viewer_client, viewer, editor):
    create_token(user=viewer, name="mine", scope="read")
    create_token(user=editor, name="theirs", scope="read")
    html = viewer_client.get(URL).content.decode()
    assert "mine" in html and "theirs" not in html


@pytest.mark.parametrize("count", [1, 12])
def test_the_page_query_count_does_not_grow(
    viewer_client, viewer, count, django_assert_max_num_queries
):
    for i in range(count):
        create_token(user=viewer, name=f"t{i}", scope="read")
    with django_assert_max_num_queries(6):
        assert viewer_client.get(URL).status_code == 200
