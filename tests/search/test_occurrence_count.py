"""The occurrence counter term trends use counts what the highlighter marks.

``OccurrenceCounter`` skips building spans for speed (docs/performance.md,
Analysis); these tests hold it to ``len(highlight_spans(...))`` on the
public sample texts, the real corpus where it lies beside the repository,
and the cases where folding or merging could make the two differ.
"""

import pytest

from search.services import OccurrenceCounter, highlight_spans, parse_query
from tests.conftest import SHARED_CORPUS, SHARED_SAMPLES

# Words, phrases (all quote styles), traditional and mixed script, several
# words at once, an exclusion (not counted), Latin words in any case, digits,
# single characters and terms whose occurrences overlap or touch.
TERMS = [
    "依法行政",
    '"人大监督"',
    "「改革开放」",
    "經濟",
    "经济 發展",
    "人大 监督工作",
    "发展 -经济",
    "GDP",
    "g20",
    "2024",
    "年",
    "的",
    '"哈哈"',
    "一一",
    "ﬁ",
]


def _paragraphs(folder):
    paragraphs = []
    for path in sorted(folder.glob("*.txt")):
        data = path.read_bytes()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("gb18030")
        paragraphs.extend(line for line in text.splitlines() if line.strip())
    return paragraphs


@pytest.fixture(scope="module")
def shared_paragraphs():
    folders = [f for f in (SHARED_SAMPLES, SHARED_CORPUS) if f.is_dir()]
    if not folders:
        pytest.skip("shared/samples not found beside the repository")
    return [p for folder in folders for p in _paragraphs(folder)]


@pytest.mark.parametrize("term", TERMS)
def test_count_equals_the_highlighters_on_the_shared_texts(term, shared_paragraphs):
    needles = parse_query(term).needles
    count = OccurrenceCounter(needles)
    expected = [len(highlight_spans(text, needles)) for text in shared_paragraphs]
    assert [count(text) for text in shared_paragraphs] == expected
    if term in ("依法行政", "的", "年", "經濟"):
        assert sum(expected) > 0  # the texts do exercise the counter


@pytest.mark.parametrize(
    ("text", "term", "expected"),
    [
        ("依法行政，依法行政", "依法行政", 2),
        ("依法行政依法行政", "依法行政", 1),  # touching: one highlighted span
        ("哈哈哈哈哈", '"哈哈"', 1),  # overlapping
        ("經濟经济經济", "经济", 1),
        ("經濟，经济；經济", "經濟", 3),
        ("ＧＤＰ与gdp和Gdp", "gdp", 3),
        ("Ｇ２０峰会", "g20 峰会", 1),  # touching words of one query merge
        ("峰会 G20", "g20 峰会", 2),
        ("２０２４年和2024年", "2024", 2),
        ("ﬁne 人大 ﬁﬁ", "fi", 2),  # folding lengthens the text: spans in code points
        ("ﬁﬁ", "if", 1),  # a match across two ligatures
        ("人大监督，人大", "人大 监督", 2),
        ("经济发展", "发展 -经济", 1),
        ("", "经济", 0),
        ("没有", "经济", 0),
    ],
)
def test_count_on_edge_cases(text, term, expected):
    needles = parse_query(term).needles
    assert len(highlight_spans(text, needles)) == expected
    assert OccurrenceCounter(needles)(text) == expected


@pytest.mark.parametrize(
    ("text", "needles"),
    [
        ("ababa abababa", ["aba"]),  # a needle that overlaps itself
        ("依法行政，依法⾏政；依法行政", ["依法行政"]),  # variants, one-to-one punctuation
        ("ﬁne ﬁne FINE", ["fi", "ne"]),  # a character folding to two
        ("人大监督人大監督𠀀人大", ["人大", "大监"]),  # outside the Basic Multilingual Plane
        ("ＧＤＰ与gdp", ["gdp", "与"]),
    ],
)
def test_counter_on_verbatim_and_folded_texts(text, needles):
    assert OccurrenceCounter(needles)(text) == len(highlight_spans(text, needles))
