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
    wrong = {}
    for phrase in PHRASES:
        expected = sum(normalized(phrase) in text for text in texts)
        assert 0 < expected <= EXACT_LIMIT, (phrase, expected)
        for typed in (phrase, f"“{phrase}”"):
            results = search(parse_query(typed), limit=1)
            if (results.total, results.exact) != (expected, True):
                wrong[typed] = (results.total, expected)
    assert wrong == {}, "search total, substring count"
