"""looks_like (is this upload a new version of a compilation?), before and after.

    .venv/bin/python bench/versions_bench.py --database-url sqlite:////tmp/jh_versions_bench.sqlite3
    .venv/bin/python bench/versions_bench.py \\
        --database-url postgres://postgres@127.0.0.1:5432/jh_versions_bench

The first run fills the database, which must be empty or one this bench
built (it is written to), with --paragraphs paragraphs (200,000 by
default) of about 190 characters with their search tokens (rows as wide
as real ones: the plans weigh it): compilations of 10 speeches of 20
paragraphs, every tenth of them superseded or withdrawn, and one
compilation of --upload paragraphs (2,000). Every speech ends with the
same closing paragraph (谢谢大家。), so every compilation shares a
paragraph with any upload, as archives of speeches do. The upload is the
text of that compilation, its closing paragraphs included, with one
paragraph in twenty corrected and one added.

Then ``looks_like`` runs --runs times after a warm-up, as it was (every
current paragraph's hash read and counted in Python, kept here as
``looks_like_before``) and as it is (the upload's hashes looked up through
``paragraph_text_hash_idx``), and so does the part both share (reading
the texts of the compilation found and aligning them with the upload's).
Printed: the median and slowest wall time, the median CPU time of this
process, the queries of one call, and the load average before and after;
both versions must give the same answer. With --explain, the plans of the
new queries first.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

PER_SPEECH = 20
SPEECHES = 10
CLOSING = "谢谢大家。"
SENTENCES = [
    "要把依法行政放在更加突出的位置，确保各项任务落到实处。",
    "各级人大常委会要依法开展执法检查和专题询问，推进依法行政，建设法治政府。",
    "全面推进乡村振兴，巩固拓展脱贫攻坚成果，防止规模性返贫。",
    "坚持以人民为中心的发展思想，着力保障和改善民生，办好就业、教育、医疗、养老等实事。",
    "要认真办理人大代表建议，做到件件有着落、事事有回音。",
    "牢固树立绿水青山就是金山银山的理念，打好污染防治攻坚战。",
]


def body(n: int) -> str:
    """About 190 characters, a paragraph's mean length in the corpus."""
    return "".join(SENTENCES[(n + k) % len(SENTENCES)] for k in range(6))


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    if database_url.startswith("postgres"):
        ensure_postgres_database(database_url)
    import django

    django.setup()


def ensure_postgres_database(database_url: str) -> None:
    import psycopg

    base, name = database_url.rsplit("/", 1)
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def original_texts(upload: int) -> list[str]:
    """The paragraphs of the compilation the upload is a version of."""
    return [
        CLOSING if n % PER_SPEECH == PER_SPEECH - 1 else f"原稿第{n + 1}段。{body(n)}"
        for n in range(upload)
    ]


def upload_texts(upload: int) -> list[str]:
    texts = [
        text.replace("依法", "依规", 1) if n % 20 == 3 else text
        for n, text in enumerate(original_texts(upload))
    ]
    texts.insert(upload // 2, "新增加的一段，说明补充的情况。")
    return texts


def tokens(text: str) -> str:
    """The character grams search_tokens gives (jieba's words left out: slow),
    so that rows are about as wide as real ones, which the plans weigh."""
    from text.segmentation import gram_tokens, normalized

    return " ".join(dict.fromkeys(gram_tokens(normalized(text).casefold())))


def build(paragraphs: int, upload: int) -> None:
    from django.db import connection, transaction
    from django.utils import timezone

    from speeches.models import Compilation, Paragraph, Speech

    per_compilation = PER_SPEECH * SPEECHES
    started = time.monotonic()
    if connection.vendor == "postgresql":
        # One GIN build after the load (as make_corpus.py does).
        with connection.cursor() as cursor:
            cursor.execute("DROP INDEX IF EXISTS speeches_paragraph_search_idx")
    with transaction.atomic():
        plan = [original_texts(upload)]
        count = (paragraphs - upload) // per_compilation
        for c in range(count):
            plan.append([
                CLOSING if n % PER_SPEECH == PER_SPEECH - 1
                else f"第{c + 1}号汇编第{n + 1}段。{body(n)}"
                for n in range(per_compilation)
            ])
        for c, texts in enumerate(plan):
            compilation = Compilation.objects.create(
                title=f"汇编{c}", source_name=f"{c}.txt", sha256=digest(f"bench {c}"),
                encoding="utf-8", size=0, text="", parser_version="bench",
                withdrawn_at=timezone.now() if c and c % 20 == 10 else None,
            )
            Speech.objects.bulk_create(
                Speech(compilation=compilation, position=s + 1, title=f"讲话{s + 1}")
                for s in range(-(-len(texts) // PER_SPEECH))
            )
            speeches = list(compilation.speeches.order_by("position"))
            Paragraph.objects.bulk_create(
                (
                    Paragraph(
                        speech=speeches[n // PER_SPEECH], position=n % PER_SPEECH + 1,
                        text=text, text_hash=digest(text), tokens=tokens(text),
                    )
                    for n, text in enumerate(texts)
                ),
                batch_size=2000,
            )
            if c and c % 20 == 0:
                # Superseded by the compilation before it.
                Compilation.objects.filter(pk=compilation.pk).update(
                    superseded_by=compilation.pk - 1
                )
    print(f"built in {time.monotonic() - started:.0f} s")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE INDEX speeches_paragraph_search_idx ON speeches_paragraph "
                "USING gin (search_vector)"
            )
        connection.close()
        connection.set_autocommit(True)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def looks_like_before(texts: Sequence[str], *, title: str = ""):
    """speeches.services.versions.looks_like before the hash index (commit 3e7a1fc)."""
    from core.hashing import text_hash
    from speeches.models import Compilation, Paragraph
    from speeches.services.versions import (
        SAME_TITLE_SHARE,
        SIMILAR_SHARE,
        LooksLike,
        align,
        compilation_texts,
    )

    wanted = Counter(text_hash(text) for text in texts)
    if not wanted:
        return None
    per_compilation: dict[int, Counter] = {}
    rows = Paragraph.objects.filter(
        speech__compilation__in=Compilation.objects.current()
    ).values_list("speech__compilation_id", "text_hash")
    for compilation_id, digest_ in rows.iterator(chunk_size=5000):
        per_compilation.setdefault(compilation_id, Counter())[digest_] += 1
    shares = {
        compilation_id: sum((hashes & wanted).values())
        / max(sum(hashes.values()), len(texts))
        for compilation_id, hashes in per_compilation.items()
    }
    best = max(shares, key=lambda pk: (shares[pk], -pk), default=None)
    by_title = False
    if (best is None or shares[best] < SIMILAR_SHARE) and title.strip():
        titled = Compilation.objects.current().filter(title=title.strip())
        candidates = [
            pk for pk in titled.values_list("pk", flat=True)
            if shares.get(pk, 0.0) >= SAME_TITLE_SHARE
        ]
        best = max(candidates, key=lambda pk: (shares[pk], -pk), default=None)
        by_title = True
    if best is None or (not by_title and shares[best] < SIMILAR_SHARE):
        return None
    compilation = Compilation.objects.defer("text").get(pk=best)
    alignment = align(compilation_texts(compilation), list(texts))
    return LooksLike(
        compilation, shares[best], alignment.unchanged, alignment.changed,
        len(alignment.added), alignment.removed, by_title=by_title,
    )


def timed(function, runs: int) -> tuple[float, float, float, int, object]:
    """Median and slowest wall time, median CPU time of this process (on
    SQLite nearly all of the work; on PostgreSQL the client's share), the
    queries of one call and its answer."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        answer = function()
    times, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        function()
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return statistics.median(times), max(times), statistics.median(cpu), len(queries), answer


def explain(texts: list[str]) -> None:
    """The plans of the new queries (one batch of hashes, the totals)."""
    from django.db.models import Count

    from speeches.models import Compilation, Paragraph
    from speeches.querysets import current_speech_q
    from speeches.services.versions import HASH_BATCH

    hashes = list(dict.fromkeys(digest(text) for text in texts))[:HASH_BATCH]
    rows = (
        Paragraph.objects.filter(
            current_speech_q("speech__"), text_hash__in=hashes
        )
        .values_list("speech__compilation_id", "text_hash")
        .annotate(count=Count("pk"))
        .order_by()
    )
    print("plan, hashes of one batch (the batch's hashes left out):")
    print(re.sub(r"'\{[^}]*\}'", "'{…}'", rows.explain()))
    totals = (
        Compilation.objects.defer("text").filter(pk__in=[1])
        .annotate(paragraph_count=Count("speeches__paragraphs")).order_by()
    )
    print("plan, the totals of the compilations that matched:")
    print(totals.explain())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--paragraphs", type=int, default=200_000)
    parser.add_argument("--upload", type=int, default=2_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--explain", action="store_true")
    args = parser.parse_args()
    if not args.database_url:
        parser.error("give --database-url (or set DATABASE_URL)")
    setup_django(args.database_url)

    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from speeches.models import Compilation, Paragraph
    from speeches.services.versions import looks_like

    if not Paragraph.objects.exists():
        build(args.paragraphs, args.upload)
    texts = upload_texts(args.upload)
    if args.explain:
        explain(texts)
    current = Compilation.objects.current().count()
    print(
        f"{connection.vendor}, {Paragraph.objects.count():,} paragraphs in "
        f"{Compilation.objects.count():,} compilations ({current:,} current), upload of "
        f"{len(texts):,} paragraphs; median and slowest of {args.runs} runs, median CPU "
        f"time of this process, queries"
    )
    print(f"load average before: {os.getloadavg()[0]:.2f} ({os.cpu_count()} cores)")
    from speeches.services.versions import align, compilation_texts

    found = Compilation.objects.defer("text").get(pk=Compilation.objects.order_by("pk")[0].pk)
    answers = []
    for label, function in [
        ("before", lambda: looks_like_before(texts)),
        ("after", lambda: looks_like(texts)),
        # What both do once the compilation is found: read its texts, align.
        ("align", lambda: align(compilation_texts(found), texts)),
    ]:
        median, slowest, cpu, queries, answer = timed(function, args.runs)
        answers.append(answer)
        print(
            f"{label:8} {median * 1000:8.0f} ms {slowest * 1000:8.0f} ms "
            f"{cpu * 1000:8.0f} ms CPU {queries:4} queries"
        )
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    before, after, _alignment = answers
    assert before is not None and after is not None
    assert before.to_dict() == after.to_dict(), (before.to_dict(), after.to_dict())
    print(f"same answer: #{after.compilation.pk}, {after.percent} %, "
          f"{after.unchanged} unchanged, {after.changed} changed, {after.added} added")


if __name__ == "__main__":
    main()
