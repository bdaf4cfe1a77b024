import lxml.html
import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse

from accounts.roles import Role, can_annotate, can_edit, can_read, role_of


@pytest.mark.parametrize(
    ("fixture", "role"),
    [
        ("viewer", Role.VIEWER),
        ("annotator", Role.ANNOTATOR),
        ("editor", Role.EDITOR),
        ("admin_user", Role.ADMIN),
        ("no_role_user", Role.NONE),
    ],
)
def test_role_of_each_kind_of_account(request, fixture, role):
    assert role_of(request.getfixturevalue(fixture)) == role


def test_roles_are_cumulative(annotator, editor, viewer):
    assert can_read(annotator) and can_annotate(annotator) and not can_edit(annotator)
    assert can_read(editor) and can_annotate(editor) and can_edit(editor)
    assert can_read(viewer) and not can_annotate(viewer)


def test_inactive_accounts_have_no_role(editor):
    editor.is_active = False
    assert role_of(editor) == Role.NONE


def test_anonymous_reading_follows_the_setting(settings):
    settings.ANONYMOUS_READ = False
    assert not can_read(AnonymousUser())
    settings.ANONYMOUS_READ = True
    assert can_read(AnonymousUser())
    assert not can_annotate(AnonymousUser())


def test_home_requires_login_unless_anonymous_reading(client, settings, db):
    settings.ANONYMOUS_READ = False
    response = client.get("/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    settings.ANONYMOUS_READ = True
    assert client.get("/").status_code == 200


def test_account_without_role_is_refused(client, no_role_user):
    client.force_login(no_role_user)
    assert client.get("/").status_code == 403


def test_login_page_has_csrf_and_logs_in(client, viewer):
    page = client.get("/accounts/login/")
    assert b"csrfmiddlewaretoken" in page.content
    response = client.post("/accounts/login/", {"username": "viewer", "password": "pw-viewer"})
    assert response.status_code == 302
    assert client.get("/").status_code == 200


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_the_menus_log_out_button_logs_out_and_sends_to_the_login_page(viewer, settings):
    """The button posts the form the menu renders, CSRF token and all, as a browser would."""
    settings.ANONYMOUS_READ = False
    client = Client(enforce_csrf_checks=True)
    client.force_login(viewer)
    doc = lxml.html.fromstring(client.get("/").content.decode())
    (form,) = doc.cssselect(f'form[action="{reverse("logout")}"]')
    assert form.get("method") == "post"
    fields = {i.get("name"): i.get("value") for i in form.cssselect("input[name]")}
    assert "csrfmiddlewaretoken" in fields

    response = client.post(form.get("action"), fields)

    assert response.status_code == 302 and response["Location"] == reverse("login")
    assert not logged_in(client)
    after = client.get("/speeches/")
    assert after.status_code == 302
    assert after["Location"] == f"{reverse('login')}?next=/speeches/"


def test_a_get_of_the_logout_address_does_not_log_out(client, viewer, settings):
    """Django 5 logs out on POST only, so a link or a prefetch cannot log anyone out."""
    settings.ANONYMOUS_READ = False
    client.force_login(viewer)
    response = client.get("/accounts/logout/")
    assert response.status_code == 405 and response["Allow"] == "POST"
    assert logged_in(client)
    assert client.get("/").status_code == 200
