"""Authentication for the JSON API: who is asking, and may they?

Scripts send a personal token (``Authorization: Bearer jh_…``) and need no
CSRF token; browser requests use the session, with CSRF on every write. The
outcome follows HTTP: nobody identified -> 401, identified but lacking the
role (or writing with a read-only token) -> 403, raised here so the
operation never runs.
"""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError
from ninja.security import HttpBearer, SessionAuth

from accounts.roles import Role, can_read, has_role
from accounts.tokens import authenticate_token
from core.errors import DomainError

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def check_role(user, role: Role, request) -> None:
    """Refuse (403) unless ``user`` may do what ``role`` may.

    Reading follows the pages (``accounts.roles.can_read``): when
    ANONYMOUS_READ is on, a signed-in account without a role reads too.
    """
    if role == Role.VIEWER and request.method in SAFE_METHODS:
        allowed = can_read(user)
    else:
        allowed = has_role(user, role)
    if not allowed:
        raise HttpError(403, _("You do not have permission to do this."))


class BearerTokenAuth(HttpBearer):
    """A personal API token, within its scope and its owner's role."""

    # Declared in the OpenAPI document as the "BearerTokenAuth" scheme.
    openapi_bearerFormat = "jh_…"
    openapi_description = (
        "A personal API token (Settings → API tokens): `Authorization: Bearer jh_…`. "
        "Read-only tokens can only read."
    )

    def __init__(self, role: Role):
        super().__init__()
        self.role = role

    def __call__(self, request):
        header = request.headers.get("Authorization", "")
        scheme, _, secret = header.partition(" ")
        if scheme.lower() != "bearer":
            return None
        return self.authenticate(request, secret.strip())

    def authenticate(self, request, token):
        api_token = authenticate_token(token)
        if api_token is None:
            # A wrong token is an error even when a session is present:
            # falling back would hide a script's mistake behind a cookie.
            raise AuthenticationError(401, _("The API token is unknown or revoked."))
        if request.method not in SAFE_METHODS and not api_token.can_write:
            raise HttpError(403, _("This API token is read-only."))
        user = api_token.user
        check_role(user, self.role, request)
        # Operations read request.user, as they do for a session.
        request.user = user
        request.api_token = api_token
        return user


class SessionRoleAuth(SessionAuth):
    """Session cookie (with CSRF for writes) plus a minimum role."""

    openapi_description = (
        "The browser session after logging in; writes also send the csrftoken cookie's "
        "value in the `X-CSRFToken` header."
    )

    def __init__(self, role: Role):
        super().__init__(csrf=True)
        self.role = role

    def _get_key(self, request):
        if not request.user.is_authenticated:
            # No session, nothing for CSRF to protect: the caller gets a 401
            # (log in or send a token), not a confusing CSRF refusal.
            return None
        try:
            return super()._get_key(request)
        except HttpError:
            raise DomainError(
                _(
                    "CSRF check failed: send the csrftoken cookie's value in the X-CSRFToken "
                    "header, or authenticate with an API token instead of the session."
                ),
                code="csrf-failed",
            ) from None

    def authenticate(self, request, key):
        user = request.user
        if user.is_authenticated:
            check_role(user, self.role, request)
            return user
        return None


class AnonymousReadAuth:
    """Lets anyone read when the ANONYMOUS_READ setting is on."""

    def __call__(self, request):
        if settings.ANONYMOUS_READ and request.method in SAFE_METHODS:
            return request.user if request.user.is_authenticated else AnonymousReader()
        return None


class AnonymousReader(AnonymousUser):
    """Truthy stand-in for an anonymous visitor, so ninja counts it as authenticated."""

    def __bool__(self):
        return True


def auth_for(role: Role) -> list:
    """The auth list for an operation that needs ``role``.

    The order matters: a token, when one is sent, decides alone; then the
    session is checked for the role; anonymous reading is the last resort
    and only ever grants reading.
    """
    methods: list = [BearerTokenAuth(role), SessionRoleAuth(role)]
    if role == Role.VIEWER:
        methods.append(AnonymousReadAuth())
    return methods


reader_auth = auth_for(Role.VIEWER)
annotator_auth = auth_for(Role.ANNOTATOR)
editor_auth = auth_for(Role.EDITOR)
admin_auth = auth_for(Role.ADMIN)
