"""A compilation as TEI XML: well-formed, ids matching the paragraph anchors."""

import pytest
from lxml import etree

from speeches.models import Paragraph, Section

pytestmark = pytest.mark.django_db

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def tei(client, compilation) -> etree._Element:
    response = client.get(f"/api/exports/compilations/{compilation.pk}/tei")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/tei+xml")
    return etree.fromstring(b"".join(response.streaming_content))


def test_every_paragraph_is_a_seg_whose_id_matches_its_anchor(viewer_client, seed_compilation):
    root = tei(viewer_client, seed_compilation)
    assert root.tag == f"{TEI}TEI"
    segs = {s.get(XML_ID): s for s in root.iter(f"{TEI}seg") if s.get("type") != "salutation"}
    paragraphs = Paragraph.objects.filter(speech__compilation=seed_compilation)
    assert set(segs) == {f"sp{p.speech_id}.{p.anchor}" for p in paragraphs}
    for paragraph in paragraphs:
        seg = segs[f"sp{paragraph.speech_id}.{paragraph.anchor}"]
        assert seg.text == paragraph.text
        assert seg.get("n") == str(paragraph.position)
        assert seg.get("corresp").endswith(paragraph.get_absolute_url())


def test_the_header_names_speakers_meetings_and_dates(viewer_client, seed_compilation):
    root = tei(viewer_client, seed_compilation)
    header = root.find(f"{TEI}teiHeader")
    assert header.findtext(f".//{TEI}titleStmt/{TEI}title") == seed_compilation.title
    speeches = list(seed_compilation.speeches.order_by("position"))
    meetings = {m.text for m in header.iter(f"{TEI}meeting")}
    assert meetings == {s.event for s in speeches if s.event}
    persons = {p.get(XML_ID): p for p in header.iter(f"{TEI}person")}
    divs = root.findall(f".//{TEI}body/{TEI}div")
    assert [d.get(XML_ID) for d in divs] == [f"sp{s.pk}" for s in speeches]
    for div, speech in zip(divs, speeches, strict=True):
        assert div.findtext(f"{TEI}head") == speech.title
        utterances = div.findall(f"{TEI}u")
        assert len(utterances) == 1
        who = utterances[0].get("who")
        assert who and who[1:] in persons
        if speech.speaker_id:
            assert persons[who[1:]].findtext(f"{TEI}persName") == speech.speaker.name
        if speech.date:
            assert div.find(f"{TEI}note/{TEI}date").get("when") == speech.date_iso
    dated = sorted(s.date for s in speeches if s.date)
    setting_date = header.find(f".//{TEI}settingDesc//{TEI}date")
    assert setting_date.get("from") == dated[0].isoformat()


def test_standalone_headings_are_in_the_utterance(viewer_client, seed_compilation):
    root = tei(viewer_client, seed_compilation)
    heads = [n for n in root.iter(f"{TEI}note") if n.get("type") == "head"]
    standalone = Section.objects.filter(speech__compilation=seed_compilation, run_in=False)
    assert len(heads) == standalone.count()


def test_the_query_count_does_not_grow_with_the_speeches(
    viewer_client, seed_compilation, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        tei(viewer_client, seed_compilation)
