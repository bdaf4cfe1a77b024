"""Speaker, role and event grammars of titles, bylines and date lines."""

import pytest

from text.parsing.metadata import (
    occasion_from_line,
    occasion_from_title,
    parse_speaker,
    place_from_line,
)


@pytest.mark.parametrize(
    ("raw", "name", "role"),
    [
        ("王萍市长", "王萍", "市长"),
        ("市长", None, "市长"),
        ("北京市市长 殷勇", "殷勇", "北京市市长"),
        ("某市市长李明", "李明", "某市市长"),
        ("习近平总书记", "习近平", "总书记"),
        ("张华副省长", "张华", "副省长"),
        ("王 萍", "王萍", None),
        ("习　近　平", "习近平", None),
        ("欧阳明", "欧阳明", None),
        ("李明同志", "李明", None),
        ("市委书记", None, "市委书记"),
    ],
)
def test_speaker_grammar(raw, name, role):
    speaker = parse_speaker(raw)
    assert speaker is not None
    assert (speaker.name, speaker.role, speaker.raw) == (name, role, raw)


@pytest.mark.parametrize("raw", ["市委", "全体会议", "坚定信心——", "关于加强人大工作的意见"])
def test_an_organisation_or_a_phrase_is_not_a_speaker(raw):
    assert parse_speaker(raw) is None


@pytest.mark.parametrize(
    ("title", "event", "date", "speaker_text"),
    [
        ("王萍市长在全市人大工作会议上的讲话", "全市人大工作会议", None, "王萍市长"),
        ("市长在2024年全市人大工作会议上的讲话范文", "全市人大工作会议", "2024", "市长"),
        ("市长在全市人大工作会议结束时的讲话", "全市人大工作会议", None, "市长"),
        ("在全省经济工作会议开幕式上的讲话", "全省经济工作会议", None, ""),
        ("在2024年3月5日全县大会上的讲话", "全县大会", "2024-03-05", ""),
        ("在全市上半年经济形势分析会上的讲话", "全市上半年经济形势分析会", None, ""),
        ("坚定信心——在全市大会上的讲话", "全市大会", None, "坚定信心——"),
        (
            "在第一届全国人民代表大会第四次會議上的報告",
            "第一届全国人民代表大会第四次會議",
            None,
            "",
        ),
        ("2026年北京市政府工作报告", None, "2026", ""),
        ("李明：在建校百年大会上的讲话（2021年7月1日）", "建校百年大会", "2021-07-01", "李明"),
        ("政府工作报告", None, None, ""),
    ],
)
def test_title_grammar(title, event, date, speaker_text):
    occasion = occasion_from_title(title)
    assert (occasion.event, occasion.date, occasion.speaker_text) == (event, date, speaker_text)


@pytest.mark.parametrize(
    ("rest", "event"),
    [
        ("在北京市第十六届人民代表大会第四次会议上", "北京市第十六届人民代表大会第四次会议"),
        ("中共十九届一中全会上的讲话", "中共十九届一中全会"),
        ("在民主生活会时的讲话要点", "民主生活会"),
        ("——在中国共产党第十九次全国代表大会上的报告", "中国共产党第十九次全国代表大会"),
        ("为某某文集所作的序言", None),
        ("", None),
    ],
)
def test_occasion_of_a_date_line_or_subtitle(rest, event):
    assert occasion_from_line(rest).event == event


@pytest.mark.parametrize(
    ("rest", "place"),
    [("，北京", "北京"), ("于上海", "上海"), ("在全市大会上", None), ("", None)],
)
def test_place_after_a_date(rest, place):
    assert place_from_line(rest) == place
