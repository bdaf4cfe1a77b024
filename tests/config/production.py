"""Django started as production starts it, in a fresh interpreter: the
environment it gets and ``manage.py`` run in it."""

import os
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


def environment(env: dict[str, str | None]) -> dict[str, str]:
    """The inherited variables with ``env`` on top; a value of None unsets one."""
    clean = {k: v for k, v in os.environ.items() if k in INHERITED}
    return {k: v for k, v in {**clean, **env}.items() if v is not None}


def manage(*args: str, env: dict[str, str | None]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO, env=environment(env), capture_output=True, text=True, timeout=120,
    )
