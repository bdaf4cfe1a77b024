"""The selection as a W3C Web Annotation ``AnnotationCollection`` (JSON-LD).

Each item is exactly what ``GET /api/annotations/{id}/jsonld`` returns for
it: a TextQuoteSelector and a TextPositionSelector (Unicode code points)
on the paragraph's permalink. The collection embeds all its items in its
first page, and is written out an item at a time.
"""

import json
from collections.abc import Iterator

from django.db.models import Prefetch
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from annotations.exports.selection import ResolvedSelection, read_whole_results
from annotations.exports.web_annotation import CONTEXT, web_annotation
from annotations.models import Theme

CHUNK_SIZE = 2000


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def collection_chunks(
    selection: ResolvedSelection, *, request: HttpRequest, collection_url: str
) -> Iterator[str]:
    """The collection as JSON text in pieces.

    ``total`` is counted here, before the first piece is asked for, so that
    a failing query is reported as an error response rather than a
    download cut short.
    """
    read_whole_results()
    annotations = selection.annotations()
    total = annotations.count()
    return _pieces(selection, annotations, total, request=request, collection_url=collection_url)


def _pieces(selection, annotations, total, *, request, collection_url) -> Iterator[str]:
    head = {
        "@context": CONTEXT,
        "id": request.build_absolute_uri(collection_url),
        "type": "AnnotationCollection",
        "label": selection.label(),
        "total": total,
        "generated": timezone.now().isoformat(timespec="seconds"),
        "generator": {"type": "Software", "name": "Jianghua"},
    }
    # The head without its closing brace, then the first page opened.
    yield _dumps(head)[:-1] + ',"first":{"type":"AnnotationPage","startIndex":0,"items":['
    item_url = reverse("api:get_annotation_jsonld", args=[0]).replace("/0/", "/{}/")
    rows = (
        annotations.select_related("author", "paragraph")
        .prefetch_related(
            Prefetch("themes", queryset=Theme.objects.order_by("position", "name", "id"))
        )
        .defer("paragraph__tokens")
        .iterator(chunk_size=CHUNK_SIZE)
    )
    for index, annotation in enumerate(rows):
        item = web_annotation(annotation, request=request, id_url=item_url.format(annotation.pk))
        # Each item is a complete annotation; inside a collection the shared
        # @context is stated once at the top.
        item.pop("@context", None)
        yield ("," if index else "") + _dumps(item)
    yield "]}}"
