"""Importing a REFI-QDA codebook (.qdc) creates the themes it names."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import Activity, Verb
from annotations.exports.codebook_import import import_codebook
from annotations.exports.refi import codebook_qdc
from annotations.models import Theme
from config.errors import status_for
from core.errors import DomainError

pytestmark = pytest.mark.django_db

# As ATLAS.ti and QualCoder write them: braces around GUIDs, three-digit
# colours, nested codes, a code with no colour and one too pale to read on.
FOREIGN = """<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="ATLAS.ti 23">
  <Codes>
    <Code guid="{1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294}" name="财政预算" isCodable="true"
          color="#46A">
      <Description>[en] Budget
预算审查监督。</Description>
      <Code guid="2C9A6E1B-3F5D-4A8E-9B7C-1D2E3F4A5B6C" name="预算执行" isCodable="true"
            color="#fafafa"/>
      <Code guid="3D0B7F2C-4A6E-4B9F-8C1D-2E3F4A5B6C7D" name="审计整改" isCodable="true"/>
    </Code>
    <Code guid="4E1C8A3D-5B7F-4C0A-9D2E-3F4A5B6C7D8E" name="人大监督" isCodable="true"
          color="#b8412c"/>
  </Codes>
</CodeBook>""".encode()


def test_our_own_codebook_imports_as_nothing_new(editor):
    before = Theme.objects.count()
    result = import_codebook(data=codebook_qdc(), actor=editor)
    assert result.created == [] and result.existing == before
    assert Theme.objects.count() == before


def test_a_foreign_codebook_creates_its_tree(editor):
    result = import_codebook(data=FOREIGN, actor=editor)
    names = [t.name for t in result.created]
    assert names == ["财政预算", "预算执行", "审计整改"]  # 人大监督 is already there
    assert result.existing == 1
    budget = Theme.objects.get(name="财政预算", parent=None)
    assert budget.name_en == "Budget" and budget.description == "预算审查监督。"
    assert budget.colour == "#4466aa"
    assert set(budget.children.values_list("name", flat=True)) == {"预算执行", "审计整改"}
    assert result.recoloured == ["预算执行"]  # too pale: a default colour instead
    assert Theme.objects.get(name="预算执行").colour != "#fafafa"
    assert Activity.objects.filter(verb=Verb.THEME, summary="财政预算").exists()


def test_importing_twice_creates_nothing_the_second_time(editor):
    import_codebook(data=FOREIGN, actor=editor)
    again = import_codebook(data=FOREIGN, actor=editor)
    assert again.created == [] and again.existing == 4


@pytest.mark.parametrize(
    "data",
    [
        b"not xml at all",
        b"<html><body>hello</body></html>",
        b'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"/>',
        b'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes/></CodeBook>',
        b'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="x" name="" '
        b'isCodable="true"/></Codes></CodeBook>',
        (
            '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="x" name="'
            + "长" * 101
            + '" isCodable="true"/></Codes></CodeBook>'
        ).encode(),
        # A description, or an English name, longer than the theme's field holds.
        (
            '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="x" name="长" '
            'isCodable="true"><Description>' + "长" * 5001 + "</Description></Code></Codes>"
            "</CodeBook>"
        ).encode(),
        (
            '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="x" name="长" '
            'isCodable="true"><Description>[en] ' + "L" * 151 + "</Description></Code></Codes>"
            "</CodeBook>"
        ).encode(),
    ],
)
def test_bad_files_are_refused_and_change_nothing(editor, data):
    before = Theme.objects.count()
    with pytest.raises(DomainError) as refusal:
        import_codebook(data=data, actor=editor)
    assert status_for(refusal.value.code) == 422
    assert Theme.objects.count() == before


def test_external_entities_are_never_read(editor, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("机密")
    data = f"""<?xml version="1.0"?>
<!DOCTYPE CodeBook [<!ENTITY x SYSTEM "file://{secret}">]>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>
<Code guid="5F2D9B4E-6C8A-4D1B-8E3F-4A5B6C7D8E9F" name="外部&x;" isCodable="true"/>
</Codes></CodeBook>""".encode()
    try:
        result = import_codebook(data=data, actor=editor)
    except DomainError:
        return  # refused outright: fine
    assert all("机密" not in t.name for t in result.created)


def test_only_editors_import(annotator):
    with pytest.raises(DomainError) as refusal:
        import_codebook(data=FOREIGN, actor=annotator)
    assert status_for(refusal.value.code) == 403
    assert not Theme.objects.filter(name="财政预算").exists()


def test_the_api_returns_the_created_themes(editor_client):
    response = editor_client.post(
        "/api/codebook/import",
        {"file": SimpleUploadedFile("foreign.qdc", FOREIGN, "application/xml")},
    )
    assert response.status_code == 201
    body = response.json()
    assert [t["name"] for t in body["created"]] == ["财政预算", "预算执行", "审计整改"]
    assert body["created"][1]["parent_id"] == body["created"][0]["id"]
    assert body["existing"] == 1 and body["recoloured"] == ["预算执行"]


def test_the_page_imports_and_reports(editor_client):
    response = editor_client.post(
        "/exports/codebook/import/",
        {"file": SimpleUploadedFile("foreign.qdc", FOREIGN, "application/xml")},
        follow=True,
    )
    assert response.status_code == 200
    assert Theme.objects.filter(name="审计整改").exists()
    messages = [str(m) for m in response.context["messages"]]
    assert any("3" in m for m in messages)

    refused = editor_client.post(
        "/exports/codebook/import/",
        {"file": SimpleUploadedFile("bad.qdc", b"nope", "application/xml")},
        follow=True,
    )
    assert refused.status_code == 200
    assert any(m.level_tag == "error" for m in refused.context["messages"])
