"""Corrections from the upload preview, applied to a parse before the import."""

import dataclasses

import pytest

from text.corrections import (
    CompilationCorrections,
    CorrectionMismatch,
    apply_corrections,
    correction_of,
    normalize_partial_date,
    parse_fingerprint,
    run_in_heading_end,
)
from text.parsing import parse_text
from text.structure import flatten_sections

TEXT = (
    "王萍市长在全市人大工作会议上的讲话\n"
    "（2024年8月12日）\n"
    "同志们：\n"
    "今天召开会议。\n"
    "一、坚持依法行政。依法行政是基本准则。\n"
    "第一，要学法。学法是前提。\n"
    "二、接受人大监督\n"
    "要主动接受监督。\n"
)


def unchanged(parsed) -> CompilationCorrections:
    return CompilationCorrections(
        title="", speeches=tuple(correction_of(s) for s in parsed.speeches)
    )


def with_speech(parsed, **changes) -> CompilationCorrections:
    first = dataclasses.replace(correction_of(parsed.speeches[0]), **changes)
    return CompilationCorrections(title="", speeches=(first,))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("", ""),
        ("  ", ""),
        ("2024", "2024"),
        ("2024年", "2024"),
        ("2024-8", "2024-08"),
        ("2024/08", "2024-08"),
        ("2024年8月", "2024-08"),
        ("2024-08-12", "2024-08-12"),
        ("2024.8.2", "2024-08-02"),
        ("2024年8月12日", "2024-08-12"),
        ("２０２４年８月１２日", "2024-08-12"),
    ],
)
def test_dates_are_read_at_any_precision(value, expected):
    assert normalize_partial_date(value) == expected


@pytest.mark.parametrize("value", ["24", "2024-13", "2024-02-30", "August 2024", "2024年8", "0000"])
def test_what_is_not_a_date_is_refused(value):
    with pytest.raises(ValueError):
        normalize_partial_date(value)


def test_no_corrections_change_nothing():
    parsed = parse_text(TEXT, source="a.txt")
    assert apply_corrections(parsed, unchanged(parsed)).to_dict() == parsed.to_dict()


def test_metadata_is_replaced_and_emptied_fields_become_unknown():
    parsed = parse_text(TEXT, source="a.txt")
    corrected = apply_corrections(
        parsed,
        with_speech(
            parsed,
            title="在全市人大工作会议上的讲话",
            speaker_name=" 王平 ",
            role="",
            event="全市人大工作会议（扩大）",
            date="2024年8月",
            place="市政府礼堂",
        ),
    )
    speech = corrected.speeches[0]
    assert speech.title == "在全市人大工作会议上的讲话"
    assert speech.speaker_name == "王平"
    assert speech.role is None
    assert speech.event == "全市人大工作会议（扩大）"
    assert speech.date == "2024-08"
    assert speech.place == "市政府礼堂"
    # The text is never touched, and the original parse is left as it was.
    assert [p.text for p in speech.paragraphs] == [p.text for p in parsed.speeches[0].paragraphs]
    assert corrected.text == parsed.text
    assert parsed.speeches[0].speaker_name == "王萍"


def test_headings_are_corrected_in_document_order():
    parsed = parse_text(TEXT, source="a.txt")
    fix = correction_of(parsed.speeches[0])
    headings = ("坚持依法行政", "要学法", "主动接受人大监督")
    assert len(fix.headings) == len(headings)

    corrected = apply_corrections(parsed, with_speech(parsed, headings=headings))

    flat = flatten_sections(corrected.speeches[0].sections)
    assert [item.section.heading for item in flat] == list(headings)
    assert [item.path for item in flat] == [("一、",), ("一、", "第一，"), ("二、",)]


def test_renaming_a_run_in_heading_moves_its_bold_end():
    parsed = parse_text(TEXT, source="a.txt")
    flat = flatten_sections(parsed.speeches[0].sections)
    headings = [item.section.heading for item in flat]
    assert flat[0].section.run_in
    headings[0] = "坚持依法"

    corrected = apply_corrections(parsed, with_speech(parsed, headings=tuple(headings)))

    opening = next(p for p in corrected.speeches[0].paragraphs if p.text.startswith("一、"))
    assert opening.text[: opening.heading_end] == "一、坚持依法"


def test_renaming_an_unnumbered_heading_renames_the_paths_below_it():
    text = "关于工作的讲话\n同志们：\n人民至上\n要坚持人民至上。\n依法行政\n要依法行政。\n"
    parsed = parse_text(text, source="a.txt")
    headings = tuple(item.section.heading for item in flatten_sections(parsed.speeches[0].sections))
    assert headings == ("人民至上", "依法行政")

    corrected = apply_corrections(
        parsed, with_speech(parsed, headings=("始终坚持人民至上", "依法行政"))
    )

    paths = [p.section_path for p in corrected.speeches[0].paragraphs]
    assert paths == [("始终坚持人民至上",), ("依法行政",)]


def test_an_unnumbered_heading_cannot_be_emptied():
    text = "关于工作的讲话\n同志们：\n人民至上\n要坚持人民至上。\n"
    parsed = parse_text(text, source="a.txt")
    with pytest.raises(ValueError):
        apply_corrections(parsed, with_speech(parsed, headings=("",)))


def test_corrections_for_another_parse_are_refused():
    parsed = parse_text(TEXT, source="a.txt")
    with pytest.raises(CorrectionMismatch):
        apply_corrections(parsed, with_speech(parsed, headings=("只有一个",)))
    with pytest.raises(CorrectionMismatch):
        apply_corrections(parsed, CompilationCorrections(title="", speeches=()))


def test_the_compilation_title_is_corrected():
    parsed = parse_text(TEXT, source="a.txt")
    corrections = dataclasses.replace(unchanged(parsed), title=" 讲话汇编 ")
    assert apply_corrections(parsed, corrections).title == "讲话汇编"


def test_the_fingerprint_follows_the_structure_not_the_metadata():
    parsed = parse_text(TEXT, source="a.txt")
    same = parse_text(TEXT.replace("\n", "\r\n"), source="b.txt")
    other = parse_text(TEXT.replace("二、接受人大监督\n", ""), source="a.txt")
    assert parse_fingerprint(parsed) == parse_fingerprint(same)
    assert parse_fingerprint(parsed) != parse_fingerprint(other)


@pytest.mark.parametrize(
    ("text", "marker", "heading", "end"),
    [
        ("一、坚持依法行政。依法行政是准则。", "一、", "坚持依法行政", 9),
        ("一、坚持依法行政依法行政是准则。", "一、", "坚持依法行政", 8),
        ("一、坚持依法行政。", "一、", "坚持依法行政。", None),  # the whole paragraph
        ("一、坚持依法行政。", "一、", "别的标题", None),
        ("一、坚持依法行政。", "一、", "", None),
    ],
)
def test_where_a_run_in_heading_ends(text, marker, heading, end):
    assert run_in_heading_end(text, marker, heading) == end
