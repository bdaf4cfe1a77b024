"""Build a synthetic corpus of N paragraphs for the search benchmark.

    .venv/bin/python bench/make_corpus.py 1000000 \
        --database-url postgres://postgres@127.0.0.1:5432/jh_bench
    .venv/bin/python bench/make_corpus.py 100000 --database-url sqlite:////tmp/jh_bench.sqlite3

Paragraphs are made of sentences of the real samples (../shared/samples, or
the .txt files of the folder --samples names), recombined at random, so
that word frequencies look like speeches: common words (人大, 发展) in a
large share of the paragraphs, rarer ones in fewer.
A quarter of the paragraphs also mention one of 5,000 invented places,
which gives the benchmark rare words (each in about 0.005% of the
paragraphs). Speeches get 400 speakers (a fifth of the speeches are
role-only), 150 meetings and dates from 1978 to 2025 at day, month or year
precision, with some undated.

Tokens are exactly what ``text.segmentation.search_tokens`` gives for the
paragraph: jieba cuts a text into blocks at punctuation, so a paragraph's
words are its sentences' words in order, and each sentence is segmented
once. Rows go in with COPY on PostgreSQL (the GIN index is built after the
load) and in large batches on SQLite (the FTS5 triggers fill the index).

The target database is migrated first; it must hold no paragraphs unless
--reset is given, which empties the speeches tables. Never point this at a
database whose contents matter.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import re
import sys
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO.parent / "shared" / "samples"
sys.path.insert(0, str(REPO))

SENTENCE = re.compile(r"[^。！？；]+[。！？；]?")

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡"
    "余杜叶程苏魏吕丁任沈姚卢"
)
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂华建国志红春文斌宁海波鹏辉玲萍云"
ROLES = [
    "市长", "副市长", "省长", "区长", "县长", "市委书记", "主任", "常务副市长", "秘书长", "局长",
]
PLACES = "东西南北江河湖山川桥石林松柏青禾丰安宁平泰和兴隆新城田溪塘岭坪源泉湾洲阳清月金银玉凤龙"
PLACE_KINDS = ["镇", "村", "街道", "乡", "社区"]
PLACE_NEWS = [
    "推进老旧小区改造，群众满意度明显提升。",
    "建成便民服务中心，办事不出村。",
    "人大代表联络站开展接待活动。",
    "完成农村人居环境整治任务。",
    "特色产业园区投入运营。",
]
MEETINGS = [
    "全市人大工作会议", "市委人大工作会议", "全市经济工作会议", "全市依法行政工作会议",
    "全市乡村振兴工作会议", "全市营商环境大会", "全市安全生产工作会议", "全市生态环境保护大会",
    "全市科技创新大会", "全市教育工作会议",
]


def sample_sentences(samples: Path) -> list[str]:
    from text.parsing import parse_bytes

    sentences: dict[str, None] = {}
    for path in sorted(samples.glob("*.txt")):
        if "crlf" in path.name or "gb18030" in path.name:
            continue  # the same text as 01_beijing_gwr_2026.txt
        for speech in parse_bytes(path.read_bytes(), filename=path.name).speeches:
            for paragraph in speech.paragraphs:
                for sentence in SENTENCE.findall(paragraph.text):
                    sentence = sentence.strip()
                    if len(sentence) < 4:
                        continue
                    if sentence[-1] not in "。！？；":
                        sentence += "。"  # keeps jieba's blocks within the sentence
                    sentences[sentence] = None
    return list(sentences)


class Segmented:
    """A sentence's marked whole words (jieba's, the costly part), computed once."""

    __slots__ = ("text", "words")

    def __init__(self, text: str):
        from text.segmentation import index_words, word_token

        self.text = text
        self.words = [t for w in index_words(text) for t in word_token(w)]


def paragraph_of(parts: list[Segmented]) -> tuple[str, str]:
    """The paragraph text and the tokens search_tokens would give it: the sentences'
    words, then the grams of the whole text (cheap)."""
    from text.segmentation import gram_tokens, normalized

    text = "".join(part.text for part in parts)
    words = [w for part in parts for w in part.words]
    seen = set(words)
    grams = dict.fromkeys(gram_tokens(normalized(text).casefold()))
    return text, " ".join(words + [g for g in grams if g not in seen])


def meetings(rng: random.Random) -> list[str]:
    names = list(MEETINGS)
    for n in range(1, 15):
        for m in range(1, 8):
            names.append(f"市第{n}届人民代表大会第{m}次会议")
    rng.shuffle(names)
    return names[:150]


def speakers(rng: random.Random) -> list[str]:
    names: dict[str, None] = {}
    while len(names) < 400:
        names[rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2))))] = None
    return list(names)


def places(rng: random.Random) -> list[str]:
    names: dict[str, None] = {}
    while len(names) < 5000:
        names["".join(rng.sample(PLACES, 2)) + rng.choice(PLACE_KINDS)] = None
    return list(names)


def speech_date(rng: random.Random) -> tuple[date | None, str]:
    roll = rng.random()
    if roll < 0.05:
        return None, ""
    # Later years hold more speeches, as archives do.
    year = 2025 - int(abs(rng.gauss(0, 14))) % 48
    day = date(year, 1, 1) + timedelta(days=rng.randrange(365))
    if roll < 0.10:
        return date(year, 1, 1), "year"
    if roll < 0.20:
        return day.replace(day=1), "month"
    return day, "day"


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paragraphs", type=int)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"), required=False)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reset", action="store_true", help="empty the speeches tables first")
    parser.add_argument(
        "--samples", type=Path, default=SAMPLES,
        help=f"folder of .txt compilations to take sentences from (default {SAMPLES})",
    )
    args = parser.parse_args()
    if not args.database_url:
        parser.error("give --database-url (or set DATABASE_URL)")
    if not sorted(args.samples.glob("*.txt")):
        parser.error(f"no .txt samples in {args.samples} (give --samples)")
    setup_django(args.database_url)

    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from speeches.models import Paragraph

    if Paragraph.objects.exists():
        if not args.reset:
            sys.exit("The database already holds paragraphs; add --reset to replace them.")
        empty_tables(connection)

    started = time.monotonic()
    if connection.vendor == "postgresql":
        # One GIN build after the load is many times faster than keeping
        # the index current row by row.
        with connection.cursor() as cursor:
            cursor.execute("DROP INDEX IF EXISTS speeches_paragraph_search_idx")
    rng = random.Random(args.seed)
    sentences = [Segmented(s) for s in sample_sentences(args.samples)]
    place_news = {}
    print(f"{len(sentences)} sample sentences segmented in {time.monotonic() - started:.1f} s")

    speaker_names = speakers(rng)
    meeting_names = meetings(rng)
    place_names = places(rng)

    rows = Rows()
    remaining = args.paragraphs
    speech_id = compilation_id = 0
    paragraph_id = 0
    while remaining > 0:
        compilation_id += 1
        rows.compilations.append((compilation_id,))
        for position in range(1, rng.randint(1, 40) + 1):
            if remaining <= 0:
                break
            speech_id += 1
            named = rng.random() >= 0.2
            speaker = rng.randrange(len(speaker_names)) + 1 if named else None
            role = rng.choice(ROLES)
            meeting = rng.choice(meeting_names)
            day, precision = speech_date(rng)
            rows.speeches.append((speech_id, compilation_id, position, speaker, role, meeting, day,
                                  precision))
            count = min(remaining, max(3, int(rng.lognormvariate(3.3, 0.7))))
            for number in range(1, count + 1):
                size = rng.choice((1, 2, 2, 3, 3, 4, 6))
                parts = rng.sample(sentences, min(len(sentences), size))
                if rng.random() < 0.25:
                    news = place_news.get(key := (rng.choice(place_names), rng.choice(PLACE_NEWS)))
                    if news is None:
                        news = place_news[key] = Segmented("".join(key))
                    parts.insert(rng.randrange(len(parts) + 1), news)
                text, tokens = paragraph_of(parts)
                paragraph_id += 1
                rows.paragraphs.append((paragraph_id, speech_id, number, text, tokens))
            remaining -= count
        if len(rows.paragraphs) >= 50_000 or remaining <= 0:
            rows.flush(connection, speaker_names)
            print(f"{paragraph_id:,} paragraphs, {time.monotonic() - started:.0f} s", flush=True)

    finish(connection)
    print(
        f"done: {paragraph_id:,} paragraphs in {speech_id:,} speeches and {compilation_id:,}"
        f" compilations, {time.monotonic() - started:.0f} s"
    )


class Rows:
    def __init__(self):
        self.compilations: list[tuple] = []
        self.speeches: list[tuple] = []
        self.paragraphs: list[tuple] = []
        self.speakers_written = False

    def flush(self, connection, speaker_names: list[str]) -> None:
        from django.db import transaction

        from text.parsing.canonical import canonical_fields
        from text.pinyin import pinyin_sort_key

        with transaction.atomic():
            if not self.speakers_written:
                columns = ["id", "name", "name_sort", "slug", "created_at"]
                write(connection, "speeches_speaker", columns, [
                    (i, name, pinyin_sort_key(name), f"{name}-{i}", "2025-01-01 00:00:00+00:00")
                    for i, name in enumerate(speaker_names, start=1)
                ])
                self.speakers_written = True
            write(connection, "speeches_compilation", [
                "id", "title", "description", "source_name", "sha256", "encoding", "size",
                "text", "parser_version", "created_at",
            ], [
                (c, f"合成汇编 {c}", "", f"bench-{c}.txt", hashlib.sha256(b"%d" % c).hexdigest(),
                 "utf-8", 0, "", "bench", "2025-01-01 00:00:00+00:00")
                for (c,) in self.compilations
            ])
            write(connection, "speeches_speech", [
                "id", "compilation_id", "position", "title", "speaker_id", "speaker_raw", "role",
                "event", "date", "date_precision", "published_precision", "place", "salutation",
                "warnings", "line", "title_derived", "title_sort", "office", "office_place",
                "event_key", "event_sort", "office_corrected",
            ], [
                (s, c, pos, f"在{meeting}上的讲话", spk,
                 speaker_names[spk - 1] if spk else role, role, meeting, day, precision, "", "",
                 "同志们：", "[]", 1, False, pinyin_sort_key(f"在{meeting}上的讲话"),
                 *canonical_fields(role=role, event=meeting),
                 pinyin_sort_key(meeting) if meeting else "", False)
                for (s, c, pos, spk, role, meeting, day, precision) in self.speeches
            ])
            write(connection, "speeches_paragraph", [
                "id", "speech_id", "position", "text", "text_hash", "tokens", "line",
            ], [
                (p, s, n, text, hashlib.sha256(text.encode()).hexdigest(), tokens, n)
                for (p, s, n, text, tokens) in self.paragraphs
            ])
        self.compilations.clear()
        self.speeches.clear()
        self.paragraphs.clear()


def write(connection, table: str, columns: list[str], rows: list[tuple]) -> None:
    if not rows:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            names = ", ".join(columns)
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows
            )


def empty_tables(connection) -> None:
    tables = ["speeches_paragraph", "speeches_section", "speeches_speech", "speeches_speakeralias",
              "speeches_speaker", "speeches_compilation"]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {', '.join(tables)} CASCADE")
        else:
            for table in tables:
                cursor.execute(f"DELETE FROM {table}")


def finish(connection) -> None:
    """Rebuild what a bulk load leaves stale: sequences, the index, statistics."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET maintenance_work_mem = '1GB'")
            cursor.execute(
                "CREATE INDEX speeches_paragraph_search_idx ON speeches_paragraph "
                "USING gin (search_vector)"
            )
            for table in ["speeches_speaker", "speeches_compilation", "speeches_speech",
                          "speeches_paragraph"]:
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT coalesce(max(id), 1) FROM {table}))"
                )
        else:
            cursor.execute("INSERT INTO speeches_paragraph_fts(speeches_paragraph_fts) "
                           "VALUES ('optimize')")
            cursor.execute("ANALYZE")
    if connection.vendor == "postgresql":
        connection.close()
        old_autocommit = connection.get_autocommit()
        connection.set_autocommit(True)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE speeches_paragraph")
            # Every other table too: without statistics of the compilations
            # (which the filter of current speeches joins) the planner
            # expects one row and walks every speech's paragraphs.
            cursor.execute("ANALYZE")
        connection.set_autocommit(old_autocommit)


if __name__ == "__main__":
    main()
