"""A search's hits as CSV: every hit (not a page of them), by paragraph or by match."""

import csv
import io

import pytest
from django.urls import reverse

from search.concordance import context_lines, every_hit
from search.services import parse_query, search
from tests.speeches.browse_data import import_speech

URL = reverse("search_csv")


def rows_of(response) -> list[dict[str, str]]:
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")  # Excel reads UTF-8 Chinese only with the mark
    return list(csv.DictReader(io.StringIO(body[1:])))


@pytest.fixture
def corpus(db):
    early = import_speech(
        title="=在二〇二二年会议上的讲话",  # typed metadata that looks like a formula
        speaker="王萍",
        date="2022年3月1日",
        paragraphs=[f"第{n}段，要加强人大监督，监督要有力。" for n in range(1, 26)],
    )
    late = import_speech(
        title="在二〇二四年会议上的讲话",
        speaker="李强",
        date="2024年8月12日",
        paragraphs=["𠀀字之后说人大监督。", "-这一段不提那个词。", "人大代表建议办理。"],
    )
    return early, late


def test_every_hit_in_date_order_one_row_per_paragraph(viewer_client, corpus):
    early, late = corpus
    response = viewer_client.get(URL, {"q": "人大监督"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = rows_of(response)
    # More than a page of the search page (20), oldest first.
    assert len(rows) == 26
    assert [row["讲话"] for row in rows[:25]] == ["'=在二〇二二年会议上的讲话"] * 25
    assert rows[-1]["讲话"] == late.title
    first = rows[0]
    paragraph = early.paragraphs.get(position=1)
    assert first["段落 ID"] == str(paragraph.pk)
    assert first["链接"] == f"http://testserver{early.get_absolute_url()}#p1"
    assert (first["讲话人"], first["日期"], first["段落"]) == ("王萍", "2022-03-01", "1")
    assert first["匹配数"] == "1"
    assert first["段落全文"] == paragraph.text


def test_one_row_per_match_with_its_context_in_code_points(viewer_client, corpus):
    _early, late = corpus
    rows = rows_of(viewer_client.get(URL, {"q": "监督", "unit": "matches", "speaker": "李强"}))
    text = late.paragraphs.get(position=1).text
    assert len(rows) == 1
    row = rows[0]
    start, end = int(row["起点"]), int(row["终点"])
    assert text[start:end] == row["匹配"] == "监督"
    assert start == text.index("监督")  # code points: 𠀀 counts once
    assert row["前文"] == text[:start] and row["后文"] == text[end:]


def test_the_export_has_the_same_hits_as_the_search(viewer_client, corpus):
    for q in ["人大 -代表", '"监督要有力"', "人大"]:
        query = parse_query(q)
        found = search(query, sort="oldest", limit=100)
        rows = rows_of(viewer_client.get(URL, {"q": q}))
        assert [int(row["段落 ID"]) for row in rows] == [
            hit.paragraph.pk for hit in found.hits
        ], q


def test_words_of_the_speech_are_defused_too(viewer_client, db):
    """``=HYPERLINK(…)`` quoted from a speech runs in a spreadsheet as well as
    one typed in a note: every text cell is defused (OWASP)."""
    speech = import_speech(title="讲话", paragraphs=["-监督不是公式。", "=HYPERLINK(监督)"])
    rows = rows_of(viewer_client.get(URL, {"q": "监督"}))
    texts = {row["段落全文"] for row in rows}
    assert texts == {"'-监督不是公式。", "'=HYPERLINK(监督)"}
    assert {p.text for p in speech.paragraphs.all()} == {"-监督不是公式。", "=HYPERLINK(监督)"}


def test_defusing_leaves_numbers_and_plain_text_alone():
    from core.csvfile import defuse_formula

    assert defuse_formula("-0.125") == "-0.125"
    assert defuse_formula("+3") == "+3"
    assert defuse_formula("人大") == "人大"
    for text in ["=1+1", "+人大", "-1-", "@SUM(A1)", "\t=x", "\r=x", "-"]:
        assert defuse_formula(text) == "'" + text


def test_no_query_gives_the_header_only(viewer_client, corpus):
    assert rows_of(viewer_client.get(URL, {"q": ""})) == []


def test_the_query_count_does_not_grow_with_the_hits(
    viewer_client, corpus, django_assert_max_num_queries, settings
):
    settings.DEBUG = False
    with django_assert_max_num_queries(6) as few:
        rows_of(viewer_client.get(URL, {"q": "𠀀字"}))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(rows_of(viewer_client.get(URL, {"q": "人大"}))) == 27


def test_every_hit_reads_in_batches(corpus, django_assert_num_queries):
    query = parse_query("人大")
    with django_assert_num_queries(1 + 3):  # the ids, then one query per batch of 10
        hits = list(every_hit(query, batch=10))
    assert len(hits) == 27


def test_context_lines_cut_at_the_paragraph_ends():
    lines = context_lines("甲乙丙丁戊", [(0, 1), (3, 5)], width=2)
    assert [(x.before, x.match, x.after) for x in lines] == [
        ("", "甲", "乙丙"),
        ("乙丙", "丁戊", ""),
    ]


def test_a_reader_is_needed(client, no_role_user, corpus):
    assert client.get(URL, {"q": "人大"}).status_code == 302
    client.force_login(no_role_user)
    assert client.get(URL, {"q": "人大"}).status_code == 403


def test_the_two_downloads_of_a_search_have_file_names_of_their_own(viewer_client, corpus):
    # Saved one after the other, the second must not overwrite the first.
    names = {
        unit: viewer_client.get(URL, {"q": "人大 监督", "unit": unit})["Content-Disposition"]
        for unit in ("paragraphs", "matches")
    }
    assert names["paragraphs"] != names["matches"]
    assert "%E6%A3%80%E7%B4%A2-%E4%BA%BA%E5%A4%A7%20%E7%9B%91%E7%9D%A3" in names["matches"]
    assert names["paragraphs"].endswith(".csv") and names["matches"].endswith(".csv")
