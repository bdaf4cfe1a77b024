"""bench/reuse_bench.py still runs, on a small corpus of the shared texts, and
prints precision and recall at or above 0.95 (it exits 1 below)."""

import re
import subprocess
import sys

import pytest

from tests.conftest import REPO

pytestmark = [pytest.mark.smoke, pytest.mark.slow]


def test_the_reuse_benchmark_finds_its_plants(shared_corpus):
    result = subprocess.run(
        [sys.executable, str(REPO / "bench" / "reuse_bench.py"), "--paragraphs", "3000"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    precision, recall = map(
        float, re.search(r"precision (\S+)  recall (\S+)", result.stdout).groups()
    )
    assert precision >= 0.95 and recall >= 0.95
    assert re.search(r"peak RSS \d+ MB; load average", result.stdout)
