"""The one error the parser raises: input it refuses to read.

A refused file is never half-imported. Each refusal carries a stable
``code`` (for programs and tests), a Chinese ``message`` (the UI is
Chinese-first) and an English ``message_en``; both messages say what was
wrong with the file and what to do instead.
"""

from __future__ import annotations

_UPLOAD_HINT = "请上传纯文本（.txt）或 Word（.docx）文件"
_UPLOAD_HINT_EN = "please upload a plain-text (.txt) or Word (.docx) file"

# code -> (Chinese message, English message). The codes are a public contract.
MESSAGES: dict[str, tuple[str, str]] = {
    "empty": (
        "文件是空的，没有可导入的内容；" + _UPLOAD_HINT,
        "The file is empty; " + _UPLOAD_HINT_EN,
    ),
    "binary": (
        "文件不是文本文件（含有二进制数据），无法导入；" + _UPLOAD_HINT,
        "The file is not a text file (it holds binary data); " + _UPLOAD_HINT_EN,
    ),
    "image": (
        "文件是图片，无法导入；" + _UPLOAD_HINT,
        "The file is an image; " + _UPLOAD_HINT_EN,
    ),
    "pdf": (
        "文件是 PDF 格式，无法导入；" + _UPLOAD_HINT,
        "The file is a PDF; " + _UPLOAD_HINT_EN,
    ),
    "bad-docx": (
        "文件不是有效的 Word（.docx）文档，无法读取；"
        "请用 Word 重新另存为 .docx，或上传纯文本（.txt）文件",
        "The file is not a valid Word (.docx) document; save it again as .docx "
        "or upload a plain-text (.txt) file",
    ),
    "zip-bomb": (
        "Word 文档解压后过大或压缩比异常，出于安全原因拒绝导入",
        "The Word document expands to an unsafe size or has an abnormal "
        "compression ratio; it was refused for safety",
    ),
    "too-large": (
        "文件太大，超过了导入上限；请拆分后分别上传",
        "The file is larger than the import limit; split it and upload the parts",
    ),
    "unknown-encoding": (
        "无法识别文件的文字编码；请另存为 UTF-8 编码的纯文本后再上传",
        "The file's text encoding could not be recognised; save it as UTF-8 text "
        "and upload it again",
    ),
    "no-text": (
        "文件中没有可导入的文字",
        "The file holds no text to import",
    ),
    "no-body": (
        "文件只有标题、讲话人或日期等信息，没有正文段落，无法导入为讲话；请检查文件是否完整",
        "The file holds a title, speaker or date but no body text, so it cannot become a "
        "speech; check that the file is complete",
    ),
    "line-too-long": (
        "文件中有一行过长，没有换行，似乎丢失了换行符；请另存为分段的纯文本后再上传",
        "The file has a line far too long, without a single break: it seems to have lost "
        "its line breaks; save it again with its paragraphs on lines of their own and "
        "upload it again",
    ),
    "no-chinese": (
        "文件中没有中文：这里只收中文讲话，请检查是否选错了文件",
        "The file holds no Chinese text: only speeches in Chinese can be imported; "
        "check that you chose the right file",
    ),
}


class ParseError(Exception):
    """Input the parser refuses to read.

    ``code`` is one of the keys of :data:`MESSAGES`; ``message`` and
    ``message_en`` name the problem. ``detail`` may add a specific reason
    (e.g. the size limit) and is appended to both messages.
    """

    def __init__(self, code: str, *, detail: str = "", detail_en: str = "") -> None:
        if code not in MESSAGES:
            raise ValueError(f"unknown parse error code: {code!r}")
        zh, en = MESSAGES[code]
        self.code = code
        self.message = f"{zh}（{detail}）" if detail else zh
        self.message_en = f"{en} ({detail_en or detail})" if (detail_en or detail) else en
        super().__init__(self.message)

    def __repr__(self) -> str:
        return f"ParseError(code={self.code!r})"
