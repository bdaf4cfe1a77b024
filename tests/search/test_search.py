"""Search: the query language, matching on both databases, highlighting, counts.

Every expectation names the exact paragraphs found, so the suite running on
SQLite and on PostgreSQL checks that both find the same ones.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search import engine, estimates
from search.services import (
    MAX_QUERY_LENGTH,
    Sort,
    highlight_spans,
    matching_paragraphs,
    parse_query,
    round_estimate,
    sampled_estimate,
    search,
)
from speeches.filters import SpeechFilters
from speeches.models import Paragraph, Speaker
from tests.speeches.browse_data import import_speech

# ---------------------------------------------------------------------------
# The query language


def test_terms_are_split_on_spaces_and_segmented():
    query = parse_query("人大 监督工作")
    assert [t.text for t in query.terms] == ["人大", "监督工作"]
    assert query.terms[1].words == ("监督", "工作")
    assert not any(t.phrase or t.excluded for t in query.terms)


@pytest.mark.parametrize(
    "typed", ['"依法行政"', "「依法行政」", "“依法行政”", "『依法行政』", '"依法行政']
)
def test_every_kind_of_quote_makes_a_phrase(typed):
    (term,) = parse_query(typed).terms
    assert term.phrase and term.text == "依法行政" and not term.excluded


def test_a_minus_excludes_a_word_or_a_phrase():
    query = parse_query('人大 -经济 －"经济发展" -「税收」')
    assert [(t.text, t.phrase, t.excluded) for t in query.terms] == [
        ("人大", False, False),
        ("经济", False, True),
        ("经济发展", True, True),
        ("税收", True, True),
    ]


def test_punctuation_alone_is_ignored_and_exclusions_alone_search_nothing():
    query = parse_query("， -人大")
    assert query.ignored == ("，",)
    assert not query.is_searchable
    assert parse_query("").terms == ()


def test_a_term_highlights_its_longest_words_only():
    (term,) = parse_query("人大监督").terms
    assert set(term.words) == {"人大", "监督", "人大监督"}
    assert term.needles == ("人大监督",)


def test_query_text_is_bounded():
    query = parse_query("人大 " * 200)
    assert len(query.text) <= MAX_QUERY_LENGTH
    assert len(query.terms) == 1


# ---------------------------------------------------------------------------
# Matching


@pytest.fixture
def corpus(db):
    """Three speeches by two speakers in three years, one undated."""
    a = import_speech(
        title="在全市经济工作会议上的讲话",
        speaker="王萍",
        date="2023年5月6日",
        paragraphs=[
            "今年我市GDP增长5.2%，税收收入稳步增加。",  # p1
            "推进人大监督工作，支持Ｇ２０峰会筹备。",  # p2
            "减税降费政策落实到位，经济发展稳中向好。",  # p3
            "各级政府要自觉接受人大的监督，依法行政。",  # p4
        ],
    )
    b = import_speech(
        title="在全市人大工作会议上的讲话",
        speaker="李强",
        date="2024年8月12日",
        paragraphs=[
            "人大监督是宪法赋予的职责。",  # p1
            "我们要把监督工作和服务工作结合起来。",  # p2
            "𠀀字之后的人大代表。",  # p3 (a character outside the BMP)
        ],
    )
    c = import_speech(
        title="在经济形势分析会上的讲话",
        paragraphs=["经济发展离不开人大的支持。", "税收是财政的主要来源。"],
    )
    return {"a": a, "b": b, "c": c}


def found(query_text, *, whole_words=False, **kwargs):
    results = search(parse_query(query_text, whole_words=whole_words), **kwargs)
    return {(h.paragraph.speech.title[2:6], h.paragraph.position) for h in results.hits}


def key(speech, *positions):
    return {(speech.title[2:6], p) for p in positions}


def test_terms_are_anded(corpus):
    a, b, c = corpus["a"], corpus["b"], corpus["c"]
    assert found("人大") == key(a, 2, 4) | key(b, 1, 3) | key(c, 1)
    assert found("人大 监督") == key(a, 2, 4) | key(b, 1)
    assert found("人大 监督 宪法") == key(b, 1)


def test_a_phrase_must_occur_verbatim(corpus):
    a, b = corpus["a"], corpus["b"]
    # Both words, anywhere: 监督工作 and 服务工作 ... 监督.
    assert found("监督 工作") == key(a, 2) | key(b, 2)
    assert found('"监督工作"') == key(a, 2) | key(b, 2)
    assert found('"服务和监督"') == set()
    assert found("「把监督工作」") == key(b, 2)
    # 人大的监督 is not the phrase 人大监督.
    assert found("“人大监督”") == key(a, 2) | key(b, 1)


def test_a_term_asks_the_index_for_its_character_pairs(db):
    (term,) = parse_query('"人大监督工作"').terms
    assert set(term.words) == {"人大", "监督", "人大监督", "工作"}
    assert term.index_words == ("人大", "大监", "监督", "督工", "工作")
    assert term.verified
    # One or two characters, an English word: the index answers exactly.
    assert not any(t.verified for t in parse_query("人大 税 GDP 2020").terms)
    speech = import_speech(title="讲话", paragraphs=["发展中国家庭农场。", "维护国家安全。"])
    # jieba cuts 发展 / 中国 / 家庭, yet the characters 国家 are there.
    assert found('"国家"') == key(speech, 1, 2)
    assert found("国家") == key(speech, 1, 2)


def test_whole_words_only_asks_for_jiebas_longest_words(db):
    (term,) = parse_query('"人大监督工作"', whole_words=True).terms
    assert term.index_words == ("w人大监督", "w工作")
    speech = import_speech(title="讲话", paragraphs=["发展中国家庭农场。", "维护国家安全。"])
    # A phrase is not found inside other words.
    assert found('"国家"', whole_words=True) == key(speech, 2)
    assert found("国家", whole_words=True) == key(speech, 2)
    # A single character is a word of its own either way.
    assert found("农", whole_words=True) == key(speech, 1)


def test_a_term_is_found_inside_longer_words(db):
    speech = import_speech(
        title="讲话",
        paragraphs=[
            "坚定不移全面从严治党。",
            "召开全国人民代表大会。",
            "人民代表大会是权力机关。",
            "从严管理，治党有方。",
        ],
    )
    assert found("从严治党") == key(speech, 1)
    assert found("“人民代表大会”") == key(speech, 2, 3)
    assert found("人民代表大会", whole_words=True) == key(speech, 3)
    # Every character, but not together: not found, unquoted as quoted.
    assert found("从严 治党") == key(speech, 1, 4)
    assert found("-从严治党 从严") == key(speech, 4)
    assert found("-人民 代表") == set()


def test_exclusion_of_a_word_and_of_a_phrase(corpus):
    a, b, c = corpus["a"], corpus["b"], corpus["c"]
    assert found("人大 -监督") == key(b, 3) | key(c, 1)
    assert found('人大 -"人大的"') == key(a, 2) | key(b, 1, 3)


def test_a_single_character_is_found_inside_words(corpus):
    a, c = corpus["a"], corpus["c"]
    # jieba keeps 税收 and 减税降费 whole; the index also holds each character.
    assert found("税") == key(a, 1, 3) | key(c, 2)


def test_english_words_and_full_width_letters_match_without_case(corpus):
    a = corpus["a"]
    assert found("gdp") == key(a, 1)
    assert found("GDP") == key(a, 1)
    assert found("g20") == key(a, 2)
    assert found("Ｇ２０") == key(a, 2)


def test_highlight_offsets_are_code_points_of_the_verbatim_text(corpus):
    results = search(parse_query("人大"), sort=Sort.NEWEST)
    hit = next(h for h in results.hits if h.paragraph.text.startswith("𠀀"))
    text = hit.paragraph.text
    assert hit.spans == [(5, 7)]
    assert text[5:7] == "人大"
    assert [s for s, marked in hit.segments if marked] == ["人大"]
    assert "".join(s for s, _ in hit.segments) == text


def test_highlighting_folds_width_and_case_and_merges_touching_matches():
    text = "支持Ｇ２０峰会，gdp与GDP"
    assert highlight_spans(text, ["g20", "峰会"]) == [(2, 7)]
    assert [text[s:e] for s, e in highlight_spans(text, ["gdp"])] == ["gdp", "GDP"]
    assert highlight_spans("ﬁne 人大", ["fi"]) == [(0, 1)]


def test_a_phrase_is_highlighted_whole_and_words_where_they_occur(corpus):
    results = search(parse_query('"监督工作" 推进'))
    (hit,) = results.hits
    assert [hit.paragraph.text[s:e] for s, e in hit.spans] == ["推进", "监督工作"]


def test_an_empty_or_unsearchable_query_finds_nothing_without_querying(
    corpus, django_assert_num_queries
):
    with django_assert_num_queries(0):
        results = search(parse_query("-人大"))
    assert results.total == 0 and results.hits == []


# ---------------------------------------------------------------------------
# Filters, sorting, counts


def test_filters_combine_with_the_query(corpus):
    a, b = corpus["a"], corpus["b"]
    wang = Speaker.objects.get(name="王萍")
    assert found("人大", filters=SpeechFilters(speaker=wang)) == key(a, 2, 4)
    assert found("人大", filters=SpeechFilters(year=2024)) == key(b, 1, 3)
    assert found("人大", filters=SpeechFilters(named=False)) == key(corpus["c"], 1)
    assert found("人大", filters=SpeechFilters(undated=True)) == key(corpus["c"], 1)
    assert (
        found(
            "人大",
            filters=SpeechFilters(
                date_from=datetime.date(2023, 1, 1), date_to=datetime.date(2023, 12, 31)
            ),
        )
        == key(a, 2, 4)
    )
    assert found("人大", filters=SpeechFilters(speaker=wang, year=2024)) == set()


@pytest.mark.parametrize("by_speech", [True, False])
def test_filtered_searches_find_the_same_asking_the_index_by_speech(
    corpus, monkeypatch, by_speech
):
    """SQLite asks its full-text index for each listed speech's paragraphs when
    the words are common (``fts5_by_speech``), else for every rowid: the same hits."""
    from search import backends

    monkeypatch.setattr(backends, "SPEECH_SEEK_ROWIDS", 0 if by_speech else 10**9)
    monkeypatch.setattr(engine, "RANK_LIMIT", 1)  # counted and sampled past the first hit
    monkeypatch.setattr(estimates, "SAMPLE_ROWS", 1)  # one hit in k sampled, k > 1
    a, b = corpus["a"], corpus["b"]
    wang = Speaker.objects.get(name="王萍")
    for sort in (Sort.NEWEST, Sort.OLDEST):  # every hit paged, not the first ranked
        assert found("人大", filters=SpeechFilters(speaker=wang), sort=sort) == key(a, 2, 4)
        assert found("人大 -依法行政", filters=SpeechFilters(speaker=wang), sort=sort) == key(a, 2)
        assert found("人大", filters=SpeechFilters(year=2024), sort=sort) == key(b, 1, 3)
        assert found("人大监督", filters=SpeechFilters(year=2024), sort=sort) == key(b, 1)
        assert found("人大", filters=SpeechFilters(speaker=wang, year=2024), sort=sort) == set()
    ranked = search(parse_query("人大"), filters=SpeechFilters(speaker=wang))
    assert (ranked.total, ranked.exact, len(ranked.hits)) == (2, True, 1)
    results = search(parse_query("人大"), filters=SpeechFilters(named=True), sort=Sort.OLDEST)
    assert (results.total, results.exact) == (4, True)
    assert [(c.year, c.count) for c in results.per_year] == [(2023, 2), (2024, 2)]


def test_date_orders_put_undated_speeches_last(corpus):
    newest = search(parse_query("人大"), sort=Sort.NEWEST)
    years = [h.paragraph.speech.date.year if h.paragraph.speech.date else None for h in newest.hits]
    assert years == [2024, 2024, 2023, 2023, None]
    assert [h.paragraph.position for h in newest.hits[:2]] == [1, 3]
    oldest = search(parse_query("人大"), sort=Sort.OLDEST)
    years = [h.paragraph.speech.date.year if h.paragraph.speech.date else None for h in oldest.hits]
    assert years == [2023, 2023, 2024, 2024, None]


def test_relevance_puts_the_paragraph_saying_it_most_first(db):
    speech = import_speech(
        title="讲话",
        paragraphs=[
            "今年的工作要突出重点，做好人大工作，推动经济社会持续健康发展。",
            "人大人大人大。",
            "人大代表。",
        ],
    )
    results = search(parse_query("人大"), sort=Sort.RELEVANCE)
    assert [h.paragraph.position for h in results.hits] == [2, 3, 1]
    assert results.hits[0].paragraph.speech == speech


def test_counts_and_hits_per_year(corpus):
    results = search(parse_query("人大"), limit=2)
    assert results.total == 5 and results.exact
    assert [(c.year, c.count) for c in results.per_year] == [(2023, 2), (2024, 2), (None, 1)]
    assert len(results.hits) == 2
    assert results.reachable == 5


def test_pages_of_many_hits_in_each_order(corpus, monkeypatch, django_assert_max_num_queries):
    # With RANK_LIMIT lowered, five hits are "many": counted by count_hits,
    # date orders paged by the database, relevance over the first found.
    monkeypatch.setattr(engine, "RANK_LIMIT", 2)
    with django_assert_max_num_queries(5):
        newest = search(parse_query("人大"), sort=Sort.NEWEST, offset=2, limit=2)
    assert newest.total == 5 and newest.exact
    assert [(c.year, c.count) for c in newest.per_year] == [(2023, 2), (2024, 2), (None, 1)]
    assert [h.paragraph.speech.date.year for h in newest.hits] == [2023, 2023]
    every = [h.paragraph.pk for h in search(parse_query("人大"), sort=Sort.NEWEST).hits]
    assert len(every) == 5
    ranked = search(parse_query("人大"), sort=Sort.RELEVANCE, limit=10)
    assert ranked.ranked_subset and ranked.reachable == 2 and len(ranked.hits) == 2


def test_query_count_does_not_grow_with_hits(db, django_assert_max_num_queries):
    import_speech(title="讲话", paragraphs=[f"第{i}段人大工作。" for i in range(60)])
    for sort in Sort.CHOICES:
        with django_assert_max_num_queries(2):
            results = search(parse_query("人大"), sort=sort, limit=50)
        assert len(results.hits) == 50


def test_matching_paragraphs_is_a_plain_queryset(corpus):
    ids = set(matching_paragraphs(parse_query("税")).values_list("id", flat=True))
    assert ids == set(
        Paragraph.objects.filter(text__contains="税").values_list("id", flat=True)
    )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TABLESAMPLE is PostgreSQL's")
def test_a_sample_of_every_page_estimates_the_exact_counts(corpus):
    estimate = sampled_estimate(matching_paragraphs(parse_query("人大")), percent=100)
    assert estimate.total == 5 and estimate.hits_in_sample == 5
    assert [(c.year, c.count) for c in estimate.per_year] == [(2023, 2), (2024, 2), (None, 1)]
    assert all(type(c.year) is int for c in estimate.per_year if c.year is not None)


def test_estimates_are_rounded_to_two_figures():
    assert round_estimate(87) == 87
    assert round_estimate(123_456) == 120_000
    assert round_estimate(1_987) == 2_000


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL samples pages instead")
def test_sqlite_estimates_from_every_kth_hit(db, monkeypatch):
    paragraphs = [f"第{i}段人大工作。" for i in range(9)]
    import_speech(title="讲话", date="2024年3月1日", paragraphs=paragraphs)
    monkeypatch.setattr(engine, "RANK_LIMIT", 2)
    monkeypatch.setattr(estimates, "EXACT_LIMIT", 5)
    monkeypatch.setattr(estimates, "SAMPLE_ROWS", 3)  # 9 hits: one in 3 is kept
    monkeypatch.setattr(estimates, "MIN_SAMPLE_HITS", 1)
    results = search(parse_query("人大"), sort=Sort.NEWEST, limit=4)
    kept = Paragraph.objects.filter(id__in=[p.id for p in Paragraph.objects.all() if p.id % 3 == 0])
    assert not results.exact
    assert results.total == 3 * kept.count()
    assert [(c.year, c.count) for c in results.per_year] == [(2024, 3 * kept.count())]
    # The pages still come from every hit, in date order.
    assert [h.paragraph.position for h in results.hits] == [1, 2, 3, 4]


def test_totals_up_to_the_exact_limit_are_counted_not_estimated(db, monkeypatch):
    """A sample holding enough hits is not trusted while the hits are few enough
    to count: up to EXACT_LIMIT, totals and hits per year are exact."""
    for date, count in (("2024年3月1日", 6), ("2023年3月1日", 3)):
        import_speech(title="讲话", date=date, paragraphs=[f"第{i}段人大。" for i in range(count)])
    monkeypatch.setattr(engine, "RANK_LIMIT", 2)
    monkeypatch.setattr(estimates, "SAMPLE_ROWS", 3)
    monkeypatch.setattr(estimates, "MIN_SAMPLE_HITS", 1)
    monkeypatch.setattr(estimates, "EXACT_LIMIT", 9)
    for sort in Sort.CHOICES:
        results = search(parse_query("人大"), sort=sort, limit=4)
        assert (results.total, results.exact) == (9, True)
        assert [(c.year, c.count) for c in results.per_year] == [(2023, 3), (2024, 6)]
    # One fewer than the hits: estimated, and said so, unless asked to count.
    monkeypatch.setattr(estimates, "EXACT_LIMIT", 8)
    estimated = search(parse_query("人大"), sort=Sort.NEWEST, limit=4)
    assert not estimated.exact or connection.vendor == "postgresql"  # too small to sample
    assert estimated.total >= 9
    counted = search(parse_query("人大"), sort=Sort.NEWEST, limit=4, exact=True)
    assert (counted.total, counted.exact) == (9, True)
    assert [(c.year, c.count) for c in counted.per_year] == [(2023, 3), (2024, 6)]
    assert [h.paragraph.speech.date.year for h in counted.hits] == [2024] * 4


def test_counting_first_says_what_sampling_first_says(db, monkeypatch):
    """``count_hits(count_first=True)`` (PostgreSQL's statistics bound the hits)
    counts before it samples: the same totals, exactness and years."""
    for date, count in (("2024年3月1日", 6), ("2023年3月1日", 3)):
        import_speech(title="讲话", date=date, paragraphs=[f"第{i}段人大。" for i in range(count)])
    monkeypatch.setattr(estimates, "SAMPLE_ROWS", 3)
    monkeypatch.setattr(estimates, "MIN_SAMPLE_HITS", 1)
    query = parse_query("人大")
    for limit in (9, 8, 3, 1):
        monkeypatch.setattr(estimates, "EXACT_LIMIT", limit)
        for keep_rows in (True, False):
            first, then = (
                estimates.count_hits(
                    query, None, using="default", keep_rows=keep_rows, count_first=order
                )
                for order in (False, True)
            )
            assert (first.total, first.exact, first.per_year) == (
                then.total, then.exact, then.per_year
            ), (limit, keep_rows)
            assert first.exact == (limit >= 9) or first.total >= limit + 1


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's rows hold their text inline")
def test_sqlite_counts_hits_through_the_narrow_index(db, monkeypatch):
    """Sampling, counting and sorting hits by date read the paragraphs' narrow
    index (speeches/0020) where no text is checked; the figures are the table's."""
    from django.test.utils import CaptureQueriesContext

    for date, count in (("2024年3月1日", 6), ("2023年3月1日", 3)):
        import_speech(
            title="讲话", date=date, paragraphs=[f"第{i}段人大工作。" for i in range(count)]
        )
    monkeypatch.setattr(engine, "RANK_LIMIT", 2)
    monkeypatch.setattr(estimates, "SAMPLE_ROWS", 3)
    monkeypatch.setattr(estimates, "MIN_SAMPLE_HITS", 1)
    monkeypatch.setattr(estimates, "EXACT_LIMIT", 9)
    for text, narrow in (("人大", True), ("人大工作", False)):
        for sort in Sort.CHOICES:
            with CaptureQueriesContext(connection) as queries:
                results = search(parse_query(text), sort=sort, limit=4)
            assert (results.total, results.exact) == (9, True)
            assert [(c.year, c.count) for c in results.per_year] == [(2023, 3), (2024, 6)]
            narrowed = ['INDEXED BY "paragraph_id_speech_idx"' in q["sql"] for q in queries]
            assert any(narrowed) == narrow, (text, sort)
        exact = search(parse_query(text), sort=Sort.NEWEST, limit=4, exact=True)
        assert [(c.year, c.count) for c in exact.per_year] == [(2023, 3), (2024, 6)]
        assert [h.paragraph.speech.date.year for h in exact.hits] == [2024] * 4


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner only")
def test_filtered_common_words_skip_the_word_index_and_find_the_same(db, monkeypatch):
    """PostgreSQL's statistics of the search column decide how a filtered
    search reads its hits; whichever way it goes, it finds the same ones."""
    names = ["王萍", "李强", "张伟", "刘洋", "陈明", "杨帆", "赵刚", "黄磊", "周平", "吴敏"]
    for n, name in enumerate(names):
        import_speech(title=f"讲话{n}", speaker=name, date=f"20{10 + n}年1月2日",
                      paragraphs=["人大工作。", "人大代表。", "发展经济。"])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE speeches_paragraph")
        cursor.execute("ANALYZE speeches_speech")
    li = SpeechFilters(speaker=Speaker.objects.get(name="李强"))

    def run(text, **kwargs):
        with CaptureQueriesContext(connection) as queries:
            results = search(parse_query(text), **kwargs)
        return results, " ".join(q["sql"] for q in queries.captured_queries)

    def positions(results):
        return {(h.paragraph.speech.speaker.name, h.paragraph.position) for h in results.hits}

    # 人大 is in two paragraphs of every speech: for one speaker's three
    # paragraphs, testing each beats collecting the word's hits from the index.
    results, sql = run("人大", filters=li)
    assert "enable_bitmapscan = off" in sql
    assert positions(results) == {("李强", 1), ("李强", 2)}
    assert results.total == 2 and results.exact
    # Unfiltered, or for a word the statistics do not know as common, the index serves.
    results, sql = run("人大", limit=50)
    assert "enable_bitmapscan" not in sql and results.total == 20
    results, sql = run("不在其中", filters=li)
    assert "enable_bitmapscan" not in sql and results.total == 0
    # With testing paragraphs priced out, the index serves the same search: same hits.
    monkeypatch.setattr(estimates, "ROW_TEST_COST", 1000)
    results, sql = run("人大", filters=li)
    assert "enable_bitmapscan" not in sql
    assert positions(results) == {("李强", 1), ("李强", 2)}

    # Statistics foreseeing more than RANK_LIMIT hits (and few enough to
    # count): every hit is read at once, the texts to rank follow by id, and
    # no sample is drawn.
    monkeypatch.setattr(engine, "RANK_LIMIT", 1)
    for sort in Sort.CHOICES:
        results, sql = run("人大", filters=li, sort=sort)
        assert results.total == 2 and results.exact
        assert "TABLESAMPLE" not in sql
        assert {h.paragraph.position for h in results.hits} == {1, 2} or sort == Sort.RELEVANCE
    ranked = search(parse_query("人大"), filters=li)
    assert ranked.ranked_subset and len(ranked.hits) == 1


@pytest.fixture
def years_of_speeches(db):
    """Speeches from 2019 to 2024 (two in 2024) and one undated, each holding
    人大监督 in several paragraphs; one speech of 2024 withdrawn."""
    speeches = []
    for n, date in enumerate(
        ["2019年1月5日", "2020年6月1日", "2021年3月3日", "2022年9月9日", "2023年2月2日",
         "2024年4月4日", "2024年11月1日", None]
    ):
        speeches.append(import_speech(
            title=f"讲话{n}", **({"date": date} if date else {}),
            paragraphs=[f"第{i}段，加强人大监督。" for i in range(1, 4 + n % 3)] + ["经济发展。"],
        ))
    return speeches


@pytest.mark.parametrize("first_speeches", [(64, 1024), (1, 2)])
def test_date_pages_of_many_hits_are_the_walks_pages(
    years_of_speeches, monkeypatch, django_assert_max_num_queries, first_speeches
):
    """Past EXACT_LIMIT the date orders page through the years the hits per
    year point to (``engine._date_page``), on SQLite through the newest
    (oldest) speeches first (``engine._first_speeches_page``, here also one
    and two of them); every page is the one the full date order gives,
    whatever the estimate says."""
    from search.backends import in_date_order

    monkeypatch.setattr(engine, "FIRST_SPEECHES", first_speeches)
    monkeypatch.setattr(engine, "RANK_LIMIT", 2)
    monkeypatch.setattr(estimates, "EXACT_LIMIT", 3)
    monkeypatch.setattr(estimates, "MIN_SAMPLE_HITS", 10_000)  # never a fair sample: counted
    query = parse_query("人大监督")
    for sort in (Sort.NEWEST, Sort.OLDEST):
        expected = list(
            in_date_order(matching_paragraphs(query), sort).values_list("id", flat=True)
        )
        assert len(expected) > 20
        for offset in range(0, len(expected) + 2, 3):
            # Two more queries for each try of the first speeches that falls short.
            with django_assert_max_num_queries(8 if first_speeches[0] > 20 else 11):
                results = search(query, sort=sort, offset=offset, limit=3)
            assert not results.ranked_subset and results.total == len(expected)
            assert [h.paragraph.pk for h in results.hits] == expected[offset : offset + 3]

    # Hits per year that are wrong (an estimate): too many in 2024, none in
    # 2023 and before; the page is still the full order's.
    wrong = [estimates.YearCount(2024, 50), estimates.YearCount(None, 3)]
    for sort in (Sort.NEWEST, Sort.OLDEST):
        expected = list(
            in_date_order(matching_paragraphs(query), sort).values_list("id", flat=True)
        )
        for offset in (0, 5, 12):
            page = engine._date_page(query, None, wrong, sort, offset, 4, "default")
            assert page == expected[offset : offset + 4]


def test_an_offset_past_any_archive_finds_nothing_and_fails_nothing(corpus):
    # A page number of 10**30 (the search page's ?page=, the API's offset):
    # capped before it reaches an OFFSET, which past 64 bits both databases
    # refuse (SQLite: "datatype mismatch"), and a page that far holds no hit.
    for sort in (Sort.RELEVANCE, Sort.NEWEST, Sort.OLDEST):
        results = search(parse_query("人大"), sort=sort, offset=10**30)
        assert (results.offset, results.hits) == (engine.MAX_OFFSET, [])
        assert results.total > 0
    # The cap itself is an offset each database takes on the paths that page
    # by OFFSET once there are too many hits to hold.
    for sort in (Sort.NEWEST, Sort.OLDEST):
        assert engine._walk_page(
            parse_query("人大"), None, sort, engine.MAX_OFFSET, 20, "default"
        ) == []
