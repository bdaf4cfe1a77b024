from io import StringIO

from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory

from accounts.roles import Role, role_of


def run() -> str:
    out = StringIO()
    call_command("ensure_local_editor", stdout=out)
    return out.getvalue()


def test_creates_an_editor_once_and_prints_a_working_login(db):
    output = run()
    password = next(
        line.split(":", 1)[1].strip() for line in output.splitlines() if "password:" in line
    )
    # django-axes counts logins per request: authenticate as the login page does.
    request = RequestFactory().post("/accounts/login/")
    user = authenticate(request, username="editor", password=password)
    assert user is not None and role_of(user) == Role.EDITOR

    again = run()
    assert "password" not in again and "exists" in again

