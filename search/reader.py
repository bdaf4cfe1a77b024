"""What the speech reader marks for ``?hl=``: a search's words in its paragraphs.

The reader (``speeches``) does not import the search app; it calls this
through ``settings.READER_HIGHLIGHTS``, the same way it includes the
annotations' templates through ``READER_EXTENSIONS`` (docs/architecture.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from search.highlight import highlight_spans
from search.query import parse_query


class ReadParagraph(Protocol):
    text: str
    position: int


def search_highlights(text: str, paragraphs: Iterable[ReadParagraph]) -> dict[str, Any] | None:
    """The query and, per paragraph position, the spans to mark; None if nothing to search."""
    query = parse_query(text)
    if not query.is_searchable:
        return None
    needles = query.needles
    spans = {}
    for paragraph in paragraphs:
        found = highlight_spans(paragraph.text, needles)
        if found:
            spans[paragraph.position] = found
    return {"query": str(query), "spans": spans, "paragraphs": len(spans)}
