"""The served OpenAPI document is valid OpenAPI 3.1 (openapi-spec-validator),
declares both ways in (bearer token and session cookie), names the content
type each operation really sends, and its parameter examples work on the
sample compilation."""

import json

import pytest
from openapi_spec_validator import OpenAPIV31SpecValidator

from accounts.tokens import create_token
from annotations import services
from annotations.models import Annotation, Theme
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(viewer_client):
    response = viewer_client.get("/api/openapi.json")
    assert response.status_code == 200
    return json.loads(response.content)


def test_the_document_is_valid_openapi_31(document):
    validator = OpenAPIV31SpecValidator(document)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors()]
    assert errors == []
    assert document["openapi"].startswith("3.1")


def test_parameter_examples_are_maps_of_example_objects(document):
    seen = 0
    for operations in document["paths"].values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if "examples" in parameter:
                    seen += 1
                    assert isinstance(parameter["examples"], dict)
                    assert all("value" in e for e in parameter["examples"].values())
    assert seen >= 20


def test_bearer_tokens_and_the_session_are_both_declared(document):
    schemes = document["components"]["securitySchemes"]
    bearer = [name for name, s in schemes.items() if (s["type"], s.get("scheme")) == (
        "http",
        "bearer",
    )]
    cookie = [name for name, s in schemes.items() if s.get("in") == "cookie"]
    assert bearer and cookie
    secured = [
        op for ops in document["paths"].values() for op in ops.values() if op.get("security")
    ]
    assert len(secured) >= 30
    for operation in secured:
        names = {name for requirement in operation["security"] for name in requirement}
        assert set(bearer) <= names and set(cookie) <= names, operation["operationId"]


def test_each_operation_declares_the_content_type_it_sends(
    document, viewer_client, seed_compilation, annotator
):
    """Every GET whose path parameters the sample fills answers with a
    content type its 200 response declares (JSON-LD as application/ld+json)."""
    paragraph = seed_compilation.speeches.first().paragraphs.first()
    theme = Theme.objects.first()
    services.tag_passage(
        paragraph=paragraph,
        start=0,
        end=4,
        quote=paragraph.text[:4],
        themes=[theme],
        author=annotator,
        note="",
    )
    annotation = Annotation.objects.get()
    checked = 0
    for path, operations in document["paths"].items():
        operation = operations.get("get")
        if operation is None or path in ("/api/openapi.json",):
            continue
        url = path.replace("{annotation_id}", str(annotation.pk))
        url = url.replace("{speech_id}", str(annotation.paragraph.speech_id))
        url = url.replace("{compilation_id}", str(seed_compilation.pk))
        if "{" in url:
            continue
        params = {"q": "人大"} if path.endswith("/search") or "search" in path else {}
        response = viewer_client.get(url, params)
        if response.status_code != 200:
            continue
        declared = set(operation["responses"]["200"].get("content", {}))
        sent = response["Content-Type"].split(";")[0]
        assert sent in declared, (path, sent, declared)
        checked += 1
    assert checked >= 15


def test_parameter_examples_work_on_the_sample_data(document, seed_compilation):
    """Each query parameter's example, sent alone to its operation, is
    accepted on the sample compilation (a refused example teaches nothing)."""
    from django.test import Client

    # The accounts the examples name (docs/api.md uses lihua) are part of the sample.
    make_user("lihua", "annotator")
    # An editor reads every GET operation (some, like the orphan queue, are editors' only).
    editor = make_user("examples-editor", "editor")
    _token, secret = create_token(user=editor, name="examples", scope="read")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    tried = 0
    for path, operations in document["paths"].items():
        operation = operations.get("get")
        if operation is None or "{" in path:
            continue
        required = {
            p["name"]: next(iter(p["examples"].values()))["value"]
            for p in operation.get("parameters", [])
            if p.get("required") and p["in"] == "query" and "examples" in p
        }
        for parameter in operation.get("parameters", []):
            if parameter["in"] != "query" or "examples" not in parameter:
                continue
            for example in parameter["examples"].values():
                value = example["value"]
                # The sample's ids: PostgreSQL's sequences are not reset between tests.
                if parameter["name"] == "compilation":
                    value = seed_compilation.pk
                elif parameter["name"] == "speech":
                    value = seed_compilation.speeches.order_by("position")[value - 1].pk
                if isinstance(value, bool):
                    value = str(value).lower()
                response = client.get(path, {**required, parameter["name"]: value})
                assert response.status_code == 200, (
                    path,
                    parameter["name"],
                    value,
                    response.content[:300],
                )
                tried += 1
    assert tried >= 20
