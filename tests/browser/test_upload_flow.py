"""An editor uploads the seed in the browser, corrects the preview and imports it."""

import pytest

from speeches.models import Compilation
from tests.conftest import SEED, log_in

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("pending_dir")]


def test_upload_correct_and_import(page, editor):
    log_in(page, editor)
    page.click(".user-menu summary")
    page.click(".user-menu >> text=上传")
    page.set_input_files("input[type=file]", str(SEED))
    page.click("main button[type=submit]")

    page.wait_for_selector("h1:has-text('核对上传内容')")
    assert page.locator(".preview-speech").count() == 5
    fourth = page.locator("#speech-4")
    assert "第 52 行" in fourth.locator(".warning").first.inner_text()
    page.fill("#id_compilation-title", "人大工作讲话汇编")
    page.fill("#id_speech-2-date", "2024年5月")
    heading = fourth.locator("textarea").first
    heading.fill("我市各级人大及其常委会依法履行监督职责，有效促进了政府工作")
    page.click("button[value=import]")

    # The import job's page (the tests' task backend runs it at once) leads on.
    page.wait_for_selector("a.import-job__result")
    assert "已导入《人大工作讲话汇编》：5 篇讲话。" in page.locator(".import-job").inner_text()
    page.click("a.import-job__result")
    page.wait_for_selector("h1:has-text('人大工作讲话汇编')")
    compilation = Compilation.objects.get()
    assert page.url.endswith(compilation.get_absolute_url())
    assert compilation.speeches.get(position=2).date_iso == "2024-05"
    rows = page.locator(".speech-table tbody tr")
    assert rows.count() == 5
    assert "王萍" in rows.nth(3).inner_text()


def test_a_refused_file_is_explained_on_the_page(page, editor, tmp_path):
    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n")
    log_in(page, editor)
    page.goto("/compilations/upload/")
    page.set_input_files("input[type=file]", str(pdf))
    page.click("main button[type=submit]")

    error = page.locator(".field--error .errorlist")
    assert "PDF" in error.inner_text()
    assert not Compilation.objects.exists()


def upload_seed(page):
    page.goto("/compilations/upload/")
    page.set_input_files("input[type=file]", str(SEED))
    page.click("main button[type=submit]")
    page.wait_for_selector("h1:has-text('核对上传内容')")


def test_discard_asks_first_only_when_something_was_corrected(page, editor):
    log_in(page, editor)
    dialogs, accept = [], []

    def answer(dialog):
        dialogs.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    page.on("dialog", answer)

    upload_seed(page)
    page.click("button[value=discard]")  # nothing corrected: discarded at once
    page.wait_for_selector(".messages:has-text('已放弃')")
    assert dialogs == []

    upload_seed(page)
    page.fill("#id_compilation-title", "改过的标题")
    page.click("button[value=discard]")
    assert len(dialogs) == 1 and "修改" in dialogs[0]
    # Dismissed: the preview stays, the correction in it.
    assert page.input_value("#id_compilation-title") == "改过的标题"
    assert "核对上传内容" in page.locator("h1").inner_text()

    accept.append(True)
    page.click("button[value=discard]")
    page.wait_for_selector(".messages:has-text('已放弃')")
    assert len(dialogs) == 2
    assert not Compilation.objects.exists()
