"""Search throughput: concurrent clients on the search page, through gunicorn.

    .venv/bin/python bench/search_load.py --database-url postgres://postgres@127.0.0.1:5432/jh_bench
    .venv/bin/python bench/search_load.py --database-url sqlite:////tmp/jh_bench.sqlite3 \
        --clients 20 --seconds 60 [--workers 3] [--api]

Starts the README's production command (``collectstatic``, then
``gunicorn config.wsgi --workers 3``, DEBUG off) on a free port against a
corpus built by make_corpus.py, signs in a viewer made for the run (a
session made in the database: no password form, no login throttling), and
lets ``--clients`` threads ask
for the search page (``--api``: ``GET /api/search``) one request after
another for ``--seconds``, each client walking the query set of
search_bench.py (the queries without filters, each with its sort and
"whole words only") from its own starting point. Every answer must be a
200; a warm-up round of each query comes first.

Prints requests per second, the latency percentiles (median, 90th, 95th,
99th, slowest) over every request, the same per query shape, and the load
average before and after (the machine's other work shows in every figure).
The viewer and its session are deleted at the end.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import threading
import time
import urllib.parse
import urllib.request
from collections import defaultdict
from pathlib import Path

from search_bench import QUERIES, percentile
from server import Server

USER = "search-load-bench"

SIGN_IN = f"""
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.models import Group, User
from django.contrib.sessions.backends.db import SessionStore
from accounts.tokens import create_token
user, _ = User.objects.get_or_create(username={USER!r})
user.set_unusable_password()
user.save()
user.groups.add(Group.objects.get_or_create(name="viewer")[0])
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print(session.session_key, create_token(user=user, name="load", scope="read")[1])
"""

SIGN_OUT = f"""
from django.contrib.auth.models import User
User.objects.filter(username={USER!r}).delete()
"""


def load_average() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def paths(api: bool) -> list[tuple[str, str]]:
    """(shape, path and query string) of every unfiltered query of search_bench.py."""
    out = []
    for label, text, filters, sort, *rest in QUERIES:
        if filters:
            continue
        params = {"q": text}
        if sort != "relevance":
            params["sort"] = sort
        if rest and rest[0].get("whole_words"):
            params["whole_words" if api else "whole"] = "true" if api else "1"
        path = "/api/search" if api else "/search/"
        out.append((f"{label}: {text}" + (f" ({sort})" if sort != "relevance" else ""),
                    f"{path}?{urllib.parse.urlencode(params)}"))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (README: 3)")
    parser.add_argument("--api", action="store_true", help="GET /api/search, not the page")
    parser.add_argument("--log", type=Path, default=Path("/tmp/search_load_gunicorn.log"))
    args = parser.parse_args()
    if not args.database_url:
        parser.error("give --database-url (or set DATABASE_URL)")

    server = Server(
        args.database_url,
        secret_key=os.environ.get("SECRET_KEY", "search-load-bench"),
        workers=args.workers,
    )
    server.manage("collectstatic", "--no-input", "-v0")  # as the README's production steps
    session, token = server.manage("shell", "-c", SIGN_IN).split()[-2:]
    server.start(args.log)
    base = server.base
    headers = (
        {"Authorization": f"Bearer {token}"} if args.api else {"Cookie": f"sessionid={session}"}
    )
    targets = paths(args.api)

    def get(path: str) -> float:
        request = urllib.request.Request(base + path, headers=headers)
        started = time.perf_counter()
        with urllib.request.urlopen(request, timeout=120) as response:
            response.read()
            if response.status != 200 or response.url != base + path:
                raise RuntimeError(f"{path}: {response.status} {response.url}")
        return time.perf_counter() - started

    try:
        for _, path in targets:  # warm-up: every worker's first query loads dictionaries
            get(path)
        timings: dict[str, list[float]] = defaultdict(list)
        errors: list[str] = []
        lock = threading.Lock()
        stop_at = time.monotonic() + args.seconds
        load_before = load_average()

        def client(start: int) -> None:
            for shape, path in itertools.islice(itertools.cycle(targets), start, None):
                if time.monotonic() >= stop_at:
                    return
                try:
                    elapsed = get(path)
                except Exception as error:  # counted and shown
                    with lock:
                        errors.append(f"{shape}: {error}")
                    continue
                with lock:
                    timings[shape].append(elapsed)

        threads = [
            threading.Thread(target=client, args=(i * len(targets) // args.clients,))
            for i in range(args.clients)
        ]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.monotonic() - started
    finally:
        server.stop()
        server.manage("shell", "-c", SIGN_OUT)

    every = [t * 1000 for ts in timings.values() for t in ts]
    print(f"{'/api/search' if args.api else 'search page'}, {args.clients} clients, "
          f"gunicorn --workers {args.workers}, {wall:.0f} s")
    print(f"load average before: {load_before}, after: {load_average()}\n")
    print(f"{'query':<44} {'requests':>8} {'median':>9} {'p95':>9}")
    for shape, _ in targets:
        values = [t * 1000 for t in timings.get(shape, [])]
        if values:
            print(f"{shape:<44} {len(values):>8} {statistics.median(values):>7.0f}ms "
                  f"{percentile(values, 0.95):>7.0f}ms")
    if not every:
        raise SystemExit(f"no request succeeded: {errors[:3]}")
    print(
        f"\n{len(every):,} requests, {len(errors)} failed: {len(every) / wall:.1f} requests/s; "
        f"latency median {statistics.median(every):.0f} ms, "
        f"p90 {percentile(every, 0.90):.0f} ms, p95 {percentile(every, 0.95):.0f} ms, "
        f"p99 {percentile(every, 0.99):.0f} ms, max {max(every):.0f} ms"
    )
    if errors:
        print("first failures:", *errors[:5], sep="\n  ")


if __name__ == "__main__":
    main()
