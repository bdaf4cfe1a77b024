"""The text guard reads any JSON body, however deeply nested, without a
server error: too deep for Python's parser is left to the operation (a 400),
and within its reach every string is checked, at any depth."""

import pytest

from annotations.models import Theme
from config.text_guard import unstorable

pytestmark = pytest.mark.django_db


def nested(depth: int, inner: str = "1") -> str:
    return "[" * depth + inner + "]" * depth


@pytest.mark.parametrize("depth", [100_000, 5_000, 990, 900, 500])
def test_a_deeply_nested_json_body_is_refused_not_a_server_error(editor_client, depth):
    for raw in (nested(depth), '{"a":' * depth + "1" + "}" * depth):
        response = editor_client.post("/api/themes", data=raw, content_type="application/json")
        assert response.status_code in (400, 422), (depth, response.status_code)
        assert response.json()["code"] in ("bad-request", "invalid")
        # A page reads its form, not JSON: the body is simply not a form.
        page = editor_client.post("/themes/new/", data=raw, content_type="application/json")
        assert page.status_code == 200
    assert not Theme.objects.filter(name="x").exists()


def test_a_nul_deep_inside_a_body_is_still_found(editor_client):
    raw = '{"name": "x", "colour": "#2f5f9e", "keywords": ' + nested(500, '"\\u0000"') + "}"
    response = editor_client.post("/api/themes", data=raw, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["details"][0]["loc"] == ["body"]


def test_unstorable_walks_any_depth():
    value: list = ["\ud800"]
    for _ in range(100_000):
        value = [value]
    assert unstorable(value)
    assert unstorable({"k": [{"k\x00": "v"}]})
    assert not unstorable({"古籍": ["𠀀", 1, None, {"a": "b"}]})
