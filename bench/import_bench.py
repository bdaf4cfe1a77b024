"""Import speed beside Taguette's, on the same files, in one run.

    .venv/bin/python bench/import_bench.py [--sizes 0.05 0.5 2.5 10] [--runs 3]
        [--corpus ../shared/corpus] [--taguette-venv var/bench/taguette-venv]

Each size is a file of whole texts of the shared corpus put end to end (the
corpus repeated, with a line naming the copy, past 5 MB; the one text
closest in size for the smallest); its real size is printed. Each file is
uploaded over HTTP to each tool, one after the other, and timed from the
start of the upload until the text is stored and searchable:

* Jianghua: the README's production command (gunicorn, three workers) and
  its import worker (``manage.py db_worker``), on a SQLite database of the
  run's own; ``POST /api/compilations`` with an API token answers 202 with
  the job, which is polled every 0.25 s until it has finished; the time
  ends at the job's ``finished_at`` (the worker's clock is this machine's),
  so it does not depend on how often it is polled. Jianghua
  parses the speeches, their metadata and section tree, segments every
  paragraph into words and writes the full-text index.
* Taguette 1.5.2: ``POST /api/project/<id>/document/new`` (what its upload
  form posts), which converts the text to HTML with calibre's
  ``ebook-convert`` and stores it; no structure, no index.

Taguette runs in a virtualenv of its own outside the repository, set up by
this script when missing (``pip install taguette==1.5.2``), and needs
``ebook-convert`` (Debian: ``apt-get install calibre``). Its single-user
mode (``taguette --no-browser``) refuses documents whose HTML passes 5 MB,
so the script starts it the same way but through a configuration file
(``taguette server``) that raises that limit; nothing else differs. Both
servers are warmed up with a small file first (Jianghua's worker loads its
dictionaries once; each of Taguette's uploads starts calibre anew).

Printed: the median of ``--runs`` uploads per tool and size, the ratio
(Taguette's time over Jianghua's: above 1 means Jianghua is faster), the
load average, and whether Jianghua's stored search tokens are those plain
jieba gives (the speed-up must not change what search finds).
"""

import argparse
import datetime
import http.cookiejar
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

from server import REPO, Server, answers, free_port, stop_processes

TAGUETTE_VERSION = "1.5.2"
# How often the job is polled. Each poll is a request the server works on
# with the same two processors as the import: polling every 20 ms took a
# noticeable share of them from the import it was timing.
POLL_INTERVAL = 0.25


def multipart(fields: dict[str, str], filename: str, data: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(
            f"--{boundary}\r\nContent-Disposition: form-data; "
            f'name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
        "Content-Type: text/plain\r\n\r\n".encode()
        + data
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


# ---- Test files ----


def make_files(corpus: Path, sizes: list[float], folder: Path) -> list[tuple[float, Path]]:
    """Whole texts of the corpus end to end, as many as come closest to each size.

    Whole texts, not a cut at any line: a cut can leave a title without its
    speech at the end, which Jianghua refuses (a speech without a body).
    """
    # Not the OCR'd volumes (mao_*): put end to end with the others, their
    # noise makes a title without a body at a seam, which Jianghua refuses.
    texts = [p.read_bytes() for p in sorted(corpus.glob("*.txt")) if not p.name.startswith("mao_")]
    files = []
    for size in sizes:
        want = int(size * 1024 * 1024)
        if want < max(map(len, texts)):
            # One text: the one closest to the size.
            data = min(texts, key=lambda text: abs(len(text) - want))
        else:
            data, copy = b"", 0
            while True:
                copy += 1
                # A line of its own per copy: every file's text is new to both tools.
                for text in [f"（第{copy}份，{size} MB）\n".encode(), *texts]:
                    if len(data) + len(text) // 2 > want:
                        break
                    data += text + b"\n"
                else:
                    continue
                break
        path = folder / f"import-bench-{size}MB.txt"
        path.write_bytes(data)
        files.append((len(data) / 1024 / 1024, path))
    return files


# ---- Jianghua ----


class Jianghua:
    def __init__(self, folder: Path):
        self.folder = folder
        self.server = Server(f"sqlite:///{folder}/jianghua.sqlite3", secret_key="import-bench")
        self.base = self.server.base
        self.manage = self.server.manage

    def start(self) -> None:
        self.manage("migrate", "--no-input", "-v0")
        self.token = (
            self.manage(
                "shell",
                "-c",
                "from django.contrib.auth.models import Group, User\n"
                "from accounts.tokens import create_token\n"
                "user = User.objects.create_user('bench', password='bench-pw')\n"
                "user.groups.add(Group.objects.get_or_create(name='editor')[0])\n"
                "print(create_token(user=user, name='bench', scope='write')[1])",
            )
            .strip()
            .splitlines()[-1]
        )
        self.server.start(self.folder / "jianghua.log", worker=True)

    def upload(self, path: Path) -> float:
        body, content_type = multipart({}, path.name, path.read_bytes())
        start = time.time()
        request = urllib.request.Request(
            f"{self.base}/api/compilations",
            data=body,
            headers={"Content-Type": content_type, "Authorization": f"Bearer {self.token}"},
        )
        with urllib.request.urlopen(request) as response:
            assert response.status == 202, response.status
            location = response.headers["Location"]
        while True:
            request = urllib.request.Request(
                f"{self.base}{location}",
                headers={"Authorization": f"Bearer {self.token}"},
            )
            with urllib.request.urlopen(request) as response:
                job = json.load(response)
            if job["finished"]:
                break
            time.sleep(POLL_INTERVAL)
        # Until the worker finished (its clock is this machine's), not until the
        # poll saw it: the time does not depend on how often the job is polled.
        elapsed = datetime.datetime.fromisoformat(job["finished_at"]).timestamp() - start
        if job["stage"] != "done":
            raise SystemExit(f"Jianghua refused {path.name}: {job['error']}")
        self.last_compilation = job["compilation"]["id"]
        return elapsed

    def delete_last(self) -> None:
        """Removes the compilation just imported, so the next run imports it again."""
        self.manage(
            "shell",
            "-c",
            "from speeches.models import Compilation\n"
            f"Compilation.objects.filter(pk={self.last_compilation}).delete()",
        )

    def tokens_are_jiebas(self) -> str:
        """Compare stored tokens, on every 25th paragraph, with ``search_tokens`` of
        the text cut by plain jieba alone (words, then characters and bigrams)."""
        return (
            self.manage(
                "shell",
                "-c",
                "from text import segmentation as s\n"
                "from speeches.models import Paragraph\n"
                "rows = Paragraph.objects.order_by('pk').values_list('text', 'tokens')\n"
                "rows = list(rows)[::25]\n"
                # search_tokens with every block cut by plain jieba instead of rjieba
                "s.cut_for_search = lambda text: list(s.tokenizer().cut_for_search(text))\n"
                "differ = sum(1 for text, tokens in rows if s.search_tokens(text) != tokens)\n"
                "print(f'{len(rows)} paragraphs compared, {differ} differ')",
            )
            .strip()
            .splitlines()[-1]
        )

    def stop(self) -> None:
        self.server.stop()


# ---- Taguette ----


def ensure_taguette(venv: Path) -> Path:
    taguette = venv / "bin" / "taguette"
    if not taguette.exists():
        print(f"setting up Taguette {TAGUETTE_VERSION} in {venv} …", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [str(venv / "bin" / "pip"), "install", "--quiet", f"taguette=={TAGUETTE_VERSION}"],
            check=True,
        )
    if shutil.which("ebook-convert") is None:
        raise SystemExit("Taguette needs calibre's ebook-convert: apt-get install calibre")
    return taguette


class Taguette:
    def __init__(self, executable: Path, folder: Path):
        self.executable = executable
        self.folder = folder
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def start(self) -> None:
        config = self.folder / "taguette-config.py"
        # What `taguette --no-browser` sets, with a larger HTML limit (see above).
        config.write_text(
            "NAME = 'bench'\n"
            f"PORT = {self.port}\n"
            "BIND_ADDRESS = '127.0.0.1'\n"
            "SECRET_KEY = 'import-bench'\n"
            f"DATABASE = 'sqlite:///{self.folder}/taguette.sqlite3'\n"
            "TOS_FILE = None\n"
            f"DOMAIN = 'localhost:{self.port}'\n"
            "X_HEADERS = False\n"
            "EMAIL = 'bench@localhost'\n"
            "MAIL_SERVER = {'host': 'localhost', 'port': 25}\n"
            "COOKIES_PROMPT = False\n"
            "MULTIUSER = False\n"
            "HTML_OUT_SIZE_LIMIT = 200_000_000\n"
        )
        self.log = self.folder / "taguette.log"
        self.process = subprocess.Popen(
            [str(self.executable), "server", str(config)],
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
            cwd=self.folder,
        )
        deadline = time.monotonic() + 120
        token = None
        while time.monotonic() < deadline and token is None:
            time.sleep(0.3)
            found = re.search(r"\?token=([0-9a-f]+)", self.log.read_text(errors="replace"))
            token = found and found.group(1)
        if token is None:
            raise SystemExit(f"Taguette did not start; see {self.log}")
        if not answers(self.base + "/", process=self.process):
            raise SystemExit(f"Taguette did not answer; see {self.log}")
        self.opener.open(f"{self.base}/?token={token}")  # logs in as admin
        self.opener.open(f"{self.base}/project/new")  # sets the _xsrf cookie
        body = urllib.parse.urlencode(
            {"name": "bench", "description": "", "_xsrf": self.xsrf()}
        ).encode()
        response = self.opener.open(f"{self.base}/project/new", data=body)
        self.project = int(re.search(r"/project/(\d+)", response.geturl()).group(1))

    def xsrf(self) -> str:
        return next(c.value for c in self.cookies if c.name == "_xsrf")

    def upload(self, path: Path) -> float:
        body, content_type = multipart(
            {"name": path.stem[:50], "description": ""}, path.name, path.read_bytes()
        )
        request = urllib.request.Request(
            f"{self.base}/api/project/{self.project}/document/new",
            data=body,
            headers={"Content-Type": content_type, "X-XSRFToken": self.xsrf()},
        )
        start = time.perf_counter()
        with self.opener.open(request) as response:
            answer = json.load(response)
        elapsed = time.perf_counter() - start
        if "created" not in answer:
            raise SystemExit(f"Taguette refused {path.name}: {answer}")
        return elapsed

    def stop(self) -> None:
        if hasattr(self, "process"):  # not when it failed to start
            stop_processes([self.process])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.05, 0.5, 2.5, 10])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument(
        "--taguette-venv", type=Path, default=REPO / "var" / "bench" / "taguette-venv"
    )
    args = parser.parse_args()
    if not args.corpus.is_dir():
        raise SystemExit(f"no corpus at {args.corpus} (--corpus)")

    folder = Path(tempfile.mkdtemp(prefix="jh-import-bench-"))
    files = make_files(args.corpus, args.sizes, folder)
    warmup = folder / "warmup.txt"
    warmup.write_bytes(files[0][1].read_bytes()[:5000].rsplit(b"\n", 1)[0] + "\n暖机。\n".encode())

    jianghua = Jianghua(folder)
    taguette = Taguette(ensure_taguette(args.taguette_venv), folder)
    failed = True
    try:
        jianghua.start()
        taguette.start()
        jianghua.upload(warmup)
        taguette.upload(warmup)
        print(f"load average before: {os.getloadavg()[0]:.2f} (2 cores: {os.cpu_count()})")
        print(f"{'size':>8} {'Jianghua':>10} {'Taguette':>10} {'ratio':>7}  load")
        for size, path in files:
            ours, theirs = [], []
            for _run in range(args.runs):
                ours.append(jianghua.upload(path))
                jianghua.delete_last()
                theirs.append(taguette.upload(path))
            mine, their = statistics.median(ours), statistics.median(theirs)
            print(
                f"{size:>6.2f} MB {mine:>9.2f}s {their:>9.2f}s {their / mine:>6.2f}x"
                f"  {os.getloadavg()[0]:.2f}",
                flush=True,
            )
        # The last import of each size was deleted; import the largest once more to compare.
        jianghua.upload(files[-1][1])
        print("search tokens as plain jieba's:", jianghua.tokens_are_jiebas())
        failed = False
    finally:
        jianghua.stop()
        taguette.stop()
        if failed:
            print(f"logs kept in {folder}", file=sys.stderr)
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
