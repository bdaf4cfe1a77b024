"""Window titles say which page this is, even where the brand 讲话 is also a word."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def window_title(response) -> str:
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1).strip()


def test_the_speech_list_is_not_titled_like_the_site(viewer_client, seed_compilation):
    assert window_title(viewer_client.get(reverse("speech_list"))) == "全部讲话 · 讲话"
    viewer_client.post(reverse("set_language"), {"language": "en"})
    assert window_title(viewer_client.get(reverse("speech_list"))) == "All speeches · Jianghua"


def test_every_page_title_differs_from_the_site_name(viewer_client, seed_compilation):
    speech = seed_compilation.speeches.first()
    for url in (reverse("home"), reverse("speech_list"), reverse("speaker_list"),
                reverse("date_archive"), reverse("meeting_list"), reverse("search_page"),
                reverse("compilation_list"), speech.get_absolute_url()):
        title = window_title(viewer_client.get(url))
        first, _, site = title.rpartition(" · ")
        assert site == "讲话" and first and first != site, (url, title)
