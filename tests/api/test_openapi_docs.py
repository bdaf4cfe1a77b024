"""The OpenAPI document at /api/docs explains every operation.

Scripts are written from /api/docs, so each operation must say what it does
and show what to send and what comes back, and every example shown must be
one the schema accepts (an example that has drifted from its schema teaches
the wrong thing). Every list pages the same way, so one loop reads them all.
"""

import json
import re

import jsonschema_rs
import lxml.html
import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

from config.api import api
from config.urls import urlpatterns

DOCUMENT = api.get_openapi_schema()
COMPONENTS = DOCUMENT["components"]["schemas"]
OPERATIONS = [
    pytest.param(operation, id=f"{method.upper()} {path}")
    for path, methods in DOCUMENT["paths"].items()
    for method, operation in methods.items()
]


def _resolve(schema: dict) -> dict:
    ref = schema.get("$ref")
    return COMPONENTS[ref.rsplit("/", 1)[-1]] if ref else schema


def _shows_example(schema: dict | None) -> bool:
    """An example on the schema itself, or on what it is a list or a page of."""
    if not schema:
        return False
    schema = _resolve(schema)
    if "example" in schema or "examples" in schema:
        return True
    if schema.get("type") == "array":
        return _shows_example(schema.get("items"))
    if any(_shows_example(part) for key in ("anyOf", "oneOf") for part in schema.get(key, [])):
        return True
    properties = schema.get("properties", {})
    if "items" in properties:  # a page: {items, total, limit, offset}
        return _shows_example(properties["items"])
    # A form body: each field shows its own.
    return bool(properties) and all(_shows_example(p) for p in properties.values())


def _content_shows_example(content: dict) -> bool:
    return any(
        "example" in media or "examples" in media or _shows_example(media.get("schema"))
        for media in content.values()
    )


def _validator(schema: dict):
    # References point into the document's components, so the document's
    # components travel with the schema being checked.
    return jsonschema_rs.validator_for({**schema, "components": DOCUMENT["components"]})


def test_every_operation_is_documented():
    assert len(OPERATIONS) >= 30  # the walk below really walks the API


@pytest.mark.parametrize("operation", OPERATIONS)
def test_operation_has_summary_and_description(operation):
    assert operation.get("summary", "").strip()
    assert len(operation.get("description", "").strip()) >= 20


@pytest.mark.parametrize("operation", OPERATIONS)
def test_operation_shows_what_comes_back(operation):
    successes = {
        str(code): response
        for code, response in operation["responses"].items()
        if str(code).startswith("2") and response.get("content")
    }
    for code, response in successes.items():
        assert _content_shows_example(response["content"]), f"no example for {code}"


@pytest.mark.parametrize("operation", OPERATIONS)
def test_operation_shows_what_to_send(operation):
    body = operation.get("requestBody")
    if body:
        assert _content_shows_example(body["content"])
    for parameter in operation.get("parameters", []):
        if parameter.get("deprecated") or parameter["schema"].get("deprecated"):
            continue
        schema = _resolve(parameter["schema"])
        # A closed list of values (sort orders) documents itself.
        assert "enum" in schema or _shows_example(schema) or "example" in parameter, parameter[
            "name"
        ]


@pytest.mark.parametrize(
    "name", [name for name, schema in COMPONENTS.items() if "examples" in schema]
)
def test_schema_examples_are_valid(name):
    schema = COMPONENTS[name]
    validator = _validator({key: value for key, value in schema.items() if key != "examples"})
    for example in schema["examples"]:
        errors = [error.message for error in validator.iter_errors(example)]
        assert not errors, errors


@pytest.mark.parametrize("operation", OPERATIONS)
def test_parameter_examples_are_valid(operation):
    for parameter in operation.get("parameters", []):
        schema = parameter["schema"]
        validator = _validator({key: value for key, value in schema.items() if key != "examples"})
        for example in schema.get("examples", []):
            assert validator.is_valid(example), (parameter["name"], example)


def test_examples_in_components_are_many():
    # Every page item, body and answer of the API carries one.
    assert sum("examples" in schema for schema in COMPONENTS.values()) >= 20


PAGE_FIELDS = {"items", "total", "limit", "offset"}


def _ok_schema(operation: dict) -> dict | None:
    """The JSON schema of the operation's 200 answer, if it answers JSON."""
    response = operation["responses"].get(200) or operation["responses"].get("200") or {}
    schema = response.get("content", {}).get("application/json", {}).get("schema")
    return _resolve(schema) if schema else None


def _query_parameters(operation: dict) -> set[str]:
    return {p["name"] for p in operation.get("parameters", []) if p["in"] == "query"}


GETS = [
    (path, operation)
    for path, methods in DOCUMENT["paths"].items()
    for method, operation in methods.items()
    if method == "get"
]
# A list is any GET that answers items or takes a page's parameters; each
# must then be a whole page, so a list that forgot its pagination shows here.
LISTS = [
    pytest.param(operation, id=f"GET {path}")
    for path, operation in GETS
    if (schema := _ok_schema(operation)) is not None
    and (
        schema.get("type") == "array"
        or "items" in schema.get("properties", {})
        or _query_parameters(operation) & {"limit", "offset"}
    )
]


def test_the_api_has_many_lists():
    assert len(LISTS) >= 8  # compilations, speeches, speakers, search, themes, annotations…


@pytest.mark.parametrize("operation", LISTS)
def test_every_list_is_a_page_taken_by_limit_and_offset(operation):
    parameters = {p["name"]: p for p in operation["parameters"]}
    for name, least in (("limit", 1), ("offset", 0)):
        assert parameters[name]["in"] == "query" and not parameters[name].get("required")
        assert parameters[name]["schema"]["type"] == "integer"
        assert parameters[name]["schema"]["minimum"] == least
    schema = _ok_schema(operation)
    assert schema.get("type") == "object", "a bare list: it has no total to page by"
    properties = schema["properties"]
    # A search page says more (the parsed query, whether the total is exact).
    assert PAGE_FIELDS.issubset(properties) and PAGE_FIELDS.issubset(schema["required"])
    assert properties["items"]["type"] == "array"
    assert all(properties[name]["type"] == "integer" for name in ("total", "limit", "offset"))


def test_the_docs_page_answers_with_local_assets_only(viewer_client):
    """The reference works on a server without access to the internet (and
    sends no reader's address to a CDN): every script, style and icon is
    served by the project itself."""
    response = viewer_client.get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert not re.search(r"(?:src|href)\s*=\s*[\"']?(?:https?:)?//", html)
    doc = lxml.html.fromstring(html)
    assets = [e.get("src") for e in doc.cssselect("script[src], img[src]")] + [
        e.get("href") for e in doc.cssselect("link[href]")
    ]
    assert len(assets) >= 3  # the Swagger UI script, its style and its start-up
    for asset in assets:
        assert asset.startswith(settings.STATIC_URL), asset
        assert finders.find(asset.removeprefix(settings.STATIC_URL)), f"{asset} is not shipped"


def test_the_served_document_is_json_with_every_route(viewer_client):
    """Every route mounted under /api/ is in the document scripts read, as built."""
    response = viewer_client.get("/api/openapi.json")
    assert response.status_code == 200
    document = json.loads(response.content)
    (mounted,) = [p for p in urlpatterns if str(p.pattern) == "api/"]
    routes = {
        "/api/" + re.sub(r"<(\w+)>", r"{\1}", str(p.pattern))
        for p in mounted.url_patterns
        if p.name not in {"openapi-json", "openapi-view", "api-root"}
    }
    assert set(document["paths"]) == routes
    assert len(routes) >= 25
    assert document["paths"] == json.loads(json.dumps(DOCUMENT["paths"]))


def test_served_document_has_no_duplicate_keys(client, viewer):
    # Swagger UI refuses a document with a key twice ("duplicated mapping
    # key"): an int and a str status code merged into one mapping give that.
    def unique(pairs):
        keys = [key for key, _ in pairs]
        assert len(keys) == len(set(keys)), keys
        return dict(pairs)

    client.force_login(viewer)
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    document = json.loads(response.content, object_pairs_hook=unique)
    assert document["paths"]
