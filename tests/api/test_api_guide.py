"""docs/api.md, the short guide for script writers, names only what the API has.

A guide whose examples call an operation that was renamed, or pass a
parameter the operation ignores, teaches a script that fails (or silently
filters nothing). Every ``/api/…`` address the guide uses, in prose, in
curl commands and in Python calls, must be an operation of the OpenAPI
document, and every query parameter it passes must be one of that
operation's parameters.
"""

import re
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest

from config.api import api

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "api.md"
DOCUMENT = api.get_openapi_schema()
API_URL = re.compile(r"/api/[^\s\"'`)]*")
# Addresses the guide names that are the API's reference, not operations in it.
REFERENCE = {"/api/", "/api/docs", "/api/openapi.json"}
FILTERED_LISTS = [
    "/api/speeches",
    "/api/search",
    "/api/annotations",
    *(f"/api/exports/annotations/{name}" for name in ("csv", "xlsx", "jsonld", "qdpx")),
]
ANNOTATION_EXPORTS = FILTERED_LISTS[3:]


def split_url(url: str) -> tuple[str, list[str]]:
    parts = urlsplit(url)
    return parts.path, [name for name, _value in parse_qsl(parts.query)]


def balanced(text: str, start: int) -> str:
    """The parenthesised text opening at ``start``."""
    depth = 0
    for end in range(start, len(text)):
        depth += {"(": 1, ")": -1}.get(text[end], 0)
        if depth == 0:
            return text[start : end + 1]
    raise ValueError(f"unbalanced: {text[start:start + 80]}")


def curl_calls(code: str):
    """(method, path, query parameters) of each curl command of a shell block."""
    for line in code.replace("\\\n", " ").splitlines():
        if not line.lstrip().startswith("curl"):
            continue
        (url,) = API_URL.findall(line)
        path, params = split_url(url)
        as_query = " -G " in line  # -d and --data-urlencode then go in the query
        if as_query:
            params += re.findall(r"(?:-d|--data-urlencode) \"?(\w+)=", line)
        method = "GET" if as_query or not re.search(r" -[dF] ", line) else "POST"
        if stated := re.search(r" -X (\w+)", line):  # curl -X PATCH …
            method = stated.group(1)
        yield method, path, params


def python_calls(code: str):
    """(method, path, query parameters) of each ``api.get(…)``-like call of a Python block."""
    for match in re.finditer(r"\bapi\.(get|post|patch|delete)(?=\()", code):
        call = balanced(code, match.end())
        (url,) = API_URL.findall(call)
        path, params = split_url(url)
        if given := re.search(r"params=(\{.*?\})", call, flags=re.S):
            params += re.findall(r"\"(\w+)\":", given.group(1))
        yield match.group(1).upper(), path, params


def prose_calls(text: str):
    """Operations named in prose and tables: `GET /api/…` (with `/sibling` shortcuts
    after it), and bare `/api/…` addresses (method unsaid)."""
    named = re.finditer(r"`(GET|POST|PATCH|DELETE) (/api/[^`\s]*)`((?:, `/[^`/\s]+`)*)", text)
    for match in named:
        method, url, siblings = match.groups()
        yield (method, *split_url(url))
        for sibling in re.findall(r"`/([^`]+)`", siblings):
            yield method, url.rsplit("/", 1)[0] + "/" + sibling, []
    for url in re.findall(r"`(/api/[^`\s]*)`", text):
        yield (None, *split_url(url))


def guide_calls() -> list[tuple[str | None, str, tuple[str, ...]]]:
    """Each distinct (method, path, query parameters) the guide shows."""
    text = GUIDE.read_text(encoding="utf-8")
    parts = re.split(r"^```(\w*)\n(.*?)^```\n", text, flags=re.S | re.M)
    calls = [call for prose in parts[0::3] for call in prose_calls(prose)]
    for language, code in zip(parts[1::3], parts[2::3], strict=True):
        if language == "sh":
            calls += curl_calls(code)
        elif language == "python":
            calls += python_calls(code)
    return list(dict.fromkeys((method, path, tuple(params)) for method, path, params in calls))


CALLS = guide_calls()


def operation(method: str | None, path: str) -> dict | None:
    """The operation at ``path`` (an id or ``{id}`` fills a ``{…_id}`` segment);
    with no method, its GET or else any."""
    segments = path.rstrip("/").split("/")
    for template, methods in DOCUMENT["paths"].items():
        expected = template.split("/")
        if len(expected) != len(segments):
            continue
        if all(
            want == got or (want.startswith("{") and (got.isdigit() or got.startswith("{")))
            for want, got in zip(expected, segments, strict=True)
        ):
            if method is None:
                return methods.get("get") or next(iter(methods.values()))
            return methods.get(method.lower())
    return None


def query_parameters(found: dict) -> set[str]:
    return {p["name"] for p in found.get("parameters", []) if p["in"] == "query"}


def test_the_guide_is_read_whole():
    """The readers below find what the guide shows; if its layout changed so
    that they found nothing, every other test here would pass on nothing."""
    operations = {(method, path) for method, path, _params in CALLS}
    assert len(CALLS) >= 25 and len(operations) >= 15
    assert sum(len(params) for _method, _path, params in CALLS) >= 10
    assert ("POST", "/api/annotations") in operations
    assert ("GET", "/api/exports/speeches/{id}/markdown") in operations


@pytest.mark.parametrize(
    ("method", "path", "params"),
    [
        pytest.param(method, path, params, id=f"{method or 'GET'} {path} {' '.join(params)}")
        for method, path, params in CALLS
        if path not in REFERENCE
    ],
)
def test_each_address_the_guide_uses_is_an_operation_taking_its_parameters(method, path, params):
    found = operation(method, path)
    assert found is not None, f"{method or 'any'} {path} is not in the OpenAPI document"
    unknown = set(params) - query_parameters(found)
    assert not unknown, f"{method or 'GET'} {path} takes no {sorted(unknown)}"


def test_the_guides_reference_addresses_answer(viewer_client):
    for path in REFERENCE - {"/api/"}:
        assert viewer_client.get(path).status_code == 200, path


def filter_table() -> list[str]:
    """The parameter names of the guide's table of filters."""
    text = GUIDE.read_text(encoding="utf-8")
    table = text.split("| Parameter | Meaning |", 1)[1].split("\n\n", 1)[0]
    names = [
        name
        for row in table.splitlines()
        if row.startswith("| `")
        for name in re.findall(r"`(\w+)`", row.split("|")[1])
    ]
    assert names, "the guide's table of filters was not found"
    return names


@pytest.mark.parametrize("path", FILTERED_LISTS)
def test_the_lists_the_guide_says_take_the_filters_take_them(path):
    """"Lists of speeches, search hits, annotations and the annotation exports
    take the same filter parameters as the pages": each of them."""
    missing = set(filter_table()) - query_parameters(operation("GET", path))
    assert not missing, f"GET {path} takes no {sorted(missing)}"


@pytest.mark.parametrize("path", ANNOTATION_EXPORTS)
def test_the_annotation_exports_take_what_the_guide_says(path):
    """The export section adds ``theme``, ``speech``, ``q`` and the old names
    ``date_from`` and ``date_to``."""
    extra = {"theme", "speech", "q", "date_from", "date_to"}
    assert extra <= query_parameters(operation("GET", path))
