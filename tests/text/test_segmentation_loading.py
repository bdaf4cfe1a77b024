"""jieba's dictionaries load once per process, on the first tokenization, never at import.

Loading costs about half a second (text/segmentation.py): a web
worker that only lists speeches, or a management command that never
searches, must not pay it, and an import of thousands of paragraphs must
pay it once. Each test runs in a fresh interpreter, since this test run
has long since loaded the tokenizer; the script there counts the calls to
jieba's loading methods (any Tokenizer, jieba's own default one included)
and prints the counts at each step.
"""

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import REPO

# Each test starts Django and jieba in a fresh interpreter: seconds apiece,
# so `make test-fast` leaves them to `make test`.
pytestmark = pytest.mark.slow

COUNTING = """
import json, os, sys, threading, time
import jieba

calls = {"initialize": 0, "load_userdict": []}
initialize, load_userdict = jieba.Tokenizer.initialize, jieba.Tokenizer.load_userdict
slow = float(os.environ.get("SLOW_INITIALIZE", "0"))

def counting_initialize(self, *args, **kwargs):
    if not self.initialized:  # jieba.Tokenizer.initialize does nothing the second time
        calls["initialize"] += 1
        time.sleep(slow)  # widens the window in which a second thread could start
    return initialize(self, *args, **kwargs)

def counting_load_userdict(self, f):
    calls["load_userdict"].append(str(f))
    return load_userdict(self, f)

jieba.Tokenizer.initialize = counting_initialize
jieba.Tokenizer.load_userdict = counting_load_userdict

def report(step):
    print(json.dumps({"step": step, "initialize": calls["initialize"],
                      "load_userdict": calls["load_userdict"]}), flush=True)

import django
django.setup()
"""


def run(script: str, **env: str) -> dict[str, dict]:
    """Run COUNTING + ``script`` in a fresh interpreter; the counts by step."""
    result = subprocess.run(
        [sys.executable, "-c", COUNTING + script],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        env={
            **{k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG", "TMPDIR"}},
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DEBUG": "1",
            **env,
        },
    )
    assert result.returncode == 0, result.stderr
    steps = [json.loads(line) for line in result.stdout.splitlines()]
    return {step.pop("step"): step for step in steps}


NOT_LOADED = {"initialize": 0, "load_userdict": []}
DICTIONARY = str(REPO / "text" / "data" / "jieba_userdict.txt")
LOADED_ONCE = {"initialize": 1, "load_userdict": [DICTIONARY]}


def test_importing_the_application_loads_no_dictionary():
    steps = run("""
report("setup")
import speeches.services.imports, text.parsing, search.services
report("imports")
import config.urls  # every view, the API and the admin
report("urls")
from text.segmentation import dictionary_version
dictionary_version()
report("dictionary version")
""")
    assert steps == {
        "setup": NOT_LOADED,
        "imports": NOT_LOADED,
        "urls": NOT_LOADED,
        # Naming the segmentation reads the dictionary's bytes, not jieba's model.
        "dictionary version": NOT_LOADED,
    }


def test_the_first_tokenization_loads_the_project_dictionary_and_the_next_ones_reuse_it():
    steps = run("""
from text.segmentation import search_tokens, words
report("before")
first = words("要增强四个意识")
report("first")
search_tokens("坚定四个自信，做到两个维护。")
words("全面推进依法行政")
report("later")
print(json.dumps({"step": "words", "first": first}))
""")
    assert steps["before"] == NOT_LOADED
    assert steps["first"] == LOADED_ONCE
    assert steps["later"] == LOADED_ONCE
    # The dictionary loaded is in use: its phrase stays whole.
    assert "四个意识" in steps["words"]["first"]


def test_threads_that_tokenize_at_once_load_the_dictionary_once():
    # Web workers serve requests on several threads; the first requests of a
    # fresh worker may all search at the same moment.
    steps = run(
        """
from text.segmentation import words
results = []
threads = [threading.Thread(target=lambda: results.append(words("人大监督"))) for _ in range(8)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
assert len(results) == 8 and all(result == results[0] for result in results), results
report("threads")
""",
        SLOW_INITIALIZE="0.3",
    )
    assert steps["threads"] == LOADED_ONCE
