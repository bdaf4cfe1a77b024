"""Every main page runs under the Content-Security-Policy with no console
error: no inline script or style attribute is blocked, no resource is
loaded from elsewhere (config/settings.py CONTENT_SECURITY_POLICY)."""

import pytest

from annotations import services
from annotations.models import Theme
from tests.conftest import log_in

pytestmark = pytest.mark.browser


def test_the_main_pages_pass_the_policy_with_no_console_error(
    page, editor, seed_compilation, codebook
):
    speech = seed_compilation.speeches.order_by("position").first()
    paragraph = speech.paragraphs.order_by("position").first()
    theme = Theme.objects.order_by("pk").first()
    services.tag_passage(
        paragraph=paragraph,
        start=0,
        end=4,
        quote=paragraph.text[:4],
        themes=[theme],
        author=editor,
        note="备注",
    )
    services.write_comment(paragraph=paragraph, author=editor, body="评论")
    speaker = speech.speaker
    problems: list[str] = []
    page.on(
        "console",
        lambda message: problems.append(f"{page.url}: {message.text}")
        if message.type == "error"
        else None,
    )
    page.on("pageerror", lambda error: problems.append(f"{page.url}: {error}"))

    response = page.goto("/accounts/login/")
    policy = response.headers.get("content-security-policy", "")
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    log_in(page, editor)
    pages = [
        "/",
        "/speeches/",
        f"/speeches/{speech.pk}/",
        f"/speeches/{speech.pk}/history/",
        "/speakers/",
        f"/speakers/{speaker.slug}/" if speaker else "/speakers/",
        "/dates/",
        "/meetings/",
        "/search/?q=人大",
        "/compilations/",
        f"/compilations/{seed_compilation.pk}/",
        "/compilations/upload/",
        "/themes/",
        f"/themes/{theme.slug}/",
        f"/themes/{theme.slug}/manage/",
        "/themes/new/",
        "/themes/agreement/",
        "/annotations/mine/",
        "/exports/",
        "/accounts/tokens/",
        "/accounts/password/",
    ]
    for path in pages:
        response = page.goto(path)
        assert response.status == 200, path
        assert response.headers.get("content-security-policy"), path
        page.wait_for_load_state("networkidle")
    # The reader's own scripts: open a paragraph's panel.
    page.goto(f"/speeches/{speech.pk}/")
    page.wait_for_load_state("networkidle")
    assert problems == []
