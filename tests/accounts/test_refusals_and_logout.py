"""What a refused or logged-out person reads: the 403 page names the role a page needs,
a visitor who may not read sees no menu of pages that would only refuse them, and logging
out says so on the login page."""

import lxml.html
import pytest
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse

from config.urls import urlpatterns as site_urls


def refuse(request):
    raise PermissionDenied


urlpatterns = [path("refused/", refuse), *site_urls]


def doc_of(response):
    return lxml.html.fromstring(response.content.decode())


def test_the_403_page_names_the_role_the_page_needs(viewer_client):
    response = viewer_client.get(reverse("my_annotations"))
    assert response.status_code == 403
    doc = doc_of(response)
    text = " ".join(doc.cssselect("main")[0].text_content().split())
    assert "此页面需要“标注员”或更高的角色" in text
    assert "您的账户（viewer）的角色是“读者”" in text
    assert reverse("home") in [a.get("href") for a in doc.cssselect("main a")]


def test_an_account_without_a_role_is_told_so_and_sees_no_menu(client, no_role_user):
    client.force_login(no_role_user)
    response = client.get(reverse("home"))
    assert response.status_code == 403
    doc = doc_of(response)
    assert "此页面需要“读者”或更高的角色" in doc.cssselect("main")[0].text_content()
    # Home would refuse them too; the menu's pages as well.
    assert doc.cssselect("main a") == []
    assert doc.cssselect(".site-nav, .site-search") == []


@pytest.mark.urls(__name__)
def test_a_refusal_that_names_no_role_says_what_to_do(viewer_client):
    response = viewer_client.get("/refused/")
    assert response.status_code == 403
    assert "您的账户角色不允许此操作，请联系编辑。" in response.content.decode()


@pytest.mark.parametrize("public", [False, True])
def test_visitors_see_the_menu_only_when_they_may_read(client, db, settings, public):
    settings.ANONYMOUS_READ = public
    doc = doc_of(client.get(reverse("login")))
    assert bool(doc.cssselect(".site-nav a[href='/speeches/']")) is public
    assert bool(doc.cssselect(".nav-toggle__label")) is public
    assert doc.cssselect(".site-tools a[href^='/accounts/login/']")


@pytest.mark.parametrize(
    ("language", "said"), [("zh-hans", "您已退出登录。"), ("en", "You have been logged out.")]
)
def test_logging_out_says_so_on_the_login_page(client, viewer, language, said):
    client.force_login(viewer)
    client.cookies["django_language"] = language
    response = client.post(reverse("logout"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("login")
    doc = doc_of(response)
    (message,) = doc.cssselect(".messages .message")
    assert message.text_content().strip() == said
    assert doc.cssselect("form input[name=username]")
    # Shown once.
    assert said not in client.get(reverse("login")).content.decode()


def test_the_password_page_addresses_the_user_as_您(viewer_client):
    # Django's own catalogue says 你 in these messages; the site says 您 everywhere.
    response = viewer_client.post(
        reverse("password_change"),
        {"old_password": "wrong", "new_password1": "12345", "new_password2": "12345"},
    )
    assert response.status_code == 200
    text = " ".join(doc_of(response).cssselect("main")[0].text_content().split())
    assert "您的旧密码不正确，请重新输入。" in text
    assert "您的密码不能全是数字。" in text  # the rules listed under the field
    assert "您的密码必须包含至少 8 个字符。" in text
    assert "你" not in text
