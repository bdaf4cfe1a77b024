"""Recall: search finds every paragraph holding a string, as a substring count does.

Every text of the shared samples and of the shared corpus is imported
through the real service; for each phrase, the search total (quoted and
unquoted alike) must equal the number of paragraphs whose normalized text
(NFKC, one simplified script, as the index sees it) contains the phrase.
Before the index held character pairs, 从严治党 found 0 of 12 paragraphs
and 人民代表大会 3 of 11 (docs/performance.md). Skipped where the shared
texts are absent.
"""

import os
from pathlib import Path

import pytest
from django.db import connection

from search import backends
from search.services import EXACT_LIMIT, parse_query, search
from speeches.models import Paragraph
from speeches.services.imports import import_compilation
from text.parsing import ParseError, parse_bytes
from text.segmentation import normalized

# ../shared beside the repository; a worktree elsewhere names it in JIANGHUA_SHARED.
SHARED = Path(
    os.environ.get("JIANGHUA_SHARED") or Path(__file__).resolve().parents[2].parent / "shared"
)

PHRASES = [
    "从严治党",
    "人民代表大会",
    "社会主义",
    "民生",
    "依法治国",
    "中国特色社会主义",
    "人民群众",
    "改革开放",
    "党的领导",
    "现代化",
    "高质量发展",
    "生态文明",
    "国务院",
    "共同富裕",
    "小康社会",
    "实事求是",
    "人大",
    "经济",
    "监督",
    "一带一路",
    "税",
]


def shared_texts() -> list[Path]:
    folders = [SHARED / "samples", SHARED / "corpus"]
    return sorted(p for folder in folders if folder.is_dir() for p in folder.glob("*.txt"))


@pytest.mark.skipif(not shared_texts(), reason="../shared is absent")
@pytest.mark.django_db(transaction=False)
def test_search_totals_equal_a_substring_count_over_every_paragraph():
    imported = 0
    for path in shared_texts():
        try:
            parsed = parse_bytes(path.read_bytes(), filename=path.name)
        except ParseError:
            continue
        import_compilation(parsed=parsed, size=path.stat().st_size)
        imported += 1
    assert imported > 100

    texts = [normalized(t) for t in Paragraph.objects.values_list("text", flat=True)]
    expected = {}
    for phrase in PHRASES:
        expected[phrase] = sum(normalized(phrase) in text for text in texts)
        assert 0 < expected[phrase] <= EXACT_LIMIT, (phrase, expected[phrase])
    assert_totals(expected)
    if connection.vendor == "postgresql":
        # With statistics, a checked term asks the index for its rarest
        # pairs only (backends.index_tokens): the same paragraphs are found.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE speeches_paragraph")
        backends._frequencies.clear()
        try:
            assert len(backends.index_tokens(parse_query("中国特色社会主义"), "default")) == 2
            assert_totals(expected)
        finally:
            backends._frequencies.clear()


def assert_totals(expected: dict[str, int]) -> None:
    wrong = {}
    for phrase, count in expected.items():
        for typed in (phrase, f"“{phrase}”"):
            results = search(parse_query(typed), limit=1)
            if (results.total, results.exact) != (count, True):
                wrong[typed] = (results.total, count)
    assert wrong == {}, "search total, substring count"
