"""A title for a speech whose text prints none.

Made from what the parse knows, most telling first: the meeting (with the
speaker), else the first heading, else the opening words; the date follows
in brackets. The speech is marked ``title_derived`` so pages and editors can
tell a made-up title from a printed one.
"""

from __future__ import annotations

from .model import ParsedSpeech
from .sentences import first_sentence

# How much of the opening sentence names a speech with nothing else to go by.
OPENING_MAX = 20


def derive_title(speech: ParsedSpeech) -> str:
    """A title from the speech's meeting, speaker, first heading or opening
    words, with its date; its number in the file (第3篇) when it has nothing
    else to go by."""
    who = speech.speaker_name or speech.role or ""
    topic = _first_heading(speech) or _opening(speech)
    if speech.event:
        base = f"{who}在{speech.event}上的讲话"
    elif topic:
        base = f"{who}：{topic}" if who else topic
    else:
        base = f"{who}讲话" if who else ""
    if speech.date:
        base = f"{base}（{speech.date}）" if base else speech.date
    return base or f"第{speech.ordinal}篇"


def _first_heading(speech: ParsedSpeech) -> str:
    for section in speech.sections:
        if section.heading and not section.appendix:
            return section.heading
    return ""


def _opening(speech: ParsedSpeech) -> str:
    if not speech.paragraphs:
        return ""
    sentence, _terminator, _rest = first_sentence(speech.paragraphs[0].text)
    sentence = sentence.strip()
    return sentence if len(sentence) <= OPENING_MAX else sentence[:OPENING_MAX] + "…"
