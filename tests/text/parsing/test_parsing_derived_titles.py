"""A speech that prints no title gets one made from what is known, marked
as derived (issue: "no title → derived title")."""

import json

from text.parsing import parse_text


def only_speech(text):
    compilation = parse_text(text)
    assert len(compilation.speeches) == 1
    return compilation.speeches[0]


def test_meeting_speaker_and_date_make_the_title():
    speech = only_speech(
        "——2030年3月2日在某市经济工作会议上\n某市市长 王立\n同志们：\n今天开会。"
    )
    assert speech.title == "王立在某市经济工作会议上的讲话（2030-03-02）"
    assert speech.title_derived is True
    assert "no-title" in [w.code for w in speech.warnings]


def test_first_heading_when_no_meeting_is_known():
    speech = only_speech("同志们：\n一、统一思想认识\n要提高认识。\n二、狠抓工作落实\n要抓落实。")
    assert speech.title == "统一思想认识"
    assert speech.title_derived is True


def test_long_opening_words_are_cut():
    speech = only_speech("同志们：\n这次会议的主要任务是总结过去一年的工作并部署今年的各项任务。")
    assert speech.title == "这次会议的主要任务是总结过去一年的工作并…"


def test_a_printed_title_is_not_derived():
    speech = only_speech("在某会议上的讲话\n同志们：\n今天开会。")
    assert speech.title == "在某会议上的讲话"
    assert speech.title_derived is False


def test_json_says_the_title_is_derived():
    data = json.loads(json.dumps(parse_text("同志们：\n今天开会。").to_dict(), ensure_ascii=False))
    assert data["speeches"][0]["title"] == "今天开会"
    assert data["speeches"][0]["title_derived"] is True
