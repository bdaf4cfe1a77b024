import re
from io import StringIO

from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory
from django.utils import translation

from accounts.roles import Role, role_of


def run(language: str = "en") -> str:
    out = StringIO()
    with translation.override(language):
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


def test_speaks_the_sites_language_as_import_speeches_does(db):
    output = run("zh-hans")
    assert "本地编辑账号" in output
    password = re.search(r"密码：(\S+)", output)[1]
    request = RequestFactory().post("/accounts/login/")
    assert authenticate(request, username="editor", password=password) is not None
    prose = output.replace("python manage.py changepassword editor", "")
    assert not re.search(r"[A-Za-z]{4,} [a-z]{3,}", prose)

    again = run("zh-hans")
    assert "已有编辑账号" in again
