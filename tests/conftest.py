"""Shared fixtures: people in each role, and the seed compilation imported."""

from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "speeches" / "fixtures" / "seed" / "000_664d169cac1943db.txt"
# Public sample texts are read where they live, never copied into the project.
SHARED_SAMPLES = REPO.parent / "shared" / "samples"


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
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
        user.groups.add(Group.objects.get(name=role))
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
    from speeches.services import import_compilation, parse_upload

    parsed = parse_upload(data=seed_bytes, filename=SEED.name)
    return import_compilation(parsed=parsed, size=len(seed_bytes), user=editor).compilation


@pytest.fixture
def shared_samples() -> Path:
    if not SHARED_SAMPLES.is_dir():
        pytest.skip(f"the shared samples are not here ({SHARED_SAMPLES})")
    return SHARED_SAMPLES
