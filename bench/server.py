"""The app served for a benchmark as the README's production steps serve it.

``Server`` runs ``gunicorn config.wsgi`` (DEBUG off) on a free port of
127.0.0.1 against the database it is given, and with ``worker=True`` the
background worker (``manage.py db_worker``) beside it; ``manage`` runs a
``manage.py`` command in the same environment. ``free_port``, ``answers``
and ``stop_processes`` serve the other servers a benchmark starts (Django's own, for
the reader; Taguette, to compare imports with).

Imported by the scripts beside it, which run as ``.venv/bin/python
bench/x.py`` (their folder is first on ``sys.path``).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYTHON = REPO / ".venv" / "bin" / "python"
GUNICORN = REPO / ".venv" / "bin" / "gunicorn"


def free_port() -> int:
    """A port of 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def gunicorn_command(port: int, workers: int = 3) -> list[str]:
    """The README's production command (three workers), on ``port`` of 127.0.0.1."""
    return [str(GUNICORN), "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(workers)]


def answers(url: str, *, timeout: float = 120, process: subprocess.Popen | None = None) -> bool:
    """Whether ``url`` answers (with any HTTP status) within ``timeout`` seconds;
    False as soon as ``process``, the server, has exited."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=5)
            return True
        except urllib.error.HTTPError:
            return True  # an error page is an answer
        except OSError:
            if process is not None and process.poll() is not None:
                return False
            time.sleep(0.2)
    return False


def stop_processes(processes: Iterable[subprocess.Popen], timeout: float = 30) -> None:
    """SIGTERM to each of ``processes`` at once, then wait for each; kill one
    that has not ended within ``timeout`` seconds."""
    processes = list(processes)
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class Server:
    """gunicorn (and, on request, the background worker) on a free port."""

    def __init__(self, database_url: str, *, secret_key: str, workers: int = 3):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.workers = workers
        self.env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "SECRET_KEY": secret_key,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_COOKIES": "0",
            "DEBUG": "",
        }
        # Production's task backend is the database one, which the worker
        # reads; a TASKS_BACKEND left in the shell (the tests' immediate
        # one) would run imports inside the web request instead.
        self.env.pop("TASKS_BACKEND", None)
        self.processes: list[subprocess.Popen] = []

    def manage(self, *args: str) -> str:
        """Run ``manage.py ARGS`` against the server's database; its output."""
        return subprocess.run(
            [str(PYTHON), "manage.py", *args],
            cwd=REPO,
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    def start(self, log: Path, *, worker: bool = False, timeout: float = 120) -> None:
        """Start gunicorn (with ``worker``, the worker too, polling its queue
        every 50 ms), both writing to ``log``; return once it answers."""
        out = log.open("w")
        self.processes.append(self._spawn(gunicorn_command(self.port, self.workers), out))
        if worker:
            self.processes.append(self._spawn(
                [str(PYTHON), "manage.py", "db_worker", "--no-reload", "--no-startup-delay",
                 "--interval", "0.05"],
                out,
            ))
        if not answers(self.base + "/", timeout=timeout, process=self.processes[0]):
            self.stop()
            raise SystemExit(f"gunicorn did not answer; see {log}")

    def _spawn(self, command: list[str], out) -> subprocess.Popen:
        return subprocess.Popen(
            command, cwd=REPO, env=self.env, stdout=out, stderr=subprocess.STDOUT
        )

    def stop(self) -> None:
        stop_processes(self.processes)
        self.processes = []
