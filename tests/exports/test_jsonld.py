"""The W3C Web Annotation collection, read back and compared with the database."""

import json
from functools import cache
from pathlib import Path

import jsonschema_rs
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


# ---- the W3C test suite's assertions ------------------------------------

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas" / "w3c-annotation"


@cache
def validator(name: str):
    return jsonschema_rs.validator_for(json.loads((SCHEMAS / name).read_text()))


def errors(name: str, instance) -> list[str]:
    return [f"{e.instance_path}: {e.message}" for e in validator(name).iter_errors(instance)]


def test_every_annotation_passes_the_w3c_assertions(viewer_client, coded):
    collection = read(viewer_client.get(URL))
    assert errors("collection.schema.json", collection) == []
    assert collection["first"]["items"]
    for item in collection["first"]["items"]:
        assert errors("annotation.schema.json", {"@context": collection["@context"], **item}) == []
    # One annotation on its own, as GET /api/annotations/{id}/jsonld serves it.
    annotation = coded["annotations"].first()
    response = viewer_client.get(f"/api/annotations/{annotation.pk}/jsonld")
    assert response["Content-Type"].startswith("application/ld+json")
    assert errors("annotation.schema.json", response.json()) == []


def test_the_assertions_catch_a_tagging_body_with_an_id():
    """bodyEWRNoPurpose: what the export used to write fails, so the check can fail."""
    old = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "http://testserver/api/annotations/1/jsonld",
        "type": "Annotation",
        "body": [
            {
                "type": "TextualBody",
                "purpose": "tagging",
                "value": "人大监督",
                "id": "http://testserver/themes/supervision/",
            }
        ],
        "target": {"source": "http://testserver/speeches/1/#p1"},
    }
    assert errors("annotation.schema.json", old)
    del old["body"][0]["id"]
    assert errors("annotation.schema.json", old) == []
    assert errors("annotation.schema.json", {**old, "bodyValue": "x"})
    assert errors("annotation.schema.json", {**old, "created": "2024-01-01"})


def test_each_theme_is_a_tag_and_a_link_to_the_theme(viewer_client, coded):
    collection = read(viewer_client.get(URL))
    annotation = coded["annotations"].get(note='带"引号",和逗号\n换行')
    item = next(
        i for i in collection["first"]["items"] if i["id"].endswith(f"/{annotation.pk}/jsonld")
    )
    themes = list(annotation.themes.order_by("position", "name", "id"))
    tags = [b for b in item["body"] if b["purpose"] == "tagging"]
    links = [b for b in item["body"] if b["purpose"] == "classifying"]
    assert [b["value"] for b in tags] == [t.name for t in themes]
    assert all("id" not in b for b in tags)
    assert [b["source"] for b in links] == [
        f"http://testserver{t.get_absolute_url()}" for t in themes
    ]
    assert all(b["type"] == "SpecificResource" for b in links)
