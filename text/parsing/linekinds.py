"""What a single line around a speech's body is: title, date, byline…

``classify`` names the kind of a header line (or says it is body text);
the predicates here are shared by the header and trailer readers. Every
grammar is a general fact about how speeches are printed, not about one
file.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from .dates import DateLine, looks_like_date_line, parse_date_line, parse_publication_line
from .lexicon import (
    ADDRESSEE_RE,
    CAPTION_RE,
    CHROME_RE,
    CHROME_WORDS,
    HEADER_WORDS,
    ROLE_SUFFIX_RE,
    SOURCE_RE,
    WHITESPACE_RE,
)
from .markers import match_marker
from .metadata import Speaker, collected_works_author, parse_speaker
from .model import LineKind

TITLE_MAX = 80
SALUTATION_MAX = 40
# How long an unrecognised header line may be (captions are short;
# paragraphs are not).
UNKNOWN_HEADER_MAX = 60

ARTICLE_TITLE_RE = re.compile(
    r"^(?:文章标题|文章標題|标题|標題|题目|題目|篇名)\s*[：:]\s*(?P<title>.+)$"
)
# ―― (U+2015) and a single — stand in for —— in copied text.
_DASHED_RE = re.compile(r"^(?:——|―+|—|－－|--)\s*\S")
_BRACKETED_OCCASION_RE = re.compile(r"^[（(].*(?:在|於|于).+(?:上|时|時)(?:的.{0,8})?[)）]$")
_NON_WORD_RE = re.compile(r"[\W_]+")
SPEAKER_LABEL_RE = re.compile(
    r"^(?:讲话人|講話人|主讲人|主講人|报告人|報告人|发言人|發言人|致辞人|演讲人)"
    r"\s*[：:]\s*(?P<speaker>.+)$"
)
# A short line wholly in brackets in the header: （摘要） （根据录音整理）
_NOTE_RE = re.compile(r"^[（(【\[〔][^（(）)]{1,38}[）)】\]〕]$")
# An editor's note above a text: 编者按：为深入学习…，现摘编如下。
_EDITOR_NOTE_RE = re.compile(
    r"^[【\[]?(?:编者按|編者按|编者的话|編者的話|按语|按語|编者注|編者注)[】\]]?\s*[：:]"
)
# The name of the body that publishes a page, alone on a line above the
# title: 江城市人民政府, 中共江城市委办公室, 江城日报.
_PUBLISHER_RE = re.compile(
    r"^[\u3400-\u9fff（）()]{2,24}(?:人民政府|政府|委员会|委員會|办公室|辦公室|办公厅|辦公廳|"
    r"门户网站|門戶網站|日报|日報|晚报|晚報|报社|報社|杂志社|雜誌社)$"
)
PLACE_LABEL_RE = re.compile(r"^(?:地点|地點|会议地点|會議地點)\s*[：:]\s*(?P<place>.+)$")
# Labelled lines say outright what a title only suggests (the text export
# writes them): the meeting and the speaker's office.
EVENT_LABEL_RE = re.compile(r"^(?:会议|會議|会议名称|會議名稱)\s*[：:]\s*(?P<event>.+)$")
ROLE_LABEL_RE = re.compile(r"^(?:职务|職務)\s*[：:]\s*(?P<role>.+)$")


def compact(text: str) -> str:
    """``text`` without white space of any width."""
    return WHITESPACE_RE.sub("", text)


def _letters(text: str) -> str:
    """The words of a text without white space or punctuation, for comparing."""
    return _NON_WORD_RE.sub("", text)


def is_salutation(text: str, *, ends: str = "：:") -> bool:
    """A short line ending in a colon that addresses people: 各位代表、同志们：

    With ``ends="，,"`` it tells the first line of a salutation printed over
    two lines (``尊敬的各位嘉宾，`` / ``女士们，先生们：``).
    """
    limit = SALUTATION_MAX * 2 if text.startswith("尊敬的") else SALUTATION_MAX
    if len(text) > limit or text[-1] not in ends:
        return False
    body = text[:-1].rstrip()
    if not body or any(ch in body for ch in "。！？；：:"):
        return False
    # Every part, split at 、 and ，, names people: 尊敬的各位来宾，女士们、先生们
    parts = [part for part in re.split(r"[、，,\s]+", body) if part]
    # Leaders are addressed by office: 尊敬的李书记、张主任
    return bool(parts) and all(
        ADDRESSEE_RE.search(part) or ROLE_SUFFIX_RE.search(part) for part in parts
    )


# Buttons of a page are set off by brackets, bars or spaces.
_BUTTON_SPLIT_RE = re.compile(r"[【】\[\]|｜]+")


def _is_button(text: str) -> bool:
    return (
        compact(text) in CHROME_WORDS
        or bool(CHROME_RE.match(text))
        or bool(SOURCE_RE.match(text))
        or all(word in CHROME_WORDS for word in text.split())
    )


def is_chrome(text: str) -> bool:
    """Web-page furniture: buttons, font-size switches, share widgets.

    A row of buttons (``【纠错】【责任编辑：赵婧】``, ``【字体：大 中 小】打印``,
    ``下载 打印 全屏``) is furniture when every button is.
    """
    # A button's label may end in a colon: 分享到：
    if text in CHROME_WORDS or compact(text).rstrip("：:") in CHROME_WORDS or CHROME_RE.match(text):
        return True
    buttons = [part.strip() for part in _BUTTON_SPLIT_RE.split(text) if part.strip()]
    return bool(buttons) and all(_is_button(button) for button in buttons)


def is_title_like(text: str) -> bool:
    """A line that can be a title: short, no full stop, no marker, not a date."""
    if len(text) > TITLE_MAX or "。" in text or text[-1] in "，,、；;：:":
        return False
    if match_marker(text) is not None or parse_date_line(text) is not None:
        return False
    return not is_salutation(text) and parse_publication_line(text) is False


# A near-repeat of the title shares this share of its characters with it.
_NEAR_REPEAT_SHARE = 0.8
_NEAR_REPEAT_MIN = 4


def repeats_title(text: str, title: str | None) -> bool:
    """Whether ``text`` repeats the title, in full, in part or nearly.

    A page prints its title again above the text, often in a shorter or
    longer form or broken over lines: 政府工作报告 under
    2024年…政府工作报告, 为夺取…胜利 under 决胜… 夺取…胜利 (十九大).
    """
    if not title:
        return False
    line, whole = _letters(text), _letters(title)
    if not line or not whole:
        return False
    if line == whole:
        return True
    if len(line) < _NEAR_REPEAT_MIN or len(text) > TITLE_MAX:
        return False
    if line in whole or (whole in line and len(whole) >= _NEAR_REPEAT_MIN):
        return True
    if len(line) < 2 * _NEAR_REPEAT_MIN:
        return False
    pool = set(whole)
    shared = sum(1 for ch in line if ch in pool)
    # Both ways, so a long line that merely uses the title's words is not
    # a repeat.
    return shared >= _NEAR_REPEAT_SHARE * len(line) and len(line) <= 1.5 * len(whole)


class HeaderLine(NamedTuple):
    """A header line read: its kind and what reading it gave.

    ``value`` is, by kind: PUBLICATION, the date ``parse_publication_line``
    read (or None when it could read none); DATE, the ``DateLine``;
    ARTICLE_TITLE and PLACE, the title or place; BYLINE, a pair (the
    speaker or None, a ``DateLine`` printed beside it or None); ROLE, the
    office; SOURCE, the author a collected-works title names
    (``《邓小平文选》第三卷``) or None; else None.
    """

    kind: LineKind
    value: Any = None


def read_header_line(text: str, title: str | None) -> HeaderLine | None:
    """The header line ``text`` read, or None when it is not a header line."""
    if is_salutation(text):
        return HeaderLine(LineKind.SALUTATION)
    # A labelled line says what it is; it never repeats the title.
    if len(text) <= UNKNOWN_HEADER_MAX:
        event = EVENT_LABEL_RE.match(text)
        if event:
            return HeaderLine(LineKind.EVENT, event.group("event").strip())
        role = ROLE_LABEL_RE.match(text)
        if role:
            return HeaderLine(LineKind.ROLE, role.group("role").strip())
    if title and _letters(text) and _letters(text) == _letters(title):
        return HeaderLine(LineKind.TITLE_REPEAT)
    article = ARTICLE_TITLE_RE.match(text)
    if article:
        return HeaderLine(LineKind.ARTICLE_TITLE, article.group("title").strip())
    author = collected_works_author(text)
    if author is not None:
        # The book the text was taken from: 《邓小平文选》第三卷, 来源：《…》,
        # ——《…》第45页 (never a subtitle or a publication line).
        return HeaderLine(LineKind.SOURCE, author)
    published = parse_publication_line(text)
    if published is not False:
        return HeaderLine(LineKind.PUBLICATION, published if isinstance(published, str) else None)
    dated = parse_date_line(text)
    if dated is not None:
        return HeaderLine(LineKind.DATE, dated)
    if _DASHED_RE.match(text) or _BRACKETED_OCCASION_RE.match(text):
        return HeaderLine(LineKind.SUBTITLE)
    if repeats_title(text, title):
        return HeaderLine(LineKind.TITLE_REPEAT)
    if SOURCE_RE.match(text) or _PUBLISHER_RE.match(text):
        return HeaderLine(LineKind.SOURCE)
    if len(text) <= UNKNOWN_HEADER_MAX and CAPTION_RE.search(text):
        return HeaderLine(LineKind.CAPTION)
    if is_chrome(text):
        return HeaderLine(LineKind.CHROME)
    place = PLACE_LABEL_RE.match(text)
    if place:
        return HeaderLine(LineKind.PLACE, place.group("place").strip())
    if compact(text) in HEADER_WORDS or _EDITOR_NOTE_RE.match(text):
        return HeaderLine(LineKind.NOTE)
    labelled = SPEAKER_LABEL_RE.match(text)
    speaker = parse_speaker(labelled.group("speaker") if labelled else text)
    if labelled and len(compact(text)) <= 40:
        # 讲话人：… names the speaker (or only a role) whatever the name
        # looks like: a labelled name no rule of ours recognises is a name.
        printed = labelled.group("speaker").strip()
        return HeaderLine(LineKind.BYLINE, (speaker or Speaker(printed, None, printed), None))
    named = speaker is not None and bool(speaker.name)
    if named and len(compact(text)) <= 40:
        return HeaderLine(LineKind.BYLINE, (speaker, None))
    if speaker is not None and speaker.role and len(compact(text)) <= 20 and not labelled:
        return HeaderLine(LineKind.ROLE, speaker.role)
    with_date = split_byline_date(text)
    if with_date is not None:
        # A named speaker on a long line stays as read; otherwise the
        # speaker and the date printed beside it.
        return HeaderLine(LineKind.BYLINE, (speaker, None) if named else with_date)
    if looks_like_date_line(text):
        return HeaderLine(LineKind.UNREADABLE_DATE)
    if _NOTE_RE.match(text):
        return HeaderLine(LineKind.NOTE)
    return None


def classify(text: str, title: str | None) -> LineKind | None:
    """The kind of a header line, or None when it is not a header line."""
    read = read_header_line(text, title)
    return read.kind if read is not None else None


def split_byline_date(text: str) -> tuple[Speaker, DateLine] | None:
    """A byline and a date on one line: ``王立新　2023年3月5日`` (either order).

    The line is cut at a run of white space; one side must be a name (with
    or without an office) and the other a date line with a date.
    """
    if len(text) > UNKNOWN_HEADER_MAX:
        return None
    for gap in WHITESPACE_RE.finditer(text):
        before, after = text[: gap.start()], text[gap.end():]
        for who, when in ((before, after), (after, before)):
            speaker = parse_speaker(who)
            date_line = parse_date_line(when) if speaker and speaker.name else None
            if speaker is not None and date_line is not None and date_line.date:
                return speaker, date_line
    return None
