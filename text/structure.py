"""Reading the structure of a parsed speech: its section tree laid flat, the
section each paragraph belongs to, and where each warning points.

Pure functions of the parser's dataclasses (no Django), shared by the
import service, the corrections applied in the upload preview, and the
preview page itself, so that all three agree on which section holds which
paragraph.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from text.parsing import ParsedParagraph, ParsedSection, ParsedSpeech

# How much of a line a warning shows: enough to recognise it.
EXCERPT_CHARS = 80


@dataclass(frozen=True)
class FlatSection:
    """A section with its place in the tree.

    ``index`` is its 0-based place in document order, ``path`` the keys of
    the sections from the outermost down to it (what a paragraph's
    ``section_path`` holds), ``parent`` the index of its parent.
    """

    index: int
    section: ParsedSection
    path: tuple[str, ...]
    depth: int
    parent: int | None


@dataclass(frozen=True)
class LocatedWarning:
    """A parser warning with the text it points at.

    ``paragraph`` is the 1-based position of the paragraph at or containing
    the warning's line (None when the line is a heading or header line);
    ``excerpt`` is the start of that line's text.
    """

    line: int
    code: str
    message: str
    paragraph: int | None
    excerpt: str
    params: tuple[tuple[str, str | int], ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {
            "line": self.line,
            "code": self.code,
            "message": self.message,
            "params": dict(self.params),
            "paragraph": self.paragraph,
            "excerpt": self.excerpt,
        }


def flatten_sections(sections: Iterable[ParsedSection]) -> list[FlatSection]:
    """The section tree in document order."""
    flat: list[FlatSection] = []

    def walk(
        children: Iterable[ParsedSection], path: tuple[str, ...], depth: int, parent: int | None
    ) -> None:
        for section in children:
            index = len(flat)
            section_path = (*path, section.key)
            flat.append(FlatSection(index, section, section_path, depth, parent))
            walk(section.children, section_path, depth + 1, index)

    walk(sections, (), 0, None)
    return flat


def assign_sections(
    flat: Sequence[FlatSection], paragraphs: Iterable[ParsedParagraph]
) -> list[int | None]:
    """The index (into ``flat``) of the section holding each paragraph.

    Markers repeat across a speech (every 一、 has its own 一是), so a
    ``section_path`` alone is ambiguous; the section meant is the latest one
    with that path that starts at or before the paragraph's line.
    """
    by_line = sorted(flat, key=lambda s: (s.section.line, s.index))
    latest: dict[tuple[str, ...], int] = {}
    position = 0
    assigned: list[int | None] = []
    for paragraph in paragraphs:
        while position < len(by_line) and by_line[position].section.line <= paragraph.line:
            latest[by_line[position].path] = by_line[position].index
            position += 1
        path = tuple(paragraph.section_path)
        assigned.append(latest.get(path) if path else None)
    return assigned


def paragraphs_per_section(
    flat: Sequence[FlatSection], assigned: Sequence[int | None]
) -> list[int]:
    """How many paragraphs each section holds, its subsections' included."""
    counts = [0] * len(flat)
    for index in assigned:
        while index is not None:
            counts[index] += 1
            index = flat[index].parent
    return counts


def locate_warnings(speech: ParsedSpeech) -> list[LocatedWarning]:
    """Each warning of ``speech`` with the paragraph and text at its line.

    A warning points at the element that starts at its line or, for a line
    inside a paragraph joined from several lines, at the paragraph that
    contains it.
    """
    # (line, rank, paragraph position, text); at one line a paragraph ranks
    # before the run-in heading that opens it, and both before header lines.
    starts: list[tuple[int, int, int | None, str]] = [
        (meta.line, 2, None, meta.text) for meta in speech.meta_lines
    ]
    for item in flatten_sections(speech.sections):
        section = item.section
        text = section.source_text or f"{section.marker}{section.heading}"
        starts.append((section.line, 1, None, text))
    for number, paragraph in enumerate(speech.paragraphs, start=1):
        starts.append((paragraph.line, 0, number, paragraph.text))
    starts.sort(key=lambda s: (s[0], s[1]))
    lines = [s[0] for s in starts]
    located = []
    for warning in speech.warnings:
        after = bisect_right(lines, warning.line)
        if after:
            _line, _rank, paragraph_number, text = starts[bisect_left(lines, lines[after - 1])]
        else:
            paragraph_number, text = None, ""
        located.append(
            LocatedWarning(
                warning.line,
                warning.code,
                warning.message,
                paragraph_number,
                excerpt(text),
                warning.params,
            )
        )
    return located


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    text = text.split("\n", 1)[0]
    return text if len(text) <= limit else text[: limit - 1] + "…"
