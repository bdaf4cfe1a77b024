"""An export's planner setting does not outlive its request on the pooled connection."""

import pytest
from django.db import connection

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="cursor_tuple_fraction is PostgreSQL's"
)

EXPORTS = [
    "/api/exports/annotations/csv",
    "/api/exports/annotations/xlsx",
    "/api/exports/annotations/jsonld",
    "/api/exports/annotations/qdpx",
]


def cursor_tuple_fraction() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW cursor_tuple_fraction")
        return cursor.fetchone()[0]


@pytest.mark.parametrize("url", EXPORTS)
def test_an_export_leaves_the_connection_as_it_found_it(viewer_client, coded, url):
    before = cursor_tuple_fraction()
    response = viewer_client.get(url)
    assert response.status_code == 200
    # The test client closes the response after the last byte, as a server does.
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body
    assert cursor_tuple_fraction() == before == "0.1"
    # The next request on the same connection plans as usual.
    assert viewer_client.get("/api/themes").status_code == 200
    assert cursor_tuple_fraction() == "0.1"
