"""Issue 15's details on the browse pages: year labels under the charts, the
meetings page's sort by name (名称), the speaker page's note on names, the
upload preview's summary with separators."""

import lxml.html
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.urls import reverse

from speeches.templatetags.speeches_tags import year_chart, year_ticks
from tests.speeches.browse_data import import_speech


def test_every_year_is_labelled_when_there_is_room():
    ticks = year_ticks(list(range(2018, 2025)), 100 / 7)
    assert [t["year"] for t in ticks] == list(range(2018, 2025))
    # Centred under their bars: the first at half a bar's width.
    assert float(ticks[0]["left"]) == pytest.approx(100 / 14, abs=0.001)
    assert float(ticks[-1]["left"]) == pytest.approx(100 - 100 / 14, abs=0.001)


def test_long_ranges_are_labelled_at_round_years():
    years = list(range(1949, 2025))  # 76 years
    ticks = [t["year"] for t in year_ticks(years, 100 / len(years))]
    assert ticks == list(range(1950, 2021, 10))
    years = list(range(2001, 2017))  # 16 years: every second one
    assert [t["year"] for t in year_ticks(years, 100 / 16)] == list(range(2002, 2017, 2))


def test_the_chart_labels_the_years_between_the_first_and_the_last():
    context = year_chart([(2019, 3), (2021, 1), (2024, 5), (None, 2)])
    assert [t["year"] for t in context["ticks"]] == [2019, 2020, 2021, 2022, 2023, 2024]



def test_the_chart_says_its_first_and_last_year_when_the_axis_labels_round_years():
    # 1957 to 2026: the axis labels 1960…2020, so the note says where the bars start and end.
    context = year_chart([(1957, 4), (2017, 1), (2026, 9), (None, 2)])
    assert [t["year"] for t in context["ticks"]] == list(range(1960, 2021, 10))
    assert context["span"] == "1957–2026"
    html = render_to_string("speeches/_year_chart.html", context)
    note = lxml.html.fromstring(html).cssselect(".year-chart__note")[0].text_content()
    assert note.startswith("1957–2026")
    # Every year labelled: nothing more to say.
    assert year_chart([(2019, 3), (2024, 5)])["span"] == ""


def test_one_year_is_a_bar_over_its_label_not_a_block_across_the_chart():
    (bar,) = year_chart([(2024, 5)])["bars"]
    assert float(bar["width"]) <= 100 / 8
    assert float(bar["x"]) + float(bar["width"]) / 2 == pytest.approx(50, abs=0.01)
    # Many years: each bar keeps most of its slot, centred over it as its label is.
    bars = year_chart([(year, 1) for year in range(2001, 2021)])["bars"]
    assert float(bars[0]["width"]) == pytest.approx(100 / 20 * 0.76, abs=0.01)
    assert float(bars[0]["x"]) + float(bars[0]["width"]) / 2 == pytest.approx(100 / 40, abs=0.01)

@pytest.fixture
def speeches(db):
    with_role = import_speech(title="在全市经济工作会议上的讲话", speaker="市长 王萍",
                              date="2024年8月12日", paragraphs=["要抓好经济工作。"])
    without = import_speech(title="在座谈会上的讲话", speaker="李强", date="2023年3月1日",
                            paragraphs=["座谈会讲话。"])
    return with_role, without


def test_the_meetings_page_sorts_by_name_not_by_a_persons_name(viewer_client, speeches):
    doc = lxml.html.fromstring(viewer_client.get(reverse("meeting_list")).content)
    links = doc.cssselect(".sort-links")[0].text_content()
    assert "名称" in links and "姓名" not in links


def test_always_printed_as_above_only_where_roles_are_listed_above(viewer_client, speeches):
    with_role, without = speeches
    assert with_role.role and not without.role
    # With a role, the printed forms (市长 王萍) are listed as names seen.
    doc = lxml.html.fromstring(viewer_client.get(with_role.speaker.get_absolute_url()).content)
    assert "市长 王萍" in doc.cssselect(".tag-list")[0].text_content()
    page = viewer_client.get(without.speaker.get_absolute_url()).content.decode()
    assert "署名始终如上" not in page
    assert "署名始终为“李强”，不带职务。" in page


@pytest.mark.usefixtures("pending_dir")
def test_the_preview_summary_separates_its_facts(editor_client, seed_bytes):
    response = editor_client.post(
        reverse("compilation_upload"), {"file": SimpleUploadedFile("seed.txt", seed_bytes)}
    )
    doc = lxml.html.fromstring(editor_client.get(response.url).content)
    summary = doc.cssselect("p.compilation-meta")[0]
    assert "dot-list" in summary.get("class")  # "·" between the items (base.css)
    assert len(summary.cssselect("span")) >= 5
