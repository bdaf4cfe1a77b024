"""The one way every API list is paginated: ``limit``/``offset`` in, a total out."""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PaginationBase

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
# Offsets past any real table size are refused by validation (422) rather
# than reaching the database, where some backends overflow on them.
MAX_OFFSET = 2**31 - 1


class LimitOffset(PaginationBase):
    class Input(Schema):
        limit: int = Field(
            DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Items per page.", examples=[20]
        )
        offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Items to skip.", examples=[0])

    class Output(Schema):
        items: list[Any]
        total: int = Field(description="Items matching the filters, over all pages.")
        limit: int
        offset: int

    def paginate_queryset(
        self, queryset: QuerySet, pagination: Input, request: HttpRequest, **params: Any
    ) -> dict[str, Any]:
        offset, limit = pagination.offset, pagination.limit
        return {
            "items": queryset[offset : offset + limit],
            "total": self._items_count(queryset),
            "limit": limit,
            "offset": offset,
        }
