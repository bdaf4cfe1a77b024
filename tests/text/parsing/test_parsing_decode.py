"""Decoding uploaded bytes, and refusing what is not text."""

import codecs

import pytest

from text.parsing import ParseError, parse_bytes
from text.parsing.decode import decode_bytes
from text.parsing.errors import MESSAGES

SPEECH = "市长在全市工作会议上的讲话\n同志们：\n今天我们召开会议，研究部署工作。\n"


def refused(data: bytes, *, filename: str = "upload.txt", max_bytes: int = 1_000_000) -> ParseError:
    with pytest.raises(ParseError) as caught:
        parse_bytes(data, filename=filename, max_bytes=max_bytes)
    return caught.value


def test_utf8_without_bom():
    compilation = parse_bytes(SPEECH.encode("utf-8"), filename="a.txt")
    assert compilation.encoding == "utf-8"
    assert compilation.speeches[0].title == "市长在全市工作会议上的讲话"


def test_utf8_with_bom_is_reported_as_utf8_and_the_bom_is_dropped():
    text, encoding = decode_bytes(codecs.BOM_UTF8 + SPEECH.encode("utf-8"), max_bytes=10_000)
    assert encoding == "utf-8"
    assert text == SPEECH


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(codec):
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    compilation = parse_bytes(bom + SPEECH.encode(codec), filename="a.txt")
    assert compilation.encoding == "utf-16"
    assert compilation.speeches[0].salutation == "同志们："


def test_gb18030():
    # Long enough for detection to be sure, as real files are.
    data = (SPEECH + "各级政府要认真贯彻落实会议精神，切实加强组织领导。\n" * 5).encode("gb18030")
    compilation = parse_bytes(data, filename="a.txt")
    assert compilation.encoding == "gb18030"
    assert compilation.speeches[0].title == "市长在全市工作会议上的讲话"


def test_short_gbk_text_still_decodes():
    text, encoding = decode_bytes("同志们：会议开始。".encode("gbk"), max_bytes=1000)
    assert encoding == "gb18030"
    assert text == "同志们：会议开始。"


def test_empty_file():
    error = refused(b"")
    assert error.code == "empty"


def test_only_whitespace_and_invisible_characters_is_no_text():
    error = refused(" \u3000\n\u200b\n\r\n".encode())
    assert error.code == "no-text"


def test_nul_bytes_are_binary():
    assert refused(b"abc\x00\x01def" * 10).code == "binary"


def test_control_characters_are_binary():
    assert refused("讲话\x07内容\x02".encode()).code == "binary"


@pytest.mark.parametrize(
    "head",
    [
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 20,
        b"\xff\xd8\xff\xe0" + b"\x00" * 20,
        b"GIF89a" + b"\x00" * 20,
        b"RIFF\x10\x00\x00\x00WEBPVP8 " + b"\x00" * 10,
        b"BM\x3a\x00\x00\x00\x00\x00\x00\x00\x36\x00\x00\x00" + b"\x00" * 20,
    ],
    ids=["png", "jpeg", "gif", "webp", "bmp"],
)
def test_images(head):
    error = refused(head)
    assert error.code == "image"
    assert "图片" in error.message


def test_pdf():
    error = refused(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    assert error.code == "pdf"
    assert error.message == "文件是 PDF 格式，无法导入；请上传纯文本（.txt）或 Word（.docx）文件"
    assert "PDF" in error.message_en


def test_legacy_word_document():
    error = refused(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, filename="a.doc")
    assert error.code == "binary"
    assert ".docx" in error.message


def test_too_large():
    error = refused(SPEECH.encode() * 10, max_bytes=50)
    assert error.code == "too-large"
    assert "50" in error.message


def test_bytes_no_encoding_reads():
    error = refused(b"\x80\xff" * 50)
    assert error.code == "unknown-encoding"
    assert "UTF-8" in error.message


def test_every_refusal_has_chinese_and_english_messages():
    for code, (chinese, english) in MESSAGES.items():
        error = ParseError(code)
        assert error.code == code
        assert error.message == chinese and any("\u4e00" <= ch <= "\u9fff" for ch in chinese)
        assert error.message_en == english and english.isascii()


def test_unknown_code_is_a_programming_error():
    with pytest.raises(ValueError):
        ParseError("nonsense")
