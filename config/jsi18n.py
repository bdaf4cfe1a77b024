"""/jsi18n/: the JavaScript catalogue, built once per language and deploy.

The catalogue changes only when the compiled translations do, which takes a
deploy (and a restart). It is built on the first request in each language
and then served from the cache; browsers revalidate and get a 304, so new
strings show on the first page load after a deploy.

The validator is an ETag naming the build and the language: the language
comes from a cookie the browser does not key its cache on, so a date alone
would answer 304 to a browser that switched language and keep the old one.
"""

import datetime
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control
from django.views.decorators.http import etag, require_safe
from django.views.i18n import JavaScriptCatalog


def _compiled_at() -> datetime.datetime:
    """When the newest compiled catalogue was written (or now, if none is found)."""
    times = [
        path.stat().st_mtime
        for locale in settings.LOCALE_PATHS
        for path in Path(locale).glob("*/LC_MESSAGES/*.mo")
    ]
    if not times:
        return timezone.now().replace(microsecond=0)
    return datetime.datetime.fromtimestamp(int(max(times)), tz=datetime.UTC)


COMPILED_AT = _compiled_at()
_catalog = JavaScriptCatalog.as_view()


def _version() -> str:
    return f"{COMPILED_AT.timestamp():.0f}-{get_language()}"


@require_safe
@etag(lambda request: _version())
@cache_control(no_cache=True)
def javascript_catalog(request):
    key = f"jsi18n:{_version()}"
    cached = cache.get(key)
    if cached is None:
        response = _catalog(request)
        cached = (response.content, response["Content-Type"])
        cache.set(key, cached, None)
    content, content_type = cached
    return HttpResponse(content, content_type=content_type)
