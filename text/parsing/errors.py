"""The one error the parser raises: input it refuses to read.

A refused file is never half-imported. Each refusal carries a stable
``code`` (for programs and tests) and, where a more specific cause is
known, a ``reason`` with its ``params`` (the size limit, "a zip archive but
not a Word document"). ``message`` (Chinese: the UI is Chinese-first) and
``message_en`` say what was wrong with the file and what to do instead;
they are what the command line prints.

The wording lives here once. The English texts are the message ids of
Django's translation catalogue: they are marked with ``gettext_noop`` (this
module's own, so the package needs no Django) for ``makemessages`` to find,
and the application translates them with gettext
(``speeches.services.imports.parse_error_message``). A test checks that the
catalogue's Chinese is the Chinese here (docs/parsing.md).
"""

from __future__ import annotations


def gettext_noop(message: str) -> str:
    """Mark ``message`` for the translation catalogue; return it unchanged."""
    return message


# code -> (Chinese message, English message). The codes are a public contract.
MESSAGES: dict[str, tuple[str, str]] = {
    "empty": (
        "文件是空的，没有可导入的内容；请上传纯文本（.txt）或 Word（.docx）文件",
        gettext_noop(
            "The file is empty; please upload a plain-text (.txt) or Word (.docx) file"
        ),
    ),
    "binary": (
        "文件不是文本文件（含有二进制数据），无法导入；请上传纯文本（.txt）或 Word（.docx）文件",
        gettext_noop(
            "The file is not a text file (it holds binary data); please upload a "
            "plain-text (.txt) or Word (.docx) file"
        ),
    ),
    "image": (
        "文件是图片，无法导入；请上传纯文本（.txt）或 Word（.docx）文件",
        gettext_noop(
            "The file is an image; please upload a plain-text (.txt) or Word (.docx) file"
        ),
    ),
    "pdf": (
        "文件是 PDF 格式，无法导入；请上传纯文本（.txt）或 Word（.docx）文件",
        gettext_noop("The file is a PDF; please upload a plain-text (.txt) or Word (.docx) file"),
    ),
    "bad-docx": (
        "文件不是有效的 Word（.docx）文档，无法读取；"
        "请用 Word 重新另存为 .docx，或上传纯文本（.txt）文件",
        gettext_noop(
            "The file is not a valid Word (.docx) document; save it again as .docx "
            "or upload a plain-text (.txt) file"
        ),
    ),
    "zip-bomb": (
        "Word 文档解压后过大或压缩比异常，出于安全原因拒绝导入",
        gettext_noop(
            "The Word document expands to an unsafe size or has an abnormal "
            "compression ratio; it was refused for safety"
        ),
    ),
    "too-large": (
        "文件太大，超过了导入上限；请拆分后分别上传",
        gettext_noop("The file is larger than the import limit; split it and upload the parts"),
    ),
    "unknown-encoding": (
        "无法识别文件的文字编码；请另存为 UTF-8 编码的纯文本后再上传",
        gettext_noop(
            "The file's text encoding could not be recognised; save it as UTF-8 text "
            "and upload it again"
        ),
    ),
    "no-text": (
        "文件中没有可导入的文字",
        gettext_noop("The file holds no text to import"),
    ),
    "no-body": (
        "文件只有标题、讲话人或日期等信息，没有正文段落，无法导入为讲话；请检查文件是否完整",
        gettext_noop(
            "The file holds a title, speaker or date but no body text, so it cannot become "
            "a speech; check that the file is complete"
        ),
    ),
    "line-too-long": (
        "文件中有一行过长，没有换行，似乎丢失了换行符；请另存为分段的纯文本后再上传",
        gettext_noop(
            "The file has a line far too long, without a single break: it seems to have "
            "lost its line breaks; save it again with its paragraphs on lines of their "
            "own and upload it again"
        ),
    ),
    "no-chinese": (
        "文件中没有中文：这里只收中文讲话，请检查是否选错了文件",
        gettext_noop(
            "The file holds no Chinese text: only speeches in Chinese can be imported; "
            "check that you chose the right file"
        ),
    ),
}

# reason -> (Chinese, English) templates of a refusal's specific cause,
# filled in from the error's ``params``.
REASONS: dict[str, tuple[str, str]] = {
    "over-limit": (
        "{size} 字节，上限 {limit} 字节",
        gettext_noop("{size} bytes, limit {limit} bytes"),
    ),
    "over-limit-mb": (
        "{size} MB，上限 {limit} MB",
        gettext_noop("{size} MB, limit {limit} MB"),
    ),
    "docx-text-over-limit": (
        "文档的文字超过 {limit} 字节",
        gettext_noop("the document's text is over {limit} bytes"),
    ),
    "legacy-office": (
        "这是旧版 Word（.doc）等 Office 文件，请另存为 .docx",
        gettext_noop("this is a legacy Office file such as .doc; save it as .docx"),
    ),
    "expands-beyond": (
        "解压后超过 {limit} 字节",
        gettext_noop("expands beyond {limit} bytes"),
    ),
    "compression-ratio": (
        "压缩比超过 {limit} 倍",
        gettext_noop("compression ratio above {limit}"),
    ),
    "speeches-without-body": (
        "第 {lines} 行开始的讲话没有正文",
        gettext_noop("the speeches starting on lines {lines} have no body text"),
    ),
    "line-length": (
        "{length} 个字符，上限 {limit}",
        gettext_noop("{length} characters, limit {limit}"),
    ),
    "zip-not-docx": (
        "这是 ZIP 压缩包，但不是 Word 文档",
        gettext_noop("this is a zip archive but not a Word document"),
    ),
}

# How a reason follows its message, in each language.
WITH_REASON = ("{message}（{reason}）", gettext_noop("{message} ({reason})"))


class ParseError(Exception):
    """Input the parser refuses to read.

    ``code`` is one of the keys of :data:`MESSAGES`; ``reason`` (a key of
    :data:`REASONS`, or "") and ``params`` name a more specific cause.
    ``message`` and ``message_en`` are the refusal worded in Chinese and
    English, the reason appended.
    """

    def __init__(self, code: str, *, reason: str = "", **params: str | int) -> None:
        if code not in MESSAGES:
            raise ValueError(f"unknown parse error code: {code!r}")
        if reason and reason not in REASONS:
            raise ValueError(f"unknown parse error reason: {reason!r}")
        self.code = code
        self.reason = reason
        self.params = params
        self.message = self.worded(0)
        self.message_en = self.worded(1)
        super().__init__(self.message)

    def worded(self, language: int, translate=lambda text: text) -> str:
        """The refusal in ``language`` (0 Chinese, 1 English) of the tables,
        each text passed through ``translate`` (the app's gettext)."""
        message = translate(MESSAGES[self.code][language])
        if not self.reason:
            return message
        reason = translate(REASONS[self.reason][language]).format(**self.params)
        return translate(WITH_REASON[language]).format(message=message, reason=reason)

    def __repr__(self) -> str:
        return f"ParseError(code={self.code!r})"
