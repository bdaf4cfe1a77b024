"""The "Export" menu on every page that shows something exportable: each link
works, gives the right kind of file, and holds what the page shows."""

import csv
import io
from urllib.parse import parse_qs, urlsplit

import lxml.html
import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

CONTENT_TYPES = {
    ".txt": "text/plain",
    ".md": "text/markdown",
    ".tei.xml": "application/tei+xml",
    "search.csv": "text/csv",
    "annotations.csv": "text/csv",
    "annotations.xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "annotations.jsonld": "application/ld+json",
    "annotations.qdpx": "application/zip",
    "/exports/": "text/html",
}


def menu_links(client, url) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, url
    doc = lxml.html.fromstring(response.content.decode())
    menus = doc.cssselect("details.export-menu")
    assert len(menus) == 1, url
    return [a.get("href") for a in menus[0].cssselect("a")]


def expected_type(href: str) -> str:
    path = urlsplit(href).path
    return next(t for end, t in CONTENT_TYPES.items() if path.endswith(end))


def follow(client, href):
    response = client.get(href)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == 200, href
    content_type = response["Content-Type"]
    assert content_type.startswith(expected_type(href)), (href, content_type)
    return body


def exported_ids(client, links) -> set[int]:
    href = next(h for h in links if urlsplit(h).path.endswith("annotations.csv"))
    body = follow(client, href).decode("utf-8-sig")
    return {int(row[0]) for row in list(csv.reader(io.StringIO(body)))[1:]}


def test_every_link_of_every_menu_works(coded, viewer_client):
    speech = coded["speeches"][3]
    pages = {
        speech.get_absolute_url(): 7,  # text, Markdown, four annotation formats, all exports
        speech.speaker.get_absolute_url(): 5,
        reverse("search_page") + "?q=人大&role=市长": 7,  # its hits twice, then as above
        coded["supervision"].get_absolute_url() + "?from=2024": 5,
        coded["compilation"].get_absolute_url(): 6,
    }
    for url, count in pages.items():
        links = menu_links(viewer_client, url)
        assert len(links) == count, (url, links)
        for href in links:
            follow(viewer_client, href)


def test_the_readers_menu_exports_this_speech(coded, viewer_client):
    speech = coded["speeches"][3]
    links = menu_links(viewer_client, speech.get_absolute_url())
    assert f"/exports/speeches/{speech.pk}.txt" in links
    assert f"/exports/speeches/{speech.pk}.md" in links
    text = follow(viewer_client, f"/exports/speeches/{speech.pk}.txt").decode()
    assert speech.title in text
    ours = set(coded["annotations"].filter(paragraph__speech=speech).values_list("pk", flat=True))
    assert exported_ids(viewer_client, links) == ours and len(ours) == 3


def test_the_speaker_pages_menu_exports_the_speakers_passages(coded, viewer_client):
    speaker = coded["speeches"][3].speaker
    links = menu_links(viewer_client, speaker.get_absolute_url())
    csv_link = next(h for h in links if "annotations.csv" in h)
    assert parse_qs(urlsplit(csv_link).query) == {"speaker": [speaker.slug]}
    theirs = coded["annotations"].filter(paragraph__speech__speaker=speaker)
    assert exported_ids(viewer_client, links) == set(theirs.values_list("pk", flat=True))


def test_the_search_pages_menu_exports_passages_in_the_hits(coded, viewer_client):
    speaker = coded["speeches"][3].speaker
    url = reverse("search_page") + f"?q=依法治市&speaker={speaker.pk}&sort=newest"
    response = viewer_client.get(url)
    links = menu_links(viewer_client, url)
    csv_link = next(h for h in links if "annotations.csv" in h)
    # The view builds the query: the search and its filters, under the filters' names.
    assert parse_qs(urlsplit(csv_link).query) == {"q": ["依法治市"], "speaker": [str(speaker.pk)]}
    results = response.context["results"]
    assert results.total == len(results.hits)  # one page: every hit is here
    hits = {hit.paragraph.pk for hit in results.hits}
    expected = coded["annotations"].filter(paragraph__in=hits)
    assert exported_ids(viewer_client, links) == set(expected.values_list("pk", flat=True))
    # The speaker has three passages; one is in a paragraph that says 依法治市.
    assert expected.count() == 1


def test_a_search_with_nothing_found_offers_no_export(coded, viewer_client):
    response = viewer_client.get(reverse("search_page"), {"q": "没有这个词语"})
    assert b"export-menu" not in response.content


def test_anonymous_readers_get_the_menu_when_reading_is_open(coded, settings):
    settings.ANONYMOUS_READ = True
    speech = coded["speeches"][3]
    client = Client()
    for href in menu_links(client, speech.get_absolute_url()):
        follow(client, href)
