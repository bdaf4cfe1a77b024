"""Filters other apps add to search, without search importing them.

``settings.SEARCH_FILTERS`` names classes (dotted paths) as the reader's
``READER_EXTENSIONS`` names templates: speeches (and search with it) must
not import annotations, which sits above them (docs/architecture.md). Each
class reads its own GET parameters and turns them into conditions on
paragraphs; the search page includes its ``template`` inside the filter
form, the API passes the same parameters, and the engine ANDs the
conditions with the query and the speech filters (``search(within=…)``).
The annotations app adds the theme filter this way
(annotations/search_filters.py).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.db.models import Q
from django.utils.module_loading import import_string

from core.errors import InvalidInput


class UnknownFilterValue(InvalidInput):
    """A filter's parameter names something that does not exist (a theme)."""

    def __init__(self, param: str, message: str):
        super().__init__(message, [{"loc": ["query", param], "msg": message}])
        self.param = param


@dataclass(frozen=True)
class ParagraphFilter:
    """One filter in force: a condition on ``Paragraph`` rows and how to name it."""

    param: str
    value: str
    q: Q
    label: str


class SearchFilter(Protocol):
    # The GET parameters it reads.
    params: tuple[str, ...]
    # Its fields, included inside the search page's filter form with
    # ``context()`` under ``extension``.
    template: str

    def resolve(self, params: Mapping[str, str]) -> list[ParagraphFilter]:
        """The filters ``params`` ask for; raises ``UnknownFilterValue``."""

    def context(self) -> dict:
        """What the template needs (its choices)."""


@functools.cache
def search_filters() -> tuple[SearchFilter, ...]:
    return tuple(import_string(path)() for path in getattr(settings, "SEARCH_FILTERS", ()))


def filter_params() -> tuple[str, ...]:
    """Every GET parameter the extensions read."""
    return tuple(p for f in search_filters() for p in f.params)


def paragraph_filters(params: Mapping[str, str]) -> list[ParagraphFilter]:
    """The extensions' filters ``params`` ask for; raises ``UnknownFilterValue``."""
    return [found for f in search_filters() for found in f.resolve(params)]


def within(filters: list[ParagraphFilter]) -> Q | None:
    """The filters' conditions ANDed, or None when there are none."""
    if not filters:
        return None
    return functools.reduce(lambda a, b: a & b, (f.q for f in filters))
