"""Text -> numbered lines, per the normalization rules of docs/parsing.md.

Only invisible things change: BOMs, zero-width characters and private-use
glyphs are dropped, line ends are unified, each line is trimmed and empty
lines are dropped. Full-width punctuation, traditional characters and the
white space inside a line stay exactly as written, because readers quote
the text verbatim.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

# Control characters other than white space (C0 but tab, the line ends, VT
# and FF and the separators Python splits on, DEL, C1 but NEL): invisible,
# never typed on purpose, and not allowed in the XML the exports write. A
# text file holding most of them is refused as binary (decode.py); the DOS
# end-of-file mark 0x1A and C1 characters (text decoded with the wrong code
# page, a Word file) are dropped here. The one definition: names and titles
# typed in the pages are cleaned with it too (core.fields.one_line).
CONTROL_CHARACTERS = "\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f"
# U+FEFF (BOM / zero-width no-break space), U+200B..U+200D (zero-width
# space, non-joiner, joiner), U+2060 (word joiner), the private-use area
# (icon-font glyphs pasted from web pages) and the control characters.
_INVISIBLE_RE = re.compile(f"[\ufeff\u200b-\u200d\u2060\ue000-\uf8ff{CONTROL_CHARACTERS}]")
_LINE_BREAK_RE = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Line:
    """A kept line: its text and its 1-based number in the decoded file."""

    number: int
    text: str


def normalize_lines(text: str) -> list[Line]:
    """Split ``text`` into trimmed, non-empty lines with original numbers.

    Numbers count LF, CRLF and CR line ends, as an editor does, so a warning
    can point at the line a person sees in their file.
    """
    lines: list[Line] = []
    # Invisible characters are never line breaks: dropped from the whole text
    # at once, they leave the lines and their numbers as they were.
    visible = _INVISIBLE_RE.sub("", text)
    for number, raw in enumerate(_LINE_BREAK_RE.split(visible), start=1):
        # str.strip() removes every Unicode space, U+3000 and NBSP included.
        cleaned = raw.strip()
        if cleaned:
            lines.append(Line(number, cleaned))
    return lines


def joined_text(lines: list[Line]) -> str:
    """The normalized text: kept lines joined by LF."""
    return "\n".join(line.text for line in lines)


def text_sha256(text: str) -> str:
    """Hex SHA-256 of the UTF-8 bytes of ``text``."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
