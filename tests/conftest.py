"""Shared fixtures: people in each role, and the seed compilation imported."""

import importlib
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.db import connections

from annotations.models import Theme

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "speeches" / "fixtures" / "seed" / "000_664d169cac1943db.txt"
# Public sample texts are read where they live, never copied into the project
# (beside the repository; JIANGHUA_SHARED names another place, e.g. for a worktree).
SHARED = Path(os.environ.get("JIANGHUA_SHARED") or REPO.parent / "shared")
SHARED_SAMPLES = SHARED / "samples"
SHARED_CORPUS = SHARED / "corpus"


def pytest_collection_modifyitems(config, items):
    """The tests marked slow first, the others in their order.

    pytest-xdist hands tests to whichever worker is free: a test of a minute
    near the end of the run would keep one worker busy while the other
    waits. Started first, the long tests run beside the many short ones.
    """
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """On SQLite, test in a database file of this run's own, not in memory.

    Django's in-memory test database lives in SQLite's shared cache, where
    locks are per table and a connection that meets one fails at once with
    "database table is locked": the busy timeout does not apply there. The
    live server answers the reader's concurrent API calls on several
    threads, so browser tests failed that way under load. In a file, with
    the settings' WAL journal, IMMEDIATE transactions and busy timeout,
    each thread has its own connection and a writer waits for another, as
    in production. The file is this run's own, so parallel runs don't meet.
    """
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        yield
        return
    folder = Path(tempfile.mkdtemp(prefix="jianghua-test-db-"))
    database["TEST"] = {**database.get("TEST", {}), "NAME": str(folder / "test.sqlite3")}
    try:
        yield
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The real hasher is slow on purpose; tests make many accounts.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _purges_not_yet_run(monkeypatch):
    # A process purges stale files at most once a minute
    # (speeches.services.pending.now_and_then): each test starts as a fresh one.
    monkeypatch.setattr("speeches.services.pending._last_purges", {})


# Never created: the tests see no collected files, as in a fresh checkout.
NO_STATIC_ROOT = Path(tempfile.gettempdir()) / "jianghua-tests-static-root-never-created"


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    # WhiteNoise reads every file under STATIC_ROOT for each test client it
    # serves, and would read var/staticfiles while a test that runs the
    # production steps (collectstatic) writes there: a file it listed can be
    # gone by the time it opens it. Tests that need collected files collect
    # them into a folder of their own (tests/config/test_deploy_settings.py).
    settings.STATIC_ROOT = NO_STATIC_ROOT
    # The manifest storage needs collectstatic; tests render templates without it.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def make_user(username: str, role: str | None) -> User:
    user = User.objects.create_user(username=username, password="pw-" + username)
    if role == "admin":
        user.is_superuser = user.is_staff = True
        user.save()
    elif role:
        user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user


@pytest.fixture
def viewer(db):
    return make_user("viewer", "viewer")


@pytest.fixture
def annotator(db):
    return make_user("annotator", "annotator")


@pytest.fixture
def editor(db):
    return make_user("editor", "editor")


@pytest.fixture
def admin_user(db):
    return make_user("admin", "admin")


@pytest.fixture
def no_role_user(db):
    return make_user("norole", None)


def client_for(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def viewer_client(client, viewer):
    return client_for(client, viewer)


@pytest.fixture
def annotator_client(client, annotator):
    return client_for(client, annotator)


@pytest.fixture
def editor_client(client, editor):
    return client_for(client, editor)


@pytest.fixture
def seed_bytes() -> bytes:
    return SEED.read_bytes()


@pytest.fixture
def seed_compilation(db, editor, seed_bytes):
    """The users' own sample compilation, imported through the real service."""
    from speeches.services.imports import import_compilation, parse_upload

    parsed = parse_upload(data=seed_bytes, filename=SEED.name)
    return import_compilation(parsed=parsed, size=len(seed_bytes), user=editor).compilation


@pytest.fixture
def shared_samples() -> Path:
    if not SHARED_SAMPLES.is_dir():
        pytest.skip(f"the shared samples are not here ({SHARED_SAMPLES})")
    return SHARED_SAMPLES


@pytest.fixture
def shared_corpus() -> Path:
    """The 111 real texts of the shared corpus (skipped where absent)."""
    if not SHARED_CORPUS.is_dir():
        pytest.skip(f"the shared corpus is not here ({SHARED_CORPUS})")
    return SHARED_CORPUS


CHROMIUM = Path("/usr/bin/chromium")


class _Chromium:
    """One Chromium per xdist worker, kept while browser tests follow each other.

    Starting Playwright's driver and Chromium cost more than most browser
    tests themselves. Each test still gets a browser context of its own
    (cookies, storage and cache are per context), so sharing the browser
    changes nothing a test can see. Playwright's sync API keeps an event
    loop running in this thread while it is started, and Django refuses
    database access from a thread with a running loop unless told that it
    is safe, which it is here (the test thread is not async code): the
    variable is set exactly while the loop runs. The first test that does
    not use the browser stops it (``_no_browser_between_tests``), so no
    other test ever runs beside a running loop.
    """

    def __init__(self) -> None:
        self.playwright = None
        self.browser = None
        self.unsafe: str | None = None

    def get(self):
        if self.browser is not None and self.browser.is_connected():
            return self.browser
        self.stop()
        from playwright.sync_api import sync_playwright

        self.unsafe = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
        self.playwright = sync_playwright().start()
        self.browser = self.playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--no-first-run",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        return self.browser

    def stop(self) -> None:
        try:
            if self.browser is not None and self.browser.is_connected():
                self.browser.close()
            if self.playwright is not None:
                self.playwright.stop()
        finally:
            self.browser = self.playwright = None
            if self.unsafe is None:
                os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
            else:
                os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = self.unsafe
            connections.close_all()


_chromium = _Chromium()


@pytest.fixture(autouse=True)
def _no_browser_between_tests(request):
    if _chromium.playwright is not None and "browser_context" not in request.fixturenames:
        _chromium.stop()


@pytest.fixture(scope="session")
def _chromium_for_the_session():
    yield _chromium
    _chromium.stop()


@pytest.fixture
def browser_context(live_server, transactional_db, _chromium_for_the_session):
    """A Playwright browser context on the live server, in Debian's Chromium."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    browser = _chromium_for_the_session.get()
    context = browser.new_context(
        base_url=live_server.url, locale="zh-CN", viewport={"width": 1280, "height": 800}
    )
    context.set_default_timeout(10_000)
    try:
        yield context
    finally:
        # Contexts a test opened beside this one are closed with it, as
        # closing the browser did when each test had its own.
        for opened in browser.contexts:
            opened.close()
        # Database work done inside Playwright's greenlet has connections
        # of its own; left open they keep PostgreSQL from dropping the
        # test database at the end of the run.
        connections.close_all()


@pytest.fixture
def page(browser_context):
    return browser_context.new_page()


def log_in(page, user) -> None:
    """Log ``user`` in through the login form (passwords are 'pw-' + user name)."""
    page.goto("/accounts/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", "pw-" + user.username)
    page.click("main button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


@pytest.fixture
def pending_dir(settings, tmp_path):
    """Uploads held for their confirmation go to a folder of this test's own."""
    location = tmp_path / "pending"
    settings.STORAGES = {
        **settings.STORAGES,
        "pending_uploads": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": location},
        },
    }
    return location


@pytest.fixture
def codebook(db) -> dict[str, Theme]:
    """The default codebook by slug (seeded by the migration; re-seeded if a
    transactional test flushed it)."""
    seed = importlib.import_module("annotations.migrations.0002_seed_default_codebook")
    # The keywords as the later migration made them specific.
    specific = importlib.import_module("annotations.migrations.0006_specific_seed_keywords")
    themes = {}
    for position, (slug, name, name_en, colour, description, keywords) in enumerate(
        seed.DEFAULT_THEMES, start=1
    ):
        keywords = specific.KEYWORDS[slug][1] if slug in specific.KEYWORDS else keywords
        themes[slug], _ = Theme.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "name_en": name_en, "colour": colour,
                      "description": description, "keywords": keywords, "position": position},
        )
    return themes
