"""The reader gets its annotations and comments with the page
(annotations/services/reading.py): the same values the API gives, for the
fields the reader reads, so the first paint and later API answers agree."""

import json

import lxml.html
import pytest

from annotations import services
from annotations.services.reading import READER_FIELDS


def embedded(client, speech) -> dict:
    """The page's reader configuration, its annotations turned back into
    objects from their rows as reader.js does."""
    doc = lxml.html.fromstring(client.get(speech.get_absolute_url()).content)
    config = json.loads(doc.cssselect("#annotation-config")[0].text)
    fields, rows = config["annotations"]["fields"], config["annotations"]["rows"]
    assert fields == list(READER_FIELDS)
    config["annotations"] = [dict(zip(fields, row, strict=True)) for row in rows]
    return config


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


def test_the_json_is_compact_and_cannot_close_its_script(annotator_client, speech, paragraphs,
                                                        annotator, supervision):
    """Chinese as UTF-8, no spaces between items, and </script> in a note
    escaped as json_script escapes it."""
    services.tag_passage(paragraph=paragraphs[0], start=0, end=2, quote=paragraphs[0].text[:2],
                         themes=[supervision], author=annotator, note="见</script><b>&")
    html = annotator_client.get(speech.get_absolute_url()).content.decode()
    start = '<script id="annotation-config" type="application/json">'
    script = html.split(start)[1].split("</script>")[0]
    assert paragraphs[0].text[:2] in script and '", "' not in script
    assert "<" not in script and "&" not in script
    assert embedded(annotator_client, speech)["annotations"][0]["note"] == "见</script><b>&"


def test_the_stylesheets_are_linked_in_the_head(viewer_client, speech):
    """Chromium stops parsing at a stylesheet linked in the body until it has
    arrived (docs/performance.md, "The reader on a busy speech")."""
    doc = lxml.html.fromstring(viewer_client.get(speech.get_absolute_url()).content)
    head = [link.get("href") for link in doc.cssselect("head link[rel=stylesheet]")]
    assert any("/css/annotations." in href for href in head), head
    assert doc.cssselect("body link[rel=stylesheet]") == []
