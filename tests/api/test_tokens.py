"""Personal API tokens: the service, the bearer authentication and the page."""

import datetime

import pytest
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from django.urls import path
from django.utils import timezone
from ninja import NinjaAPI, Schema

from accounts.api_auth import annotator_auth, editor_auth, reader_auth
from accounts.models import ApiToken, TokenScope
from accounts.tokens import (
    LAST_USED_RESOLUTION,
    authenticate_token,
    create_token,
    hash_secret,
    revoke_token,
)
from config import urls as site_urls
from config.api import api as project_api

# A small API of its own, so the authentication is tested apart from any
# operation another app may change.
probe_api = NinjaAPI(urls_namespace="token_probe", docs_url=None)
# ... answering errors exactly as the project's API does.
for _exc_class, _handler in project_api._exception_handlers.items():
    probe_api.add_exception_handler(_exc_class, _handler)


class WhoOut(Schema):
    username: str


@probe_api.get("/read", response=WhoOut, auth=reader_auth)
def probe_read(request):
    return {"username": request.user.get_username() or "anonymous"}


@probe_api.post("/annotate", response=WhoOut, auth=annotator_auth)
def probe_annotate(request):
    return {"username": request.user.get_username()}


@probe_api.post("/edit", response=WhoOut, auth=editor_auth)
def probe_edit(request):
    return {"username": request.user.get_username()}


# The site's own URLs beside the probe: a refused CSRF check renders the
# site's 403_csrf.html page (which ninja then answers for in JSON), and the
# page links home.
urlpatterns = [path("probe/", probe_api.urls), *site_urls.urlpatterns]

pytestmark = pytest.mark.urls(__name__)


def bearer(secret: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


# ---- the service ---------------------------------------------------------


def test_secret_is_shown_once_and_only_its_hash_is_stored(viewer):
    token, secret = create_token(user=viewer, name="  laptop  ", scope="read")
    assert secret.startswith("jh_") and len(secret) >= 40
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.name == "laptop"
    assert stored.secret_hash == hash_secret(secret) != secret
    assert secret not in {stored.prefix, stored.secret_hash}
    assert secret.startswith(stored.prefix) and len(stored.prefix) < 12
    assert authenticate_token(secret) == token


def test_two_tokens_never_share_a_secret(viewer):
    secrets = {create_token(user=viewer, name=f"t{i}", scope="read")[1] for i in range(20)}
    assert len(secrets) == 20


@pytest.mark.parametrize("secret", ["", "jh_", "jh_wrong", "not-a-token", "jh_" + "x" * 300])
def test_unknown_secrets_authenticate_nobody(viewer, secret):
    create_token(user=viewer, name="real", scope="read")
    assert authenticate_token(secret) is None


def test_revoked_tokens_and_inactive_users_authenticate_nobody(viewer):
    token, secret = create_token(user=viewer, name="a", scope="read")
    revoke_token(token=token)
    first = ApiToken.objects.get(pk=token.pk).revoked_at
    revoke_token(token=token)
    assert ApiToken.objects.get(pk=token.pk).revoked_at == first
    assert authenticate_token(secret) is None

    _, other = create_token(user=viewer, name="b", scope="read")
    viewer.is_active = False
    viewer.save()
    assert authenticate_token(other) is None


def test_last_used_is_written_at_most_once_a_minute(viewer, django_assert_num_queries):
    token, secret = create_token(user=viewer, name="a", scope="read")
    assert token.last_used_at is None
    with django_assert_num_queries(2):  # look up, then record the first use
        authenticate_token(secret)
    first = ApiToken.objects.get(pk=token.pk).last_used_at
    assert first is not None
    with django_assert_num_queries(1):  # within the minute: a read only
        authenticate_token(secret)
    assert ApiToken.objects.get(pk=token.pk).last_used_at == first

    earlier = timezone.now() - LAST_USED_RESOLUTION - datetime.timedelta(seconds=1)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=earlier)
    authenticate_token(secret)
    assert ApiToken.objects.get(pk=token.pk).last_used_at > earlier


# ---- bearer authentication ----------------------------------------------


def test_a_token_authenticates_reads_as_its_owner(client, viewer):
    _, secret = create_token(user=viewer, name="r", scope="read")
    response = client.get("/probe/read", **bearer(secret))
    assert response.status_code == 200
    assert response.json() == {"username": "viewer"}


def test_a_read_only_token_may_not_write(client, editor):
    _, secret = create_token(user=editor, name="r", scope="read")
    response = client.post("/probe/edit", **bearer(secret), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
    assert "read-only" in response.json()["message"]


def test_a_read_write_token_writes_without_csrf(editor):
    _, secret = create_token(user=editor, name="rw", scope=TokenScope.WRITE)
    client = Client(enforce_csrf_checks=True)
    response = client.post("/probe/edit", **bearer(secret))
    assert response.status_code == 200
    assert response.json() == {"username": "editor"}


def test_the_owners_role_still_applies(client, viewer, annotator):
    _, viewer_secret = create_token(user=viewer, name="rw", scope="write")
    assert client.post("/probe/annotate", **bearer(viewer_secret)).status_code == 403
    _, annotator_secret = create_token(user=annotator, name="rw", scope="write")
    assert client.post("/probe/annotate", **bearer(annotator_secret)).status_code == 200
    assert client.post("/probe/edit", **bearer(annotator_secret)).status_code == 403


def test_a_token_of_an_account_without_role_reads_nothing(client, no_role_user):
    _, secret = create_token(user=no_role_user, name="r", scope="read")
    assert client.get("/probe/read", **bearer(secret)).status_code == 403


def test_a_wrong_token_is_refused_even_with_a_session(client, viewer):
    client.force_login(viewer)
    assert client.get("/probe/read").status_code == 200
    response = client.get(
        "/probe/read", **bearer("jh_not-a-real-token"), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json() == {
        "code": "unauthorized",
        "message": "The API token is unknown or revoked.",
        "details": None,
    }


def test_a_revoked_token_is_refused(client, viewer):
    token, secret = create_token(user=viewer, name="r", scope="read")
    revoke_token(token=token)
    assert client.get("/probe/read", **bearer(secret)).status_code == 401


def test_no_credentials_is_401_even_on_writes(settings, db):
    settings.ANONYMOUS_READ = False
    client = Client(enforce_csrf_checks=True)
    assert client.get("/probe/read").status_code == 401
    assert client.post("/probe/edit").status_code == 401


def test_anonymous_reading_never_grants_writes(settings, db):
    settings.ANONYMOUS_READ = True
    client = Client(enforce_csrf_checks=True)
    assert client.get("/probe/read").json() == {"username": "anonymous"}
    assert client.post("/probe/edit").status_code == 401


def test_session_writes_keep_csrf(editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    refused = client.post("/probe/edit")
    assert refused.status_code == 403
    assert refused.json()["code"] == "csrf-failed"
    token = get_token(RequestFactory().get("/"))
    client.cookies["csrftoken"] = token
    response = client.post("/probe/edit", HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200


@pytest.mark.parametrize("anonymous_read", [False, True])
def test_an_account_without_a_role_reads_where_the_pages_let_it(
    settings, client, no_role_user, anonymous_read
):
    """The API follows the pages: with ANONYMOUS_READ on, a signed-in
    account without a role reads (never writes), by session or token."""
    settings.ANONYMOUS_READ = anonymous_read
    expected = 200 if anonymous_read else 403
    client.force_login(no_role_user)
    session_read = client.get("/probe/read")
    assert session_read.status_code == expected
    if anonymous_read:
        assert session_read.json() == {"username": "norole"}
    _token, secret = create_token(user=no_role_user, name="r", scope="write")
    token_client = Client()
    assert token_client.get("/probe/read", **bearer(secret)).status_code == expected
    assert token_client.post("/probe/annotate", **bearer(secret)).status_code == 403
    assert client.post("/probe/annotate").status_code == 403
