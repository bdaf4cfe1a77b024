"""The same text as real sources print it reads the same.

Pages and files print one report with Windows line ends, without the
indent or with it, with blank lines dropped or doubled, with ``一.`` or
``一，`` for ``一、``, with page furniture after the text and a portal's
navigation above the title. The speaker, date, meeting and top-level
sections stay those of the plain text (docs/parsing.md §2-§6).
"""

import re

import pytest

from text.parsing import parse_text

REPORT = """\
在江城市第十五届人民代表大会第三次会议上的政府工作报告
——2026年1月25日在江城市第十五届人民代表大会第三次会议上
江城市市长　王立新

各位代表：

　　现在，我代表市人民政府，向大会报告工作，请予审议，并请市政协委员提出意见。

一、2025年工作回顾

　　过去一年，全市经济运行总体平稳，发展质量稳步提升，人民生活持续改善，社会大局和谐稳定。

　　（一）产业转型步伐加快。新兴产业增加值增长百分之十，传统产业改造升级取得新进展。

　　（二）城乡面貌持续改善。新建改建道路一百公里，完成老旧小区改造二百个。

二、2026年工作安排

　　今年是“十五五”开局之年，做好政府工作意义重大。

　　（一）坚定不移扩大有效需求。实施消费提振行动，办好各类促消费活动。

　　（二）坚定不移推进改革开放。深化重点领域改革，稳步扩大制度型开放。

三、全面加强政府自身建设

　　新征程上，政府工作必须坚持依法行政，自觉接受人大监督，持续改进作风。

　　各位代表，让我们紧密团结在以习近平同志为核心的党中央周围，为谱写江城发展新篇章而努力奋斗！
"""

_MARKER = re.compile(r"^([一二三四五六七八九十]{1,3})、", re.M)

VARIANTS = {
    "crlf": lambda text: text.replace("\n", "\r\n"),
    "no-indent": lambda text: re.sub(r"^[\u3000 ]+", "", text, flags=re.M),
    "no-blank-lines": lambda text: re.sub(r"\n\s*(?=\n)", "", text),
    "doubled-blank-lines": lambda text: text.replace("\n", "\n\n"),
    "half-width-stop": lambda text: _MARKER.sub(r"\1.", text),
    "full-width-stop": lambda text: _MARKER.sub(r"\1．", text),
    "comma": lambda text: _MARKER.sub(r"\1，", text),
    "half-width-brackets": lambda text: re.sub(r"（([一二三四五六七八九十])）", r"(\1)", text),
    "page-furniture-after": lambda text: (
        text + "\n责任编辑：李明\n来源：江城日报\n【打印】【关闭窗口】\n打印本页\n关闭窗口\n"
    ),
    "breadcrumb-above": lambda text: "首页 > 政务公开 > 政府工作报告\n字号：大 中 小\n" + text,
    "navigation-above": lambda text: "网站首页\n政务公开\n|\n【字体：大 中 小】\n" + text,
}


def reading(text):
    speeches = parse_text(text).speeches
    assert len(speeches) == 1
    speech = speeches[0]
    return {
        "title": speech.title,
        "speaker": (speech.speaker_name, speech.role),
        "date": speech.date,
        "event": speech.event,
        "top": [(section.marker[:1], section.heading) for section in speech.sections],
        "paragraphs": len(speech.paragraphs),
    }


def test_the_plain_report():
    read = reading(REPORT)
    assert read["speaker"] == ("王立新", "江城市市长")
    assert read["date"] == "2026-01-25"
    assert read["event"] == "江城市第十五届人民代表大会第三次会议"
    assert read["top"] == [
        ("一", "2025年工作回顾"),
        ("二", "2026年工作安排"),
        ("三", "全面加强政府自身建设"),
    ]


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_a_variant_reads_as_the_plain_report(variant):
    assert reading(VARIANTS[variant](REPORT)) == reading(REPORT)


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        ("一，总体要求", "总体要求"),
        ("三,加快建设现代化产业体系，推动高质量发展", "加快建设现代化产业体系，推动高质量发展"),
    ],
)
def test_a_comma_typed_for_the_enumeration_comma_heads_a_short_line(text, heading):
    speech = parse_text(f"在全市大会上的讲话\n同志们：\n{text}\n{PARA}\n").speeches[0]
    assert [(s.heading, s.run_in) for s in speech.sections] == [(heading, False)]


PARA = "全市经济运行总体平稳，发展质量稳步提升，人民生活持续改善，社会大局和谐稳定。"


@pytest.mark.parametrize(
    "lines",
    [
        # A sentence's 之一， cut by the page: the line goes on.
        ["这是我们面临的突出问题之", "一，必须下大力气", "加以解决。"],
        # A range (六、七两个月) and a list, not a heading.
        ["六，七两个月要集中力量抓好防汛工作，确保安全度汛。"],
        ["六、七两个月要集中力量抓好防汛工作，确保安全度汛。"],
        ["一，二百人参加了会议。"],
    ],
)
def test_a_numeral_and_comma_that_heads_nothing(lines):
    speech = parse_text("\n".join(["在全市大会上的讲话", "同志们：", PARA, *lines])).speeches[0]
    assert speech.sections == []
    assert len(speech.paragraphs) == 2
