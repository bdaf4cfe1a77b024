"""The import job's page: a progress bar that follows the job, with and
without JavaScript, after leaving and coming back, to the compilation."""

import pytest
from django.utils import timezone

from speeches.models import ImportJob
from speeches.services.jobs import run_import_job, start_import
from tests.conftest import SEED, log_in

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("pending_dir")]


def advance(job, stage: str, percent: int) -> None:
    """What the worker writes as it goes."""
    ImportJob.objects.filter(pk=job.pk).update(
        stage=stage, percent=percent, started_at=timezone.now() - timezone.timedelta(seconds=4)
    )


def test_the_bar_follows_the_job_and_leads_to_the_compilation(page, editor):
    job = start_import(data=SEED.read_bytes(), filename=SEED.name, user=editor, enqueue=False)
    log_in(page, editor)
    page.goto(job.get_absolute_url())
    bar = page.locator("progress.job-progress__bar")
    assert bar.get_attribute("value") == "0"
    assert page.locator(".job-progress__stage").inner_text() == "等待后台处理"

    advance(job, "segmenting", 40)
    page.wait_for_function(
        "() => document.querySelector('progress.job-progress__bar').value === 40"
    )
    assert page.locator(".job-progress__stage").inner_text() == "分词"
    assert page.locator(".job-progress__percent").inner_text() == "40%"
    left = page.locator(".job-progress__left").inner_text()
    assert left.startswith("约剩 ") and left.endswith(" 秒")

    # Leaving and coming back: the page shows where the job is now.
    page.goto("/")
    advance(job, "writing", 70)
    page.goto(job.get_absolute_url())
    assert page.locator("progress.job-progress__bar").get_attribute("value") == "70"
    assert page.locator(".job-progress__stage").inner_text() == "写入"

    run_import_job(job_id=job.pk)  # the worker finishes: the page reloads to the result
    link = page.locator("a.import-job__result")
    link.wait_for()
    assert "已导入" in page.locator(".import-job .message").inner_text()
    assert "5 篇讲话" in page.locator(".import-job .message").inner_text()
    link.click()
    page.wait_for_selector(".speech-table")
    assert page.locator(".speech-table tbody tr").count() == 5


def test_without_javascript_the_page_refreshes_itself(browser_context, live_server, editor):
    job = start_import(data=SEED.read_bytes(), filename=SEED.name, user=editor, enqueue=False)
    context = browser_context.browser.new_context(
        base_url=live_server.url, locale="zh-CN", java_script_enabled=False
    )
    page = context.new_page()
    log_in(page, editor)
    page.goto(job.get_absolute_url())
    assert page.locator("progress.job-progress__bar").get_attribute("value") == "0"
    advance(job, "parsing", 12)
    page.wait_for_selector("progress.job-progress__bar[value='12']", timeout=15_000)
    ImportJob.objects.filter(pk=job.pk).update(
        stage="failed", error="文件是 PDF 格式，无法导入", finished_at=timezone.now()
    )
    page.wait_for_selector(".import-job__reason", timeout=15_000)
    assert "PDF" in page.locator(".import-job__reason").inner_text()
    context.close()
