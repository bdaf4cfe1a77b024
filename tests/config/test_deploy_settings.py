"""Production settings come from the environment, and `check --deploy` agrees with them."""

import json
import os
import re
import secrets
import subprocess
import sys

from tests.conftest import REPO

PRODUCTION = {
    "SECRET_KEY": secrets.token_urlsafe(50),
    "DEBUG": "0",
    "ALLOWED_HOSTS": "jianghua.example.org",
    "SECURE_PROXY_SSL_HEADER": "1",
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_HSTS_SECONDS": "31536000",
}
# What the process running the tests sets for itself (pytest-env) stays out.
INHERITED = {"PATH", "HOME", "LANG", "LC_ALL", "DATABASE_URL", "TMPDIR"}


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k in INHERITED}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO, env={**clean, **env}, capture_output=True, text=True, timeout=120,
    )


def settings_in(env: dict[str, str], *names: str) -> dict:
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n, None) for n in {list(names)!r}}}))"
    )
    clean = {k: v for k, v in os.environ.items() if k in INHERITED}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120,
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def warnings(result: subprocess.CompletedProcess) -> set[str]:
    return set(re.findall(r"\(security\.(W\d+)\)", result.stdout + result.stderr))


def test_check_deploy_leaves_only_the_domain_owners_choices():
    result = manage("check", "--deploy", env=PRODUCTION)
    # HSTS for every subdomain, and preloading, commit the whole domain:
    # README says so and how to turn them on.
    assert warnings(result) == {"W005", "W021"}, result.stdout + result.stderr


def test_check_deploy_is_silent_with_the_whole_domain_on_https():
    env = {**PRODUCTION, "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1", "SECURE_HSTS_PRELOAD": "1"}
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_proxy_header_and_https_settings_follow_the_environment():
    names = ("SECURE_PROXY_SSL_HEADER", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS",
             "SECURE_REFERRER_POLICY")
    assert settings_in(PRODUCTION, *names) == {
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_REFERRER_POLICY": "same-origin",
    }
    plain = {"SECRET_KEY": PRODUCTION["SECRET_KEY"], "DEBUG": "0"}
    assert settings_in(plain, *names) == {
        "SECURE_PROXY_SSL_HEADER": None,
        "SECURE_SSL_REDIRECT": False,
        "SECURE_HSTS_SECONDS": 0,
        "SECURE_REFERRER_POLICY": "same-origin",
    }

