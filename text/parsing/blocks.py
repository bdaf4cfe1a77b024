"""The lines of one speech, as the compilation splitter cuts them out."""

from __future__ import annotations

from dataclasses import dataclass

from .normalize import Line


@dataclass
class Block:
    """The lines of one speech (or of the preamble before the first one).

    ``marker`` is the line that opened the block (a 第X篇 line or a bare
    numeral), ``marker_title`` the title it carries, ``number`` its number.
    """

    kind: str  # "preamble", "marked", "piece", "excerpt" or "whole"
    lines: list[Line]
    marker: Line | None = None
    marker_title: str | None = None
    number: int | None = None
