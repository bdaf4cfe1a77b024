"""Authentication for the JSON API: who is asking, and may they?

Browser requests use the session, with CSRF on every write. The outcome
follows HTTP: nobody identified -> 401, identified but lacking the role
-> 403 (raised here so the operation never runs).
"""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from ninja.errors import HttpError
from ninja.security import SessionAuth

from accounts.roles import Role, has_role

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def check_role(user, role: Role, request) -> None:
    if not has_role(user, role):
        raise HttpError(403, "You do not have permission to do this.")


class SessionRoleAuth(SessionAuth):
    """Session cookie (with CSRF for writes) plus a minimum role."""

    def __init__(self, role: Role):
        super().__init__(csrf=True)
        self.role = role

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

    The order matters: an identified person is checked for the role first;
    anonymous reading is the last resort and only ever grants reading.
    """
    methods: list = [SessionRoleAuth(role)]
    if role == Role.VIEWER:
        methods.append(AnonymousReadAuth())
    return methods


reader_auth = auth_for(Role.VIEWER)
annotator_auth = auth_for(Role.ANNOTATOR)
editor_auth = auth_for(Role.EDITOR)
