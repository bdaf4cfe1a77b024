"""Normalization: invisible characters go, everything visible stays verbatim."""

from text.parsing import parse_text
from text.parsing.normalize import Line, normalize_lines


def test_line_ends_crlf_cr_and_lf_all_count_as_one_line():
    lines = normalize_lines("一\r\n二\r三\n四")
    assert lines == [Line(1, "一"), Line(2, "二"), Line(3, "三"), Line(4, "四")]


def test_empty_and_blank_lines_are_dropped_but_numbers_are_kept():
    lines = normalize_lines("标题\n\n\u3000\u3000\n \xa0\n正文。")
    assert lines == [Line(1, "标题"), Line(5, "正文。")]


def test_trims_ideographic_space_and_nbsp():
    assert normalize_lines("\u3000\u3000今天开会。\xa0 ")[0].text == "今天开会。"


def test_inner_spaces_are_kept():
    assert normalize_lines("王 萍\n习\u3000近\u3000平")[1].text == "习\u3000近\u3000平"


def test_bom_zero_width_and_private_use_characters_are_dropped():
    text = "\ufeff标题\ue004\n\u200b\n正\u200c文\u200d\u2060。\uf8ff"
    assert normalize_lines(text) == [Line(1, "标题"), Line(3, "正文。")]


def test_full_width_punctuation_and_traditional_characters_are_kept():
    text = "第一屆全國人民代表大會第四次會議：「向科學進軍」（１）！"
    assert normalize_lines(text)[0].text == text


def test_compilation_text_and_hash_are_of_the_normalized_text():
    first = parse_text("标题\r\n\r\n同志们：\r\n今天开会。\r\n")
    second = parse_text("\ufeff标题\n同志们：\n\u200b\n今天开会。")
    assert first.text == "标题\n同志们：\n今天开会。"
    assert first.sha256 == second.sha256
    assert len(first.sha256) == 64


def test_warnings_point_at_the_line_in_the_original_file():
    # The heading skips a number on original line 6, after blank lines.
    compilation = parse_text("标题\n\n同志们：\n一、第一部分\n\n三、第三部分\n正文。")
    skip = [w for w in compilation.speeches[0].warnings if w.code == "marker-skip"]
    assert [w.line for w in skip] == [6]
