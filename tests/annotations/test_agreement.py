"""Agreement between coders: the 2×2 tables, kappa, the page and its CSV."""

import csv
import io

import lxml.html
import pytest
from django.urls import reverse
from django.utils import translation

from annotations import services
from annotations.services.agreement import cohen_kappa, compare_coders, strength
from speeches.models import Speech
from tests.conftest import make_user

from .conftest import make_speech

URL = reverse("agreement")


def tag(paragraph, themes, author, start=0, end=2):
    return services.tag_passage(
        paragraph=paragraph, start=start, end=end, quote=paragraph.text[start:end],
        themes=themes, author=author,
    )


def test_kappa_of_a_textbook_table():
    # 50 units: both yes 20, A only 5, B only 10, both no 15 -> po .7, pe .5.
    assert cohen_kappa(20, 5, 10, 15) == pytest.approx(0.4)
    assert cohen_kappa(10, 0, 0, 40) == 1
    assert cohen_kappa(0, 10, 10, 0) == pytest.approx(-1)
    assert cohen_kappa(0, 0, 0, 50) is None  # nobody used the theme: undefined
    assert cohen_kappa(0, 0, 0, 0) is None
    with translation.override("en"):
        words = [strength(k) for k in (0.9, 0.7, 0.5, 0.3, 0.1, 0.0, -0.2, None)]
    assert words == [
        "almost perfect", "substantial", "moderate", "fair", "slight", "slight", "poor", ""]


@pytest.fixture
def coded(db, codebook):
    """alice and bob code the same speech; carol codes another speech alone."""
    alice, bob, carol = (make_user(name, "annotator") for name in ("alice", "bob", "carol"))
    shared = make_speech()
    p1, p2, p3, p4 = shared.paragraphs.order_by("position")
    supervision, law = codebook["people-s-congress-supervision"], codebook["rule-of-law"]
    tag(p1, [supervision], alice)
    tag(p1, [supervision], alice, start=3, end=5)  # twice in a paragraph counts once
    tag(p2, [supervision, law], alice)
    tag(p1, [supervision], bob)
    tag(p3, [law], bob)
    other = make_speech(texts=["另一篇讲话的段落。", "第二段。"], title="另一篇", key="b")
    tag(other.paragraphs.first(), [supervision], carol)
    tag(other.paragraphs.first(), [law], alice)  # alice also read the other speech
    return {"alice": alice, "bob": bob, "carol": carol, "supervision": supervision,
            "law": law, "shared": shared, "other": other}


def test_pairs_are_compared_over_the_speeches_both_coded(coded):
    pairs = {(p.first.username, p.second.username): p for p in compare_coders(Speech.objects.all())}
    assert set(pairs) == {("alice", "bob"), ("alice", "carol")}  # bob and carol share nothing
    pair = pairs["alice", "bob"]
    assert (pair.speeches, pair.paragraphs) == (1, 4)
    cells = {cell.theme.slug: cell for cell in pair.tagged_cells}
    supervision = cells["people-s-congress-supervision"]
    assert (supervision.both, supervision.first_only, supervision.second_only,
            supervision.neither) == (1, 1, 0, 2)
    assert supervision.agreement == pytest.approx(3 / 4)
    assert supervision.kappa == pytest.approx(cohen_kappa(1, 1, 0, 2))
    law = cells["rule-of-law"]
    # alice's tag in the other speech does not count against bob.
    assert (law.both, law.first_only, law.second_only, law.neither) == (0, 1, 1, 2)


def test_the_selection_limits_the_speeches(coded):
    pairs = compare_coders(Speech.objects.filter(pk=coded["shared"].pk))
    assert [(p.first.username, p.second.username) for p in pairs] == [("alice", "bob")]
    shared = Speech.objects.filter(pk=coded["shared"].pk)
    assert compare_coders(shared, coders=[coded["bob"].pk]) == []


def test_the_page_shows_each_pair_and_theme(client, viewer, coded):
    client.force_login(viewer)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "alice × bob" in html and "alice × carol" in html and "bob × carol" not in html
    assert "人大监督" in html and "75%" in html
    filtered = client.get(URL, {"compilation": coded["other"].compilation_id}).content.decode()
    assert "alice × carol" in filtered and "alice × bob" not in filtered


def test_the_csv_has_one_row_per_pair_and_theme(client, viewer, coded):
    client.force_login(viewer)
    response = client.get(URL, {"format": "csv"})
    body = b"".join(response.streaming_content).decode()
    assert body.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(body[1:])))
    row = next(r for r in rows if r["主题"] == "人大监督" and r["编码者 B"] == "bob")
    assert (row["编码者 A"], row["两人都标"], row["仅 A"], row["仅 B"], row["都未标"]) == (
        "alice", "1", "1", "0", "2")
    assert float(row["一致率"]) == pytest.approx(0.75)


def test_no_pairs_says_so(client, viewer, db):
    client.force_login(viewer)
    assert "还没有两位编码者" in client.get(URL).content.decode()


def test_the_query_count_does_not_grow(client, viewer, coded, django_assert_max_num_queries):
    client.force_login(viewer)
    with django_assert_max_num_queries(12) as few:
        client.get(URL)
    for n in range(5):
        user = make_user(f"coder{n}", "annotator")
        for paragraph in coded["shared"].paragraphs.all():
            tag(paragraph, [coded["law"]], user)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(URL).status_code == 200


def test_readers_only(client, no_role_user, db):
    assert client.get(URL).status_code == 302
    client.force_login(no_role_user)
    assert client.get(URL).status_code == 403


def test_the_year_field_says_what_it_takes(client, viewer, db):
    # The Year field gave no hint of what it takes (a year, or nothing for all years).
    client.force_login(viewer)
    doc = lxml.html.fromstring(client.get(URL).content)
    year = doc.get_element_by_id("a-year")
    assert year.get("placeholder") == "2024"
    hint = doc.get_element_by_id(year.get("aria-describedby"))
    assert hint.text_content().strip() == "只看某一年的讲话；留空为全部年份"
