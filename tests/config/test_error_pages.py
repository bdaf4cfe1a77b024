"""The server-error page stands alone: no context, no inline style, both languages."""

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import path


def broken(request):
    raise RuntimeError("boom")


urlpatterns = [path("broken/", broken)]


@pytest.mark.urls(__name__)
def test_a_server_error_page_without_inline_style(db):
    response = Client(raise_request_exception=False).get("/broken/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "style=" not in html and "<style" not in html and "<script" not in html
    assert "boom" not in html
    assert "服务器出错了" in html and "Something went wrong on the server" in html
    assert 'href="/static/css/error.css"' in html
    assert finders.find("css/error.css")
