"""Names and titles are stored on one line without control characters
(core.fields.one_line): invisible, never typed on purpose, and not allowed
in the XML the codebook and QDPX exports write."""

import pytest

from annotations.services.themes import create_theme
from core.fields import one_line
from speeches.services.editing import clean_field
from speeches.services.speakers import set_speech_speaker


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("人大\x01监督", "人大监督"),
        ("  人大\t监督\n", "人大 监督"),
        ("a\x1fb", "a b"),  # a unit separator is whitespace to Python: a space
        ("a\x85b", "a b"),  # NEL, too
        ("a\x7f\x9bb", "ab"),  # DEL and a C1 control are dropped
        ("王平 \u3000 同志", "王平 同志"),
    ],
)
def test_one_line(given, stored):
    assert one_line(given) == stored


def test_a_theme_name_keeps_no_control_character(editor):
    theme = create_theme(
        actor=editor, name="依法\x01行政", name_en="Rule\x02 of law", colour="#2f6b3a"
    )
    theme.refresh_from_db()
    assert (theme.name, theme.name_en) == ("依法行政", "Rule of law")


def test_a_speakers_name_and_a_speech_title_keep_no_control_character(seed_compilation, editor):
    speech = seed_compilation.speeches.first()
    speaker = set_speech_speaker(speech=speech, name="周\x07明", actor=editor)
    assert speaker.name == "周明"
    assert clean_field("标题\x0e一", "title", 200) == "标题一"
