"""No page or list reads a compilation's full text (the size of the uploaded
file): lists and pages ask for the columns they show."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

pytestmark = pytest.mark.django_db

TEXT_COLUMN = '"speeches_compilation"."text"'


def pages(coded) -> list[str]:
    speech = coded["speeches"][3]
    compilation = coded["compilation"]
    speaker = next(s.speaker for s in coded["speeches"] if s.speaker_id)
    return [
        reverse("home"),
        reverse("speech_list"),
        reverse("speech_list") + f"?compilation={compilation.pk}",
        reverse("speech_detail", args=[speech.pk]),
        reverse("speaker_list"),
        speaker.get_absolute_url(),
        reverse("date_archive"),
        reverse("meeting_list"),
        reverse("search_page") + "?q=人大",
        reverse("compilation_list"),
        compilation.get_absolute_url(),
        reverse("theme_list"),
        coded["supervision"].get_absolute_url(),
        reverse("my_annotations"),
        reverse("speech_history", args=[speech.pk]),
        reverse("export_index"),
        reverse("speech_text", args=[speech.pk]),
        reverse("speech_markdown", args=[speech.pk]),
        reverse("compilation_tei", args=[compilation.pk]),
        reverse("export_annotations", args=["csv"]) + f"?compilation={compilation.pk}",
        reverse("export_annotations", args=["jsonld"]) + f"?speech={speech.pk}",
        reverse("export_annotations", args=["qdpx"]),
        "/api/speeches",
        f"/api/speeches/{speech.pk}",
        "/api/compilations",
        f"/api/compilations/{compilation.pk}",
        "/api/search?q=人大",
        f"/api/annotations?speech={speech.pk}",
        "/api/exports/annotations/csv",
    ]


def test_no_page_reads_a_compilations_full_text(coded, annotator_client):
    for url in pages(coded):
        with CaptureQueriesContext(connection) as queries:
            response = annotator_client.get(url)
            if response.streaming:
                b"".join(response.streaming_content)
        assert response.status_code == 200, url
        reads = [q["sql"] for q in queries.captured_queries if TEXT_COLUMN in q["sql"]]
        assert reads == [], url


def test_the_check_would_see_a_read_of_the_text(coded):
    from speeches.models import Compilation

    with CaptureQueriesContext(connection) as queries:
        list(Compilation.objects.all())
    assert any(TEXT_COLUMN in q["sql"] for q in queries.captured_queries)
