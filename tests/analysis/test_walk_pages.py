"""From a new researcher's walk through the analyses: what a page says when the
years of the archive stand far apart."""

import datetime

import lxml.html
from django.urls import reverse

from tests.analysis.conftest import make_speech
from tests.conftest import client_for


def test_the_trend_table_leaves_out_the_years_without_text(client, archive):
    # 2015, then 2020 and 2021: the chart keeps the four empty years' place, the table
    # lists the years that have text (and says how many it left out).
    make_speech("y2015", date=datetime.date(2015, 5, 1), precision="year",
                texts=["二〇一五年也讲依法行政。"])
    reader = client_for(client, archive["alice"])
    response = reader.get(reverse("analysis_trends"), {"terms": "依法行政"})
    doc = lxml.html.fromstring(response.content)
    years = [th.text_content().strip() for th in doc.cssselect("table.trend-table tbody th")]
    assert years[:3] == ["2015", "2020", "2021"]
    assert len(years) == 4  # and the undated speeches
    assert "未列入表格" in response.content.decode()
    assert "4 个年份" in response.content.decode()
    # Every year has text: nothing left out, nothing said.
    response = reader.get(reverse("analysis_trends"), {"terms": "依法行政", "from": "2020"})
    assert "未列入表格" not in response.content.decode()
