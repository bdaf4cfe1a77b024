"""Parse compilations of Chinese government speeches (pure Python, no Django).

Public API::

    parse_bytes(data, *, filename, max_bytes=20 MiB) -> ParsedCompilation
    parse_text(text, *, source="", encoding="utf-8") -> ParsedCompilation

Refused input raises :class:`ParseError` with a stable ``code`` and
Chinese/English messages. See docs/parsing.md for the rules and the JSON
shape (``ParsedCompilation.to_dict()``).
"""

from .errors import ParseError
from .model import (
    ParsedCompilation,
    ParsedLine,
    ParsedParagraph,
    ParsedSection,
    ParsedSpeech,
    ParseWarning,
)
from .parser import DEFAULT_MAX_BYTES, PARSER_VERSION, parse_bytes, parse_text
from .warnings import CODES as WARNING_CODES

__all__ = [
    "DEFAULT_MAX_BYTES",
    "PARSER_VERSION",
    "WARNING_CODES",
    "ParseError",
    "ParseWarning",
    "ParsedCompilation",
    "ParsedLine",
    "ParsedParagraph",
    "ParsedSection",
    "ParsedSpeech",
    "parse_bytes",
    "parse_text",
]
