"""Analysis timings on a corpus built by make_corpus.py, with coded passages added.

    .venv/bin/python bench/make_corpus.py 1000000 --database-url postgres://postgres@127.0.0.1:5432/jh_bench_analysis
    .venv/bin/python bench/analysis_bench.py --database-url postgres://postgres@127.0.0.1:5432/jh_bench_analysis

The first run adds --annotations coded passages (100,000 by default; never
to a database that has passages of its own): spans of random paragraphs
by three coders, one to three themes of the default codebook each, a
third of them in paragraphs coded before (so spans overlap and themes
meet), some with a theme and its parent at once. Then each analysis runs
--runs times after one warm-up run and prints its median and slowest
time, and the median CPU time of the bench's own process: the crosstab
by year, by speaker and by year for one coder, the co-occurrence matrix,
and a trend of three terms, as the pages call them (without rendering
HTML). The first run also prints how long recording
the text volume of every speech took, and writing the coded spans with
the counted paragraphs and pairs (done once, then kept current as
passages, the codebook, speeches and compilations change).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

TERMS = ["依法行政", "乡村振兴", '"人大监督"']
CONTEXT = 32


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def add_annotations(count: int, seed: int) -> None:
    from django.contrib.auth.models import User
    from django.db import connection, transaction

    from annotations.models import Annotation, Theme
    from speeches.models import Paragraph

    rng = random.Random(seed)
    coders = [User.objects.get_or_create(username=f"bench-coder-{n}")[0] for n in range(3)]
    themes = list(Theme.objects.values_list("pk", "parent_id"))
    with_parent = [(pk, parent) for pk, parent in themes if parent is not None]
    last = Paragraph.objects.order_by("-id").values_list("id", flat=True).first()
    # Paragraph ids are dense after make_corpus; draw them, then read the texts.
    fresh = count * 2 // 3
    ids = rng.sample(range(1, last + 1), fresh)
    texts = dict(
        Paragraph.objects.filter(id__in=ids).values_list("id", "text").iterator(chunk_size=5000)
    )
    ids = [i for i in ids if i in texts]
    started = time.monotonic()
    Through = Annotation.themes.through
    made = 0
    while made < count:
        batch, theme_rows = [], []
        for _ in range(min(5000, count - made)):
            paragraph = rng.choice(ids) if made < fresh or rng.random() < 0.1 else rng.choice(
                ids[: max(1, len(ids) // 3)]
            )
            text = texts[paragraph]
            start = rng.randrange(len(text))
            end = min(len(text), start + rng.randint(1, 60))
            batch.append(
                Annotation(
                    paragraph_id=paragraph, start=start, end=end, quote=text[start:end],
                    prefix=text[max(0, start - CONTEXT):start], suffix=text[end:end + CONTEXT],
                    text_hash=hashlib.sha256(text.encode()).hexdigest(),
                    author=rng.choice(coders),
                )
            )
            made += 1
        with transaction.atomic():
            created = Annotation.objects.bulk_create(batch)
            for annotation in created:
                if with_parent and rng.random() < 0.05:
                    chosen = set(rng.choice(with_parent))
                else:
                    chosen = {pk for pk, _p in rng.sample(themes, rng.choice((1, 1, 2, 3)))}
                theme_rows.extend(Through(annotation_id=annotation.pk, theme_id=t) for t in chosen)
            Through.objects.bulk_create(theme_rows)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"{count:,} passages added in {time.monotonic() - started:.1f} s")


def nest_themes(seed: int) -> None:
    """Give the flat default codebook sub-themes: two under each of the first
    three themes, and a fifth of each parent's passages moved to them."""
    from annotations.models import Annotation, Theme

    if Theme.objects.filter(parent__isnull=False).exists():
        return
    rng = random.Random(seed)
    Through = Annotation.themes.through
    for parent in list(Theme.objects.order_by("position")[:3]):
        children = [
            Theme.objects.create(
                parent=parent, name=f"{parent.name}·{n}", slug=f"{parent.slug}-{n}",
                colour=parent.colour, position=n,
            )
            for n in (1, 2)
        ]
        links = list(Through.objects.filter(theme=parent).values_list("id", flat=True))
        for link in rng.sample(links, len(links) // 5):
            Through.objects.filter(id=link).update(theme=rng.choice(children))
    print("sub-themes added under three themes")


def timed(function, runs: int) -> tuple[float, float, float]:
    """Median and slowest wall time, and the median CPU time of this process
    (on SQLite all of the work; on PostgreSQL the client's share): a figure
    other processes on a loaded machine hardly change."""
    function()
    times, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        function()
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return statistics.median(times), max(times), statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--annotations", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if not args.database_url:
        parser.error("give --database-url (or set DATABASE_URL)")
    setup_django(args.database_url)

    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from django.contrib.auth.models import User

    from analysis.services import (
        Dimension,
        cooccurrence,
        crosstab,
        record_missing_volumes,
        term_trend,
    )
    from analysis.services.spans import refresh_coded_spans
    from annotations.models import Annotation
    from speeches.filters import SpeechFilters
    from speeches.models import Paragraph

    existing = Annotation.objects.count()
    if existing == 0:
        add_annotations(args.annotations, args.seed)
    elif existing != args.annotations:
        print(f"(the database holds {existing:,} passages; measuring with those)")
    nest_themes(args.seed)
    started = time.monotonic()
    written = record_missing_volumes()
    if written:
        print(f"text volume of {written:,} speeches recorded in {time.monotonic() - started:.1f} s")
    started = time.monotonic()
    written = refresh_coded_spans()
    if written:
        print(
            f"coded spans of {written:,} passages written, their paragraphs and pairs "
            f"counted, in {time.monotonic() - started:.1f} s"
        )

    filters = SpeechFilters()
    coder = User.objects.filter(username="bench-coder-1").first()
    cases = [
        ("crosstab by year", lambda: crosstab(dimension=Dimension.YEAR, filters=filters)),
        ("crosstab by speaker", lambda: crosstab(dimension=Dimension.SPEAKER, filters=filters)),
        ("crosstab by year, one coder", lambda: crosstab(
            dimension=Dimension.YEAR, filters=filters, coder=coder
        )),
        ("co-occurrence", lambda: cooccurrence(filters=filters)),
        ("trend of three terms, by year", lambda: term_trend(terms=TERMS)),
    ]
    paragraphs = Paragraph.objects.count()
    print(
        f"{connection.vendor}, {paragraphs:,} paragraphs, {Annotation.objects.count():,} "
        f"passages; median and slowest of {args.runs} runs, median CPU time of this process"
    )
    for label, function in cases:
        median, slowest, cpu = timed(function, args.runs)
        print(
            f"{label:32} {median * 1000:8.0f} ms {slowest * 1000:8.0f} ms "
            f"{cpu * 1000:8.0f} ms CPU"
        )
    trend = term_trend(terms=TERMS)
    for series in trend.series:
        print(
            f"  {series.term}: {series.total_paragraphs + series.undated_paragraphs:,} "
            f"paragraphs, {series.total_occurrences + series.undated_occurrences:,} occurrences"
        )


if __name__ == "__main__":
    main()
