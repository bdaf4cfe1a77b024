"""Production settings come from the environment, and `check --deploy` agrees with them."""

import json
import re
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest
from django.urls import reverse

from tests.config.production import PRODUCTION, environment, manage
from tests.conftest import REPO

# Each test starts Django in a fresh interpreter or runs collectstatic:
# seconds apiece, so `make test-fast` leaves them to `make test`.
pytestmark = pytest.mark.slow

def load_settings(env: dict[str, str | None], *names: str) -> subprocess.CompletedProcess:
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n, None) for n in {list(names)!r}}},"
        " default=str))"
    )
    return subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120,
        env=environment({"DJANGO_SETTINGS_MODULE": "config.settings", **env}),
    )


def settings_in(env: dict[str, str | None], *names: str) -> dict:
    result = load_settings(env, *names)
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



def test_without_a_secret_key_production_settings_refuse_to_load():
    # A guessable fallback key would sign sessions anyone can forge.
    result = load_settings({"DEBUG": "0", "SECRET_KEY": None}, "SECRET_KEY")
    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY must be set when DEBUG is off." in result.stderr
    # An empty value counts as none.
    result = load_settings({"DEBUG": "0", "SECRET_KEY": ""}, "SECRET_KEY")
    assert "SECRET_KEY must be set" in result.stderr


def test_debug_runs_without_a_secret_key_on_a_key_that_says_what_it_is():
    (key,) = settings_in({"DEBUG": "1", "SECRET_KEY": None}, "SECRET_KEY").values()
    assert "insecure" in key and "never-use-in-production" in key


def test_without_database_url_the_database_is_the_sqlite_file_in_var():
    (databases,) = settings_in({"DEBUG": "1", "DATABASE_URL": None}, "DATABASES").values()
    default = databases["default"]
    assert default["ENGINE"] == "django.db.backends.sqlite3"
    assert default["NAME"] == str(REPO / "var" / "jianghua.sqlite3")
    # What lets readers read while an import writes (see the settings).
    assert "journal_mode=WAL" in default["OPTIONS"]["init_command"]


def test_database_url_names_the_database():
    url = "postgres://someone:secret@db.example.org:5433/archive"
    (databases,) = settings_in({"DEBUG": "1", "DATABASE_URL": url}, "DATABASES").values()
    default = databases["default"]
    assert default["ENGINE"] == "django.db.backends.postgresql"
    assert default["HOST"] == "db.example.org"
    assert (default["PORT"], default["NAME"]) == (5433, "archive")


MB = 1024 * 1024
UPLOAD_LIMITS = ("MAX_UPLOAD_BYTES", "DATA_UPLOAD_MAX_MEMORY_SIZE")


def test_the_upload_limit_is_20_mb_unless_max_upload_mb_says_otherwise():
    # Django's own request limit leaves a megabyte for the multipart envelope,
    # or a file just under the limit would be refused before the parser sees it.
    assert settings_in({"DEBUG": "1", "MAX_UPLOAD_MB": None}, *UPLOAD_LIMITS) == {
        "MAX_UPLOAD_BYTES": 20 * MB,
        "DATA_UPLOAD_MAX_MEMORY_SIZE": 21 * MB,
    }
    assert settings_in({"DEBUG": "1", "MAX_UPLOAD_MB": "2.5"}, *UPLOAD_LIMITS) == {
        "MAX_UPLOAD_BYTES": int(2.5 * MB),
        "DATA_UPLOAD_MAX_MEMORY_SIZE": int(3.5 * MB),
    }


# Static files as production serves them: collectstatic with the settings'
# own storage (WhiteNoise's compressed manifest), not the plain storage the
# other tests render with (tests/conftest.py).

STATIC_TAG = re.compile(r"""{%\s*static\s+(['"])(?P<name>[^'"]+)\1""")


def brotli_installed() -> bool:
    try:
        import brotli  # noqa: F401
    except ImportError:
        return False
    return True


def manifest(root: Path) -> dict[str, str]:
    return json.loads((root / "staticfiles.json").read_text())["paths"]


def test_collectstatic_writes_hashed_and_compressed_files(collected):
    paths = manifest(collected)
    for name in (
        "css/base.css", "css/reader.css", "js/menus.js", "js/annotations/reader.js",
        "js/annotations.bundle.js",
    ):
        hashed = paths[name]
        assert re.fullmatch(re.escape(name.rsplit(".", 1)[0]) + r"\.[0-9a-f]{12}\.(css|js)", hashed)
        assert (collected / hashed).is_file()
        assert (collected / (hashed + ".gz")).is_file()
        if brotli_installed():
            assert (collected / (hashed + ".br")).is_file()
        else:
            # WhiteNoise writes .br only when the brotli module is there.
            assert not (collected / (hashed + ".br")).exists()


def test_every_static_name_in_the_templates_is_in_the_manifest(collected):
    paths = manifest(collected)
    names = {
        match["name"]
        for template in (REPO / "templates").rglob("*.html")
        for match in STATIC_TAG.finditer(template.read_text())
    }
    assert {"css/base.css", "favicon.svg", "js/annotations.bundle.js"} <= names
    assert sorted(names - paths.keys()) == []
    for name in names:
        assert (collected / paths[name]).is_file(), name


@pytest.fixture
def manifest_storage(settings, collected):
    """Templates render against the collected manifest, strict: an unknown name raises."""
    settings.STATIC_ROOT = collected
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "config.storage.StaticFilesStorage"},
    }


def static_urls(response) -> list[str]:
    doc = lxml.html.fromstring(response.content.decode())
    urls = doc.xpath("//link/@href | //script/@src")
    return [url for url in urls if url.startswith("/static/")]


# Each page (None: the home page; else the reader's query string) with a
# static file that only it asks for.
PAGES = {
    "home": (None, "css/browse.css"),
    "reader": ("", "js/annotations.bundle.js"),
    "reader with search marks": ("?hl=人大", "js/search_highlight.js"),
}


@pytest.mark.parametrize("page", PAGES)
def test_pages_render_with_hashed_static_urls(
    manifest_storage, collected, annotator_client, seed_compilation, page
):
    query, own_file = PAGES[page]
    if query is None:
        url = reverse("home")
    else:
        speech = seed_compilation.speeches.get(speaker__name="王萍")
        url = reverse("speech_detail", args=[speech.pk]) + query
    response = annotator_client.get(url)
    assert response.status_code == 200
    paths = manifest(collected)
    urls = static_urls(response)
    assert "/static/" + paths["css/base.css"] in urls
    assert "/static/" + paths[own_file] in urls
    hashed = set(paths.values())
    for url in urls:
        name = url.removeprefix("/static/")
        assert name in hashed, url
        assert (collected / name).is_file(), url
