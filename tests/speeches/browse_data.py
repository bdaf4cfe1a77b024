"""Speeches for the browse, reader and search tests, imported through the real service."""

from __future__ import annotations

from speeches.models import Compilation, Speech
from speeches.services.imports import import_compilation
from text.parsing import parse_text


def import_text(text: str, *, source: str = "test.txt", user=None) -> Compilation:
    """Parse ``text`` as an uploaded file would be and import it."""
    parsed = parse_text(text, source=source)
    return import_compilation(parsed=parsed, size=len(text.encode()), user=user).compilation


def speech_text(
    *,
    title: str,
    paragraphs: list[str],
    speaker: str = "",
    date: str = "",
    salutation: str = "同志们：",
) -> str:
    lines = [title]
    if speaker:
        lines.append(speaker)
    if date:
        lines.append(f"（{date}）")
    lines.append(salutation)
    lines.extend(paragraphs)
    return "\n".join(lines) + "\n"


def import_speech(**kwargs) -> Speech:
    """One speech in a compilation of its own."""
    compilation = import_text(speech_text(**kwargs), source=f"{kwargs['title']}.txt")
    return compilation.speeches.get()


def long_speech_text(paragraph_count: int, *, sections: int = 10) -> str:
    """A speech with ``sections`` numbered parts, run-in points, and many paragraphs."""
    numerals = "一二三四五六七八九十"
    lines = ["在全市人大工作会议上的讲话", "王萍", "（2024年8月12日）", "同志们："]
    lines.append("这次会议很重要，下面我讲几点意见。")
    per_section = max(1, (paragraph_count - 1) // sections)
    written = 1
    for s in range(sections):
        lines.append(f"{numerals[s]}、第{numerals[s]}部分的标题")
        for n in range(per_section):
            if written >= paragraph_count:
                break
            if n == 0:
                lines.append(f"第一，要加强人大监督工作。这是第{written + 1}段，讲依法行政和税收。")
            else:
                lines.append(f"这是第{written + 1}段，继续推进人大工作，促进经济社会发展。")
            written += 1
    while written < paragraph_count:
        lines.append(f"这是第{written + 1}段，同志们，让我们共同努力。")
        written += 1
    return "\n".join(lines) + "\n"
