"""The search page's concordance view and the links to download a search's hits."""

import lxml.html
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.speeches.browse_data import import_speech

PARTS = ("before", "match", "after")


def page(client, **params):
    response = client.get(reverse("search_page"), params)
    assert response.status_code == 200
    return lxml.html.fromstring(response.content.decode())


def test_each_match_gets_a_line_with_the_words_around_it(viewer_client, db):
    speech = import_speech(
        title="讲话", speaker="王萍", date="2024年8月12日",
        paragraphs=["依法<人大>工作。", "加强人大监督，人大代表要履职。"],
    )
    doc = page(viewer_client, q="人大", view="kwic", sort="oldest")
    assert not doc.cssselect("li.hit")
    rows = doc.cssselect("table.kwic tbody tr")
    cells = [
        tuple(row.cssselect(f".kwic__{part}")[0].text_content() for part in PARTS)
        for row in rows
    ]
    assert cells == [
        ("依法<", "人大", ">工作。"),  # escaped, as written
        ("加强", "人大", "监督，人大代表要履职。"),
        ("加强人大监督，", "人大", "代表要履职。"),
    ]
    link = rows[0].cssselect(".kwic__match a")[0].get("href")
    assert link.startswith(speech.get_absolute_url()) and link.endswith("#p1")
    assert "2024年8月12日" in rows[0].cssselect(".kwic__source")[0].text_content()


def test_the_view_links_switch_and_paging_keeps_the_view(viewer_client, db, monkeypatch):
    monkeypatch.setattr("search.views.HITS_PER_PAGE", 1)
    import_speech(title="讲话", paragraphs=["人大工作。", "人大代表。"])
    doc = page(viewer_client, q="人大", view="kwic")
    assert doc.cssselect(".view-links strong")[0].text_content() == "语境索引"
    back = doc.cssselect(".view-links a")[0].get("href")
    assert "view=" not in back and "q=" in back
    assert "view=kwic" in doc.cssselect("a[rel=next]")[0].get("href")


def test_the_export_menu_offers_the_hits(viewer_client, db):
    import_speech(title="讲话", speaker="王萍", paragraphs=["人大工作。"])
    doc = page(viewer_client, q="人大", speaker="王萍")
    links = [a.get("href") for a in doc.cssselect(".export-menu a")]
    csv = reverse("search_csv")
    assert any(h.startswith(csv + "?") and "q=%E4%BA%BA%E5%A4%A7" in h and "speaker=" in h
               and "unit=matches" not in h for h in links)
    assert any(h.startswith(csv + "?") and h.endswith("unit=matches") for h in links)


def test_query_count_does_not_grow_with_matches(viewer_client, db):
    import_speech(title="讲话", speaker="王萍", paragraphs=["人大工作。"])
    viewer_client.get(reverse("search_page"), {"q": "人大", "view": "kwic"})
    with CaptureQueriesContext(connection) as few:
        viewer_client.get(reverse("search_page"), {"q": "人大", "view": "kwic"})
    for n in range(3):
        import_speech(title=f"讲话{n}", speaker=f"讲话人{n}",
                      paragraphs=[f"第{i}段人大、人大、人大。" for i in range(30)])
    with CaptureQueriesContext(connection) as many:
        viewer_client.get(reverse("search_page"), {"q": "人大", "view": "kwic"})
    assert len(many) == len(few)
