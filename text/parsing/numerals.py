"""Chinese and Arabic numerals as they appear in markers and dates."""

from __future__ import annotations

import re

# Full-width digits map one-to-one onto ASCII, so offsets survive the mapping.
FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_FULLWIDTH_DIGIT_RE = re.compile("[０-９]")


def ascii_digits(text: str) -> str:
    """``text`` with full-width digits made ASCII (same length, same offsets).

    Most lines hold none: a scan is far cheaper than ``translate``, which
    looks every character up (the parser asks this of every line).
    """
    if _FULLWIDTH_DIGIT_RE.search(text) is None:
        return text
    return text.translate(FULLWIDTH_DIGITS)

CN_DIGIT_CHARS = "〇○零一二两三四五六七八九"
CN_NUMERAL_CHARS = CN_DIGIT_CHARS + "十百千"

_DIGITS = {
    "〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}
_UNITS = {"十": 10, "百": 100, "千": 1000}


def cn_to_int(text: str) -> int | None:
    """Read a Chinese numeral (``十三``, ``二十``, ``一百零五``, ``二〇二六``).

    A run of bare digits (``二〇二六``) reads digit by digit, as years are
    written. Returns None for anything else.
    """
    if not text:
        return None
    if all(ch in _DIGITS for ch in text):
        value = 0
        for ch in text:
            value = value * 10 + _DIGITS[ch]
        return value
    total, digit = 0, None
    for ch in text:
        if ch in _DIGITS:
            if digit is not None:
                return None
            digit = _DIGITS[ch]
        elif ch in _UNITS:
            total += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
        else:
            return None
        if ch in _DIGITS and _DIGITS[ch] == 0:
            digit = None
    if digit is not None:
        total += digit
    return total


def numeral_to_int(text: str) -> int | None:
    """Read an Arabic (half- or full-width) or Chinese numeral."""
    ascii_text = ascii_digits(text)
    if ascii_text.isascii() and ascii_text.isdigit():
        return int(ascii_text)
    return cn_to_int(text)
