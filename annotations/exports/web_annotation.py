"""Annotations as W3C Web Annotations (JSON-LD).

Positions are Unicode code points, as the Web Annotation model requires for
TextPositionSelector; the target is the paragraph's permalink.

Each theme is two bodies: a ``tagging`` TextualBody holding its name (what
annotation tools show as the tag) and a ``classifying`` SpecificResource
whose ``source`` is the theme's page (which theme of the codebook it is).
A body with an ``id`` and no ``value`` is an External Web Resource, which
may not carry a ``purpose`` (the W3C test assertion bodyEWRNoPurpose): so
the name is never given an ``id``, and the theme's address goes through
a SpecificResource, which may.
"""

from typing import Any

from django.http import HttpRequest

from annotations.models import Annotation

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
# What an annotation and an export of annotations are served as.
MEDIA_TYPE = f'application/ld+json; profile="{CONTEXT}"'


def web_annotation(annotation: Annotation, *, request: HttpRequest, id_url: str) -> dict[str, Any]:
    """One annotation; ``id_url`` is its own address (relative is made absolute)."""
    absolute = request.build_absolute_uri
    body: list[dict[str, Any]] = []
    for theme in annotation.themes.all():
        tag = {"type": "TextualBody", "purpose": "tagging", "value": theme.name}
        body.append({**tag, "language": "zh-Hans"})
        body.append(
            {
                "type": "SpecificResource",
                "purpose": "classifying",
                "source": absolute(theme.get_absolute_url()),
            }
        )
    if annotation.note:
        body.append({"type": "TextualBody", "purpose": "commenting", "value": annotation.note})
    quote_selector: dict[str, Any] = {"type": "TextQuoteSelector", "exact": annotation.quote}
    if annotation.prefix:
        quote_selector["prefix"] = annotation.prefix
    if annotation.suffix:
        quote_selector["suffix"] = annotation.suffix
    result: dict[str, Any] = {
        "@context": CONTEXT,
        "id": absolute(id_url),
        "type": "Annotation",
        "motivation": "tagging",
        "created": annotation.created_at.isoformat(),
        "modified": annotation.updated_at.isoformat(),
        "body": body,
        "target": {
            "source": absolute(annotation.paragraph.get_absolute_url()),
            "selector": [
                quote_selector,
                {"type": "TextPositionSelector", "start": annotation.start, "end": annotation.end},
            ],
        },
    }
    if annotation.author:
        result["creator"] = {"type": "Person", "nickname": annotation.author.get_username()}
    return result
