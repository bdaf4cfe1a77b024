"""Search latency on a corpus built by make_corpus.py: median and 95th percentile.

    .venv/bin/python bench/search_bench.py --database-url postgres://postgres@127.0.0.1:5432/jh_bench
    .venv/bin/python bench/search_bench.py --database-url sqlite:////tmp/jh_bench.sqlite3

Each query of a fixed set (common words, rare words, phrases, exclusions,
a single character, an English word, filtered and date-sorted searches)
runs --runs times after one warm-up run; the time is that of
``search.search()`` as the search page calls it (parsing the
query, every SQL query, ranking, highlighting), without rendering HTML.
Prints one line per query and the figures over all runs.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

# (label, query, filters, sort). Filters name a value found in the corpus:
# "top-speaker", "top-event", a year.
QUERIES = [
    ("common word", "人大", {}, "relevance"),
    ("common word", "发展", {}, "relevance"),
    ("common word", "工作", {}, "relevance"),
    ("two common words", "人大 监督", {}, "relevance"),
    ("medium word", "依法行政", {}, "relevance"),
    ("medium word", "营商环境", {}, "relevance"),
    ("rare word", "青禾镇", {}, "relevance"),
    ("rare words", "接诉即办", {}, "relevance"),
    ("phrase", '"人大监督"', {}, "relevance"),
    ("phrase", "「依法行政」", {}, "relevance"),
    ("phrase, absent", "“全过程人民民主”", {}, "relevance"),
    ("exclusion", "人大 -监督", {}, "relevance"),
    ("single character", "税", {}, "relevance"),
    ("English word", "APP", {}, "relevance"),
    ("newest first", "人大", {}, "newest"),
    ("newest first", "依法行政", {}, "newest"),
    ("oldest first", "乡村振兴", {}, "oldest"),
    ("filtered: speaker", "发展", {"speaker": "top-speaker"}, "relevance"),
    ("filtered: year", "人大", {"year": 2020}, "relevance"),
    ("filtered: meeting", "监督", {"event": "top-event"}, "newest"),
    ("filtered: role", "依法行政", {"role": "市长"}, "relevance"),
    # Shapes of issue 12: strings found inside longer words.
    ("three common words", "经济 社会 发展", {}, "relevance"),
    ("common word, common exclusion", "发展 -经济", {}, "relevance"),
    ("quoted common phrase", "“人民群众”", {}, "relevance"),
    ("long formula", "中国特色社会主义", {}, "relevance"),
    ("four-digit number", "2020", {}, "relevance"),
    ("inside longer words", "从严治党", {}, "relevance"),
    ("long formula, newest first", "中国特色社会主义", {}, "newest"),
    ("whole words only", "依法行政", {}, "relevance", {"whole_words": True}),
]

# Every hit counted (the page's "count exactly", the API's exact=true):
# timed apart, against a target of its own (2 s at a million paragraphs).
EXACT_QUERIES = [
    ("exact count: common word", "人大", {}, "relevance", {"exact": True}),
    ("exact count: common word", "发展", {}, "relevance", {"exact": True}),
    ("exact count: phrase", "“人民群众”", {}, "relevance", {"exact": True}),
]


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def resolve_filters(spec: dict):
    from django.db.models import Count

    from speeches.filters import SpeechFilters
    from speeches.models import Speaker, Speech

    values = {}
    for name, value in spec.items():
        if value == "top-speaker":
            values["speaker"] = (
                Speaker.objects.annotate(n=Count("speeches")).order_by("-n").first()
            )
        elif value == "top-event":
            values["event"] = (
                Speech.objects.values("event").annotate(n=Count("id")).order_by("-n")[0]["event"]
            )
        else:
            values[name] = value
    return SpeechFilters(**values)


def processor_clock(connection):
    """Seconds of processor time used so far by this process and, for a
    PostgreSQL server on this machine, by this connection's backend."""
    backend = None
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            stat = Path(f"/proc/{cursor.fetchone()[0]}/schedstat")
        backend = stat if stat.exists() else None
        if backend is None:
            print("(the server's processor time is not readable here: this process's only)")

    def clock() -> float:
        spent = time.process_time()
        if backend is not None:
            spent += int(backend.read_text().split()[0]) / 1e9  # nanoseconds on a processor
        return spent

    return clock


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))
    return ordered[index]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument(
        "--cpu", action="store_true",
        help="also time the processor: this process's, plus its PostgreSQL backend's when the "
        "server runs on this machine (/proc/PID/schedstat); what the work costs whatever "
        "else the machine runs",
    )
    args = parser.parse_args()
    if not args.database_url:
        parser.error("give --database-url (or set DATABASE_URL)")
    setup_django(args.database_url)

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from search.services import parse_query, search, warm_up
    from speeches.models import Paragraph

    # As a gunicorn worker starts (config/wsgi.py): the dictionaries loaded,
    # then the garbage collector's view of the long-lived objects frozen.
    warm_up()
    gc.freeze()

    paragraphs = Paragraph.objects.count()
    print(f"{connection.vendor}, {paragraphs:,} paragraphs, {args.runs} runs per query\n")
    cpu_clock = processor_clock(connection) if args.cpu else None

    def run(queries_set, runs):
        cpu_header = f" {'CPU med':>9} {'CPU p95':>9}" if cpu_clock else ""
        print(f"{'query':<44} {'hits':>10} {'SQL':>4} {'median':>9} {'p95':>9}{cpu_header}")
        everything: list[float] = []
        every_cpu: list[float] = []
        for label, text, filter_spec, sort, *rest in queries_set:
            options = rest[0] if rest else {}
            whole_words = options.get("whole_words", False)
            exact = options.get("exact", False)
            filters = resolve_filters(filter_spec)

            def once(text=text, whole_words=whole_words, filters=filters, sort=sort, exact=exact):
                query = parse_query(text, whole_words=whole_words)
                return search(query, filters=filters, sort=sort, exact=exact)

            once()  # warm-up
            timings, cpu = [], []
            for _ in range(runs):
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    cpu_started = cpu_clock() if cpu_clock else 0.0
                    results = once()
                    timings.append((time.perf_counter() - started) * 1000)
                    if cpu_clock:
                        cpu.append((cpu_clock() - cpu_started) * 1000)
            everything.extend(timings)
            every_cpu.extend(cpu)
            hits = f"{'~' if not results.exact else ''}{results.total:,}"
            name = f"{label}: {text}" + (f" ({sort})" if sort != "relevance" else "")
            cpu_figures = (
                f" {statistics.median(cpu):>7.1f}ms {percentile(cpu, 0.95):>7.1f}ms" if cpu else ""
            )
            print(
                f"{name:<44} {hits:>10} {len(queries):>4} "
                f"{statistics.median(timings):>7.1f}ms {percentile(timings, 0.95):>7.1f}ms"
                + cpu_figures
            )
        print(
            f"\nall queries: median {statistics.median(everything):.1f} ms, "
            f"p95 {percentile(everything, 0.95):.1f} ms, max {max(everything):.1f} ms"
        )
        if every_cpu:
            print(
                f"processor: median {statistics.median(every_cpu):.1f} ms, "
                f"p95 {percentile(every_cpu, 0.95):.1f} ms, max {max(every_cpu):.1f} ms"
            )
        print()

    run(QUERIES, args.runs)
    run(EXACT_QUERIES, max(1, args.runs // 5))


if __name__ == "__main__":
    main()
