"""Word documents: read as python-docx reads them, zip bombs refused unread, the text capped."""

import io
import random
import zipfile

import docx
import pytest

from text.parsing import ParseError, parse_bytes


def make_docx(paragraphs, table=None) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_paragraphs_in_order():
    data = make_docx(
        [
            "王萍市长在全市人大工作会议上的讲话",
            "",
            "同志们：",
            "一、提高思想认识",
            "人民代表大会制度是我国的根本政治制度。",
        ]
    )
    compilation = parse_bytes(data, filename="讲话.docx")
    speech = compilation.speeches[0]
    assert compilation.encoding == "docx"
    assert compilation.source == "讲话.docx"
    assert speech.title == "王萍市长在全市人大工作会议上的讲话"
    assert speech.speaker_name == "王萍"
    assert speech.salutation == "同志们："
    assert [s.heading for s in speech.sections] == ["提高思想认识"]
    assert speech.paragraphs[0].text == "人民代表大会制度是我国的根本政治制度。"
    assert speech.paragraphs[0].section_path == ("一、",)


def test_table_cells_are_read_too():
    data = make_docx(["会议讲话", "同志们：", "今天开会。"], table=[["时间安排", "会议议程。"]])
    texts = [p.text for p in parse_bytes(data, filename="a.docx").speeches[0].paragraphs]
    assert "会议议程。" in texts


def test_zip_magic_is_enough_to_read_a_docx_whatever_its_name():
    data = make_docx(["讲话", "同志们：", "今天开会。"])
    assert parse_bytes(data, filename="upload.bin").encoding == "docx"


def test_a_docx_that_is_not_a_zip():
    with pytest.raises(ParseError) as caught:
        parse_bytes("这不是 Word 文档".encode(), filename="speech.docx")
    assert caught.value.code == "bad-docx"


def test_a_zip_without_a_word_document():
    data = make_zip({"notes.txt": "讲话".encode()})
    with pytest.raises(ParseError) as caught:
        parse_bytes(data, filename="speech.docx")
    assert caught.value.code == "bad-docx"
    assert "ZIP" in caught.value.message


def test_a_broken_word_document():
    data = make_zip({"word/document.xml": b"<not xml", "[Content_Types].xml": b"<x/>"})
    with pytest.raises(ParseError) as caught:
        parse_bytes(data, filename="speech.docx")
    assert caught.value.code == "bad-docx"


def test_zip_bomb_by_compression_ratio():
    # 20 MB of zeros deflates to about 20 KB: a ratio near 1000.
    data = make_zip({"word/document.xml": b"\0" * (20 * 1024 * 1024)})
    assert len(data) < 100_000
    with pytest.raises(ParseError) as caught:
        parse_bytes(data, filename="bomb.docx")
    assert caught.value.code == "zip-bomb"


def test_zip_bomb_by_total_size():
    # Many members, each too small for the ratio check, that together
    # expand past 10 x max_bytes.
    members = {f"word/media/part{i}.bin": b"\0" * 900_000 for i in range(12)}
    members["word/document.xml"] = b"<w:document/>"
    data = make_zip(members)
    with pytest.raises(ParseError) as caught:
        parse_bytes(data, filename="big.docx", max_bytes=200_000)
    assert caught.value.code == "zip-bomb"


def test_a_large_but_ordinary_archive_is_not_a_bomb():
    # A photo that does not compress, as real media does not.
    buffer = io.BytesIO(make_docx(["讲话", "同志们：", "今天开会。"]))
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr("word/media/photo.bin", random.Random(0).randbytes(2_000_000))
    compilation = parse_bytes(buffer.getvalue(), filename="a.docx")
    assert compilation.speeches[0].paragraphs[0].text == "今天开会。"


def test_docx_too_large_before_unzipping():
    data = make_docx(["讲话", "同志们：", "今天开会。"])
    with pytest.raises(ParseError) as caught:
        parse_bytes(data, filename="a.docx", max_bytes=100)
    assert caught.value.code == "too-large"


def test_docx_with_no_text():
    with pytest.raises(ParseError) as caught:
        parse_bytes(make_docx(["", "  "]), filename="empty.docx")
    assert caught.value.code == "no-text"


# The text read is python-docx's, without its object model -----------------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def python_docx_lines(data: bytes) -> list[str]:
    """What python-docx reads: body paragraphs, then each table cell once."""
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(data))
    lines = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            lines.append(Paragraph(child, document).text)
        elif child.tag == qn("w:tbl"):
            seen = set()
            for row in Table(child, document).rows:
                for cell in row.cells:
                    if cell._tc in seen:
                        continue
                    seen.add(cell._tc)
                    lines.extend(p.text for p in cell.paragraphs)
    return lines


def rich_docx() -> bytes:
    from docx.enum.text import WD_BREAK
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_paragraph("王萍市长在全市人大工作会议上的讲话")
    document.add_paragraph("")
    heading = document.add_paragraph()
    heading.add_run("一、").bold = True
    heading.add_run("提高思想认识\t（要点）")
    broken = document.add_paragraph("第一行")
    broken.add_run().add_break()
    broken.add_run("第二行")
    broken.add_run().add_break(WD_BREAK.PAGE)
    broken.add_run("分页之后")
    linked = document.add_paragraph("详见")
    linked._p.append(parse_xml(
        f'<w:hyperlink xmlns:w="{W}"><w:r><w:t>人大网</w:t></w:r>'
        f'<w:r><w:noBreakHyphen/><w:t xml:space="preserve"> 专栏</w:t></w:r></w:hyperlink>'
    ))
    grid = document.add_table(rows=3, cols=3)
    grid.cell(0, 0).merge(grid.cell(0, 1)).text = "横向合并"
    grid.cell(0, 2).text = "右上"
    grid.cell(1, 0).merge(grid.cell(2, 0)).text = "纵向合并"
    grid.cell(1, 1).text = "中间"
    grid.cell(1, 2).add_paragraph("单元格第二段")
    grid.cell(2, 2).add_table(rows=1, cols=1).cell(0, 0).text = "嵌套表格不读"
    document.add_paragraph("表格之后的正文。")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_the_text_read_is_what_python_docx_reads():
    from text.parsing.docx import docx_to_text

    data = rich_docx()
    expected = python_docx_lines(data)
    assert "横向合并" in expected and "纵向合并" in expected and "嵌套表格不读" not in expected
    assert docx_to_text(data, max_bytes=20 * 1024 * 1024) == "\n".join(expected)


# The text is capped like a .txt upload of the same text -------------------


def long_text(size: int) -> list[str]:
    rng = random.Random(1)
    han = [chr(c) for c in range(0x4E00, 0x4E00 + 2000)]
    paragraphs, total = [], 0
    while total < size:
        line = "".join(rng.choice(han) for _ in range(200)) + "。"
        paragraphs.append(line)
        total += len(line.encode()) + 1
    return paragraphs


def test_a_docx_whose_text_is_over_the_limit_is_refused():
    limit = 200_000
    paragraphs = ["讲话", "同志们：", *long_text(limit + 10_000)]
    data = make_docx(paragraphs)
    assert len(data) < limit  # the file itself is within the limit
    with pytest.raises(ParseError) as caught:
        parse_bytes(data, filename="long.docx", max_bytes=limit)
    assert caught.value.code == "too-large"
    assert str(limit) in caught.value.message
    # The same text as a .txt file is refused too.
    with pytest.raises(ParseError) as as_text:
        parse_bytes("\n".join(paragraphs).encode(), filename="long.txt", max_bytes=limit)
    assert as_text.value.code == "too-large"


def test_a_docx_whose_text_is_just_within_the_limit_is_read():
    paragraphs = ["讲话", "同志们：", *long_text(150_000)]
    limit = len("\n".join(paragraphs).encode())
    compilation = parse_bytes(make_docx(paragraphs), filename="a.docx", max_bytes=limit)
    assert len(compilation.speeches[0].paragraphs) == len(paragraphs) - 2
