"""Nothing is open by accident: every URL and every API operation refuses
visitors and accounts without a role, and every API write refuses the roles
below the one it declares.

The URLs come from the resolver and the operations from the OpenAPI
schema, so a view or an operation added without protection fails here
unless it joins the short list of pages meant for everyone.
"""

import re

import pytest

from accounts.api_auth import SessionRoleAuth
from accounts.roles import Role
from config.api import api
from tests.integration.urlwalk import concrete_url, url_patterns

# Pages anyone may open: logging in and out, choosing a language, the
# JavaScript catalogue, the API's own description, and the admin's login.
OPEN = {
    "login",
    "logout",
    "set_language",
    "javascript-catalog",
    "api:openapi-json",
    "api:openapi-view",
    "api:api-root",
    "admin:login",
    "admin:logout",
}
LOGIN_PAGES = ("/accounts/login/", "/admin/login/")
UNSAFE = {"post", "put", "patch", "delete"}


def guarded_urls() -> list:
    seen: dict[str, str | None] = {}
    for route, name in url_patterns():
        if name not in OPEN and route not in seen:
            seen[route] = name
    return [pytest.param(route, name, id=route or "/") for route, name in seen.items()]


def refusal(client, url: str):
    """GET the URL; a view that does not take GET gets a method it takes."""
    response = client.get(url)
    if response.status_code == 405:
        allowed = [m.strip().lower() for m in response["Allow"].split(",")]
        method = next(m for m in ("post", "patch", "put", "delete") if m in allowed)
        response = getattr(client, method)(url)
    return response


def is_refused(response) -> bool:
    if response.status_code in (401, 403):
        return True
    return response.status_code == 302 and response["Location"].startswith(LOGIN_PAGES)


@pytest.mark.parametrize(("route", "name"), guarded_urls())
def test_every_url_refuses_visitors_and_accounts_without_a_role(
    client, no_role_user, settings, route, name
):
    settings.ANONYMOUS_READ = False
    url = concrete_url(route, name)
    anonymous = refusal(client, url)
    assert is_refused(anonymous), (url, anonymous.status_code, anonymous.get("Location"))
    client.force_login(no_role_user)
    signed_in = refusal(client, url)
    assert is_refused(signed_in), (url, signed_in.status_code, signed_in.get("Location"))


# The API, operation by operation ------------------------------------------


def declared_roles() -> dict[str, Role]:
    """operation id -> the role its authentication asks for."""
    roles = {}
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                asked = {a.role for a in operation.auth_callbacks if isinstance(a, SessionRoleAuth)}
                assert len(asked) == 1, f"{operation.operation_id}: auth {operation.auth_callbacks}"
                roles[operation.operation_id] = asked.pop()
    return roles


def api_operations() -> list:
    schema = api.get_openapi_schema()
    operations = []
    for path, methods in schema["paths"].items():
        url = re.sub(r"\{\w+\}", "1", path)
        for method, spec in methods.items():
            operation = spec["operationId"]
            operations.append(pytest.param(method, url, operation, id=operation))
    return operations


OPERATIONS = api_operations()
ROLES = declared_roles()


def call(client, method: str, url: str):
    if method in UNSAFE:
        return getattr(client, method)(url, data="{}", content_type="application/json")
    return getattr(client, method)(url)


def test_every_operation_declares_its_role():
    assert {op.values[2] for op in OPERATIONS} == set(ROLES)
    writes = {op.values[2] for op in OPERATIONS if op.values[0] in UNSAFE}
    assert all(ROLES[operation] >= Role.ANNOTATOR for operation in writes)


@pytest.mark.parametrize(("method", "url", "operation"), OPERATIONS)
def test_every_operation_refuses_those_below_its_role(
    client, settings, method, url, operation, no_role_user, viewer, annotator
):
    settings.ANONYMOUS_READ = False
    nobody = call(client, method, url)
    assert nobody.status_code == 401, (operation, nobody.status_code)
    below = [no_role_user, viewer, annotator][: ROLES[operation]]
    for user in below:
        client.force_login(user)
        response = call(client, method, url)
        assert response.status_code == 403, (operation, user.username, response.status_code)
        assert response.json()["code"] == "forbidden"
