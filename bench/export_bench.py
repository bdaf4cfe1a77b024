"""Time and peak memory to export N annotations in each format.

    DEBUG=1 .venv/bin/python bench/export_bench.py [--annotations 100000] [--keep]

Builds a synthetic corpus in a throwaway SQLite database (or the database
DATABASE_URL names, which must be empty or a benchmark database: it is
written to), tags N passages spread over it, then exports everything in
each format. Each export runs twice: once for the time, once under
tracemalloc for the peak of Python allocations (tracemalloc slows code
down, so the two are not measured together).
"""

import argparse
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def setup_django(keep: bool) -> str:
    if "DATABASE_URL" not in os.environ:
        folder = tempfile.mkdtemp(prefix="jh-export-bench-") if not keep else str(REPO / "var")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/export-bench.sqlite3"
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)
    return os.environ["DATABASE_URL"]


def build_corpus(n_annotations: int) -> None:
    """Speeches of 40 paragraphs; two or three passages per paragraph."""
    import hashlib
    import random

    from django.contrib.auth.models import User
    from django.db import transaction

    from annotations.models import Annotation, Theme
    from speeches.models import Compilation, Paragraph, Speaker, Speech

    if Annotation.objects.count() >= n_annotations:
        return
    rng = random.Random(5)
    sentences = [
        "各级人大常委会要依法开展执法检查和专题询问，推进依法行政，建设法治政府。",
        "全面推进乡村振兴，巩固拓展脱贫攻坚成果，防止规模性返贫。",
        "坚持以人民为中心的发展思想，着力保障和改善民生，办好就业、教育、医疗、养老等实事。",
        "要认真办理人大代表建议，做到件件有着落、事事有回音。",
        "牢固树立绿水青山就是金山银山的理念，打好污染防治攻坚战。",
    ]
    with transaction.atomic():
        author = User.objects.get_or_create(username="bench")[0]
        themes = list(Theme.objects.all()) or [
            Theme.objects.create(name=f"主题{i}", slug=f"t{i}", colour="#2f5f9e") for i in range(10)
        ]
        child = Theme.objects.get_or_create(
            name="执法检查", parent=themes[0], defaults={"slug": "bench-child", "colour": "#2f5f9e"}
        )[0]
        themes.append(child)
        speakers = [
            Speaker.objects.get_or_create(name=f"讲话人{i}", slug=f"bench-{i}")[0]
            for i in range(50)
        ]
        per_speech = 40 * 5 // 2
        n_speeches = n_annotations // per_speech + 1
        compilation = Compilation.objects.create(
            title="基准测试汇编",
            source_name="bench.txt",
            sha256=hashlib.sha256(b"bench").hexdigest(),
            encoding="utf-8",
            size=0,
            text="",
            parser_version="bench",
        )
        Speech.objects.bulk_create(
            Speech(
                compilation=compilation,
                position=i + 1,
                title=f"在第{i + 1}次会议上的讲话",
                speaker=speakers[i % 50],
                role="市长",
                event=f"第{i % 12 + 1}次常委会会议",
                date=f"20{10 + i % 15}-{i % 12 + 1:02d}-{i % 28 + 1:02d}",
                date_precision="day",
            )
            for i in range(n_speeches)
        )
        speeches = list(compilation.speeches.order_by("position"))
        paragraphs = []
        for speech in speeches:
            for position in range(1, 41):
                text = "".join(rng.sample(sentences, 3))
                paragraphs.append(
                    Paragraph(
                        speech=speech,
                        position=position,
                        text=text,
                        text_hash=hashlib.sha256(text.encode()).hexdigest(),
                    )
                )
        Paragraph.objects.bulk_create(paragraphs, batch_size=5000)
        paragraphs = list(Paragraph.objects.filter(speech__compilation=compilation).order_by("pk"))
        annotations = []
        for i in range(n_annotations):
            paragraph = paragraphs[i * len(paragraphs) // n_annotations]
            start = rng.randrange(0, len(paragraph.text) - 20)
            end = start + rng.randrange(4, 20)
            annotations.append(
                Annotation(
                    paragraph=paragraph,
                    start=start,
                    end=end,
                    quote=paragraph.text[start:end],
                    prefix=paragraph.text[max(0, start - 32) : start],
                    suffix=paragraph.text[end : end + 32],
                    text_hash=paragraph.text_hash,
                    note="备注" if i % 7 == 0 else "",
                    author=author,
                )
            )
        Annotation.objects.bulk_create(annotations, batch_size=5000)
        through = Annotation.themes.through
        ids = list(Annotation.objects.values_list("pk", flat=True))
        through.objects.bulk_create(
            (through(annotation_id=pk, theme_id=themes[pk % len(themes)].pk) for pk in ids),
            batch_size=5000,
        )


def exporters():
    from django.test import RequestFactory

    from annotations.exports.jsonld import collection_chunks
    from annotations.exports.refi import codebook_qdc, write_qdpx
    from annotations.exports.rows import export_rows
    from annotations.exports.selection import Selection
    from annotations.exports.tabular import csv_chunks, write_xlsx

    request = RequestFactory().get("/api/exports/annotations/csv")

    def selection():
        return Selection().resolve()

    def drain(chunks) -> int:
        return sum(len(c.encode("utf-8")) for c in chunks)

    def size(handle) -> int:
        handle.seek(0, os.SEEK_END)
        n = handle.tell()
        handle.close()
        return n

    rows = lambda: export_rows(selection(), absolute_url=request.build_absolute_uri)  # noqa: E731
    return {
        "csv": lambda: drain(csv_chunks(rows())),
        "xlsx": lambda: size(write_xlsx(rows(), title="bench")),
        "jsonld": lambda: drain(
            collection_chunks(
                selection(), request=request, collection_url="/api/exports/annotations/jsonld"
            )
        ),
        "qdpx": lambda: size(write_qdpx(selection(), project_name="bench")),
        "qdc": lambda: len(codebook_qdc()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--annotations", type=int, default=100_000)
    parser.add_argument("--formats", default="csv,xlsx,jsonld,qdpx,qdc")
    parser.add_argument("--keep", action="store_true", help="keep the database in var/")
    args = parser.parse_args()
    database = setup_django(args.keep)

    started = time.perf_counter()
    build_corpus(args.annotations)
    from annotations.models import Annotation

    print(f"database: {database.split('@')[-1]}")
    print(
        f"corpus: {Annotation.objects.count():,} annotations "
        f"(built in {time.perf_counter() - started:.1f} s)"
    )
    print(f"{'format':<8}{'seconds':>10}{'size MB':>10}{'peak MB (tracemalloc)':>24}")
    for name, export in exporters().items():
        if name not in args.formats.split(","):
            continue
        started = time.perf_counter()
        size = export()
        seconds = time.perf_counter() - started
        tracemalloc.start()
        export()
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"{name:<8}{seconds:>10.1f}{size / 1e6:>10.1f}{peak / 1e6:>24.1f}")


if __name__ == "__main__":
    main()
