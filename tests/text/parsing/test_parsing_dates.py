"""The date grammar and Chinese numerals."""

import pytest

from text.parsing.dates import parse_date_line, parse_publication_line
from text.parsing.numerals import cn_to_int, numeral_to_int


@pytest.mark.parametrize(
    ("text", "value"),
    [("一", 1), ("十", 10), ("十三", 13), ("二十", 20), ("二十七", 27), ("一百零五", 105),
     ("二〇二六", 2026), ("一九五七", 1957), ("两", 2), ("", None), ("甲", None)],
)
def test_chinese_numerals(text, value):
    assert cn_to_int(text) == value


def test_arabic_and_full_width_numerals():
    assert (numeral_to_int("12"), numeral_to_int("１２"), numeral_to_int("十二")) == (12, 12, 12)


@pytest.mark.parametrize(
    ("line", "date", "rest"),
    [
        ("(2024年11月17日)", "2024-11-17", ""),
        ("2024年8月", "2024-08", ""),
        ("（2024年）", "2024", ""),
        ("2024-08-12", "2024-08-12", ""),
        ("2024年8月12日 星期一", "2024-08-12", ""),
        ("1957年6月26日在第四次会議上", "1957-06-26", "在第四次会議上"),
        ("（2019年2月27日为某文集所作的序言）", "2019-02-27", "为某文集所作的序言"),
        ("（2024年2月30日）", None, ""),
    ],
)
def test_date_lines(line, date, rest):
    parsed = parse_date_line(line)
    assert parsed is not None
    assert (parsed.date, parsed.rest) == (date, rest)


@pytest.mark.parametrize(
    "line",
    [
        "2026年北京市政府工作报告",
        "2024年11月市委人大工作会议召开以来，我市各级人大积极工作。",
        "2024年是关键之年",
        "同志们：",
        "在全市大会上的讲话",
    ],
)
def test_not_date_lines(line):
    assert parse_date_line(line) is None


def test_publication_lines():
    assert parse_publication_line("发布时间：2024-08-14来源：作者：") == "2024-08-14"
    assert parse_publication_line("时间：2026-02-02") == "2026-02-02"
    assert parse_publication_line("发布时间：2021年04月02日 14:49 来源：某网") == "2021-04-02"
    assert parse_publication_line("发布时间：不详") is None
    assert parse_publication_line("（2024年8月12日）") is False
