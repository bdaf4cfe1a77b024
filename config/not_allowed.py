"""A method a page does not accept is answered with a page, not an empty body.

The views declare their methods with Django's decorators
(``require_safe``, ``require_http_methods``, ``require_POST``) or
``http_method_names``; all of them refuse with an empty
``HttpResponseNotAllowed`` and its ``Allow`` header. This middleware renders
the site's 405 page in the request's language in its place, with the same
status and ``Allow``. The API (under /api/) keeps its JSON error shape
(``config.middleware.ApiErrorMiddleware``).
"""

from django.shortcuts import render

from config.middleware import API_PREFIX


class MethodNotAllowedPageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code == 405
            and response.has_header("Allow")
            and not request.path.startswith(API_PREFIX)
            and not response.streaming
            and not response.content
        ):
            allowed = response["Allow"]
            page = render(
                request, "405.html", {"method": request.method, "allowed": allowed}, status=405
            )
            page["Allow"] = allowed
            return page
        return response
