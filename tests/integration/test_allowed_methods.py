"""Every page declares the methods it accepts and refuses the others with 405.

A Django view without a declaration answers any method as if it were a GET
(or a POST). The pages are walked from the resolver, so a page added
without ``require_safe``, ``require_http_methods``, ``require_POST`` or
``http_method_names`` fails here. No page accepts PUT: sent to each, it
must come back 405 with an ``Allow`` header that lists what the page
declared. The API has its own methods (ninja answers 405 per operation),
the admin and Django's language switch are Django's own.
"""

import pytest

from core.http import FORM_METHODS
from tests.integration.urlwalk import concrete_url, url_patterns

NOT_PAGES = ("api/", "admin/", "i18n/")
PAGE_METHODS = set(FORM_METHODS)


def pages() -> list:
    seen: dict[str, str | None] = {}
    for route, name in url_patterns():
        if not route.startswith(NOT_PAGES) and route not in seen:
            seen[route] = name
    return [pytest.param(route, name, id=route or "/") for route, name in seen.items()]


def allowed(response) -> set[str]:
    return {method.strip() for method in response["Allow"].split(",")}


def test_the_walk_finds_the_pages():
    routes = {param.values[0] for param in pages()}
    assert {"", "speeches/<int:pk>/", "search/", "accounts/login/", "jsi18n/"} <= routes
    assert not any(route.startswith(NOT_PAGES) for route in routes)


@pytest.mark.parametrize(("route", "name"), pages())
def test_every_page_declares_its_methods(client, admin_user, route, name):
    url = concrete_url(route, name)
    # The method is checked inside the role decorators: a visitor is sent to
    # log in first. The login page sends a signed-in account away first.
    # A page that takes PUT fails either way: it is served, or not found.
    response = client.put(url)
    if response.status_code != 405:
        client.force_login(admin_user)
        response = client.put(url)
    assert response.status_code == 405, (url, response.status_code)
    methods = allowed(response)
    assert methods and methods <= PAGE_METHODS, (url, methods)
    if "GET" in methods:
        assert "HEAD" in methods, (url, methods)
        client.force_login(admin_user)
        assert client.head(url).status_code != 405, url
