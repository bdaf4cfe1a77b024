"""/jsi18n/ is built once per language, and browsers revalidate it cheaply."""

import pytest
from django.core.cache import cache
from django.views.i18n import JavaScriptCatalog

URL = "/jsi18n/"


@pytest.fixture
def builds(monkeypatch):
    cache.clear()
    calls = []
    render = JavaScriptCatalog.render_to_response

    def counting(self, context, **kwargs):
        calls.append(self.request.LANGUAGE_CODE)
        return render(self, context, **kwargs)

    monkeypatch.setattr(JavaScriptCatalog, "render_to_response", counting)
    yield calls
    cache.clear()


def test_the_catalogue_is_built_once_per_language(client, builds):
    chinese = client.get(URL, HTTP_ACCEPT_LANGUAGE="zh-hans")
    again = client.get(URL, HTTP_ACCEPT_LANGUAGE="zh-hans")
    english = client.get(URL, HTTP_ACCEPT_LANGUAGE="en")
    client.get(URL, HTTP_ACCEPT_LANGUAGE="en")
    assert builds == ["zh-hans", "en"]
    assert chinese.status_code == again.status_code == english.status_code == 200
    assert chinese.content == again.content != english.content
    assert chinese["Content-Type"].startswith("text/javascript")
    assert "no-cache" in chinese["Cache-Control"]


def test_browsers_revalidate_and_get_a_304(client, builds):
    first = client.get(URL)
    revalidated = client.get(URL, HTTP_IF_NONE_MATCH=first["ETag"])
    assert revalidated.status_code == 304 and revalidated.content == b""
    assert len(builds) == 1


def test_switching_language_by_cookie_gets_the_other_catalogue(client, settings):
    # The switch sets a cookie; the browser revalidates its cached Chinese
    # catalogue and must get the English one, not a 304.
    chinese = client.get(URL, HTTP_ACCEPT_LANGUAGE="zh-hans")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(
        URL, HTTP_ACCEPT_LANGUAGE="zh-hans", HTTP_IF_NONE_MATCH=chinese["ETag"]
    )
    assert english.status_code == 200
    assert english["ETag"] != chinese["ETag"]
    assert english.content != chinese.content
