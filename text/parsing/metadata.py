"""Who spoke, at what, when and where: read from titles, bylines and date lines.

The title grammar is ``[speaker] 在 [date] EVENT [开幕/闭幕/结束] 上|时 的 讲话…``:
``王萍市长在全市人大工作会议上的讲话`` gives name 王萍, role 市长, event
全市人大工作会议; ``市长在2024年全市人大工作会议上的讲话范文`` gives role
市长, no name, event 全市人大工作会议 and the year 2024 as the date.

The speaker grammar reads ``NAME``, ``NAME ROLE``, ``ROLE NAME`` and
``ROLE`` (names spaced out with ordinary or ideographic spaces are closed
up). A name needs a known surname, so an organisation is never a person.
Nothing is guessed: a field the text does not state stays None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import DATE_RE, find_date
from .lexicon import (
    ROLE_EXACT_RE,
    ROLE_SUFFIX_RE,
    ROLE_WORDS,
    SPEECH_NOUN_RE,
    SURNAMES_DOUBLE,
    SURNAMES_SINGLE,
    WHITESPACE_RE,
)
from .numerals import ascii_digits

# 在 EVENT (开幕式|闭幕|结束…)? 上|时 的 (讲话|报告…). The event may not hold
# another 在, so the last occasion in a title wins.
_TITLE_OCCASION_RE = re.compile(
    r"在(?P<event>[^在]+?)(?P<phase>开幕式|閉幕式|闭幕式|開幕式|开班式|開班式|结业式|結業式|"
    r"开幕|開幕|闭幕|閉幕|结束|結束|"
    r"开始|開始|召开|召開|举行|舉行)?(?:上|时|時|期间|期間|之际|之際)"
    r"(?:关于[^在]{1,40}?|關於[^在]{1,40}?)?的?(?:\S{0,6}?)"
    + SPEECH_NOUN_RE
)
# The same in a date line or a subtitle, where the speech noun may be left
# out: ——2026年1月25日在北京市第十六届人民代表大会第四次会议上
_LINE_OCCASION_RE = re.compile(
    r"^(?:在|於|于)?(?P<event>[^在]+?)(?P<phase>开幕式|閉幕式|闭幕式|開幕式|开班式|開班式|结业式|"
    r"結業式|开幕|開幕|闭幕|閉幕|"
    r"结束|結束|开始|開始|召开|召開|举行|舉行)?(?:上|时|時|期间|期間|之际|之際)"
    r"(?:(?:关于|關於)[^在]{1,40}?的" + SPEECH_NOUN_RE
    + r"|的?\S{0,6}?" + SPEECH_NOUN_RE + r"\S{0,4})?$"
)
# EVENT [ROLE] 讲话: 秋季开学典礼校长讲话稿, 年终总结大会总经理致辞,
# 全县经济工作会议讲话. The event must end in a word for a gathering, so an
# organisation or a subject is never read as one.
_TITLE_EVENT_ROLE_RE = re.compile(
    r"^(?P<event>\S.{1,40}?(?:会|會|议|議|式|典礼|典禮|仪式|儀式|论坛|論壇|活动|活動|班))(?:上)?"
    r"(?P<role>" + "|".join(map(re.escape, ROLE_WORDS)) + r")?的?"
    + SPEECH_NOUN_RE
    + r"(?:稿|范文|範文|提纲|提綱|要点|要點)?(?:[（(][^（()）]*[)）])?$"
)
# Dashes, brackets and spaces around an occasion line.
_OCCASION_FRAME = " \u3000—－-（）()"
# A leading year or date inside an event belongs to the date.
_EVENT_DATE_PREFIX_RE = re.compile(
    r"^(?:" + DATE_RE.pattern + r")\s*(?:度)?\s*"
)


_NAME_ROLE_BRACKETED_RE = re.compile(r"^(?P<name>[^（(]{2,4})[（(](?P<role>[^（()）]{2,20})[)）]$")


@dataclass(frozen=True)
class Speaker:
    """A speaker as read from a title prefix or a byline."""

    name: str | None
    role: str | None
    raw: str


@dataclass(frozen=True)
class Occasion:
    """What a title or a date line says about the event."""

    event: str | None
    date: str | None
    speaker_text: str  # what stands before 在 in a title ("" if nothing)


# A transcribed name, its parts joined by a middle dot: 艾尔肯·吐尼亚孜
_DOTTED_NAME_RE = re.compile(r"^[\u3400-\u9fff]{1,6}[·•・][\u3400-\u9fff]{1,8}$")


# What ends the name of a body, never of a person: 国务院, 省政府, 市委.
_BODY_ENDINGS = frozenset("院府委部局厅廳省市县縣区區会會处處司署办辦")


def _is_name(text: str) -> bool:
    """A person's name: a known surname and one or two more characters, or
    a transcribed name with a middle dot."""
    if _DOTTED_NAME_RE.match(text):
        return True
    if not 2 <= len(text) <= 4 or not all("\u3400" <= ch <= "\u9fff" for ch in text):
        return False
    if text[-1] in _BODY_ENDINGS:
        return False
    if text[:2] in SURNAMES_DOUBLE and len(text) >= 3:
        return True
    return text[0] in SURNAMES_SINGLE and len(text) <= 3


def parse_speaker(raw: str) -> Speaker | None:
    """Read a byline or the speaker part of a title.

    ``王 萍`` / ``习　近　平`` -> name; ``北京市市长 殷勇`` -> role 北京市市长,
    name 殷勇; ``王萍市长`` -> name 王萍, role 市长; ``市长`` -> role only;
    ``习近平同志`` -> name. Returns None when the text is none of these.
    """
    printed = raw.strip()
    compact = WHITESPACE_RE.sub("", printed)
    if not compact or len(compact) > 40:
        return None
    if compact.endswith("同志") and len(compact) > 2:
        # 王萍同志 / 区长王建军同志: the title of respect is not the role.
        bare = parse_speaker(compact[:-2])
        if bare is not None and bare.name:
            return Speaker(bare.name, bare.role, printed)
    # NAME（ROLE）: 刘志刚（市委书记）
    bracketed = _NAME_ROLE_BRACKETED_RE.match(compact)
    if bracketed and _is_name(bracketed["name"]) and ROLE_SUFFIX_RE.search(bracketed["role"]):
        return Speaker(bracketed["name"], bracketed["role"], printed)
    if _is_name(compact) and not ROLE_SUFFIX_RE.search(compact):
        return Speaker(compact, None, printed)
    # Printed with a space between role and name: 北京市市长 殷勇 / 殷勇 市长.
    parts = WHITESPACE_RE.split(printed)
    if len(parts) == 2:
        first, second = parts
        if ROLE_SUFFIX_RE.search(first) and _is_name(second):
            return Speaker(second, first, printed)
        if _is_name(first) and ROLE_SUFFIX_RE.search(second):
            return Speaker(first, second, printed)
    # NAME + office: 王萍市长, 习近平总书记.
    for size in (2, 3, 4):
        name, role = compact[:size], compact[size:]
        if _is_name(name) and ROLE_EXACT_RE.match(_strip_deputy(role)):
            return Speaker(name, role, printed)
    # ORGANISATION+OFFICE + NAME: 北京市市长殷勇.
    for size in (2, 3):
        role, name = compact[:-size], compact[-size:]
        if len(role) >= 2 and _is_name(name) and ROLE_SUFFIX_RE.search(role):
            return Speaker(name, role, printed)
    # An office alone: 市长, 北京市市长.
    if ROLE_SUFFIX_RE.search(compact) and len(compact) <= 16:
        return Speaker(None, compact, printed)
    return None


def split_trailing_byline(rest: str) -> tuple[str, Speaker | None]:
    """Split a byline off the end of a date line's occasion.

    ``在陕西省…会议上 陕西省省长 赵刚`` -> (``在陕西省…会议上``, the speaker).
    Only a named speaker after white space counts.
    """
    parts = WHITESPACE_RE.split(rest.strip())
    for size in (2, 1):
        if len(parts) <= size:
            continue
        speaker = parse_speaker(" ".join(parts[-size:]))
        if speaker is not None and speaker.name:
            return " ".join(parts[:-size]), speaker
    return rest, None


def _strip_deputy(role: str) -> str:
    for prefix in ("常务副", "副", "代"):
        if role.startswith(prefix) and ROLE_EXACT_RE.match(role[len(prefix):]):
            return role[len(prefix):]
    return role


def _clean_event(event: str) -> tuple[str | None, str | None]:
    """Split a leading date off an event: 2024年全市人大工作会议 -> (event, 2024)."""
    event = event.strip(" \u3000，,、")
    date = None
    match = _EVENT_DATE_PREFIX_RE.match(ascii_digits(event))
    if match and match.end() < len(event):
        found = find_date(event[: match.end()])
        date = found.value if found else None
        event = event[match.end():].strip(" \u3000，,、")
    return (event or None), date


def occasion_from_title(title: str) -> Occasion:
    """Event, date and speaker text of a title such as 王萍市长在…上的讲话,
    or 秋季开学典礼校长讲话 (EVENT ROLE 讲话: the role is the speaker text)."""
    matches = list(_TITLE_OCCASION_RE.finditer(title))
    if not matches:
        by_role = _TITLE_EVENT_ROLE_RE.match(title)
        if by_role is not None:
            event, date = _clean_event(by_role.group("event"))
            return Occasion(event, date or _date_in(title), by_role.group("role") or "")
        return Occasion(None, _date_in(title), "")
    match = matches[-1]
    event, date = _clean_event(match.group("event"))
    rest = title[: match.start()] + title[match.end():]
    speaker_text = title[: match.start()].strip().rstrip("：:，,")
    return Occasion(event, date or _date_in(rest), speaker_text)


_TRAILING_BRACKETS_RE = re.compile(r"[（(][^（）()]*[)）]$")


def speaker_from_subtitle(subtitle: str) -> tuple[Speaker, str | None] | None:
    """The speaker and meeting of a subtitle that is the speech's own title
    line: ``周明同志在全市人大工作会议上的讲话``, ``——市长周明在…上的讲话``
    (a bracketed date after it allowed), else None.

    Only when the speech noun ends the line and what stands before 在 reads
    as a person, alone or with an office: commentary subtitles name other
    people's speeches (``——深入学习贯彻习近平总书记在…上的重要讲话精神``,
    ``——对王萍市长在…上的讲话的解读``) and name no speaker.
    """
    # The date after it first, then the dashes before it (―― as well as ——).
    text = _TRAILING_BRACKETS_RE.sub("", subtitle.strip()).strip(_OCCASION_FRAME + "―")
    matches = list(_TITLE_OCCASION_RE.finditer(text))
    if not matches or matches[-1].end() != len(text):
        return None
    match = matches[-1]
    speaker = parse_speaker(text[: match.start()].strip().rstrip("：:，,"))
    if speaker is None or speaker.name is None:
        return None
    event, _date = _clean_event(match.group("event"))
    return speaker, event


# A news report's title naming who spoke: 习近平出席…会议并发表重要讲话,
# …会议举行 习近平李克强作重要讲话, 习近平主持…并讲话.
_REPORT_TITLE_RE = re.compile(
    r"(?:^|[\s\u3000])(?P<who>[\u3400-\u9fff·]{2,12}?)"
    r"(?:(?:出席|主持|接见|接見|会见|會見|在)[^\s\u3000]{0,40}?)?并?"
    r"(?:发表|發表|作)?了?(?:重要)?(?:讲话|講話|演讲|演講|致辞|致辭|报告|報告)"
)


def speaker_from_report_title(title: str) -> Speaker | None:
    """The speaker a news report's title names (the first, when it names
    several one after another: 习近平李克强作重要讲话)."""
    match = _REPORT_TITLE_RE.search(title)
    if match is None:
        return None
    who = match.group("who")
    for size in (3, 2, 4):
        name, rest = who[:size], who[size:]
        if _is_name(name) and (not rest or _is_name(rest) or _is_name(rest[:3])):
            return Speaker(name, None, name)
    return None


# A book of one person's works, printed alone on a line above the excerpts
# taken from it: 《邓小平文选》第三卷, 《习近平谈治国理政》, 《毛泽东选集》（第五卷）,
# 《习近平关于…论述摘编》. The name comes first inside the brackets, so a
# collection of several people's works (《十八大以来重要文献选编》) names
# nobody.
_COLLECTED_WORKS_RE = re.compile(
    r"^《(?P<name>[\u3400-\u9fff]{2,4}?)"
    r"(?:文选|文選|选集|選集|文集|著作选读|著作選讀|(?:谈|談|论|論)[^《》]{1,16}"
    r"|(?:关于|關於)[^《》]{1,30}(?:论述摘编|論述摘編))》"
    r"\s*(?:第\s*[一二三四五六七八九十\d]{1,3}\s*[卷册冊]|[（(]第[一二三四五六七八九十\d]{1,3}[卷册冊][)）]"
    r"|[上中下][卷册冊])?$"
)


# What a source line prints around the book's title: a label before it
# (摘自, 选自, 来源：, a dash) and the edition or page after it
# (，人民出版社2020年版, 第45页). A bracketed line (（摘自《…》）) cites a
# quotation and is never one.
_SOURCE_LABEL_RE = re.compile(
    r"^(?:(?:摘自|选自|選自|节选自|節選自|出自|原载|原載)\s*[：:]?"
    r"|(?:文章来源|文章來源|来源|來源|出处|出處)\s*[：:]|[—―－-]{1,2})\s*(?=《)"
)
_EDITION_RE = re.compile(
    r"(?:[，,、\s]\s*[\u3400-\u9fff]{2,12}出版社\s*(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*版"
    r"|[，,、\s]?\s*第\s*\d{1,4}(?:\s*[—―－~-]\s*\d{1,4})?\s*页)+[。.]?$"
)


def collected_works_author(text: str) -> Speaker | None:
    """The author a collected-works title names when it is the whole line
    (``《邓小平文选》第三卷`` -> 邓小平), or the line is the title with a
    source label and its edition (``摘自《习近平谈治国理政》第三卷，外文出版社
    2020年版``, ``来源：《…》``, ``——《…》第45页``), else None.

    The name must read as a person's name alone (a known surname, no
    office: 《毛主席论…》 names no one); a title quoted inside a sentence, a
    note or a bracketed source line is not the whole line.
    """
    text = text.strip()
    text = _SOURCE_LABEL_RE.sub("", text, count=1)
    text = _EDITION_RE.sub("", text, count=1).strip()
    match = _COLLECTED_WORKS_RE.match(text)
    if match is None:
        return None
    name = match.group("name")
    speaker = parse_speaker(name)
    if speaker is None or speaker.name != name or speaker.role is not None:
        return None
    return Speaker(name, None, name)


def sole_author(authors: list[Speaker]) -> Speaker | None:
    """The one author the collected-works titles of a head name; None when
    they name none, or several people (a list of books names no speaker)."""
    names = {author.name for author in authors}
    return authors[0] if len(names) == 1 else None


def occasion_from_line(rest: str) -> Occasion:
    """Event of a date line's tail or a subtitle (``在…会议上``, ``…上的讲话``)."""
    text = rest.strip(_OCCASION_FRAME)
    match = _LINE_OCCASION_RE.match(text)
    if match is None:
        return Occasion(None, None, "")
    event, date = _clean_event(match.group("event"))
    return Occasion(event, date, "")


_PLACE_TAIL_RE = re.compile(r"^(?:[，,、]\s*)?(?:于|於|在)?\s*(?P<place>[\u3400-\u9fff·]{2,12})$")


def place_from_line(rest: str) -> str | None:
    """A place stated after a date (``（2024年8月12日，北京）``, ``于北京``)."""
    match = _PLACE_TAIL_RE.match(rest.strip())
    if match is None:
        return None
    place = match.group("place")
    # An occasion is not a place: 在…会议上, …时的讲话.
    if re.search(r"[会會议議的时時]|上$|讲话|報告|报告", place):
        return None
    return place


def _date_in(text: str) -> str | None:
    """The date a title names (``2024年…``, ``（2021年7月1日）``), when it
    names exactly one."""
    found = set()
    position = 0
    while (date := find_date(text, position)) is not None:
        if date.value:
            found.add(date.value)
        position = date.end
    return found.pop() if len(found) == 1 else None
