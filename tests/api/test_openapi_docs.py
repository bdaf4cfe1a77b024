"""The OpenAPI document at /api/docs explains every operation.

Scripts are written from /api/docs, so each operation must say what it does
and show what to send and what comes back, and every example shown must be
one the schema accepts (an example that has drifted from its schema teaches
the wrong thing).
"""

import jsonschema_rs
import pytest

from config.api import api

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
