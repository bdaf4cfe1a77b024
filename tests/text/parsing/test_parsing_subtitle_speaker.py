"""A subtitle that is the speech's own title line names its speaker and meeting.

Under a main title (or a page's name), published speeches print
周明同志在全市人大工作会议上的讲话, with or without a dash, where others print
——在…会议上的讲话 and a byline. The title reading applies to it, after the
title's own and a byline's.
"""

import pytest

from text.parsing.parser import parse_text

BODY = "这是正文的一段，内容足够长，以便被识别为正文段落，而不是标题或者其他东西。"
MAIN_TITLE = "坚持人民代表大会制度 推动人大工作高质量发展"


def first_speech(*head: str):
    text = "\n".join([*head, "（2024年3月1日）", "同志们：", BODY, BODY])
    return parse_text(text).speeches[0]


@pytest.mark.parametrize(
    ("title", "subtitle", "name", "role"),
    [
        (MAIN_TITLE, "周明同志在全市人大工作会议上的讲话", "周明", None),
        (MAIN_TITLE, "——周明同志在全市人大工作会议上的讲话", "周明", None),
        (MAIN_TITLE, "——市长周明在全市人大工作会议上的讲话", "周明", "市长"),
        ("全市人大工作会议材料", "周明同志在全市人大工作会议上的讲话", "周明", None),
    ],
)
def test_the_subtitle_names_the_speaker_and_the_meeting(title, subtitle, name, role):
    speech = first_speech(title, subtitle)
    assert speech.title == title
    assert speech.subtitle == subtitle
    assert (speech.speaker_name, speech.role) == (name, role)
    assert speech.event == "全市人大工作会议"
    assert speech.date == "2024-03-01"


def test_a_byline_wins_over_the_subtitle():
    speech = first_speech(MAIN_TITLE, "——李明同志在全市人大工作会议上的讲话", "周明")
    assert speech.speaker_name == "周明"


def test_a_subtitle_with_only_the_meeting_names_no_one():
    speech = first_speech(MAIN_TITLE, "——在全市人大工作会议上的讲话")
    assert speech.speaker_name is None
    assert speech.event == "全市人大工作会议"


@pytest.mark.parametrize(
    "subtitle",
    [
        "——深入学习贯彻习近平总书记在全国两会上的重要讲话精神",
        "——对王萍市长在全市人大工作会议上的讲话的解读",
        "——学习周明同志在全市人大工作会议上的讲话的体会",
        "——纪念毛泽东同志在延安文艺座谈会上的讲话发表80周年",
    ],
)
def test_a_subtitle_about_someone_elses_speech_names_no_one(subtitle):
    speech = first_speech(MAIN_TITLE, subtitle)
    assert (speech.speaker_name, speech.role, speech.speaker_raw) == (None, None, None)
    assert speech.event is None


def test_the_date_lines_meeting_comes_before_the_subtitles():
    speech = first_speech(MAIN_TITLE, "——周明同志在全市人大工作会议上的讲话")
    assert speech.event == "全市人大工作会议"
    text = "\n".join([
        MAIN_TITLE, "——周明同志在全市人大工作会议上的讲话", "（2024年3月1日在市委全会上）",
        "同志们：", BODY, BODY,
    ])
    speech = parse_text(text).speeches[0]
    assert (speech.speaker_name, speech.event) == ("周明", "市委全会")


def test_a_dated_subtitle_names_its_speaker():
    text = "\n".join([MAIN_TITLE, "——周明同志在全市人大工作会议上的讲话（2024年3月1日）",
                      "同志们：", BODY, BODY])
    speech = parse_text(text).speeches[0]
    assert (speech.speaker_name, speech.event, speech.date) == ("周明", "全市人大工作会议",
                                                                "2024-03-01")
