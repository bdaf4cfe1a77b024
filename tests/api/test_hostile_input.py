"""Property tests: whatever text and numbers arrive in an API parameter or
body field, the answer is never a server error (docs/api.md).

Hypothesis draws any Unicode (NUL, lone surrogates, digits of other
scripts: ¹ ① ١, numbers past the database's range) into every query
parameter of every operation and into every field of the JSON bodies. The
schemathesis contract test (test_contract.py) sends what the schema
allows; these send what it does not.
"""

import json
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotations.models import Theme
from config.api import api

pytestmark = pytest.mark.django_db

DOCUMENT = api.get_openapi_schema()
QUERY_OPERATIONS = [
    (path, [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"])
    for path, operations in DOCUMENT["paths"].items()
    for method, operation in operations.items()
    if method == "get" and "{" not in path
]
QUERY_OPERATIONS = [(path, names) for path, names in QUERY_OPERATIONS if names]

NASTY = ["\x00", "\ud800", "\udfff", "¹", "①", "١٢", "𠀀", "\u200b", "-1", "9" * 25, "", " "]
TEXT = st.one_of(
    st.text(max_size=12),
    st.lists(st.sampled_from(NASTY), max_size=3).map("".join),
    st.text(st.characters(codec=None, categories=["Cs", "Cc", "Nd", "No", "Lo"]), max_size=6),
)
NUMBER = st.one_of(st.integers(), st.integers(min_value=2**62, max_value=2**70), TEXT)
VALUE = st.one_of(TEXT, NUMBER, st.booleans(), st.none(), st.lists(NUMBER, max_size=3))
SETTINGS = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)


def send_json(client, method, path, body):
    # ensure_ascii writes a lone surrogate as \\udXXX, as a script could.
    raw = json.dumps(body, ensure_ascii=True)
    return getattr(client, method)(path, data=raw, content_type="application/json")


def assert_no_server_error(response, what):
    assert response.status_code < 500, (what, response.status_code, response.content[:300])
    # Never the HTML error page: JSON, or the file the operation sends (an SVG chart too).
    assert response["Content-Type"].startswith(
        ("application/json", "text/", "application/", "image/svg+xml")
    )


def test_the_walk_covers_the_filters():
    assert len(QUERY_OPERATIONS) >= 8


@pytest.mark.parametrize("path,names", QUERY_OPERATIONS, ids=[p for p, _ in QUERY_OPERATIONS])
def test_any_query_parameter_value(editor_client, seed_compilation, path, names):
    @SETTINGS
    @given(st.dictionaries(st.sampled_from(names + ["theme", "q"]), TEXT, max_size=3))
    def check(params):
        # Percent-encoded by hand: a lone surrogate goes out as the bytes a
        # careless client would send (invalid UTF-8).
        query = "&".join(
            f"{quote(k)}={quote(v, errors='surrogatepass')}" for k, v in params.items()
        )
        response = editor_client.get(path, QUERY_STRING=query)
        assert_no_server_error(response, (path, params))

    check()


def body_fields(seed_compilation):
    paragraph = seed_compilation.speeches.first().paragraphs.first()
    theme = Theme.objects.first()
    return {
        ("post", "/api/themes"): {"name": "主题", "colour": "#2f5f9e", "description": "",
                                  "keywords": [], "parent_id": None},
        ("patch", f"/api/themes/{theme.pk}"): {"name": "主题", "description": "x"},
        ("post", "/api/comments"): {"paragraph_id": paragraph.pk, "body": "评论",
                                    "parent_id": None},
        ("post", "/api/annotations"): {
            "paragraph_id": paragraph.pk,
            "start": 0,
            "end": 2,
            "quote": paragraph.text[:2],
            "theme_ids": [theme.pk],
            "note": "",
        },
        ("post", "/api/suggestions/accept"): {"paragraph_id": paragraph.pk,
                                              "theme_id": theme.pk},
        ("post", f"/api/themes/{theme.pk}/merge"): {"into_id": theme.pk},
    }


def test_any_value_in_any_body_field(editor_client, seed_compilation):
    operations = body_fields(seed_compilation)

    @SETTINGS
    @given(
        st.sampled_from(sorted(operations)),
        st.data(),
    )
    def check(operation, data):
        method, path = operation
        body = dict(operations[operation])
        field = data.draw(st.sampled_from(sorted(body)))
        body[field] = data.draw(VALUE)
        response = send_json(editor_client, method, path, body)
        assert_no_server_error(response, (method, path, field, body[field]))

    check()


def test_bodies_that_are_not_objects(editor_client, seed_compilation):
    @SETTINGS
    @given(st.sampled_from(["/api/themes", "/api/comments", "/api/annotations"]), VALUE)
    def check(path, body):
        assert_no_server_error(send_json(editor_client, "post", path, body), (path, body))

    check()
