"""Warning codes and their messages.

A warning points at a line of the uploaded file and says, in Chinese, what
a person should check in the preview; its ``params`` let the pages word it
in the reader's language. Warnings never stop an import. The codes are
stable slugs that programs and tests may rely on.

Each warning is worded here, once: in Chinese for the parse's own output
(the JSON, the command line) and in English as the message id the
application translates with gettext (``speeches.warning_text``); a test
checks that the catalogue's Chinese is the Chinese here.
"""

from __future__ import annotations

from .errors import gettext_noop
from .model import ParseWarning

# code -> message template (str.format fields filled by ``make``).
MESSAGES: dict[str, str] = {
    "merged-heading": (
        "标题与正文连在一起（「{heading}…」），无法确定标题在哪里结束；请在预览中核对并拆分。"
    ),
    "marker-skip": (
        "编号「{marker}」前缺少编号（应为第 {expected} 项）；请核对是否漏了内容或编号有误。"
    ),
    "marker-order": "编号「{marker}」重复或顺序颠倒；请核对编号。",
    "ends-mid-sentence": "讲话最后一段没有以句末标点结束，可能缺少内容。",
    "long-heading": "标题过长（{length} 字），可能把正文当成了标题。",
    "long-paragraph": "段落过长（{length} 字），可能把几段合成了一段。",
    "unreadable-date": "无法识别日期「{text}」，未设置讲话日期。",
    "no-title": "没有找到讲话标题，请在预览中补上。",
    "no-body": "这篇讲话没有正文。",
    "header-line": "标题和称呼之间的这一行未识别，未计入正文：「{text}」。",
    "trailer-set-aside": "讲话末尾的 {count} 行看起来是版权声明或网页内容，未计入正文。",
    "speech-marker-skip": "篇目编号「{marker}」前缺少编号（应为第 {expected} 篇）。",
}

# code -> the same message in English: the message id of the translation
# catalogue, translated by the application (speeches.warning_text).
MESSAGES_EN: dict[str, str] = {
    "merged-heading": gettext_noop(
        "The heading runs into the body text (“{heading}…”) and where it ends cannot be "
        "told; check it in the preview and split it."
    ),
    "marker-skip": gettext_noop(
        "A number is missing before “{marker}” (item {expected} was expected); check whether "
        "text or a number is missing."
    ),
    "marker-order": gettext_noop(
        "The number “{marker}” repeats or is out of order; check the numbering."
    ),
    "ends-mid-sentence": gettext_noop(
        "The speech's last paragraph does not end with a full stop; text may be missing."
    ),
    "long-heading": gettext_noop(
        "The heading is very long ({length} characters); body text may have been taken for a "
        "heading."
    ),
    "long-paragraph": gettext_noop(
        "The paragraph is very long ({length} characters); several paragraphs may have been "
        "joined."
    ),
    "unreadable-date": gettext_noop(
        "The date “{text}” could not be read; the speech's date is not set."
    ),
    "no-title": gettext_noop("No title was found for the speech; add one in the preview."),
    "no-body": gettext_noop("This speech has no body text."),
    "header-line": gettext_noop(
        "This line between the title and the salutation was not recognised and is not part of "
        "the text: “{text}”."
    ),
    "trailer-set-aside": gettext_noop(
        "The last {count} lines of the speech look like a copyright notice or web page text "
        "and are not part of the text."
    ),
    "speech-marker-skip": gettext_noop(
        "A number is missing before the speech numbered “{marker}” (speech {expected} was "
        "expected)."
    ),
}

CODES = frozenset(MESSAGES)


def make(line: int, code: str, **fields: object) -> ParseWarning:
    """A warning with the message for ``code`` filled in from ``fields``."""
    return ParseWarning(
        line=line,
        code=code,
        message=MESSAGES[code].format(**fields),
        params=tuple((name, _plain(value)) for name, value in sorted(fields.items())),
    )


def _plain(value: object) -> str | int:
    return value if isinstance(value, int) else str(value)
