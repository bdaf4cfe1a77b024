"""The benchmark scripts in bench/ still run, on a tiny corpus, and print their figures.

They are run by hand, rarely, after changes they never saw; a broken import
or a renamed column would only show the day someone needs the figures
(docs/performance.md). Sizes here are tiny: the figures mean nothing, the
runs must just finish and report. Each script gets a throwaway SQLite
database of its own, never the development one.
"""

import os
import re
import sqlite3
import subprocess
import sys

import pytest

from tests.conftest import REPO

pytestmark = [pytest.mark.smoke, pytest.mark.slow]

PARAGRAPHS = 500
ANNOTATIONS = 200
# The seed compilation is always in the repository; the shared samples the
# corpus is normally made of may not be.
SAMPLES = REPO / "speeches" / "fixtures" / "seed"


def run(script: str, *args: str, database_url: str) -> subprocess.CompletedProcess:
    """Run bench/SCRIPT in a fresh interpreter with DATABASE_URL set to ``database_url``."""
    env = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG", "TMPDIR"}}
    return subprocess.run(
        [sys.executable, str(REPO / "bench" / script), *args],
        cwd=REPO,
        env={**env, "DATABASE_URL": database_url},
        capture_output=True,
        text=True,
        timeout=120,
    )


def bench(script: str, *args: str, database_url: str) -> str:
    """The output of a run that must succeed."""
    result = run(script, *args, database_url=database_url)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


NUMBER = r"\d[\d,]*(?:\.\d+)?"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """A corpus made by make_corpus.py: its database file and the script's output."""
    database = tmp_path_factory.mktemp("bench") / "corpus.sqlite3"
    output = bench(
        "make_corpus.py", str(PARAGRAPHS), "--samples", str(SAMPLES),
        database_url=f"sqlite:///{database}",
    )
    return database, output


def test_make_corpus_builds_the_asked_number_of_searchable_paragraphs(corpus):
    database, output = corpus
    assert re.search(rf"^done: {PARAGRAPHS} paragraphs in {NUMBER} speeches", output, re.M), output
    with sqlite3.connect(database) as connection:
        (paragraphs,) = connection.execute("SELECT count(*) FROM speeches_paragraph").fetchone()
        # The FTS5 index the search reads, filled by the insert triggers.
        (indexed,) = connection.execute(
            "SELECT count(*) FROM speeches_paragraph_fts WHERE speeches_paragraph_fts MATCH '人大'"
        ).fetchone()
    assert paragraphs == PARAGRAPHS
    assert indexed > 0


def test_make_corpus_refuses_a_database_that_already_holds_paragraphs(corpus):
    # The script's one safeguard against overwriting a database that matters.
    database, _ = corpus
    result = run("make_corpus.py", "5", "--samples", str(SAMPLES),
                 database_url=f"sqlite:///{database}")
    assert result.returncode != 0
    assert "already holds paragraphs" in result.stderr


def test_search_load_serves_the_page_through_gunicorn_and_stops_it(corpus, tmp_path):
    """bench/server.py as search_load.py uses it: gunicorn started on a free
    port, answered, and stopped (its log shows the shutdown)."""
    database, _ = corpus
    log = tmp_path / "gunicorn.log"
    output = bench("search_load.py", "--clients", "2", "--seconds", "2", "--workers", "1",
                   "--log", str(log), database_url=f"sqlite:///{database}")
    assert "search page, 2 clients, gunicorn --workers 1" in output
    assert re.search(rf"^{NUMBER} requests, 0 failed: {NUMBER} requests/s;", output, re.M), output
    assert "Shutting down" in log.read_text()


def test_search_bench_prints_median_and_p95_per_query_and_overall(corpus):
    database, _ = corpus
    output = bench("search_bench.py", "--runs", "2", database_url=f"sqlite:///{database}")
    assert f"sqlite, {PARAGRAPHS} paragraphs, 2 runs per query" in output
    rows = re.findall(
        rf"^(?P<query>.+?)\s+~?(?P<hits>{NUMBER})\s+\d+\s+{NUMBER}ms\s+{NUMBER}ms$", output, re.M
    )
    from bench.search_bench import EXACT_QUERIES, QUERIES

    # One per query of bench/search_bench.py's QUERIES and EXACT_QUERIES.
    assert len(rows) == len(QUERIES) + len(EXACT_QUERIES), output
    # Timing searches that find nothing would time nothing.
    assert any(int(hits.replace(",", "")) > 0 for _, hits in rows), output
    assert len(re.findall(
        rf"^all queries: median {NUMBER} ms, p95 {NUMBER} ms, max {NUMBER} ms$", output, re.M
    )) == 2, output


def test_export_bench_prints_time_size_and_peak_memory_per_format(tmp_path):
    output = bench(
        "export_bench.py", "--annotations", str(ANNOTATIONS),
        database_url=f"sqlite:///{tmp_path / 'export.sqlite3'}",
    )
    assert f"corpus: {ANNOTATIONS} annotations" in output
    assert re.search(r"^format\s+seconds\s+size MB\s+peak MB \(tracemalloc\)$", output, re.M)
    rows = dict(re.findall(rf"^(\w+)\s+({NUMBER}\s+{NUMBER}\s+{NUMBER})$", output, re.M))
    assert sorted(rows) == ["csv", "jsonld", "qdc", "qdpx", "xlsx"], output


def test_reanchor_bench_prints_its_figures(tmp_path):
    output = bench(
        "reanchor_bench.py", "--samples", str(SAMPLES), "--annotations", "200",
        database_url=f"sqlite:///{tmp_path / 'unused.sqlite3'}",
    )
    for label in ("placed exactly", "placed fuzzily", "orphaned", "wrong", "text still exists"):
        assert re.search(rf"^{label}: {NUMBER}$", output, re.M), output
    assert re.search(r"^wrong: 0$", output, re.M), output
    assert re.search(rf"^placed of those whose text still exists: {NUMBER}%$", output, re.M)
