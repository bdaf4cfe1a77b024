"""The W3C Web Annotation collection, read back and compared with the database."""

import json

import pytest

from annotations.models import Annotation

pytestmark = pytest.mark.django_db

URL = "/api/exports/annotations/jsonld"


def read(response) -> dict:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    return json.loads(b"".join(response.streaming_content))


def test_the_collection_holds_every_selected_annotation(viewer_client, coded):
    collection = read(viewer_client.get(URL))
    assert collection["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert collection["type"] == "AnnotationCollection"
    assert collection["id"].startswith("http://testserver/api/exports/annotations/jsonld")
    items = collection["first"]["items"]
    assert collection["total"] == len(items) == Annotation.objects.count()
    assert collection["first"]["type"] == "AnnotationPage"

    by_id = {int(item["id"].rstrip("/").split("/")[-2]): item for item in items}
    for annotation in Annotation.objects.select_related("paragraph").prefetch_related("themes"):
        item = by_id[annotation.pk]
        assert item["type"] == "Annotation"
        assert "@context" not in item  # stated once, on the collection
        selectors = {s["type"]: s for s in item["target"]["selector"]}
        assert selectors["TextQuoteSelector"]["exact"] == annotation.quote
        position = selectors["TextPositionSelector"]
        assert (position["start"], position["end"]) == (annotation.start, annotation.end)
        # Code points: the selector cuts the quote out of the paragraph text.
        assert annotation.paragraph.text[position["start"] : position["end"]] == annotation.quote
        assert item["target"]["source"].endswith(annotation.paragraph.get_absolute_url())
        tags = {b["value"] for b in item["body"] if b["purpose"] == "tagging"}
        assert tags == {t.name for t in annotation.themes.all()}


def test_astral_characters_count_as_one_code_point(viewer_client, coded):
    collection = read(viewer_client.get(URL, {"speech": coded["rare"].pk}))
    rare = next(
        i for i in collection["first"]["items"] if "𠀀" in i["target"]["selector"][0]["exact"]
    )
    position = next(s for s in rare["target"]["selector"] if s["type"] == "TextPositionSelector")
    text = coded["rare"].paragraphs.get().text
    assert position["end"] - position["start"] == 2  # two characters, four UTF-16 units
    assert text[position["start"] : position["end"]] == "𠀀𠀁"


def test_an_empty_selection_is_an_empty_collection(viewer_client, coded):
    collection = read(viewer_client.get(URL, {"event": "没有这个会议"}))
    assert collection["total"] == 0 and collection["first"]["items"] == []
