"""In the browser: a corrected text uploaded again becomes a new version, its
diff shows what changed, and an orphaned annotation is re-attached."""

import pytest

from annotations.models import Annotation
from speeches.models import Compilation
from tests.conftest import log_in
from tests.speeches.browse_data import import_text
from tests.speeches.test_versions import para, revised_paragraphs, tag, text_of

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("pending_dir")]


def test_a_new_version_its_diff_and_the_orphan_queue(
    page, editor, annotator, tmp_path, codebook
):
    from tests.speeches.test_versions import PARAGRAPHS

    original = import_text(text_of(PARAGRAPHS), source="原稿.txt")
    tag(para(original, 1), "要把人大监督放在", annotator)
    orphan = tag(para(original, 6), "第6段", annotator)
    revised = tmp_path / "修订稿.txt"
    revised.write_text(text_of(revised_paragraphs()), encoding="utf-8")

    log_in(page, editor)
    page.goto("/compilations/upload/")
    page.set_input_files("input[type=file]", str(revised))
    page.click("main button[type=submit]")
    page.wait_for_selector(".version-choice")
    assert "90%" in page.locator(".version-choice").inner_text()
    assert page.locator(f"input[name=version][value=new-{original.pk}]").is_checked()
    page.click("button[value=import]")
    # The import job's page says what moved to the new version, and leads to its diff.
    page.wait_for_selector(".import-job__carried")
    carried = page.locator(".import-job__carried").inner_text()
    assert "1 条精确定位" in carried and "1 条在待处理队列中" in carried
    new = Compilation.objects.exclude(pk=original.pk).get()
    page.click(".import-job__carried a:has-text('改动之处')")
    page.wait_for_url(f"**/compilations/{new.pk}/diff/")
    assert page.locator(".version-diff__changed del").first.inner_text() == "检"
    assert page.locator(".version-diff__added").count() == 1

    page.goto(f"{original.speeches.get().get_absolute_url()}#p7")
    page.wait_for_selector(".superseded__paragraph:not([hidden])")
    assert "¶6" in page.locator(".superseded__paragraph").inner_text()

    page.goto("/annotations/orphans/")
    card = page.locator(f"#orphan-{orphan.pk}")
    assert "第6段" in card.locator(".orphan__old").inner_text()
    card.locator("select[name=paragraph]").select_option(str(para(new, 6).pk))
    card.locator("input[name=quote]").fill("第7段")
    card.locator("button:has-text('重新定位')").click()
    page.wait_for_selector(".messages")
    orphan.refresh_from_db()
    assert orphan.orphaned_at is None and orphan.paragraph == para(new, 6)
    assert Annotation.objects.filter(orphaned_at__isnull=False).count() == 0
