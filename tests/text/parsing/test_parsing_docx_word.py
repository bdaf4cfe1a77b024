"""Word documents read as Word shows them: list numbering, wrapped runs, content controls.

python-docx reads a paragraph's runs and hyperlinks only. Offices number
report headings with Word's lists, date smart tags wrap text, templates
use content controls: each would reach the parser with text missing.
"""

import io
import shutil
import subprocess
import zipfile

import pytest

from text.parsing.docx import docx_to_text
from text.parsing.docx_numbering import format_number
from text.parsing.parser import parse_bytes

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
LIMIT = 20 * 1024 * 1024


def word_file(body: str, *, numbering: str | None = None, styles: str | None = None) -> bytes:
    """A .docx holding ``body`` (the children of w:body) and the given parts."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "word/document.xml",
            f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>',
        )
        if numbering is not None:
            archive.writestr(
                "word/numbering.xml", f'<w:numbering xmlns:w="{W}">{numbering}</w:numbering>'
            )
        if styles is not None:
            archive.writestr("word/styles.xml", f'<w:styles xmlns:w="{W}">{styles}</w:styles>')
    return buffer.getvalue()


def para(
    text: str, *, num: int | None = None, level: int | None = None, style: str | None = None
) -> str:
    props = ""
    if style is not None:
        props += f'<w:pStyle w:val="{style}"/>'
    if num is not None or level is not None:
        props += "<w:numPr>"
        if level is not None:
            props += f'<w:ilvl w:val="{level}"/>'
        if num is not None:
            props += f'<w:numId w:val="{num}"/>'
        props += "</w:numPr>"
    ppr = f"<w:pPr>{props}</w:pPr>" if props else ""
    return f"<w:p>{ppr}<w:r><w:t>{text}</w:t></w:r></w:p>"


def level(
    ilvl: int,
    fmt: str,
    text: str,
    *,
    suffix: str | None = "nothing",
    start: int = 1,
    legal: bool = False,
) -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        + (f'<w:suff w:val="{suffix}"/>' if suffix else "")
        + ("<w:isLgl/>" if legal else "")
        + f'<w:lvlText w:val="{text}"/></w:lvl>'
    )


REPORT_LIST = (
    '<w:abstractNum w:abstractNumId="7">'
    + level(0, "chineseCounting", "%1、")
    + level(1, "chineseCounting", "（%2）")
    + level(2, "decimal", "%3.")
    + "</w:abstractNum>"
    + '<w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num>'
)


def lines(data: bytes) -> list[str]:
    return docx_to_text(data, max_bytes=LIMIT).split("\n")


def test_a_reports_numbered_headings_get_their_labels():
    body = "".join(
        [
            para("提高思想认识", num=3, level=0),
            para("正文一段。"),
            para("完善制度", num=3, level=1),
            para("加强队伍", num=3, level=1),
            para("抓好落实", num=3, level=2),
            para("强化监督", num=3, level=0),
            para("依法监督", num=3, level=1),
        ]
    )
    assert lines(word_file(body, numbering=REPORT_LIST)) == [
        "一、提高思想认识",
        "正文一段。",
        "（一）完善制度",
        "（二）加强队伍",
        "1.抓好落实",
        "二、强化监督",
        "（一）依法监督",  # a level counts again once a level above it advances
    ]


def test_the_level_suffix_is_written_as_word_copies_text():
    numbering = (
        '<w:abstractNum w:abstractNumId="1">'
        + level(0, "decimal", "第%1章", suffix=None)  # the default: a tab
        + level(1, "decimal", "第%2节", suffix="space")
        + '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
    )
    body = para("总则", num=1) + para("目的", num=1, level=1)
    assert lines(word_file(body, numbering=numbering)) == ["第1章\t总则", "第1节 目的"]


def test_numbering_through_a_paragraph_style_and_its_bases():
    styles = (
        '<w:style w:type="paragraph" w:styleId="Heading1"><w:pPr><w:numPr><w:numId w:val="3"/>'
        "</w:numPr></w:pPr></w:style>"
        '<w:style w:type="paragraph" w:styleId="Heading2"><w:pPr><w:numPr><w:ilvl w:val="1"/>'
        '<w:numId w:val="3"/></w:numPr></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="MyHeading"><w:basedOn w:val="Heading1"/></w:style>'
    )
    body = "".join(
        [
            para("第一部分", style="Heading1"),
            para("第一小节", style="Heading2"),
            para("第二部分", style="MyHeading"),
            para("不编号的标题", style="Heading1", num=0),  # numId 0: numbering switched off
            para("第三部分", style="Heading1"),
        ]
    )
    assert lines(word_file(body, numbering=REPORT_LIST, styles=styles)) == [
        "一、第一部分",
        "（一）第一小节",
        "二、第二部分",
        "不编号的标题",
        "三、第三部分",
    ]


def test_instances_of_one_list_count_on_unless_one_restarts():
    numbering = (
        '<w:abstractNum w:abstractNumId="1">'
        + level(0, "chineseCounting", "%1、")
        + "</w:abstractNum>"
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
        '<w:num w:numId="3"><w:abstractNumId w:val="1"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
    )
    body = "".join(
        para(t, num=n) for t, n in [("甲", 1), ("乙", 1), ("丙", 2), ("丁", 3), ("戊", 3)]
    )
    assert lines(word_file(body, numbering=numbering)) == [
        "一、甲",
        "二、乙",
        "三、丙",
        "一、丁",
        "二、戊",
    ]


def test_a_level_override_and_legal_numbering():
    numbering = (
        '<w:abstractNum w:abstractNumId="1">'
        + level(0, "chineseCounting", "第%1部分")
        + level(1, "chineseCounting", "%1.%2", legal=True)
        + "</w:abstractNum>"
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0">'
        + level(0, "decimalEnclosedCircle", "%1", start=3)
        + "</w:lvlOverride></w:num>"
    )
    body = para("总体要求", num=1) + para("指导思想", num=1, level=1) + para("附", num=2)
    assert lines(word_file(body, numbering=numbering)) == ["第一部分总体要求", "1.1指导思想", "②附"]


def test_bullets_and_unknown_lists_get_no_label():
    numbering = (
        '<w:abstractNum w:abstractNumId="1">' + level(0, "bullet", "\uf0b7") + "</w:abstractNum>"
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="99"/></w:num>'
    )
    body = para("要点", num=1) + para("无此列表", num=2) + para("无此编号", num=5)
    assert lines(word_file(body, numbering=numbering)) == ["要点", "无此列表", "无此编号"]


@pytest.mark.parametrize(
    "numbering",
    [
        "<w:abstractNum",  # not XML
        # No level text: nothing to draw.
        '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="x"><w:start w:val="many"/></w:lvl>'
        '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>',
    ],
)
def test_a_broken_numbering_part_leaves_the_text_as_it_is(numbering):
    data = word_file(para("一段", num=1), numbering=numbering)
    assert lines(data) == ["一段"]


def test_a_placeholder_of_no_level_is_written_as_it_stands():
    # %² is a digit to str.isdigit, not to int(): the label keeps it, the file is read.
    numbering = (
        '<w:abstractNum w:abstractNumId="1">' + level(0, "decimal", "%1.%²")
        + '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
    )
    assert lines(word_file(para("一段", num=1), numbering=numbering)) == ["1.%²一段"]


def test_an_absurd_start_makes_no_huge_label():
    numbering = (
        '<w:abstractNum w:abstractNumId="1">'
        + level(0, "upperLetter", "%1.", start=10**9)
        + '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
    )
    assert lines(word_file(para("甲", num=1), numbering=numbering)) == ["1000000000.甲"]


def test_circular_style_bases_and_style_links_end():
    styles = (
        '<w:style w:type="paragraph" w:styleId="A"><w:basedOn w:val="B"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="B"><w:basedOn w:val="A"/></w:style>'
        '<w:style w:type="numbering" w:styleId="L"><w:pPr><w:numPr><w:numId w:val="1"/>'
        "</w:numPr></w:pPr></w:style>"
    )
    numbering = (
        '<w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="L"/></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
    )
    body = para("甲", style="A") + para("乙", num=1)
    assert lines(word_file(body, numbering=numbering, styles=styles)) == ["甲", "乙"]


def test_a_list_linked_through_a_numbering_style_is_followed():
    styles = (
        '<w:style w:type="numbering" w:styleId="ReportList"><w:pPr><w:numPr><w:numId w:val="3"/>'
        "</w:numPr></w:pPr></w:style>"
    )
    numbering = REPORT_LIST + (
        '<w:abstractNum w:abstractNumId="8"><w:numStyleLink w:val="ReportList"/></w:abstractNum>'
        '<w:num w:numId="4"><w:abstractNumId w:val="8"/></w:num>'
    )
    # The linked list and the list it links to are one list: they count on together.
    body = para("总体要求", num=4) + para("主要任务", num=4) + para("保障措施", num=3)
    assert lines(word_file(body, numbering=numbering, styles=styles)) == [
        "一、总体要求",
        "二、主要任务",
        "三、保障措施",
    ]


@pytest.mark.parametrize(
    ("fmt", "numbers", "shown"),
    [
        (
            "chineseCounting",
            [1, 10, 11, 20, 21, 101, 110],
            "一 十 十一 二十 二十一 一百零一 一百一十",
        ),
        ("chineseCountingThousand", [9, 15, 1005], "九 十五 一千零五"),
        ("chineseLegalSimplified", [1, 10, 12], "壹 壹拾 壹拾贰"),
        ("ideographDigital", [7, 10, 2026], "七 一〇 二〇二六"),
        ("ideographTraditional", [1, 4, 10, 11], "甲 丁 癸 甲"),
        ("decimalEnclosedCircle", [1, 20, 21], "① ⑳ 21"),
        ("decimalEnclosedParen", [3], "⑶"),
        ("decimalFullWidth", [12], "１２"),
        ("upperLetter", [1, 26, 27], "A Z AA"),
        ("lowerRoman", [4, 9, 14], "iv ix xiv"),
        ("decimalZero", [3, 12], "03 12"),
        ("someScriptNotHandled", [5], "5"),
    ],
)
def test_number_formats(fmt, numbers, shown):
    assert " ".join(format_number(n, fmt) for n in numbers) == shown


# Runs Word shows that python-docx skips ---------------------------------


def runs(*texts: str) -> str:
    return "".join(f"<w:r><w:t>{t}</w:t></w:r>" for t in texts)


def test_wrapped_runs_are_read_and_deleted_ones_are_not():
    paragraph = (
        "<w:p>"
        + runs("在")
        + f'<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="chsdate">'
        f"{runs('2005年3月5日')}</w:smartTag>"
        + f'<w:ins w:id="1" w:author="a">{runs("召开的")}</w:ins>'
        + '<w:del w:id="2" w:author="a"><w:r><w:delText>删去的</w:delText></w:r></w:del>'
        + f'<w:moveFrom w:id="3" w:author="a">{runs("移走的")}</w:moveFrom>'
        + f'<w:moveTo w:id="4" w:author="a">{runs("全市")}</w:moveTo>'
        + f'<w:customXml w:element="place">{runs("人大")}</w:customXml>'
        + f"<w:sdt><w:sdtPr/><w:sdtContent>{runs('工作')}</w:sdtContent></w:sdt>"
        + f'<w:fldSimple w:instr=" DOCPROPERTY Title ">{runs("会议")}</w:fldSimple>'
        + f'<w:ins w:id="5" w:author="a"><w:hyperlink>{runs("上")}</w:hyperlink></w:ins>'
        + "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>"
        + runs("单击此处输入文字")
        + "</w:sdtContent></w:sdt>"
        + runs("的讲话")
        + "</w:p>"
    )
    assert lines(word_file(paragraph)) == ["在2005年3月5日召开的全市人大工作会议上的讲话"]


def test_blocks_in_content_controls_are_read_but_not_a_table_of_contents():
    toc = (
        '<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/>'
        "</w:docPartObj></w:sdtPr><w:sdtContent>"
        + para("目录")
        + para("一、提高思想认识\t3")
        + "</w:sdtContent></w:sdt>"
    )
    control = (
        "<w:sdt><w:sdtPr/><w:sdtContent>"
        + para("王萍市长在全市人大工作会议上的讲话")
        + "<w:tbl><w:tr><w:tc>"
        + para("表格里的话")
        + "</w:tc></w:tr></w:tbl>"
        + "</w:sdtContent></w:sdt>"
    )
    empty = (
        "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>"
        + para("请输入标题")
        + "</w:sdtContent></w:sdt>"
    )
    assert lines(word_file(toc + control + empty + para("正文。"))) == [
        "王萍市长在全市人大工作会议上的讲话",
        "表格里的话",
        "正文。",
    ]


def test_a_word_report_with_list_headings_parses_into_its_sections():
    body_text = "这是正文的一段，内容足够长，以便被识别为正文段落，而不是标题或者其他东西。"
    body = "".join(
        [
            para("王萍市长在全市人大工作会议上的讲话"),
            para("（2024年3月1日）"),
            para("同志们："),
            para(body_text),
            para("提高思想认识", num=3, level=0),
            para(body_text),
            para("完善制度", num=3, level=1),
            para(body_text),
            para("加强队伍", num=3, level=1),
            para(body_text),
            para("强化监督", num=3, level=0),
            para(body_text),
        ]
    )
    compilation = parse_bytes(word_file(body, numbering=REPORT_LIST), filename="report.docx")
    (speech,) = compilation.speeches
    outline = [
        (s.marker, s.heading, [(c.marker, c.heading) for c in s.children]) for s in speech.sections
    ]
    assert outline == [
        ("一、", "提高思想认识", [("（一）", "完善制度"), ("（二）", "加强队伍")]),
        ("二、", "强化监督", []),
    ]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("ebook-convert") is None, reason="calibre is not installed")
def test_lists_numbered_by_another_writer_are_read_with_their_labels(tmp_path):
    """The numbering of a .docx written by calibre, not by these tests' own XML."""
    page = tmp_path / "report.html"
    page.write_text(
        '<html><head><meta charset="utf-8"><title>报告</title></head><body>'
        "<p>王萍市长在全市人大工作会议上的讲话</p>"
        '<ol style="list-style-type: cjk-ideographic"><li>提高思想认识</li><li>强化监督</li></ol>'
        '<ol style="list-style-type: upper-roman"><li>甲</li><li>乙</li></ol>'
        "</body></html>",
        encoding="utf-8",
    )
    subprocess.run(
        ["ebook-convert", str(page), str(tmp_path / "report.docx")],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert lines((tmp_path / "report.docx").read_bytes()) == [
        "王萍市长在全市人大工作会议上的讲话",
        "一.\t提高思想认识",
        "二.\t强化监督",
        "I.\t甲",
        "II.\t乙",
    ]


def test_a_numbering_part_larger_than_any_real_one_is_not_parsed(monkeypatch):
    from text.parsing import docx as docx_module

    data = word_file(para("提高思想认识", num=3), numbering=REPORT_LIST)
    assert lines(data) == ["一、提高思想认识"]
    monkeypatch.setattr(docx_module, "PART_LIMIT", len(REPORT_LIST))
    assert lines(data) == ["提高思想认识"]
