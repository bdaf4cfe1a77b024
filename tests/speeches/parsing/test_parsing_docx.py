"""Word documents: read through python-docx, zip bombs refused before that."""

import io
import random
import zipfile

import docx
import pytest

from speeches.parsing import ParseError, parse_bytes


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
    # expand past 50 x max_bytes.
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
