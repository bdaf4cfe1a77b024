"""Co-occurrence and term trends against direct counts."""

from itertools import combinations

import pytest

from analysis.errors import AnalysisError
from analysis.services import Dimension, TrendMeasure, cooccurrence, split_terms, term_trend
from annotations.models import Theme
from search.services import parse_query, search
from speeches.filters import SpeechFilters
from speeches.models import Paragraph
from tests.analysis.conftest import direct_theme_passages


def _index(matrix, theme):
    return matrix.themes.index(theme)


def test_every_pair_equals_a_direct_count(archive):
    matrix = check_every_pair(archive)
    admin, sup, rural = (_index(matrix, archive[k]) for k in ("admin", "supervision", "rural"))
    # wang2020 p2 (5..12 over 0..7) and wang2021 p2 (one span, two themes) overlap;
    # li2021 p1 holds rural and admin apart.
    assert matrix.cells[admin][sup].overlaps == 2
    assert matrix.cells[admin][rural].paragraphs == 1
    assert matrix.cells[admin][rural].overlaps == 0
    assert matrix.totals[admin] == matrix.cells[admin][admin].paragraphs == 6
    law = _index(matrix, archive["law"])
    assert matrix.cells[law][admin].nested and not matrix.cells[admin][sup].nested


def check_every_pair(archive):
    """Every cell of the co-occurrence matrix against a direct count."""
    matrix = cooccurrence(filters=SpeechFilters())
    themes = [archive[k] for k in ("law", "admin", "supervision", "rural")]
    passages = {t: direct_theme_passages(t) for t in themes}
    for a, b in [*combinations(themes, 2), *((t, t) for t in themes)]:
        pa, pb = passages[a], passages[b]
        both = {p.paragraph_id for p in pa} & {p.paragraph_id for p in pb}
        overlap = {
            x.paragraph_id for x in pa for y in pb
            if x.paragraph_id == y.paragraph_id and x.start < y.end and y.start < x.end
        }
        either = {p.paragraph_id for p in pa} | {p.paragraph_id for p in pb}
        pair = matrix.cells[_index(matrix, a)][_index(matrix, b)]
        assert pair == matrix.cells[_index(matrix, b)][_index(matrix, a)]
        assert pair.paragraphs == len(both), (a, b)
        assert pair.overlaps == len(overlap), (a, b)
        assert pair.jaccard == (pytest.approx(len(both) / len(either)) if either else None)
    return matrix


def test_cooccurrence_by_coder_and_filters(
    archive, django_assert_max_num_queries, django_assert_num_queries
):
    # The first analysis writes every coded span and counted paragraph.
    with django_assert_max_num_queries(22):
        cooccurrence(filters=SpeechFilters())
    # Then: the refresh finding nothing changed (seven, with its savepoint),
    # the codebook, its tree, the themes' paragraphs and the pairs.
    with django_assert_num_queries(11):
        matrix = cooccurrence(filters=SpeechFilters(undated=True), coder=archive["alice"])
    admin, sup = (_index(matrix, archive[k]) for k in ("admin", "supervision"))
    assert matrix.totals[admin] == 1 and matrix.totals[sup] == 1
    assert matrix.cells[admin][sup].paragraphs == 0
    assert matrix.coded_paragraphs == 2


def test_inactive_uncoded_themes_are_left_out(archive):
    Theme.objects.filter(pk=archive["rural"].pk).update(active=False)
    Theme.objects.create(name="未用", slug="unused", colour="#000000", active=False)
    themes = cooccurrence(filters=SpeechFilters()).themes
    assert archive["rural"] in themes  # inactive but coded
    assert not any(t.slug == "unused" for t in themes)


def _occurrences(term_text, paragraphs):
    """Non-overlapping occurrences of a plain term, counted with str.count."""
    return sum(p.text.count(term_text) for p in paragraphs)


def test_trend_counts_equal_what_search_finds(archive):
    trend = term_trend(terms=["依法行政", "人大监督", "执法检查"], dimension=Dimension.YEAR)
    assert [c.key for c in trend.columns] == [2020, 2021]
    for series in trend.series:
        found = search(parse_query(series.term), limit=1000)
        dated = [h for h in found.hits if h.paragraph.speech.date is not None]
        assert series.total_paragraphs == len(dated)
        assert series.total_paragraphs + series.undated_paragraphs == found.total
        assert series.total_occurrences + series.undated_occurrences == sum(
            len(h.spans) for h in found.hits)
    admin = trend.series[0]
    # 依法行政 twice in wang2020 p1; twice in wang2021 p1; once in each li2021 paragraph.
    assert admin.paragraphs == [1, 3] and admin.occurrences == [2, 4]
    assert admin.undated_paragraphs == 1 and admin.undated_occurrences == 3
    texts = Paragraph.objects.filter(speech__date__year=2021)
    assert admin.occurrences[1] == _occurrences("依法行政", texts)
    # 執法檢查 (traditional) is found by 执法检查, as search finds it.
    assert trend.series[2].paragraphs == [1, 1]
    characters_2021 = sum(len(p.text) for p in texts)
    assert trend.columns[1].characters == characters_2021
    assert trend.value(admin, 1, TrendMeasure.RATE) == pytest.approx(4 * 10_000 / characters_2021)
    undated_text = sum(len(p.text) for p in Paragraph.objects.filter(speech__date__isnull=True))
    assert trend.undated.characters == undated_text and trend.undated.speeches == 1


def test_trend_phrases_speakers_and_filters(archive):
    trend = term_trend(
        terms=['"依法行政"', "人大 监督 -执法"], dimension=Dimension.SPEAKER,
        filters=SpeechFilters(role="市长"),
    )
    keys = [c.key for c in trend.columns]
    assert keys == [archive["wang"].pk, None]  # 王萍, and the role-only undated speech
    phrase, words = trend.series
    assert phrase.paragraphs == [2, 1]
    assert words.paragraphs == [0, 1]  # the 2020 and 2021 hits both mention 执法


def test_trend_years_without_text_are_shown_at_zero(archive):
    from speeches.models import Speech
    Speech.objects.filter(pk=archive["speeches"]["wang2020"].pk).update(date="2018-01-01")
    trend = term_trend(terms=["依法行政"])
    assert [c.key for c in trend.columns] == [2018, 2019, 2020, 2021]
    assert trend.columns[1].characters == 0
    assert trend.value(trend.series[0], 1, TrendMeasure.RATE) is None


def test_trend_refusals_and_term_splitting():
    assert split_terms("依法行政\n人大 监督，“乡村振兴”; 依法行政") == [
        "依法行政", "人大 监督", "“乡村振兴”"]
    with pytest.raises(AnalysisError) as error:
        term_trend(terms=["。。"])
    assert error.value.code == "no-terms"
    with pytest.raises(AnalysisError) as error:
        term_trend(terms=[str(i) for i in range(20)])
    assert error.value.code == "too-many-terms"


def test_trend_queries_are_fixed(archive, django_assert_max_num_queries):
    term_trend(terms=["依法行政"])
    # One query per term, two for the text volumes.
    with django_assert_max_num_queries(5):
        term_trend(terms=["依法行政", "人大监督", "乡村振兴"])
