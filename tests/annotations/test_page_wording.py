"""The agreement page shows its table and nothing of the template's own notes."""

import lxml.html
from django.urls import reverse

from annotations import services
from tests.conftest import make_user

from .conftest import make_speech


def test_the_agreement_page_shows_no_template_comment(viewer_client, codebook):
    speech = make_speech()
    supervision = codebook["people-s-congress-supervision"]
    for name in ("alice", "bob"):
        paragraph = speech.paragraphs.order_by("position").first()
        services.tag_passage(
            paragraph=paragraph,
            start=0,
            end=2,
            quote=paragraph.text[:2],
            themes=[supervision],
            author=make_user(name, "annotator"),
        )
    html = viewer_client.get(reverse("agreement")).content.decode()
    doc = lxml.html.fromstring(html)
    assert doc.cssselect("table.agreement__table tbody tr")
    # A {# … #} over two lines was shown as text above the table.
    assert "{#" not in doc.text_content() and "agreement.Cell" not in doc.text_content()
