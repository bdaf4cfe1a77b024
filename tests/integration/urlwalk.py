"""Every URL pattern of the site, and a URL each one resolves with sample values."""

import re
from itertools import product

from django.urls import NoReverseMatch, URLResolver, get_resolver, reverse

SAMPLE_VALUES = ["1", "x", "accounts"]


def url_patterns(patterns=None, prefix: str = "", namespace: str | None = None):
    """(route, fully qualified name) of every pattern, included ones too."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(n for n in (namespace, pattern.namespace) if n) or None
            yield from url_patterns(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        else:
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield prefix + str(pattern.pattern), name


def concrete_url(route: str, name: str | None) -> str:
    """The route with sample values that the resolver accepts."""
    if name is None:  # e.g. the admin's old-style redirects: plain routes
        return "/" + re.sub(r"<(?:\w+:)?\w+>", SAMPLE_VALUES[0], route)
    params = re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", route)
    names = [a or b for a, b in params]
    for values in product(SAMPLE_VALUES, repeat=len(names)):
        try:
            return reverse(name, kwargs=dict(zip(names, values, strict=True)))
        except NoReverseMatch:
            continue
    raise AssertionError(f"no sample values fit {route!r} ({name}); add some to SAMPLE_VALUES")
