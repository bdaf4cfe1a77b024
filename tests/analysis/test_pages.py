"""The analysis pages, their downloads and the API: figures, links, permissions, queries."""

import csv
import io
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.conftest import client_for

CROSSTAB = reverse("analysis_crosstab")
COOCCURRENCE = reverse("analysis_cooccurrence")
TRENDS = reverse("analysis_trends")


@pytest.fixture
def reader(client, archive):
    return client_for(client, archive["alice"])


def _csv(response):
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


@pytest.mark.parametrize("url", [CROSSTAB, COOCCURRENCE, TRENDS + "?terms=依法行政"])
def test_pages_need_a_reader(client, archive, url):
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_crosstab_page_links_each_cell_to_its_passages(
    reader, archive, django_assert_max_num_queries
):
    reader.get(CROSSTAB)  # the volumes are recorded once
    with django_assert_max_num_queries(20):
        response = reader.get(CROSSTAB, {"by": "speaker", "coder": "alice"})
    assert response.status_code == 200
    html = response.content.decode()
    theme_url = archive["admin"].get_absolute_url()
    link = next(
        line for line in html.split('href="')[1:]
        if line.startswith(theme_url + "?") and f"speaker={archive['wang'].pk}" in line
    ).split('"')[0].replace("&amp;", "&")
    params = parse_qs(urlparse(link).query)
    assert params == {"coder": ["alice"], "speaker": [str(archive["wang"].pk)]}
    # The theme page lists exactly the cell's passages: alice's admin passages in 王萍's speeches.
    page = reader.get(link)
    assert page.context["page_obj"].paginator.count == 3
    assert "heat-" in html and "(测试)" in html or "（测试）" in html


def test_crosstab_downloads_are_the_table_as_shown(reader, archive):
    rows = _csv(reader.get(CROSSTAB, {"by": "year", "measure": "row", "format": "csv"}))
    header = rows[0]
    assert header[1:4] == ["2020", "2021", header[3]] and header[-1] in ("Total", "合计", "总计")
    law = next(r for r in rows if r[0] == "法治（测试）")
    # law (with its sub-theme): 4 passages in 2020, 3 in 2021, 1 undated -> row shares.
    assert [float(v) for v in law[1:4]] == [50.0, 37.5, 12.5]
    sub = next(r for r in rows if r[0] == "法治（测试） › 依法行政（测试）")
    assert sub[-1] == "100.0"
    book = load_workbook(io.BytesIO(reader.get(
        CROSSTAB, {"by": "year", "measure": "row", "format": "xlsx"}).content))
    sheet = book.active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0] == header
    assert [v for v in values if v[0] == "法治（测试）"][0][1:4] == [50.0, 37.5, 12.5]
    svg = reader.get(CROSSTAB, {"format": "svg"})
    assert svg["Content-Type"] == "image/svg+xml"
    assert b"<svg" in svg.content and "法治（测试）".encode() in svg.content


def test_csv_cells_typed_by_people_are_defused(reader, archive):
    archive["rural"].name = "=HYPERLINK(1)"
    archive["rural"].save()
    rows = _csv(reader.get(COOCCURRENCE, {"format": "csv"}))
    assert any(r[0] == "'=HYPERLINK(1)" for r in rows)


def test_cooccurrence_page_links_to_paragraphs_with_both(
    reader, archive, django_assert_max_num_queries
):
    reader.get(COOCCURRENCE)
    with django_assert_max_num_queries(19):
        response = reader.get(COOCCURRENCE, {"measure": "overlaps"})
    assert response.status_code == 200
    html = response.content.decode()
    url = archive["admin"].get_absolute_url() + "?with=supervision&amp;overlap=1"
    assert url in html
    page = reader.get(archive["admin"].get_absolute_url(), {"with": "supervision", "overlap": 1})
    # Two paragraphs where admin and supervision spans overlap: two admin passages there.
    assert page.context["paragraph_count"] == 2
    assert page.context["page_obj"].paginator.count == 2
    together = reader.get(archive["admin"].get_absolute_url(), {"with": "supervision"})
    assert together.context["paragraph_count"] == 2
    rural = reader.get(archive["admin"].get_absolute_url(), {"with": "rural"})
    assert rural.context["paragraph_count"] == 1
    apart = reader.get(archive["admin"].get_absolute_url(), {"with": "rural", "overlap": 1})
    assert apart.context["page_obj"].paginator.count == 0


def test_trends_page_chart_table_and_csv(reader, archive, django_assert_max_num_queries):
    reader.get(TRENDS, {"terms": "依法行政"})
    with django_assert_max_num_queries(14):
        response = reader.get(TRENDS, {"terms": "依法行政\n“人大监督”"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html and "<polyline" in html and "<table" in html
    assert 'role="img"' in html
    rows = _csv(reader.get(TRENDS, {"terms": "依法行政", "format": "csv"}))
    assert rows[1][:4] == ["2020", "依法行政", "1", "2"]
    assert rows[-1][2:4] == ["1", "3"]  # the undated speech, counted apart
    svg = reader.get(TRENDS, {"terms": "依法行政", "format": "svg"}).content.decode()
    assert svg.startswith("<?xml") and "依法行政" in svg
    by_speaker = reader.get(TRENDS, {"terms": "依法行政", "by": "speaker"}).content.decode()
    assert "王萍" in by_speaker and "<rect" in by_speaker


def test_trends_page_says_what_is_wrong(reader, archive):
    response = reader.get(TRENDS, {"terms": "。。"})
    assert response.status_code == 200 and response.context["error"]
    escaped = reader.get(TRENDS, {"terms": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in escaped


def test_api(reader, archive):
    data = reader.get("/api/analysis/crosstab", {"by": "year", "measure": "rate"}).json()
    law = next(r for r in data["rows"] if r["slug"] == "law")
    assert [c["passages"] for c in law["cells"]] == [4, 3, 1]
    assert data["columns"][2]["key"] is None
    assert law["cells"][0]["value"] == pytest.approx(
        4 * 10_000 / data["columns"][0]["characters"])
    bad = reader.get("/api/analysis/crosstab", {"by": "weather"})
    assert bad.status_code == 422 and bad.json()["code"] == "invalid"
    nobody = reader.get("/api/analysis/crosstab", {"coder": "nobody"})
    assert nobody.status_code == 422
    matrix = reader.get("/api/analysis/cooccurrence").json()
    slugs = [t["slug"] for t in matrix["themes"]]
    a, s = slugs.index("admin-by-law"), slugs.index("supervision")
    assert matrix["cells"][a][s]["overlaps"] == 2
    trend = reader.get("/api/analysis/trends", {"terms": ["依法行政", "执法检查"]}).json()
    assert trend["series"][0]["paragraphs"] == [1, 3]
    assert trend["undated"]["speeches"] == 1
    refused = reader.get("/api/analysis/trends", {"terms": ["。"]})
    assert refused.status_code == 422 and refused.json()["code"] == "no-terms"


def test_api_needs_a_reader(client, archive):
    assert client.get("/api/analysis/cooccurrence").status_code == 401


def test_trend_with_filters_that_leave_no_paragraph(reader, archive):
    # Undated speeches only, and a year as well: no speech is both, so the
    # query is empty before it reaches the database (Django refuses to
    # compile it); the trend is all zeros, not a server error.
    params = {"terms": ["依法行政", "乡村振兴"], "year": 2024, "from": "2024-01", "to": "2024",
              "undated": "true", "by": "year"}
    response = reader.get("/api/analysis/trends", params)
    assert response.status_code == 200, response.content
    assert all(sum(series["occurrences"]) == 0 for series in response.json()["series"])
    for suffix in ("/csv", "/xlsx", "/svg"):
        assert reader.get("/api/analysis/trends" + suffix, params).status_code == 200
