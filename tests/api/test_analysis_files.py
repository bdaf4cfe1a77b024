"""The analysis pages' downloads in the API (docs/api.md, "Every page action
and its API operation"): `GET /api/analysis/{crosstab,cooccurrence,trends}/
{csv,xlsx,svg}` send the bytes the pages' `?format=` send, for the same
parameters, with the pages' permissions."""

import csv
import io
import json
import zipfile

import pytest
from openpyxl import load_workbook

from annotations import services
from annotations.models import Theme
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

FORMATS = ("csv", "xlsx", "svg")
TYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "svg": "image/svg+xml",
}
# (API path, page path, parameters): each view of each analysis, filters included.
VIEWS = [
    ("crosstab", "/analysis/", {}),
    ("crosstab", "/analysis/", {"by": "speaker", "count": "paragraphs", "measure": "row"}),
    ("crosstab", "/analysis/", {"by": "year", "measure": "rate", "coder": "other"}),
    ("cooccurrence", "/analysis/cooccurrence/", {}),
    ("cooccurrence", "/analysis/cooccurrence/", {"measure": "jaccard", "year": "2024"}),
    ("trends", "/analysis/trends/", {"terms": ["依法行政", "乡村振兴"]}),
    ("trends", "/analysis/trends/", {"terms": ["人大"], "by": "speaker",
                                     "measure": "occurrences"}),
]


@pytest.fixture
def coded(seed_compilation, annotator):
    """The sample with passages coded by two people, one to three themes each."""
    other = make_user("other", "annotator")
    themes = list(Theme.objects.order_by("pk"))[:3]
    speeches = seed_compilation.speeches.order_by("position")
    for n, speech in enumerate(speeches[:5]):
        paragraph = speech.paragraphs.order_by("position").first()
        end = min(6, len(paragraph.text))
        services.tag_passage(
            paragraph=paragraph, start=0, end=end, quote=paragraph.text[:end],
            themes=themes[: 1 + n % 3], author=other if n == 4 else annotator, note="",
        )
    return themes


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _same_file(fmt: str, api: bytes, page: bytes) -> bool:
    """Equal bytes; a workbook is a zip whose entries and core properties
    carry the second it was written, so its entries are compared, without those."""
    if fmt != "xlsx":
        return api == page
    parts = []
    for data in (api, page):
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            parts.append({name: book.read(name) for name in book.namelist()
                          if name != "docProps/core.xml"})
    return parts[0] == parts[1] and len(parts[0]) >= 4


def _page_params(params: dict, fmt: str) -> dict:
    page = {**params, "format": fmt}
    if "terms" in page:  # the page's form takes one term a line
        page["terms"] = "\n".join(page["terms"])
    return page


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("analysis", "page_url", "params"), VIEWS)
def test_the_api_sends_the_pages_bytes(viewer_client, coded, analysis, page_url, params, fmt):
    api = viewer_client.get(f"/api/analysis/{analysis}/{fmt}", params)
    page = viewer_client.get(page_url, _page_params(params, fmt))
    assert api.status_code == page.status_code == 200, _body(api)[:300]
    assert api["Content-Type"] == page["Content-Type"]
    assert api["Content-Type"].split(";")[0] == TYPES[fmt]
    assert api["Content-Disposition"] == page["Content-Disposition"]
    assert _same_file(fmt, _body(api), _body(page))


def test_the_files_hold_the_figures(viewer_client, coded):
    rows = list(csv.reader(io.StringIO(
        _body(viewer_client.get("/api/analysis/crosstab/csv")).decode("utf-8-sig"))))
    figures = {row[0]: row[-1] for row in rows[1:]}
    json_body = viewer_client.get("/api/analysis/crosstab").json()
    for row in json_body["rows"]:
        if row["depth"] == 0:
            assert figures[row["name"]] == str(row["total"]["passages"])
    assert int(figures[coded[0].name]) > 0

    book = load_workbook(io.BytesIO(_body(viewer_client.get(
        "/api/analysis/cooccurrence/xlsx", {"measure": "paragraphs"}))))
    sheet = list(book.active.values)
    names = [t.name for t in coded]
    assert list(sheet[0][1:4]) == names
    matrix = viewer_client.get("/api/analysis/cooccurrence").json()
    assert sheet[1][1] == matrix["cells"][0][0]["paragraphs"] > 0

    svg = _body(viewer_client.get("/api/analysis/trends/svg", {"terms": ["依法行政"]})).decode()
    assert svg.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<svg ')
    assert "<polyline" in svg and "依法行政 · 2024" in svg


def test_the_coder_filter_counts_one_persons_passages(viewer_client, coded):
    everyone = _body(viewer_client.get("/api/analysis/crosstab/csv")).decode("utf-8-sig")
    other = _body(viewer_client.get("/api/analysis/crosstab/csv", {"coder": "other"}))
    assert everyone != other.decode("utf-8-sig")
    totals = {row[0]: row[-1] for row in csv.reader(io.StringIO(other.decode("utf-8-sig")))}
    assert totals[coded[0].name] == "1"


@pytest.mark.parametrize(("url", "params", "field"), [
    ("/api/analysis/crosstab/csv", {"by": "weekday"}, "by"),
    ("/api/analysis/cooccurrence/svg", {"measure": "lift"}, "measure"),
    ("/api/analysis/trends/xlsx", {"terms": ["依法行政"], "measure": "share"}, "measure"),
    ("/api/analysis/trends/csv", {}, "terms"),
    ("/api/analysis/crosstab/xlsx", {"coder": "nobody-by-that-name"}, "coder"),
])
def test_bad_parameters_are_refused(viewer_client, coded, url, params, field):
    response = viewer_client.get(url, params)
    assert response.status_code == 422, _body(response)[:300]
    assert field in json.dumps(response.json())


def test_same_permissions_as_the_pages(client, no_role_user, coded, settings):
    settings.ANONYMOUS_READ = False
    urls = [(f"/api/analysis/{analysis}/{fmt}", page_url, params)
            for analysis, page_url, params in VIEWS[::3] for fmt in FORMATS]
    for api_url, page_url, params in urls:
        assert client.get(api_url, params).status_code == 401
        page = client.get(page_url, _page_params(params, "csv"))
        assert page.status_code == 302 and "/login" in page["Location"]
    client.force_login(no_role_user)
    for api_url, page_url, params in urls:
        assert client.get(api_url, params).status_code == 403
        assert client.get(page_url, _page_params(params, "csv")).status_code == 403


def test_openapi_declares_each_files_type(viewer_client):
    paths = viewer_client.get("/api/openapi.json").json()["paths"]
    for analysis in ("crosstab", "cooccurrence", "trends"):
        for fmt in FORMATS:
            operation = paths[f"/api/analysis/{analysis}/{fmt}"]["get"]
            assert operation["operationId"] == f"export_{analysis}_{fmt}"
            content = operation["responses"]["200"]["content"]
            assert list(content) == [TYPES[fmt]] and content[TYPES[fmt]]["example"]
            assert {"401", "403", "422"} <= set(operation["responses"])
            names = {p["name"] for p in operation["parameters"]}
            assert {"speaker", "year", "compilation"} <= names
