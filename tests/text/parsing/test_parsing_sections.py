"""Body structure: headings and their levels, run-in headings, points, page breaks."""

import pytest

from text.parsing import parse_text
from text.parsing.markers import match_marker


def body(*lines):
    """The single speech of a file with a title, a salutation and ``lines``."""
    compilation = parse_text("\n".join(["在全市大会上的讲话", "同志们：", *lines]))
    assert len(compilation.speeches) == 1
    return compilation.speeches[0]


def outline(sections):
    return [
        (s.marker, s.heading, s.level, s.run_in, outline(s.children)) for s in sections
    ]


def paths(speech):
    return [(p.text[:4], list(p.section_path)) for p in speech.paragraphs]


@pytest.mark.parametrize(
    ("line", "family", "marker"),
    [
        ("一、总体要求", "cn", "一、"),
        ("十三、加强党的建设", "cn", "十三、"),
        ("（一）提高认识", "paren-cn", "（一）"),
        ("(二)提高认识", "paren-cn", "(二)"),
        ("1.加强领导", "ar", "1."),
        ("1．加强领导", "ar", "1．"),
        ("12、加强领导", "ar", "12、"),
        ("（1）加强领导", "paren-ar", "（1）"),
        ("（１）加强领导", "paren-ar", "（１）"),
        ("第一个问题：关于发展", "question", "第一个问题："),
        ("第二部分 主要任务", "part", "第二部分"),
        ("第一，要提高认识。", "point-ordinal", "第一，"),
        ("第二、要提高认识。", "point-ordinal", "第二、"),
        ("一是提高认识。", "point-shi", "一是"),
        ("三要加强领导。", "point-yao", "三要"),
        ("首先，要提高认识。", "point-seq", "首先，"),
    ],
)
def test_marker_grammar(line, family, marker):
    found = match_marker(line)
    assert found is not None
    assert (found.family, found.text) == (family, marker)


@pytest.mark.parametrize(
    "line",
    [
        "2024年11月会议召开以来，工作取得进展。",
        "二〇二四年是关键之年。",
        "1.5万亿元的投资已经落实。",
        "第一部分的内容很重要。",
        "第一个问题是发展问题。",
        "一方面要发展，另一方面要稳定。",
        "同志们，我们要提高认识。",
    ],
)
def test_lines_that_are_not_headings(line):
    assert match_marker(line) is None


def test_standalone_headings_with_and_without_a_closing_full_stop():
    speech = body(
        "一、提高思想认识",
        "人民代表大会制度是根本政治制度。",
        "（一）接受监督是民主政治的需要。",
        "宪法规定一切权力属于人民。",
        "（二）接受监督是履行职责的需要",
        "正确履行职责，必须接受监督。",
    )
    assert outline(speech.sections) == [
        (
            "一、",
            "提高思想认识",
            1,
            False,
            [
                ("（一）", "接受监督是民主政治的需要", 2, False, []),
                ("（二）", "接受监督是履行职责的需要", 2, False, []),
            ],
        )
    ]
    assert paths(speech) == [
        ("人民代表", ["一、"]),
        ("宪法规定", ["一、", "（一）"]),
        ("正确履行", ["一、", "（二）"]),
    ]


def test_run_in_heading_keeps_the_full_paragraph():
    text = "（一）要坚持报告工作。向人大报告工作，是接受监督的重要形式。"
    speech = body("二、完善工作机制", text, "接着是同一节的另一段。")
    section = speech.sections[0].children[0]
    assert (section.marker, section.heading, section.run_in) == ("（一）", "要坚持报告工作", True)
    paragraph = speech.paragraphs[0]
    assert paragraph.text == text
    assert paragraph.text[: paragraph.heading_end] == "（一）要坚持报告工作。"
    # A run-in section that is not a point holds the paragraphs after it.
    assert paths(speech) == [("（一）要", ["二、", "（一）"]), ("接着是同", ["二、", "（一）"])]


def test_levels_are_relative_to_the_speech():
    speech = body(
        "（一）第一项工作",
        "内容。",
        "1.具体措施",
        "措施内容。",
        "（二）第二项工作",
        "内容。",
    )
    assert outline(speech.sections) == [
        ("（一）", "第一项工作", 1, False, [("1.", "具体措施", 2, False, [])]),
        ("（二）", "第二项工作", 1, False, []),
    ]


def test_points_hold_only_the_paragraph_they_open():
    speech = body(
        "一、要增强主动性",
        "人大监督是法律监督。",
        "第一，接受监督是基本要求。宪法明确规定。",
        "第二，接受监督是内在要求。政府必须依法行政。",
        "总之，要增强接受监督的主动性。",
    )
    assert outline(speech.sections) == [
        (
            "一、",
            "要增强主动性",
            1,
            False,
            [
                ("第一，", "接受监督是基本要求", 2, True, []),
                ("第二，", "接受监督是内在要求", 2, True, []),
            ],
        )
    ]
    assert paths(speech) == [
        ("人大监督", ["一、"]),
        ("第一，接", ["一、", "第一，"]),
        ("第二，接", ["一、", "第二，"]),
        ("总之，要", ["一、"]),
    ]
    assert all(s.is_point for s in speech.sections[0].children)


def test_points_outside_any_section():
    speech = body("一是抓学习。学习是基础。", "二是抓落实。落实是关键。", "最后，谢谢大家。")
    # A lone 最后， closes the speech; it is not a third point.
    assert [(s.marker, s.level) for s in speech.sections] == [("一是", 1), ("二是", 1)]
    assert paths(speech)[0] == ("一是抓学", ["一是"])
    assert paths(speech)[2] == ("最后，谢", [])


def test_sequence_words_are_points_only_as_a_sequence():
    ceremony = body(
        "首先，我代表市委向大会表示祝贺！", "这次会议很重要。", "最后，预祝大会圆满成功！"
    )
    assert ceremony.sections == []
    sequence = body(
        "首先，要提高认识。认识是前提。", "其次，要完善机制。机制是保障。",
        "这是总的要求。", "最后，要抓好落实。落实是关键。",
    )
    assert [s.marker for s in sequence.sections] == ["首先，", "其次，", "最后，"]
    assert [p for _t, p in paths(sequence)] == [["首先，"], ["其次，"], [], ["最后，"]]


def test_heading_merged_with_body_keeps_everything_and_warns():
    merged = (
        "一、各级人大依法履行监督职责有效促进了政府工作撤地设市十年来人民代表大会制度"
        "在我市走过了不平凡的发展历程，各级人大认真履行职责。这是第二句。"
    )
    speech = body(merged, "一是支持中心工作。内容。")
    section = speech.sections[0]
    assert section.merged_with_body and not section.run_in
    assert section.heading.startswith("各级人大依法履行监督职责")
    assert speech.paragraphs[0].text == merged
    assert speech.paragraphs[0].section_path == ("一、",)
    assert [(w.code, w.line) for w in speech.warnings] == [("merged-heading", 3)]


def test_page_break_lines_are_joined_without_a_space():
    speech = body(
        "一是支持中心工作。我们提出了很",
        "多建设性意见，并进行了视察。",
        "二是支持科学决策。决策更加科学。",
    )
    assert [p.text for p in speech.paragraphs] == [
        "一是支持中心工作。我们提出了很多建设性意见，并进行了视察。",
        "二是支持科学决策。决策更加科学。",
    ]
    assert speech.paragraphs[0].line == 3


def test_a_run_in_heading_broken_across_lines():
    speech = body(
        "一、总体要求",
        "（一）要坚持向人大及其常委会报告工作，",
        "按规定报告重大事项。向人大报告工作是法定职责。",
    )
    section = speech.sections[0].children[0]
    assert section.heading == "要坚持向人大及其常委会报告工作，按规定报告重大事项"
    assert section.run_in
    paragraph = speech.paragraphs[0]
    assert paragraph.text[: paragraph.heading_end].endswith("报告重大事项。")


def test_a_point_marker_alone_on_its_line_opens_the_next_line():
    speech = body("一是", "抓学习。学习是基础。", "二是抓落实。落实是关键。")
    assert [(s.marker, s.heading) for s in speech.sections] == [
        ("一是", "抓学习"),
        ("二是", "抓落实"),
    ]
    assert speech.paragraphs[0].text == "一是抓学习。学习是基础。"


def test_a_long_first_sentence_of_a_point_is_headed_by_its_first_clause():
    clause = "一是进一步增强了坚持和完善人民代表大会制度的自觉性"
    opening = clause + "，做好新时期人大工作的责任感" * 3
    speech = body(opening + "。其他内容。")
    point = speech.sections[0]
    assert point.heading == "进一步增强了坚持和完善人民代表大会制度的自觉性"
    assert not point.merged_with_body
    assert speech.warnings == []


def test_a_page_break_does_not_swallow_a_following_heading():
    speech = body("第一段。", "这一段没有写完", "二、下一部分", "内容。")
    assert [s.marker for s in speech.sections] == ["二、"]
    assert speech.paragraphs[1].text == "这一段没有写完"


def test_unnumbered_heading_lines_nest_inside_the_numbered_section():
    speech = body(
        "一、关于社会主义建设",
        "建设取得了很大成就，这是大家都看到的。",
        "下面讲两个问题。",
        "关于教育改革问题",
        "教育改革取得了成绩，也有一些缺点，应该改正。",
        "关于向科学进军",
        "科学事业有了重要的发展，并且还在继续发展。",
        "二、关于人民生活",
        "人民生活有了改善。",
    )
    assert outline(speech.sections) == [
        (
            "一、",
            "关于社会主义建设",
            1,
            False,
            [("", "关于教育改革问题", 2, False, []), ("", "关于向科学进军", 2, False, [])],
        ),
        ("二、", "关于人民生活", 1, False, []),
    ]
    assert paths(speech)[2] == ("教育改革", ["一、", "关于教育改革问题"])


def test_a_short_line_inside_a_broken_sentence_is_not_a_heading():
    speech = body(
        "公私合营企业的工业总产值，一九五六年达到了一百",
        "亿九十一",
        "元，较上年增加了百分之三十二。",
    )
    assert speech.sections == []
    assert [p.text for p in speech.paragraphs] == [
        "公私合营企业的工业总产值，一九五六年达到了一百亿九十一元，较上年增加了百分之三十二。"
    ]


def test_a_heading_followed_by_a_page_broken_paragraph():
    speech = body(
        "这是上一段的结尾。",
        "关于学徒制度问题",
        "对于过去的学徒制度，它的陋规是应该否定的，但是关于学徒学习的",
        "期限和内容，有许多好的经验，应该研究和吸取。",
    )
    assert [(s.marker, s.heading) for s in speech.sections] == [("", "关于学徒制度问题")]
    assert speech.paragraphs[-1].text.startswith("对于过去的学徒制度")


def test_marker_skip_is_flagged():
    speech = body("一、第一部分", "内容。", "三、第三部分", "内容。")
    assert [(w.code, w.line) for w in speech.warnings] == [("marker-skip", 5)]


def test_a_speech_that_ends_mid_sentence_is_flagged():
    speech = body("第一段。", "最后一段没有写")
    assert [w.code for w in speech.warnings] == ["ends-mid-sentence"]


def test_a_long_paragraph_is_flagged():
    speech = body("长" * 3001 + "。")
    assert [w.code for w in speech.warnings] == ["long-paragraph"]
