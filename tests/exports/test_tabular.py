"""CSV and Excel exports, read back and compared with the database."""

import csv
import datetime
import hashlib
import io

import pytest
from openpyxl import load_workbook

from annotations import services
from annotations.exports.rows import COLUMNS, CONTEXT_CHARS, headers
from annotations.models import Annotation
from speeches.models import Compilation, Paragraph, Speech
from tests.conftest import make_user
from tests.exports.conftest import tag

pytestmark = pytest.mark.django_db

CSV_URL = "/api/exports/annotations/csv"
XLSX_URL = "/api/exports/annotations/xlsx"


def read_csv(response) -> list[dict]:
    body = b"".join(response.streaming_content)
    assert body.startswith("\ufeff".encode())  # Excel needs the BOM to read UTF-8
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def test_csv_has_one_row_per_passage_matching_the_database(viewer_client, coded):
    response = viewer_client.get(CSV_URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = read_csv(response)
    assert list(rows[0].keys()) == headers()
    id_col, themes_col, quote_col, before_col, after_col, para_col, link_col = headers()[:7]
    by_id = {int(row[id_col]): row for row in rows}
    expected = Annotation.objects.select_related("paragraph__speech")
    assert set(by_id) == set(expected.values_list("pk", flat=True))
    for annotation in expected:
        row = by_id[annotation.pk]
        text = annotation.paragraph.text
        assert row[quote_col] == annotation.quote
        assert row[before_col] == text[max(0, annotation.start - CONTEXT_CHARS) : annotation.start]
        assert row[after_col] == text[annotation.end : annotation.end + CONTEXT_CHARS]
        assert int(row[para_col]) == annotation.paragraph.position
        assert row[link_col].startswith("http://testserver/")
        assert row[link_col].endswith(annotation.paragraph.get_absolute_url())
        assert row[headers()[7]] == annotation.paragraph.speech.title
        assert row[headers()[13]] == annotation.note


def test_csv_theme_paths_and_rows_in_reading_order(viewer_client, coded):
    rows = read_csv(viewer_client.get(CSV_URL, {"speech": coded["speeches"][3].pk}))
    themes = [row[headers()[1]] for row in rows]
    assert themes == ["人大监督", "人大监督; 依法行政与法治", "人大监督 / 执法检查"]
    assert [int(row[headers()[5]]) for row in rows] == [1, 2, 2]


@pytest.mark.parametrize(
    ("params", "count"),
    [
        ({}, 6),
        ({"theme": "people-s-congress-supervision"}, 5),  # with its sub-theme 执法检查
        ({"theme": "rule-of-law"}, 2),
        ({"q": ""}, 6),
    ],
)
def test_csv_filters(viewer_client, coded, params, count):
    assert len(read_csv(viewer_client.get(CSV_URL, params))) == count


def test_csv_filters_by_compilation_speaker_role_and_dates(viewer_client, coded):
    assert (
        len(read_csv(viewer_client.get(CSV_URL, {"compilation": coded["rare"].compilation_id})))
        == 2
    )
    assert len(read_csv(viewer_client.get(CSV_URL, {"role": "主任"}))) == 2
    speech = coded["speeches"][3]
    if speech.speaker_id:
        by_slug = read_csv(viewer_client.get(CSV_URL, {"speaker": speech.speaker.slug}))
        by_id = read_csv(viewer_client.get(CSV_URL, {"speaker": str(speech.speaker_id)}))
        assert len(by_slug) == len(by_id) == 3
    dated = read_csv(
        viewer_client.get(CSV_URL, {"date_from": "2024-08-01", "date_to": "2024-08-31"})
    )
    assert {row[headers()[10]] for row in dated} == {"2024-08-12"}


def test_unknown_targets_are_404_in_the_error_shape(viewer_client, coded):
    for params in ({"theme": "no-such-theme"}, {"speech": 999999}, {"speaker": "nobody"}):
        response = viewer_client.get(CSV_URL, params)
        assert response.status_code == 404
        assert response.json()["code"] == "not-found"


def test_unknown_targets_are_named_in_the_requests_language(viewer_client, coded):
    response = viewer_client.get(CSV_URL, {"speech": 999999})
    assert response.json()["message"] == "没有这篇讲话。"
    response = viewer_client.get(CSV_URL, {"theme": "no-such-theme"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["message"] == "There is no such theme."
    assert response.json()["details"] == {"field": "theme"}


def test_invalid_filters_are_422(viewer_client, coded):
    response = viewer_client.get(CSV_URL, {"date_from": "not-a-date"})
    assert response.status_code == 422 and response.json()["code"] == "invalid"


def test_xlsx_holds_the_same_rows_as_the_csv(viewer_client, coded):
    csv_rows = read_csv(viewer_client.get(CSV_URL))
    response = viewer_client.get(XLSX_URL)
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    sheet = workbook.worksheets[0]
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0] == headers()
    assert len(values) == len(csv_rows) + 1
    for row, expected in zip(values[1:], csv_rows, strict=True):
        as_text = ["" if v is None else str(v) for v in row]
        assert as_text == list(expected.values())
    assert isinstance(values[1][0], int) and isinstance(values[1][5], int)


def read_xlsx(response) -> list[dict]:
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    header, *rows = workbook.worksheets[0].iter_rows(values_only=True)
    return [dict(zip(header, row, strict=True)) for row in rows]


def test_tagged_at_is_when_the_annotation_was_made_in_local_time(viewer_client, coded, settings):
    """The time is the annotation's ``created_at`` in the server's time zone
    (Asia/Shanghai), to the second, with its offset: a passage tagged at
    16:30 UTC on 1 March was tagged on 2 March in Beijing."""
    assert settings.TIME_ZONE == "Asia/Shanghai"
    late = coded["annotations"].first()
    utc = datetime.datetime(2024, 3, 1, 16, 30, 15, 700000, tzinfo=datetime.UTC)
    Annotation.objects.filter(pk=late.pk).update(created_at=utc)
    id_col, tagged_at = headers()[0], headers()[-1]
    assert COLUMNS[-1][0] == "created"

    for rows in (read_csv(viewer_client.get(CSV_URL)), read_xlsx(viewer_client.get(XLSX_URL))):
        by_id = {int(row[id_col]): row[tagged_at] for row in rows}
        assert by_id[late.pk] == "2024-03-02T00:30:15+08:00"
        for annotation in coded["annotations"]:
            shown = datetime.datetime.fromisoformat(by_id[annotation.pk])
            assert shown == annotation.created_at.replace(microsecond=0)
            assert shown.utcoffset() == datetime.timedelta(hours=8)


def test_text_starting_with_equals_stays_text_in_excel(viewer_client, coded):
    annotation = coded["annotations"].first()
    Annotation.objects.filter(pk=annotation.pk).update(note='=HYPERLINK("http://x")')
    response = viewer_client.get(XLSX_URL, {"speech": annotation.paragraph.speech_id})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    notes = [cell.value for cell in sheet["N"]]
    assert '=HYPERLINK("http://x")' in notes
    assert all(cell.data_type == "s" for cell in sheet["N"] if cell.value)


def test_an_empty_selection_still_has_a_header(viewer_client, coded):
    rows = read_csv(viewer_client.get(CSV_URL, {"event": "没有这个会议"}))
    assert rows == []


def test_csv_defuses_formulas_in_every_text_cell_and_xlsx_keeps_them_exact(
    viewer_client, editor
):
    """A cell starting = + - @ (or a tab) runs as a formula when a spreadsheet
    opens the CSV, whoever wrote it: every text cell gets an apostrophe
    (OWASP), the speech's own words too; the .xlsx keeps them exact."""
    text = "=1+1 是原文的开头，后面还有内容。"
    compilation = Compilation.objects.create(
        title="=汇编",
        source_name="formula.txt",
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        encoding="utf-8",
        size=len(text.encode()),
        text=text,
        parser_version="test",
    )
    speech = Speech.objects.create(
        compilation=compilation,
        position=1,
        title="+讲话",
        speaker_raw="@王萍",
        role="-主任",
        event="\t会议",
    )
    paragraph = Paragraph.objects.create(
        speech=speech, position=1, text=text, text_hash=hashlib.sha256(text.encode()).hexdigest()
    )
    theme = services.create_theme(actor=editor, name="=主题", colour="#2f5f9e")
    author = make_user("=author", "annotator")
    tag(paragraph, "=1+1", [theme], author, note='=HYPERLINK("http://evil")')
    (row,) = read_csv(viewer_client.get(CSV_URL, {"speech": speech.pk}))
    values = dict(zip([name for name, _label in COLUMNS], row.values(), strict=True))
    assert values["quote"] == "'=1+1"  # a speech's words run as a formula too
    assert values["context_after"] == text[4:]
    assert values["note"] == '\'=HYPERLINK("http://evil")'
    assert values["themes"] == "'=主题"
    assert values["author"] == "'=author"
    assert values["speech_title"] == "'+讲话"
    assert values["speaker"] == "'@王萍"
    assert values["role"] == "'-主任"
    assert values["event"] == "'\t会议"
    assert values["compilation"] == "'=汇编"
    # Excel types its cells as text: the workbook keeps every value as written.
    response = viewer_client.get(XLSX_URL, {"speech": speech.pk})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    cells = dict(zip([name for name, _label in COLUMNS], [c.value for c in sheet[2]], strict=True))
    assert cells["note"] == '=HYPERLINK("http://evil")' and cells["themes"] == "=主题"
    assert cells["quote"] == "=1+1" and cells["role"] == "-主任"
    assert all(c.data_type == "s" for c in sheet[2] if isinstance(c.value, str))
