"""The project's one NinjaAPI: every app mounts its router here.

Every error leaves the API in one shape, ``ErrorOut``: a stable ``code`` a
script can branch on (an English slug), a ``message`` a person can read (in
the request's language: the session's, or the ``Accept-Language`` header's;
Chinese by default), and for invalid input the ``details`` of each problem.
"""

import logging

from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.http import Http404
from django.http.request import RawPostDataException
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from config.errors import ErrorOut, status_for
from core.errors import DomainError

logger = logging.getLogger("django.request")


class JianghuaAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        return openapi_31(super().get_openapi_schema(*args, **kwargs))


def openapi_31(schema):
    """The document ninja builds, made valid OpenAPI 3.1 (openapi-spec-validator).

    Ninja copies a parameter schema's JSON Schema ``examples`` (a list) onto
    the parameter, where OpenAPI wants a map of Example objects; each value
    becomes a named Example there (the schema keeps its list, which is valid
    JSON Schema).
    """
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                examples = parameter.get("examples")
                if isinstance(examples, list):
                    parameter["examples"] = {
                        f"example{n}" if n else "example": {"value": value}
                        for n, value in enumerate(examples)
                    }
    return schema


api = JianghuaAPI(
    title="Jianghua API",
    version="1",
    description=(
        "JSON API of Jianghua (讲话): compilations, speeches, speakers, search, "
        "themes, annotations and comments. Browser sessions send the CSRF token "
        "in the `X-CSRFToken` header on writes. Errors carry a stable English `code` "
        "and a `message` in the language asked for with `Accept-Language` "
        "(`zh-hans`, the default, or `en`)."
    ),
    urls_namespace="api",
    docs_url="/docs",
)

HTTP_CODES = {
    400: "bad-request",
    401: "unauthorized",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    409: "conflict",
    413: "too-large",
    422: "invalid",
    429: "throttled",
    500: "server-error",
}


def error_response(request, status: int, code: str, message: str, details=None):
    body = ErrorOut(code=code, message=message, details=details)
    return api.create_response(request, body.model_dump(), status=status)


@api.exception_handler(DomainError)
def on_domain_error(request, exc: DomainError):
    return error_response(request, status_for(exc.code), exc.code, exc.message, exc.details)


@api.exception_handler(ValidationError)
def on_validation_error(request, exc: ValidationError):
    return error_response(request, 422, "invalid", _("The request is not valid."), exc.errors)


@api.exception_handler(AuthenticationError)
def on_authentication_error(request, exc: AuthenticationError):
    # ninja's own "Unauthorized" (nobody identified) gets a sentence that says what to do.
    message = exc.message if exc.message != "Unauthorized" else _("Log in or send an API token.")
    response = error_response(request, 401, "unauthorized", message)
    response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


@api.exception_handler(HttpError)
def on_http_error(request, exc: HttpError):
    code = HTTP_CODES.get(exc.status_code, "error")
    message = str(exc)
    if exc.status_code == 400 and message.startswith("Cannot parse request body"):
        # ninja's 400 for a body it could not read as JSON, said in English only;
        # a 400 raised with a message of our own keeps it.
        message = _("The request body is not valid JSON.")
    return error_response(request, exc.status_code, code, message)


@api.exception_handler(RawPostDataException)
def on_form_body(request, exc):
    # A multipart form sent to an operation that reads JSON: the text guard
    # (config/text_guard.py) has read the form's fields, which consumes the
    # body, so ninja finds no body left to read as JSON.
    return error_response(
        request,
        400,
        "bad-request",
        _("This operation reads a JSON body: send it with Content-Type: application/json."),
    )


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return error_response(request, 404, "not-found", _("Not found."))


@api.exception_handler(PermissionDenied)
def on_permission_denied(request, exc):
    return error_response(request, 403, "forbidden", _("You do not have permission to do this."))


@api.exception_handler(RequestDataTooBig)
def on_request_too_big(request, exc):
    return error_response(request, 413, "too-large", _("The request body is too large."))


@api.exception_handler(SuspiciousOperation)
def on_suspicious_operation(request, exc):
    return error_response(request, 400, "bad-request", _("The request is malformed."))


@api.exception_handler(Exception)
def on_unexpected_error(request, exc):
    # Logged with its traceback like any Django 500, then answered in the
    # one error shape so scripts never have to parse an HTML error page.
    logger.error(
        "Internal Server Error: %s",
        request.path,
        exc_info=exc,
        extra={"status_code": 500, "request": request},
    )
    return error_response(request, 500, "server-error", _("Something went wrong on the server."))


def _mount_routers() -> None:
    # Imported here, not at the top, so that the apps' routers can import
    # core.errors and config.errors without a cycle.
    from analysis.api import router as analysis_router
    from annotations.api.operations import router as annotations_router
    from annotations.api.rules import router as rules_router
    from annotations.exports.api import router as annotation_exports_router
    from search.api import router as search_router
    from speeches.api.router import router as speeches_router
    from speeches.exports.api import router as speech_exports_router

    api.add_router("/", speeches_router)
    api.add_router("/", search_router)
    api.add_router("/", annotations_router)
    api.add_router("/", rules_router)
    api.add_router("/", speech_exports_router)
    api.add_router("/", annotation_exports_router)
    api.add_router("/", analysis_router)


_mount_routers()
