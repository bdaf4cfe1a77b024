"""Search treats traditional, variant and simplified characters as the same.

Historical texts mix scripts (the 1957 report writes 經济 and 会議): either
script must find both, with highlights on the right code points of the
verbatim text, on SQLite and PostgreSQL alike. Every expectation names the
exact paragraphs found.
"""

import importlib
from types import SimpleNamespace

import lxml.html
import pytest
from django.apps import apps
from django.db import connection
from django.urls import reverse

from annotations.models import Theme
from annotations.services.suggest import segment_keywords, suggest
from search.backends import glob_pattern
from search.retokenize import holds_variants, retokenize
from search.services import YearCount, matching_paragraphs, parse_query, search
from speeches.models import Paragraph
from tests.speeches.browse_data import import_speech
from text import segmentation
from text.variants import table as variants_table
from text.variants import variants_in

ECONOMY = ["经济", "經濟", "經济"]


@pytest.fixture
def corpus(db):
    old = import_speech(
        title="政府工作报告",
        speaker="周恩来",
        date="1957年6月26日",
        paragraphs=[
            "发展国民經济的第一个五年計划。",  # p1: mixed, as the 1957 sample writes it
            "國民經濟的恢復和發展。",  # p2: traditional
            "第一届全国人民代表大会第三次会議閉幕以来。",  # p3
            "發展农業生产。",  # p4
        ],
    )
    new = import_speech(
        title="市政府工作报告",
        speaker="王萍",
        date="2024年1月25日",
        paragraphs=[
            "促进经济社会发展。",  # p1: simplified
            "𠀀字之后的經濟工作。",  # p2: a character outside the BMP before the match
            "召开人大常委会会议。",  # p3
        ],
    )
    return {"old": old, "new": new}


def found(text, **kwargs):
    return {
        (h.paragraph.speech.date.year, h.paragraph.position)
        for h in search(parse_query(text), **kwargs).hits
    }


@pytest.mark.parametrize("typed", ECONOMY)
def test_either_script_finds_both(corpus, typed):
    assert found(typed) == {(1957, 1), (1957, 2), (2024, 1), (2024, 2)}


@pytest.mark.parametrize("typed", ["会议", "會議", "会議"])
def test_a_meeting_in_any_script(corpus, typed):
    assert found(typed) == {(1957, 3), (2024, 3)}


@pytest.mark.parametrize("typed", ECONOMY)
def test_highlights_cover_the_match_as_written(corpus, typed):
    results = search(parse_query(typed), limit=10)
    marked = {
        (h.paragraph.speech.date.year, h.paragraph.position): [
            h.paragraph.text[s:e] for s, e in h.spans
        ]
        for h in results.hits
    }
    assert marked == {
        (1957, 1): ["經济"],
        (1957, 2): ["經濟"],
        (2024, 1): ["经济"],
        (2024, 2): ["經濟"],
    }
    astral = next(h for h in results.hits if h.paragraph.text.startswith("𠀀"))
    # 𠀀 is one code point (two UTF-16 units): 𠀀字之后的 is five.
    assert astral.spans == [(5, 7)]
    assert [s for s, mark in astral.segments if mark] == ["經濟"]


@pytest.mark.parametrize("typed", ['"国民经济"', "「國民經濟」", "“國民經济”"])
def test_a_phrase_matches_across_scripts(corpus, typed):
    assert found(typed) == {(1957, 1), (1957, 2)}


@pytest.mark.parametrize("typed", ['"经济的"', '"經濟的"'])
def test_a_phrase_is_verified_on_the_folded_text(corpus, typed):
    # The index finds 经济 and 的 in 2024 p2 as well; only the text check
    # (in SQL, with the phrase's variants folded) leaves it out.
    assert found(typed) == {(1957, 1), (1957, 2)}
    results = search(parse_query(typed))
    assert {h.paragraph.text[s:e] for h in results.hits for s, e in h.spans} == {
        "經济的",
        "經濟的",
    }


def test_exclusions_fold_the_scripts_too(corpus):
    assert found("发展") == {(1957, 1), (1957, 2), (1957, 4), (2024, 1)}
    assert found("發展 -經濟") == {(1957, 4)}
    assert found("发展 -经济") == {(1957, 4)}
    assert found('發展 -"国民经济"') == {(1957, 4), (2024, 1)}
    assert found('的 -"經濟的"') == {(2024, 2)}


@pytest.mark.parametrize("typed", ECONOMY)
def test_counts_per_year_agree(corpus, typed):
    results = search(parse_query(typed))
    assert results.total == 4 and results.exact
    assert results.per_year == [YearCount(1957, 2), YearCount(2024, 2)]
    assert matching_paragraphs(parse_query(typed)).count() == 4


def test_the_api_agrees_with_the_page(viewer_client, corpus):
    body = viewer_client.get("/api/search", {"q": "經濟", "sort": "oldest"}).json()
    assert body["total"] == 4
    assert body["per_year"] == [{"year": 1957, "count": 2}, {"year": 2024, "count": 2}]
    api = [(item["text"], [item["text"][s:e] for s, e in item["highlights"]])
           for item in body["items"]]
    assert api == [
        ("发展国民經济的第一个五年計划。", ["經济"]),
        ("國民經濟的恢復和發展。", ["經濟"]),
        ("促进经济社会发展。", ["经济"]),
        ("𠀀字之后的經濟工作。", ["經濟"]),
    ]
    assert body["items"][3]["highlights"] == [[5, 7]]

    response = viewer_client.get(reverse("search_page"), {"q": "經濟", "sort": "oldest"})
    doc = lxml.html.fromstring(response.content.decode())
    page = [
        (hit.cssselect(".hit__text")[0].text_content().strip(),
         [m.text_content() for m in hit.cssselect(".hit__text mark")])
        for hit in doc.cssselect("li.hit")
    ]
    assert page == api


def test_theme_suggestions_match_keywords_in_either_script(corpus):
    paragraphs = list(Paragraph.objects.order_by("speech__date", "position"))
    themes = [
        # Keywords match whole words: 国民经济 and 经济社会 are words of their own.
        Theme(pk=9001, name="经济", slug="economy", colour="#336699",
              keywords=["國民經濟", "經濟社會", "經濟"],
              keyword_tokens=segment_keywords(["國民經濟", "經濟社會", "經濟"])),
        Theme(pk=9002, name="会议", slug="meetings", colour="#996633", keywords=["会议"]),
    ]
    found = {(paragraphs.index(p) + 1, s.theme.slug)
             for s in suggest(paragraphs, themes) for p in paragraphs if p.pk == s.paragraph_id}
    # 1957 p1-p4 are 1-4, 2024 p1-p3 are 5-7.
    assert found == {(1, "economy"), (2, "economy"), (5, "economy"), (6, "economy"),
                     (3, "meetings"), (7, "meetings")}


# ---------------------------------------------------------------------------
# Paragraphs imported before the fold: the data migration cuts them again


def _tokens_before_the_fold(text, monkeypatch):
    with monkeypatch.context() as patch:
        patch.setattr(segmentation.variants, "fold", lambda s: s)
        return segmentation.search_tokens(text)


@pytest.fixture
def stale(corpus, monkeypatch):
    """The corpus with the tokens it had when it was imported before the fold."""
    for paragraph in Paragraph.objects.all():
        paragraph.tokens = _tokens_before_the_fold(paragraph.text, monkeypatch)
        paragraph.save(update_fields=["tokens"])
    # A stale simplified paragraph: its tokens could not change, so the
    # migration does not cut it again (the reindex command would).
    Paragraph.objects.filter(text="促进经济社会发展。").update(tokens="")
    # Cut unfolded, 經濟 and 經济 are not the word 经济 the query asks for.
    assert found("經濟") == set()
    return corpus


def test_retokenize_recomputes_the_paragraphs_holding_variants(stale):
    read, changed = retokenize(Paragraph.objects.all(), batch=2, select=holds_variants)
    assert (read, changed) == (7, 5)
    assert found("經濟") == {(1957, 1), (1957, 2), (2024, 2)}
    assert Paragraph.objects.get(text="促进经济社会发展。").tokens == ""
    # Once more changes nothing.
    assert retokenize(Paragraph.objects.all(), batch=3, select=holds_variants) == (7, 0)


def test_the_data_migration_retokenizes_existing_paragraphs(stale):
    migration = importlib.import_module(
        "speeches.migrations.0005_tokens_fold_traditional_characters"
    )
    migration.fold_tokens(apps, SimpleNamespace(connection=connection))
    assert found("经济") == {(1957, 1), (1957, 2), (2024, 2)}
    assert found("會議") == {(1957, 3), (2024, 3)}
    for paragraph in Paragraph.objects.exclude(text="促进经济社会发展。"):
        assert paragraph.tokens == segmentation.search_tokens(paragraph.text)


def test_phrase_checks_take_glob_and_pattern_characters_literally(db):
    speech = import_speech(
        title="讲话", date="2024年1月1日",
        paragraphs=["见[经济]一栏。", "经济好，發展快。", "经济?"],
    )
    assert glob_pattern("[经济]*", variants_in("[经济]*")) == "*[[][经經][济濟]][*]*"
    assert found('"[經濟]"') == {(2024, 1)}
    assert found('"經濟?"') == {(2024, 3)}  # the ? of the text, not any character
    assert found('"经济好，发"') == {(2024, 2)}
    assert speech.paragraphs.count() == 3


def test_a_long_phrase_of_characters_with_many_variants_is_checked(corpus):
    # Hundreds of variants in one phrase: SQLite's parser refused as many
    # nested replace() calls; the GLOB pattern and translate() take them.
    sources = {}
    for code, target in variants_table().items():
        sources.setdefault(target, []).append(code)
    common = sorted(sources, key=lambda t: -len(sources[t]))[:150]
    phrase = "".join(common)
    assert len(variants_in(phrase)) > 300
    assert found(f'"{phrase}"') == set()
    assert found(f'经济 -"{phrase}"') == {(1957, 1), (1957, 2), (2024, 1), (2024, 2)}
