"""A 19.9 MB file imports under the README's production command.

gunicorn (its default 30-second worker timeout) serves the API and
``manage.py db_worker`` runs the job, on a SQLite database of the test's
own, as docs in README.md ("Production") say to run them. The request
only stores the file and enqueues its job, so it answers at once; the
worker then imports the whole file.
"""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

from tests.conftest import REPO, SEED

pytestmark = pytest.mark.slow

GUNICORN = Path(sys.executable).parent / "gunicorn"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def nineteen_point_nine_mb() -> bytes:
    """The seed compilation over and over, each copy under a line of its own."""
    seed = SEED.read_bytes()
    parts, size, copy = [], 0, 0
    while size < 19.9 * 1024 * 1024 - len(seed) - 100:
        copy += 1
        part = f"\n第{copy}册\n".encode() + seed
        parts.append(part)
        size += len(part)
    return b"".join(parts)


def test_a_19_9_mb_upload_answers_at_once_and_the_worker_imports_it(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if k != "TASKS_BACKEND"},
        "DATABASE_URL": f"sqlite:///{tmp_path}/production.sqlite3",
        "SECRET_KEY": "production-test",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_COOKIES": "0",
        "DEBUG": "",
        # The settings with STATIC_ROOT in this test's folder, for collectstatic.
        "PYTHONPATH": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "production_settings",
    }
    (tmp_path / "production_settings.py").write_text(
        "from config.settings import *  # noqa: F403\n"
        f"STATIC_ROOT = {str(tmp_path / 'static_root')!r}\n"
    )

    def manage(*args: str) -> str:
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=REPO,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    # The README's production steps: static files collected, then migrated.
    manage("collectstatic", "--no-input", "-v0")
    manage("migrate", "--no-input", "-v0")
    secret = (
        manage(
            "shell",
            "-c",
            "from django.contrib.auth.models import Group, User\n"
            "from accounts.tokens import create_token\n"
            "user = User.objects.create_user('uploader', password='pw')\n"
            "user.groups.add(Group.objects.get_or_create(name='editor')[0])\n"
            "print(create_token(user=user, name='test', scope='write')[1])",
        )
        .strip()
        .splitlines()[-1]
    )
    port = free_port()
    log = (tmp_path / "server.log").open("w")
    # The README's commands (gunicorn keeps its default 30 s timeout).
    server = subprocess.Popen(
        [str(GUNICORN), "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "3"],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=log,
    )
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay"],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=log,
    )
    base = f"http://127.0.0.1:{port}"
    headers = {"Authorization": f"Bearer {secret}"}
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/api/docs", timeout=5)
                break
            except OSError:
                assert time.monotonic() < deadline, (tmp_path / "server.log").read_text()
                time.sleep(0.5)

        data = nineteen_point_nine_mb()
        assert 19.8 * 1024 * 1024 < len(data) <= 19.9 * 1024 * 1024
        boundary = uuid.uuid4().hex
        body = (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
                'filename="big.txt"\r\nContent-Type: text/plain\r\n\r\n'
            ).encode()
            + data
            + f"\r\n--{boundary}--\r\n".encode()
        )
        request = urllib.request.Request(
            f"{base}/api/compilations",
            data=body,
            headers={**headers, "Content-Type": f"multipart/form-data; boundary={boundary}"},
        )
        started = time.monotonic()
        with urllib.request.urlopen(request, timeout=60) as response:
            assert response.status == 202
            location = response.headers["Location"]
        assert time.monotonic() - started < 30  # well within gunicorn's timeout

        deadline = time.monotonic() + 1200  # a machine shared with other work
        seen = set()
        while True:
            with urllib.request.urlopen(
                urllib.request.Request(base + location, headers=headers), timeout=30
            ) as response:
                job = json.load(response)
            seen.add(job["stage"])
            if job["finished"]:
                break
            assert time.monotonic() < deadline, job
            time.sleep(1)
        assert job["stage"] == "done", job["error"]
        assert job["compilation"]["speech_count"] > 1_000  # ~400 copies of 5 speeches
        assert "segmenting" in seen or "writing" in seen  # progress was reported
    finally:
        for process in (server, worker):
            process.send_signal(signal.SIGTERM)
        for process in (server, worker):
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
