"""The database counts occurrences as ``OccurrenceCounter`` does, or leaves the text to it.

Term trends count in SQL (``search.backends.plain_occurrences_sql``) and read only
the texts it marks -1; these tests hold every other figure to the counter's,
on both databases, over the shared texts and the cases where folding or
merging make a plain count wrong.
"""

import pytest
from django.db import connection

from search.backends import plain_occurrences_sql
from search.services import OccurrenceCounter, parse_query, plain_count
from tests.conftest import SHARED_CORPUS, SHARED_SAMPLES
from tests.search.test_occurrence_count import TERMS, _paragraphs

TRICKY = [
    "依法行政，依法行政",
    "依法行政依法行政",
    "依法行政依法行政依法行政，依法行政",
    "依法⾏政；依法行政",
    "依法行政𠀀依法行政",
    "哈哈哈哈哈",
    "哈哈，哈哈",
    "經濟经济經济",
    "经济，经济发展；發展",
    "ＧＤＰ与gdp和Gdp",
    "gdp 与 gdp",
    "２０２４年和2024年",
    "ﬁne 人大 ﬁﬁ",
    "finance fine",
    "人大监督，人大",
    "人大监督人大監督",
    "一一一一",
    "一，一",
    "㈠依法行政",
    "",
    "没有",
]


def _texts():
    folders = [f for f in (SHARED_SAMPLES, SHARED_CORPUS) if f.is_dir()]
    return [p for folder in folders for p in _paragraphs(folder)] + TRICKY


@pytest.fixture(scope="module")
def texts():
    return _texts()


def _database_counts(plan, texts):
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE plain_texts (n integer, body text)")
        try:
            cursor.executemany(
                "INSERT INTO plain_texts (n, body) VALUES (%s, %s)", list(enumerate(texts))
            )
            sql, params = plain_occurrences_sql(plan, "body", connection.vendor)
            cursor.execute(f"SELECT n, {sql} FROM plain_texts ORDER BY n", params)
            return [value for _n, value in cursor.fetchall()]
        finally:
            cursor.execute("DROP TABLE plain_texts")


@pytest.mark.django_db
@pytest.mark.parametrize("term", [*TERMS, "依法行政 依法", "经济 經濟", '"一一"'])
def test_database_counts_equal_the_counters(term, texts):
    needles = parse_query(term).needles
    plan = plain_count(needles)
    if term in ("依法行政 依法",):
        assert plan is None  # 依法 is inside every 依法行政: never plain
        return
    assert plan is not None
    counter = OccurrenceCounter(needles)
    found = _database_counts(plan, texts)
    plain = [(text, value) for text, value in zip(texts, found, strict=True) if value != -1]
    assert [value for _text, value in plain] == [counter(text) for text, _value in plain]
    # Only texts that could be miscounted are left to the counter.
    left = [text for text, value in zip(texts, found, strict=True) if value == -1]
    assert len(left) < len(texts) / 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("term", "text"),
    [
        ("依法行政", "依法行政依法行政"),  # touching: one span
        ("依法行政", "依法⾏政"),  # a variant: found folded
        ("依法行政", "依法行政𠀀"),  # beyond the fold table
        ('"哈哈"', "哈哈哈"),  # overlapping itself
        ("经济", "經濟"),
        ("gdp", "GDP"),
        ("人大 监督", "人大监督"),  # two needles touching
        ("一", "㈠"),  # a character folding to several, one of them the needle's
    ],
)
def test_texts_a_plain_count_would_get_wrong_are_left_to_the_counter(term, text):
    assert _database_counts(plain_count(parse_query(term).needles), [text]) == [-1]
