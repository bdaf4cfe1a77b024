"""Files every way in (page, API, command) must refuse, and variants of the seed.

Each refused file comes with the parser's code for it; a too-large file is
made against a small ``MAX_UPLOAD_BYTES`` (see ``small_upload_limit``).
"""

import io
import zipfile

import pytest

SMALL_LIMIT = 64 * 1024


def zip_bomb() -> bytes:
    """A .docx-looking archive whose document inflates about a thousandfold."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (8 * 1024 * 1024))
    return buffer.getvalue()


def wordy_docx() -> bytes:
    """A small .docx whose text is larger than ``SMALL_LIMIT``: Word documents
    compress their text, so the file's size alone does not bound it."""
    body = "".join(
        f"<w:p><w:r><w:t>第{n}段，人民代表大会制度是我国的根本政治制度。</w:t></w:r></w:p>"
        for n in range(4000)
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(
            "word/document.xml",
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"<w:body>{body}</w:body></w:document>",
        )
    data = buffer.getvalue()
    assert len(data) < SMALL_LIMIT
    return data


def refused_files() -> list:
    """pytest params of (file name, bytes, parser code)."""
    return [
        pytest.param("empty.txt", b"", "empty", id="empty"),
        pytest.param("blank.txt", " \u3000\n\r\n".encode(), "no-text", id="no-text"),
        pytest.param("data.txt", bytes(range(256)) * 8, "binary", id="binary"),
        pytest.param(
            "photo.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + b"\0" * 64, "image", id="image"
        ),
        pytest.param(
            "scan.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "pdf", id="pdf"
        ),
        pytest.param("speech.docx", "这不是 Word 文档".encode(), "bad-docx", id="docx-not-zip"),
        pytest.param("bomb.docx", zip_bomb(), "zip-bomb", id="zip-bomb"),
        pytest.param(
            "too-large.txt", "同志们：".encode() * SMALL_LIMIT, "too-large", id="too-large"
        ),
        pytest.param("wordy.docx", wordy_docx(), "too-large", id="docx-text-too-large"),
        pytest.param("latin.txt", b"\x80\xff" * 64, "unknown-encoding", id="unknown-encoding"),
        pytest.param(
            "README.md",
            b"# Sample compilations\n\nReal texts for checking the parser.\n\n"
            b"| file | what |\n|---|---|\n| 01.txt | a government work report |\n",
            "no-chinese",
            id="no-chinese",
        ),
        pytest.param(
            "english.txt", "Speech at the meeting\nComrades:\nToday we meet.\n".encode("utf-16"),
            "no-chinese", id="no-chinese-utf16",
        ),
    ]


def seed_variants(seed_text: str) -> list[tuple[str, bytes]]:
    """The seed as other files holding the same normalized text."""
    return [
        ("seed-crlf.txt", seed_text.replace("\n", "\r\n").encode("utf-8")),
        ("seed-gb18030.txt", seed_text.encode("gb18030")),
        ("seed-utf16.txt", seed_text.encode("utf-16")),
    ]
