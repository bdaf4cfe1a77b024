"""Login throttling (django-axes) per account and per address, and the
password change page."""

import pytest
from django.contrib.auth import get_user_model

from tests.conftest import make_user

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


@pytest.fixture
def limit(settings):
    settings.AXES_FAILURE_LIMIT = 3
    return 3


def attempt(client, username, password, address="10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_wrong_passwords_for_one_account_lock_it_from_every_address(client, limit):
    make_user("lihua", "annotator")
    for n in range(limit - 1):
        response = attempt(client, "lihua", "wrong", address=f"10.0.1.{n}")
        assert response.status_code == 200  # the form again, with its error
    # The last allowed failure is answered with the lockout already.
    assert attempt(client, "lihua", "wrong", address="10.0.1.99").status_code == 429
    # Even the right password, from yet another address, is refused now.
    response = attempt(client, "lihua", "pw-lihua", address="10.0.9.9")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert "登录失败次数过多".encode() in response.content
    # Who resets it, unambiguously (请编辑重置 also reads "please edit, reset").
    assert "或请一位编辑为您重置密码。".encode() in response.content


def test_wrong_passwords_from_one_address_lock_that_address(client, limit):
    for name in ("a1", "a2", "a3", "a4"):
        make_user(name, "viewer")
    for name in ("a1", "a2", "a3"):
        attempt(client, name, "wrong", address="10.0.2.1")
    assert attempt(client, "a4", "pw-a4", address="10.0.2.1").status_code == 429
    # Another address still logs in.
    response = attempt(client, "a4", "pw-a4", address="10.0.2.2")
    assert response.status_code == 302 and client.session["_auth_user_id"]


def test_a_success_resets_the_account_count(client, limit):
    make_user("wangping", "viewer")
    for _ in range(limit - 1):
        attempt(client, "wangping", "wrong", address="10.0.3.1")
    assert attempt(client, "wangping", "pw-wangping", address="10.0.3.2").status_code == 302
    client.logout()
    for _ in range(limit - 1):
        attempt(client, "wangping", "wrong", address="10.0.3.3")
    assert attempt(client, "wangping", "pw-wangping", address="10.0.3.4").status_code == 302


def test_the_password_change_page(client):
    user = make_user("zhaomin", "viewer")
    assert client.get("/accounts/password/").status_code == 302  # login first
    client.force_login(user)
    page = client.get("/accounts/password/")
    assert page.status_code == 200 and b'name="old_password"' in page.content
    refused = client.post(
        "/accounts/password/",
        {"old_password": "wrong", "new_password1": "x", "new_password2": "y"},
    )
    assert refused.status_code == 200
    response = client.post(
        "/accounts/password/",
        {
            "old_password": "pw-zhaomin",
            "new_password1": "长城-Great-Wall-2026",
            "new_password2": "长城-Great-Wall-2026",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/accounts/password/done/"
    assert get_user_model().objects.get(pk=user.pk).check_password("长城-Great-Wall-2026")
    assert client.get("/accounts/password/done/").status_code == 200
    # The menu links to it.
    assert b'href="/accounts/password/"' in client.get("/").content
