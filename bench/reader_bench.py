"""How long the reader takes to be ready, highlights drawn, on a busy speech.

    .venv/bin/python bench/reader_bench.py [--paragraphs 152] [--annotations 500] [--runs 40]

Builds a speech of 152 paragraphs with 500 annotations (by three coders, on
the default codebook, a comment on every tenth paragraph) in a throwaway
SQLite database, serves it as deployed (DEBUG off, static files collected
and served by WhiteNoise) under gunicorn as the README runs it (or Django's
threaded server with --server runserver), and opens the
reader ``--runs`` times in headless Chromium (/usr/bin/chromium) as an
annotator: first each time in a fresh browser context (a first visit,
nothing cached), then in one context (scripts and styles cached, as for a
researcher going from speech to speech). A run's figure is the time from
the start of the navigation to the reader's ``annotations-ready``
performance mark (static/js/annotations/reader.js): the page with its
annotations and comments, its scripts, and every highlight and margin of
the paragraphs on the screen painted (tests/annotations/
test_browser_first_paint.py holds it to that). The other paragraphs are
painted after, in idle time, up to ``annotations-complete``, timed apart,
as are the suggested themes, asked of the API after the first paint.
Each run also reads the page's resource timings: how many scripts and
stylesheets it loaded before it was ready, and when the last of them
arrived (the number to compare under load, with the HTML's arrival). Prints
the median, the 95th percentile and the worst of each step.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from server import answers, free_port, gunicorn_command

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
CHROMIUM = "/usr/bin/chromium"
# Milliseconds from the start of the navigation: the page's HTML received,
# the last of the scripts and stylesheets it loads received (from the
# network or the cache; the Resource Timing API), the HTML parsed, its
# scripts run (DOMContentLoaded), highlights and margins drawn on the
# screen, then on every paragraph, and the suggested themes (fetched after
# the first) drawn too; how long the reader's script took to paint those
# on the screen; and how many scripts and
# stylesheets the page loaded before it was ready.
MARKS = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const mark = (name) => performance.getEntriesByName(name)[0]?.startTime ?? null;
  const files = performance.getEntriesByType('resource').filter(
    (r) => ['script', 'link', 'other'].includes(r.initiatorType)
      && /\\.(js|css)$|\\/jsi18n\\/$/.test(new URL(r.name).pathname)
      && r.startTime < mark('annotations-ready'));
  return {html: nav.responseEnd, files: Math.max(...files.map((r) => r.responseEnd)),
          parsed: nav.domInteractive, scripts: nav.domContentLoadedEventEnd,
          highlights: mark('annotations-ready'), complete: mark('annotations-complete'),
          suggestions: mark('suggestions-ready'),
          paint: mark('annotations-ready') - mark('annotations-start'), count: files.length};
}"""
SENTENCES = [
    "各级人大常委会要依法开展执法检查和专题询问，推进依法行政，建设法治政府。",
    "全面推进乡村振兴，巩固拓展脱贫攻坚成果，防止规模性返贫。",
    "坚持以人民为中心的发展思想，着力保障和改善民生，办好就业、教育、医疗、养老等实事。",
    "要认真办理人大代表建议，做到件件有着落、事事有回音。",
    "牢固树立绿水青山就是金山银山的理念，打好污染防治攻坚战。",
    "优化营商环境，扩大有效投资，推动经济高质量发展。",
]


def setup_django(database: str) -> None:
    os.environ["DATABASE_URL"] = database
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build_speech(n_paragraphs: int, n_annotations: int) -> int:
    """The speech's id; its annotator logs in as bench-1 / pw-bench."""
    import hashlib
    import random

    from django.contrib.auth.models import Group, User
    from django.db import transaction

    from annotations.models import Annotation, Comment, Theme
    from speeches.models import Compilation, Paragraph, Speech
    from text.segmentation import search_tokens

    rng = random.Random(15)
    with transaction.atomic():
        group = Group.objects.get_or_create(name="annotator")[0]
        coders = []
        for i in range(1, 4):
            user = User.objects.create_user(f"bench-{i}", password="pw-bench")
            user.groups.add(group)
            coders.append(user)
        texts = ["".join(rng.sample(SENTENCES, 3)) for _ in range(n_paragraphs)]
        compilation = Compilation.objects.create(
            title="基准测试汇编", source_name="bench.txt",
            sha256=hashlib.sha256(b"reader-bench").hexdigest(), encoding="utf-8",
            size=0, text="\n".join(texts), parser_version="bench",
        )
        speech = Speech.objects.create(
            compilation=compilation, position=1, title="在全市人大工作会议上的讲话",
            speaker_raw="王萍", role="市长", event="全市人大工作会议",
        )
        Paragraph.objects.bulk_create(
            Paragraph(speech=speech, position=n, text=text,
                      text_hash=hashlib.sha256(text.encode()).hexdigest(),
                      tokens=search_tokens(text))
            for n, text in enumerate(texts, start=1)
        )
        paragraphs = list(speech.paragraphs.order_by("position"))
        themes = list(Theme.objects.filter(active=True))
        annotations = []
        for i in range(n_annotations):
            paragraph = paragraphs[i * len(paragraphs) // n_annotations]
            start = rng.randrange(0, len(paragraph.text) - 24)
            end = start + rng.randrange(4, 24)
            annotations.append(Annotation(
                paragraph=paragraph, start=start, end=end, quote=paragraph.text[start:end],
                prefix=paragraph.text[max(0, start - 32):start],
                suffix=paragraph.text[end:end + 32], text_hash=paragraph.text_hash,
                note="备注" if i % 7 == 0 else "", author=coders[i % 3],
            ))
        Annotation.objects.bulk_create(annotations)
        through = Annotation.themes.through
        through.objects.bulk_create(
            through(annotation_id=pk, theme_id=themes[pk % len(themes)].pk)
            for pk in Annotation.objects.values_list("pk", flat=True)
        )
        Comment.objects.bulk_create(
            Comment(paragraph=p, author=coders[0], body="这一段值得再看。")
            for p in paragraphs[::10]
        )
    return speech.pk


def serve(database: str, port: int, *, server: str) -> subprocess.Popen:
    """The app as deployed (DEBUG off, collected static files served by
    WhiteNoise with their hashed names): under gunicorn as the README's
    production command runs it (``server="gunicorn"``), or on Django's
    threaded server (``"runserver"``), which answers a second request on a
    kept-alive connection only after the client's delayed acknowledgement
    (about 40 ms a file)."""
    folder = Path(tempfile.mkdtemp(prefix="jh-reader-bench-static-"))
    (folder / "bench_settings.py").write_text(
        "from config.settings import *  # noqa: F403\n"
        f"STATIC_ROOT = {str(folder / 'static')!r}\n"
    )
    env = {
        **os.environ, "DATABASE_URL": database, "DEBUG": "0", "SECRET_KEY": "reader-bench",
        "ALLOWED_HOSTS": "127.0.0.1", "SECURE_COOKIES": "0", "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(folder), "DJANGO_SETTINGS_MODULE": "bench_settings",
    }
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"],
                   cwd=REPO, env=env, check=True)
    if server == "gunicorn":
        command = gunicorn_command(port)
    else:
        command = [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"]
    # A file, not a pipe: a pipe left unread would block the server's request log.
    log = tempfile.TemporaryFile()  # noqa: SIM115 (the server writes to it while it runs)
    process = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=log)
    # A minute, on a loaded machine.
    if answers(f"http://127.0.0.1:{port}/", timeout=60, process=process):
        return process
    process.kill()
    log.seek(0)
    raise SystemExit(f"{server} did not start:\n" + log.read().decode())


def measure(base: str, speech_id: int, runs: int, *, warm: bool) -> tuple[list[dict], int]:
    """``warm``: one browser context for every run, as a researcher going from
    speech to speech has the (hashed, long-cached) scripts and styles in the
    browser's cache; otherwise a fresh context each run, a first visit."""
    from playwright.sync_api import sync_playwright

    times = []
    size = 0
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        # One login; each run gets a fresh context with that session only.
        login = browser.new_context(base_url=base)
        page = login.new_page()
        page.goto("/accounts/login/")
        page.fill("input[name=username]", "bench-1")
        page.fill("input[name=password]", "pw-bench")
        page.click("main button[type=submit]")
        page.wait_for_url(lambda url: "/accounts/login/" not in url)
        state = login.storage_state()
        response = page.request.get(f"/api/annotations?speech={speech_id}&limit=500")
        size = len(response.body())
        login.close()
        shared = browser.new_context(base_url=base, storage_state=state,
                                     viewport={"width": 1366, "height": 900})
        for run in range(runs + 2):
            context = shared if warm else browser.new_context(
                base_url=base, storage_state=state, viewport={"width": 1366, "height": 900})
            page = context.new_page()
            page.goto(f"/speeches/{speech_id}/")
            page.wait_for_selector("[data-annotations-loaded]", timeout=30_000)
            page.wait_for_function("performance.getEntriesByName('suggestions-ready').length > 0")
            ready = page.evaluate(MARKS)
            highlights = page.locator(".hl").count()
            page.close()
            if not warm:
                context.close()
            if ready["highlights"] is None or highlights == 0:
                raise SystemExit("the reader did not mark itself ready with highlights")
            if run >= 2:  # the first two warm the server's caches
                times.append(ready)
        shared.close()
        browser.close()
    return times, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=152)
    parser.add_argument("--annotations", type=int, default=500)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--server", choices=("gunicorn", "runserver"), default="gunicorn")
    args = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="jh-reader-bench-")
    database = f"sqlite:///{folder}/reader-bench.sqlite3"
    setup_django(database)
    speech_id = build_speech(args.paragraphs, args.annotations)
    port = free_port()
    server = serve(database, port, server=args.server)
    try:
        results = {
            warm: measure(f"http://127.0.0.1:{port}", speech_id, args.runs, warm=warm)
            for warm in (False, True)
        }
    finally:
        server.terminate()
        server.wait()
    for warm, (times, size) in results.items():
        report(args, times, size, "scripts and styles cached" if warm else "first visit")


def report(args, times: list[dict], size: int, kind: str) -> None:
    print(f"reader, {kind}, {args.paragraphs} paragraphs, {args.annotations} annotations, "
          f"{len(times)} runs (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    print(f"  annotations from the API (for comparison): {size / 1024:.0f} KB JSON")
    print(f"  scripts and stylesheets loaded before ready: {times[0]['count']}")
    for key, label in (("html", "page received"), ("files", "last script or stylesheet received"),
                       ("parsed", "page parsed"), ("scripts", "scripts run"),
                       ("highlights", "READY: highlights, margins on screen"),
                       ("complete", "every paragraph's drawn"),
                       ("suggestions", "suggested themes drawn"),
                       ("paint", "of which painting those on screen")):
        if any(run.get(key) is None for run in times):
            continue  # a reader without the mark (before the idle-time painting)
        values = sorted(run[key] for run in times)
        p95 = values[min(len(values) - 1, round(0.95 * len(values)) - 1)]
        print(f"  {label:38s} median {statistics.median(values):5.0f} ms   "
              f"p95 {p95:5.0f} ms   worst {values[-1]:5.0f} ms")


if __name__ == "__main__":
    main()
