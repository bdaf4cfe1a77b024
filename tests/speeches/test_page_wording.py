"""Labels that say what they count and where things stand, from a new
user's walk: the import job page's heading once the import is over, the
role-only speakers' counts, the year chart's tooltips in either language."""

import lxml.html
import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from speeches.models import ImportJob
from speeches.services.jobs import run_import_job, start_import
from speeches.templatetags.speeches_tags import year_chart
from tests.speeches.browse_data import import_speech


def heading(response) -> tuple[str, str]:
    doc = lxml.html.fromstring(response.content.decode())
    return doc.cssselect("h1")[0].text_content().strip(), doc.findtext(".//title")


def job_page(client, job):
    return client.get(reverse("import_job_detail", args=[job.pk]))


def test_the_job_pages_heading_says_what_came_of_the_import(editor_client, editor, seed_bytes):
    job = start_import(data=seed_bytes, filename="讲话.txt", user=editor, enqueue=False)
    ImportJob.objects.filter(pk=job.pk).update(stage="segmenting", percent=41)
    title, page_title = heading(job_page(editor_client, job))
    assert title == "正在导入 讲话.txt" and page_title.startswith(title)

    done = run_import_job(job_id=job.pk)
    title, page_title = heading(job_page(editor_client, done))
    assert title == "已导入 讲话.txt" and page_title.startswith(title)

    refused = start_import(data=b"\x89PNG\r\n\x1a\n", filename="a.png", user=editor, enqueue=False)
    failed = run_import_job(job_id=refused.pk)
    title, page_title = heading(job_page(editor_client, failed))
    assert title == "a.png 导入失败" and page_title.startswith(title)


def test_a_role_only_speakers_count_says_speeches(viewer_client, db):
    import_speech(
        title="市长在全市人大工作会议上的讲话", date="2024年3月1日", paragraphs=["一段。"]
    )
    import_speech(title="市长在全市经济工作会议上的讲话", paragraphs=["又一段。"])
    doc = lxml.html.fromstring(viewer_client.get(reverse("speaker_list")).content)
    (count,) = doc.cssselect(".speakers-role-only .count")
    assert count.text_content().strip() == "2 篇讲话\xa0· 2024"


@pytest.mark.parametrize(
    ("language", "titles"),
    [("zh-hans", ["2023年：1", "2024年：5"]), ("en", ["2023: 1", "2024: 5"])],
)
def test_a_bars_tooltip_has_its_languages_colon(language, titles):
    with translation.override(language):
        html = render_to_string("speeches/_year_chart.html", year_chart([(2023, 1), (2024, 5)]))
    assert [t.text_content() for t in lxml.html.fromstring(html).iter("title")] == titles
