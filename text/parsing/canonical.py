"""Canonical forms of roles and meetings, for browsing and counting.

Texts print the same office and the same meeting in many ways:
山东省省长, 省人民政府省长 and 四川省人民政府省长 are all a 省长 (of
山东省, of an unnamed province, of 四川省); 中共十九届中央纪委三次全会 and
中国共产党第十九届中央纪律检查委员会第三次全体会议 are one meeting. The
parse keeps every field as printed; these functions give the canonical
form beside it (the place kept apart), so filters and counts can group
them. Pure functions: no Django.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from text.variants import fold

from .lexicon import ROLE_WORDS, WHITESPACE_RE

# Offices beyond the parser's role words that a canonical role may name.
# (Roles are folded to simplified characters before they are read.)
_EXTRA_OFFICES = ("自治区主席", "国家主席")
_OFFICES = tuple(sorted(set(ROLE_WORDS) | set(_EXTRA_OFFICES), key=len, reverse=True))
_OFFICE_RE = re.compile("(?:" + "|".join(map(re.escape, _OFFICES)) + ")$")

# A place at the start of a role: 山东省, 北京市, 宁夏回族自治区, 延边朝鲜族自治州.
_PLACE_RE = re.compile(
    r"^(?P<place>[\u4e00-\u9fff]{2,12}?(?:自治区|自治州|自治县|特别行政区|省|市|县|区|州|盟|旗|镇|乡))"
    r"(?=人民政府|政府|委员会|人大|政协|党委|[省市县区]委|$|"
    + "|".join(map(re.escape, _OFFICES))
    + ")"
)
# The secretary of a place's party committee: 省委书记, 市委书记.
_COMMITTEE_OFFICE_RE = re.compile(r"^(?P<level>[省市县区州])委书记$")
# Levels named without a place: 自治区人民政府主席 names no region.
_GENERIC_PLACES = frozenset({"自治区", "自治州", "自治县"})


@dataclass(frozen=True)
class CanonicalRole:
    """An office as the vocabulary names it, and the place it is held in."""

    office: str
    place: str | None


def canonical_role(printed: str | None) -> CanonicalRole | None:
    """The canonical office of a role as printed, with its place apart.

    ``山东省省长`` -> 省长 / 山东省; ``省人民政府省长`` -> 省长 / None;
    ``四川省人民政府省长`` -> 省长 / 四川省; ``总理`` and ``国务院总理`` ->
    国务院总理; ``自治区人民政府主席`` -> 自治区主席; ``中华人民共和国主席``
    -> 国家主席; ``北京市委书记`` -> 市委书记 / 北京市. None when the text
    names no office the vocabulary knows.
    """
    if not printed:
        return None
    role = fold(WHITESPACE_RE.sub("", printed))
    match = _OFFICE_RE.search(role)
    if match is None:
        return None
    office = match.group()
    prefix = role[: match.start()]
    place = None
    place_match = _PLACE_RE.match(prefix)
    if place_match is not None:
        place = place_match.group("place")
        prefix = prefix[place_match.end():]
    if place in _GENERIC_PLACES:
        # Not a place: part of the body's name (自治区人民政府).
        prefix = place + prefix
        place = None
    # 北京市委书记: the secretary of the 市委 of 北京市.
    committee = _COMMITTEE_OFFICE_RE.match(office)
    if committee is not None and place is None and prefix:
        level = committee["level"]
        place = prefix if prefix.endswith(level) else prefix + level
        prefix = ""
    return CanonicalRole(_office_in_context(office, prefix, place), place)


def _office_in_context(office: str, body: str, place: str | None) -> str:
    """The vocabulary's name for ``office`` held in ``body`` (人民政府, 国务院…)."""
    if office in ("总理", "副总理") and (not body or "国务院" in body):
        return "国务院" + office
    if office == "主席":
        if (place or "").endswith("自治区") or body.startswith("自治区"):
            return "自治区主席"
        if "中华人民共和国" in body or place == "中华人民共和国" or body == "国家":
            return "国家主席"
    if office == "总书记" and body in ("", "中共中央", "中国共产党中央委员会"):
        return "总书记"
    return office


# Meetings: rewrite rules towards the short form papers use.
_MEETING_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"中国共产党"), "中共"),
    (re.compile(r"中央纪律检查委员会"), "中央纪委"),
    (re.compile(r"全国人民代表大会"), "全国人大"),
    (re.compile(r"人民代表大会"), "人大"),
    (re.compile(r"中国人民政治协商会议全国委员会"), "全国政协"),
    (re.compile(r"政治协商会议"), "政协"),
    (re.compile(r"第([一二三四五六七八九十百]+)届"), r"\1届"),
    (re.compile(r"第([一二三四五六七八九十百]+)次全体会议"), r"\1次全会"),
    (re.compile(r"第([一二三四五六七八九十百]+)次会议"), r"\1次会议"),
    (re.compile(r"第([一二三四五六七八九十百]+)次全国代表大会"), r"\1大"),
    # 十九届中央委员会三次全会 -> 十九届三中全会
    (re.compile(r"(届)中央委员会([一二三四五六七八九十]+)次全会"), r"\1\2中全会"),
    (re.compile(r"(届)中央([一二三四五六七八九十]+)次全会"), r"\1\2中全会"),
    # 中共十九届… / 党的十九大: the party is understood before a numbered term.
    (re.compile(r"^(?:中共|党的)(?=[一二三四五六七八九十]+届|[一二三四五六七八九十]+大)"), ""),
)
_MEETING_TRIM = " \u3000“”\"'《》〈〉"


def meeting_key(name: str | None) -> str | None:
    """The form under which variant names of one meeting compare equal.

    ``中共十九届中央纪委三次全会``, ``十九届中央纪委三次全会`` and
    ``中国共产党第十九届中央纪律检查委员会第三次全体会议`` all give
    ``十九届中央纪委三次全会``. Not for display: pages show a name as printed.
    """
    if not name:
        return None
    key = fold(WHITESPACE_RE.sub("", name)).strip(_MEETING_TRIM)
    for pattern, replacement in _MEETING_RULES:
        key = pattern.sub(replacement, key)
    return key or None


def canonical_fields(*, role: str, event: str) -> tuple[str, str, str]:
    """(office, place of office, meeting key) of a printed role and meeting, as
    stored beside them: empty strings where there is none."""
    canonical = canonical_role(role)
    return (
        canonical.office if canonical else "",
        (canonical.place or "") if canonical else "",
        meeting_key(event) or "",
    )
