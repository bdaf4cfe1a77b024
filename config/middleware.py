"""Errors that never reach the NinjaAPI still leave /api/ in its one shape.

ninja's exception handlers cover what happens inside an operation. A few
refusals happen outside one: a path no operation matches (Django's 404),
a method the path does not accept (ninja answers 405 itself, in plain
text), and anything a middleware refuses first. This middleware rewrites
those answers as ``ErrorOut`` JSON, keeping the status and its headers.
"""

import json

from django.utils.translation import gettext_lazy as _

from config.errors import ErrorOut

# Where the JSON API lives: its errors stay JSON (this and the other
# middleware of config/ read it).
API_PREFIX = "/api/"

MESSAGES = {
    400: ("bad-request", _("The request is malformed.")),
    401: ("unauthorized", _("Log in or send an API token.")),
    403: ("forbidden", _("You do not have permission to do this.")),
    404: ("not-found", _("There is no such API operation.")),
    405: ("method-not-allowed", _("This operation does not accept the %(method)s method.")),
    413: ("too-large", _("The request body is too large.")),
    500: ("server-error", _("Something went wrong on the server.")),
}


class ApiErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code >= 400
            and request.path.startswith(API_PREFIX)
            and not response.streaming
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            code, message = MESSAGES.get(
                response.status_code, ("error", _("The request could not be served."))
            )
            # Rewritten inside LocaleMiddleware: the request's language is active.
            body = ErrorOut(code=code, message=str(message) % {"method": request.method})
            response.content = json.dumps(body.model_dump(), ensure_ascii=False).encode()
            response["Content-Type"] = "application/json; charset=utf-8"
        return response
