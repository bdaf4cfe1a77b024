"""An unnumbered part heading does not hold the numbered series of the
part after it, whose heading the text does not print (docs/parsing.md §6).

A report heads its review (``首先报告去年的工作``) and not its tasks: the
tasks ``一、`` … follow a paragraph announcing them (``今年要着重做好以下
三个方面工作。``) and run to the report's end or its ``结束语``. The items
are the report's top level, after the review. A series under a part that
another part precedes or closes stays inside it.
"""

from text.parsing import parse_text

OPENING = "现在，我代表市人民政府向大会作工作报告，请予审议。"
PARA = "全市经济运行总体平稳，发展质量稳步提升，人民生活持续改善，社会大局和谐稳定。"


def report(*lines):
    compilation = parse_text(
        "\n".join(["2002年江城市人民政府工作报告", "各位代表：", OPENING, *lines])
    )
    assert len(compilation.speeches) == 1
    return compilation.speeches[0]


def top(speech):
    return [(section.marker, section.heading, section.level) for section in speech.sections]


TASKS = [
    "一、扩大内需，促进经济较快增长",
    PARA,
    "二、加快农业和农村经济发展",
    PARA,
    "三、切实加强政府自身建设",
    PARA,
]
REVIEW = [
    "首先报告去年的工作",
    PARA,
    PARA,
    PARA,
    "按照这个总体要求，今年要着重做好以下三个方面工作。",
]


def test_an_announced_series_after_the_review_is_the_reports_next_part():
    speech = report(*REVIEW, *TASKS, "结束语", PARA)
    assert top(speech) == [
        ("", "首先报告去年的工作", 1),
        ("一、", "扩大内需，促进经济较快增长", 1),
        ("二、", "加快农业和农村经济发展", 1),
        ("三、", "切实加强政府自身建设", 1),
        ("", "结束语", 1),
    ]
    paths = [list(paragraph.section_path) for paragraph in speech.paragraphs]
    assert paths == [[]] + [["首先报告去年的工作"]] * 4 + [["一、"], ["二、"], ["三、"], ["结束语"]]


def test_the_series_running_to_the_end_is_lifted_too():
    assert [marker for marker, _h, _l in top(report(*REVIEW, *TASKS))] == [
        "",
        "一、",
        "二、",
        "三、",
    ]


def test_a_series_under_a_part_another_part_closes_stays_inside():
    speech = report(*REVIEW, *TASKS, "今年上半年的执行情况", PARA, "结束语", PARA)
    assert top(speech) == [
        ("", "首先报告去年的工作", 1),
        ("", "今年上半年的执行情况", 1),
        ("", "结束语", 1),
    ]
    assert [child.marker for child in speech.sections[0].children] == ["一、", "二、", "三、"]


def test_a_series_under_a_part_after_another_part_stays_inside():
    speech = report(
        "过去五年的回顾",
        PARA,
        PARA,
        "今后五年的主要任务",
        PARA,
        PARA,
        PARA,
        "重点做好以下三个方面工作。",
        *TASKS,
        "结束语",
        PARA,
    )
    assert [section.heading for section in speech.sections] == [
        "过去五年的回顾",
        "今后五年的主要任务",
        "结束语",
    ]
    assert [child.marker for child in speech.sections[1].children] == ["一、", "二、", "三、"]


def test_a_series_not_announced_or_right_under_its_heading_stays_inside():
    # No announcing paragraph: the list is the part's own.
    unannounced = report(*REVIEW[:-1], PARA, *TASKS)
    # Announced, but the part has no text of its own before it.
    introduced = report("今年的主要任务", "今年要着重做好以下三个方面工作。", *TASKS)
    for speech in (unannounced, introduced):
        assert len(speech.sections) == 1
        assert [child.marker for child in speech.sections[0].children] == ["一、", "二、", "三、"]


def test_a_sentence_with_below_inside_a_word_announces_nothing():
    # 形势下面临: 下面 inside two words, no list announced.
    review = [*REVIEW[:-1], "在这样的形势下面临的挑战还很多。"]
    assert [heading for _m, heading, _l in top(report(*review, *TASKS, "结束语", PARA))] == [
        "首先报告去年的工作", "结束语"
    ]


def test_the_reviews_own_announced_list_stays_inside_it():
    # 一年来主要做了以下几个方面的工作: the past year's list, the review's own.
    review = [*REVIEW[:-1], "一年来主要做了以下几个方面的工作："]
    assert [heading for _m, heading, _l in top(report(*review, *TASKS, "结束语", PARA))] == [
        "首先报告去年的工作", "结束语"
    ]
