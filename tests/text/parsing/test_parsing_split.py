"""Where speeches begin: 第X篇 markers, anthologies of excerpts, single files."""

import pytest

from text.parsing import parse_text


def titles(text):
    return [speech.title for speech in parse_text(text).speeches]


@pytest.mark.parametrize(
    "marker",
    ["第一篇：", "第一篇:", "第一篇 ", "第1篇：", "第１篇：", "【第一篇】", "篇一：", "范文一："],
)
def test_speech_marker_forms(marker):
    second = marker.replace("一", "二").replace("1", "2").replace("１", "２")
    text = f"{marker}甲在会上的讲话\n同志们：\n正文一。\n{second}乙在会上的讲话\n正文二。"
    assert titles(text) == ["甲在会上的讲话", "乙在会上的讲话"]


def test_title_on_the_line_after_a_bare_marker():
    assert titles("第一篇\n在全市大会上的讲话\n同志们：\n正文。") == ["在全市大会上的讲话"]


def test_text_before_the_first_marker_is_a_speech_when_it_has_a_body():
    text = "开场讲话\n同志们：\n今天开会。\n第二篇：闭幕讲话\n会议结束。"
    compilation = parse_text(text)
    assert [s.title for s in compilation.speeches] == ["开场讲话", "闭幕讲话"]
    assert [s.ordinal for s in compilation.speeches] == [1, 2]


def test_text_before_the_first_marker_without_a_body_is_the_compilation_title():
    compilation = parse_text("市长讲话稿两篇\n第一篇：讲话甲\n正文甲。\n第二篇：讲话乙\n正文乙。")
    assert compilation.title == "市长讲话稿两篇"
    assert [s.title for s in compilation.speeches] == ["讲话甲", "讲话乙"]
    assert [m.kind for m in compilation.meta_lines] == ["title"]


def test_an_editors_note_before_the_first_marker_is_not_a_speech():
    text = (
        "县长讲话稿范文（精选2篇）\n"
        "以下是为大家整理的讲话稿范文，欢迎阅读参考。\n"
        "篇一：县长在全县大会上的讲话\n同志们：\n正文甲。\n"
        "篇二：县长在全县大会结束时的讲话\n正文乙。"
    )
    compilation = parse_text(text)
    assert compilation.title == "县长讲话稿范文（精选2篇）"
    assert [s.title for s in compilation.speeches] == [
        "县长在全县大会上的讲话",
        "县长在全县大会结束时的讲话",
    ]
    assert [m.kind for m in compilation.meta_lines] == ["title", "preamble"]


def test_a_file_without_markers_is_one_speech():
    compilation = parse_text("在全市大会上的讲话\n同志们：\n第一段。\n第二段。")
    assert len(compilation.speeches) == 1
    assert len(compilation.speeches[0].paragraphs) == 2


def test_a_skipped_speech_number_is_flagged():
    compilation = parse_text("第一篇：甲\n正文。\n第三篇：丙\n正文。")
    assert [w.code for w in compilation.speeches[1].warnings] == ["speech-marker-skip"]


def test_the_word_篇_inside_a_sentence_is_not_a_marker():
    assert len(parse_text("讲话\n第一篇文章写得很好。\n第二篇文章也好。").speeches) == 1


ANTHOLOGY = """\
论团结（摘编）
网站名称网
打印
一
团结就是力量。我们要团结一切可以团结的力量。
（2020年3月1日在全省干部大会上的讲话）
二
实干才能梦想成真。
（2021年5月4日在青年座谈会上的讲话要点）
三
改革要敢于啃硬骨头。
（二〇二二年一月五日为某某文集所作的序言）
发布时间：2023-06-01 来源：某某网
"""


def test_bare_numerals_with_dates_after_each_excerpt_make_an_anthology():
    compilation = parse_text(ANTHOLOGY)
    speeches = compilation.speeches
    assert [s.date for s in speeches] == ["2020-03-01", "2021-05-04", "2022-01-05"]
    assert [s.event for s in speeches] == ["全省干部大会", "青年座谈会", None]
    assert speeches[0].title == "在全省干部大会上的讲话"
    assert [p.text for p in speeches[1].paragraphs] == ["实干才能梦想成真。"]
    # The page title and furniture belong to the compilation, not a speech.
    assert compilation.title == "论团结（摘编）"
    # The page's publication date is every excerpt's, never its speech date.
    assert compilation.published == "2023-06-01"
    assert {s.published for s in speeches} == {"2023-06-01"}


def test_bare_numerals_without_dates_are_sections_of_one_speech():
    text = "讲话\n同志们：\n一\n第一部分的内容。\n二\n第二部分的内容。"
    compilation = parse_text(text)
    assert len(compilation.speeches) == 1
    assert [s.marker for s in compilation.speeches[0].sections] == ["一", "二"]
