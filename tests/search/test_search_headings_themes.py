"""Headings are searchable (a hit links to its section), and a theme filter:
passages tagged with a theme or a descendant, or not yet tagged, on the
search page and in the API, combined with the other filters."""

import lxml.html
import pytest
from django.urls import reverse

from annotations import services
from annotations.models import Theme
from search.headings import heading_hits
from search.services import parse_query, search
from speeches.models import Speaker
from tests.speeches.browse_data import import_text, speech_text


@pytest.fixture
def corpus(db, annotator):
    text = speech_text(
        title="在全市人大工作会议上的讲话",
        speaker="王萍",
        date="2024年3月1日",
        paragraphs=[
            "一、全面加强依法治国",
            "坚持依法治国，推进人大监督。",
            "二、民生工作",
            "保障民生，推进人大监督。",
            "发展经济，推进人大监督。",
        ],
    )
    other = speech_text(
        title="在全市经济工作会议上的讲话", speaker="李强", date="2023年5月6日",
        paragraphs=["人大监督要加强。"],
    )
    speech = import_text(text, source="a.txt").speeches.get()
    other_speech = import_text(other, source="b.txt").speeches.get()
    law = Theme.objects.create(name="测试法治", slug="law", colour="#2f5f9e")
    oversight = Theme.objects.create(name="测试监督", slug="oversight", colour="#2f5f9e",
                                     parent=law)
    welfare = Theme.objects.create(name="测试民生", slug="welfare", colour="#9e2f2f")
    paragraphs = {p.text: p for p in speech.paragraphs.all()}
    first = paragraphs["坚持依法治国，推进人大监督。"]
    second = paragraphs["保障民生，推进人大监督。"]
    for paragraph, themes in ((first, [oversight]), (second, [welfare])):
        services.tag_passage(paragraph=paragraph, start=0, end=2, quote=paragraph.text[:2],
                             themes=themes, author=annotator)
    return {"speech": speech, "other": other_speech, "law": law, "oversight": oversight,
            "welfare": welfare, "first": first, "second": second}


def texts(results):
    return {h.paragraph.text for h in results.hits}


def test_a_heading_is_found_and_links_to_its_section(corpus):
    found = heading_hits(parse_query("依法治国"))
    assert found.total == 1
    (hit,) = found.hits
    assert hit.section.heading == "全面加强依法治国"
    assert [s for s, marked in hit.segments if marked] == ["依法治国"]
    # A string inside a longer heading, exclusions and filters hold for headings too.
    assert heading_hits(parse_query("民生")).total == 1
    assert heading_hits(parse_query("民生 -工作")).total == 0
    wang = Speaker.objects.get(name="王萍")
    li = Speaker.objects.get(name="李强")
    from speeches.filters import SpeechFilters

    assert heading_hits(parse_query("民生"), SpeechFilters(speaker=wang)).total == 1
    assert heading_hits(parse_query("民生"), SpeechFilters(speaker=li)).total == 0


def test_the_page_lists_matching_headings_linked_to_their_sections(viewer_client, corpus):
    response = viewer_client.get(reverse("search_page"), {"q": "依法治国"})
    doc = lxml.html.fromstring(response.content.decode())
    (link,) = doc.cssselect(".heading-hits a")
    section = corpus["speech"].sections.get(heading="全面加强依法治国")
    assert link.get("href").endswith(f"#{section.anchor}")
    assert link.get("href").startswith(corpus["speech"].get_absolute_url())
    assert link.cssselect("mark")[0].text_content() == "依法治国"
    # A heading alone is still found.
    response = viewer_client.get(reverse("search_page"), {"q": "民生工作"})
    doc = lxml.html.fromstring(response.content.decode())
    assert len(doc.cssselect(".heading-hits li")) == 1 and not doc.cssselect("li.hit")


def test_theme_filter_includes_descendants_and_not_yet_tagged(corpus):
    everything = search(parse_query("人大监督"))
    assert everything.total == 4
    law, welfare = corpus["law"], corpus["welfare"]
    from search.extensions import paragraph_filters, within

    def with_params(**params):
        return texts(search(parse_query("人大监督"), within=within(paragraph_filters(params))))

    # 法治's sub-theme 人大监督 tags the first paragraph.
    assert with_params(theme=str(law.pk)) == {corpus["first"].text}
    assert with_params(theme="oversight") == {corpus["first"].text}
    assert with_params(not_theme="law") == texts(everything) - {corpus["first"].text}
    assert with_params(theme="law", not_theme=str(welfare.pk)) == {corpus["first"].text}
    assert with_params(theme="welfare", not_theme="welfare") == set()


def test_theme_filter_on_the_page_combines_with_other_filters(
    viewer_client, corpus, django_assert_max_num_queries
):
    wang = Speaker.objects.get(name="王萍")
    url = reverse("search_page")
    with django_assert_max_num_queries(25):
        response = viewer_client.get(url, {"q": "人大监督", "not_theme": "law",
                                           "speaker": wang.pk})
    doc = lxml.html.fromstring(response.content.decode())
    assert {h.text_content() for h in doc.cssselect(".hit__text")} == {
        "保障民生，推进人大监督。", "发展经济，推进人大监督。"
    }
    chips = [c.text_content() for c in doc.cssselect(".chip")]
    assert any("尚未标注为 测试法治" in c for c in chips)
    # The theme pickers list the codebook, sub-themes indented, the choice kept.
    (picker,) = doc.cssselect('select[name="not_theme"]')
    assert picker.cssselect("option[selected]")[0].get("value") == str(corpus["law"].pk)
    options = [o.text_content() for o in doc.cssselect('select[name="theme"] option')]
    assert options[options.index("测试法治") + 1] == "– 测试监督"
    # The CSV export of the hits keeps the filter.
    assert "not_theme=law" in response.context["export_search"]
    csv = b"".join(viewer_client.get(reverse("search_csv") + "?"
                                     + response.context["export_search"]).streaming_content)
    assert "保障民生".encode() in csv and "坚持依法治国".encode() not in csv
    # An unknown theme says so, and finds nothing.
    response = viewer_client.get(url, {"q": "人大监督", "theme": "nothing-like-it"})
    doc = lxml.html.fromstring(response.content.decode())
    assert response.status_code == 200
    assert "nothing-like-it" in doc.cssselect(".errorlist")[0].text_content()
    assert not doc.cssselect("li.hit")


def test_the_api_filters_by_theme_and_lists_headings(viewer_client, corpus):
    body = viewer_client.get("/api/search", {"q": "人大监督", "theme": "law"}).json()
    assert [i["text"] for i in body["items"]] == [corpus["first"].text]
    assert body["headings"] == {"total": 0, "exact": True, "items": []}
    body = viewer_client.get("/api/search", {"q": "依法治国", "year": 2024}).json()
    (heading,) = body["headings"]["items"]
    assert heading["heading"] == "全面加强依法治国" and heading["highlights"] == [[4, 8]]
    assert heading["url"].endswith("#s1")
    response = viewer_client.get("/api/search", {"q": "人大监督", "not_theme": "nope"})
    assert response.status_code == 422
    assert response.json()["details"][0]["loc"] == ["query", "not_theme"]


def test_headings_of_withdrawn_or_superseded_compilations_are_left_out(
    viewer_client, corpus, editor
):
    """As their paragraphs are: a withdrawn compilation leaves search, and so
    does one a newer version superseded, unless a filter names it."""
    from speeches.filters import SpeechFilters
    from speeches.models import Compilation
    from speeches.services.retire import restore_compilation, withdraw_compilation

    speech, other = corpus["speech"], corpus["other"]
    query = parse_query("依法治国")
    assert heading_hits(query).total == 1
    withdraw_compilation(compilation=speech.compilation, actor=editor)
    assert heading_hits(query).total == 0
    assert search(query).total == 0  # its paragraphs, alike
    body = viewer_client.get("/api/search", {"q": "依法治国"}).json()
    assert body["headings"]["total"] == 0 and body["total"] == 0
    doc = lxml.html.fromstring(
        viewer_client.get(reverse("search_page"), {"q": "依法治国"}).content.decode()
    )
    assert not doc.cssselect(".heading-hits li")
    # Named by the compilation filter (an export of a withdrawn compilation), it is found.
    named = SpeechFilters(compilation=speech.compilation)
    assert heading_hits(query, named).total == 1
    restore_compilation(compilation=speech.compilation, actor=editor)
    assert heading_hits(query).total == 1
    # Superseded by a newer version (``speeches.services.versions``).
    Compilation.objects.filter(pk=speech.compilation_id).update(
        superseded_by=other.compilation
    )
    assert heading_hits(query).total == 0
    assert search(query).total == 0
