"""Text no database can store is refused at the door, with 422.

PostgreSQL refuses a NUL character in text (SQLite stores it), and no UTF-8
database can store a lone surrogate (``"\\ud800"`` in a JSON body decodes to
one). Either reaching a query fails it with a server error; stored on
SQLite, it breaks every export that later writes it. So every request is
checked before any view reads it: its path, its query string, its form
fields and upload file names, its JSON body, the Authorization header and
the cookies. The answer is 422 with a message naming where the character
was: the API's ``ErrorOut`` under /api/, a page elsewhere.
"""

import json
import re

from django.core.exceptions import SuspiciousOperation
from django.http import HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.utils.translation import gettext as _

from config.errors import ErrorOut
from config.middleware import API_PREFIX

# NUL, or a surrogate code point (never a character on its own in text).
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def unstorable(value) -> bool:
    """Whether ``value`` (a string, or JSON made of lists and dicts) holds text
    no database can store."""
    # Walked with a list, not by recursion: JSON nested a few hundred deep
    # would otherwise exhaust Python's stack here (a server error).
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if UNSTORABLE.search(item) is not None:
                return True
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return False


def where_unstorable(request) -> str | None:
    """Which part of ``request`` holds unstorable text, or None.

    A body that cannot be read (too large, malformed) is left for the view,
    which answers it as it always does (413, 400).
    """
    try:
        return _where_unstorable(request)
    except (SuspiciousOperation, MultiPartParserError, OSError):
        return None


def _where_unstorable(request) -> str | None:
    if unstorable(request.path):
        return "path"
    for name, values in request.GET.lists():
        if unstorable(name) or unstorable(values):
            return f"query.{name}" if not unstorable(name) else "query"
    if unstorable(request.META.get("HTTP_AUTHORIZATION", "")):
        return "header.Authorization"
    if unstorable(list(request.COOKIES.values())):
        return "cookie"
    if request.method in ("POST", "PUT", "PATCH", "DELETE"):
        content_type = request.content_type or ""
        if content_type in ("multipart/form-data", "application/x-www-form-urlencoded"):
            for name, values in request.POST.lists():
                if unstorable(name) or unstorable(values):
                    return f"form.{name}" if not unstorable(name) else "form"
            for name, files in request.FILES.lists():
                if any(unstorable(f.name or "") for f in files):
                    return f"file.{name}"
        elif content_type == "application/json" and request.body:
            try:
                data = json.loads(request.body)
            except (ValueError, RecursionError):
                return None  # not JSON, or nested too deep to read: the operation says so
            if unstorable(data):
                return "body"
    return None


class UnstorableTextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        where = where_unstorable(request)
        if where is None:
            return self.get_response(request)
        message = _(
            "The request holds a character that cannot be stored (a NUL character or a "
            "lone surrogate). Remove it and try again."
        )
        if request.path.startswith(API_PREFIX) or request.content_type == "application/json":
            body = ErrorOut(
                code="invalid",
                message=message,
                details=[{"loc": where.split(".", 1), "msg": message}],
            )
            return JsonResponse(
                body.model_dump(), status=422, json_dumps_params={"ensure_ascii": False}
            )
        if where == "cookie":
            # The page would read the session from that very cookie.
            return HttpResponse(message, status=422, content_type="text/plain; charset=utf-8")
        return render(request, "422.html", {"message": message}, status=422)
