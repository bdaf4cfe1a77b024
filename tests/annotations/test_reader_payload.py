"""The reader gets its annotations and comments with the page
(annotations/services/reading.py): the same values the API gives, for the
fields the reader reads, so the first paint and later API answers agree."""

import json

import lxml.html
import pytest

from annotations import services
from annotations.services.reading import READER_FIELDS


def embedded(client, speech) -> dict:
    doc = lxml.html.fromstring(client.get(speech.get_absolute_url()).content)
    return json.loads(doc.cssselect("#annotation-config")[0].text)


@pytest.fixture
def tagged(speech, paragraphs, annotator, editor, supervision, rule_of_law):
    services.tag_passage(paragraph=paragraphs[1], start=4, end=8, quote=paragraphs[1].text[4:8],
                         themes=[rule_of_law, supervision], author=annotator, note="备注")
    services.tag_passage(paragraph=paragraphs[0], start=0, end=2, quote=paragraphs[0].text[:2],
                         themes=[supervision], author=editor)
    services.tag_passage(paragraph=paragraphs[2], start=4, end=6, quote=paragraphs[2].text[4:6],
                         themes=[rule_of_law], author=annotator)
    services.write_comment(paragraph=paragraphs[1], author=annotator, body="值得再看")
    return speech


@pytest.mark.parametrize("who", ["annotator_client", "editor_client", "viewer_client"])
def test_the_page_carries_the_apis_annotations_and_comments(request, who, tagged):
    client = request.getfixturevalue(who)
    config = embedded(client, tagged)
    api = client.get(f"/api/annotations?speech={tagged.pk}&limit=500").json()["items"]
    assert len(config["annotations"]) == len(api) == 3
    for mine, theirs in zip(config["annotations"], api, strict=True):
        assert set(mine) == set(READER_FIELDS)
        assert mine == {k: theirs[k] for k in READER_FIELDS}
    # Each may change their own; an editor, every one.
    assert any(a["can_change"] for a in config["annotations"]) == (who != "viewer_client")
    comments = client.get(f"/api/comments?speech={tagged.pk}&limit=500").json()["items"]
    assert config["comments"] == comments


def test_an_empty_speech_carries_empty_lists(viewer_client, speech):
    config = embedded(viewer_client, speech)
    assert config["annotations"] == [] and config["comments"] == []
