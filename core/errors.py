"""Domain errors: what a service refuses, without HTTP.

A ``DomainError`` carries a stable ``code`` (an English slug a script can
branch on), a ``message`` a person can read (already in the active
language) and optional ``details``. It has no status: the API answers it
with the status ``config.errors.ERROR_STATUS`` gives its code, a page shows
its message and a command prints it (docs/architecture.md). Modelled on
pretix's service exceptions.
"""

from typing import Any

from django.utils.translation import gettext as _


class DomainError(Exception):
    """A refusal of a service; ``code`` says which kind."""

    code = "invalid"

    def __init__(self, message: str, details: Any = None, *, code: str | None = None):
        super().__init__(message)
        if code is not None:
            self.code = code
        self.message = str(message)
        self.details = details


class InvalidInput(DomainError):
    """A request the service cannot carry out as asked."""

    code = "invalid"


class NotPermitted(DomainError):
    """The actor may not do this to this object."""

    code = "forbidden"

    def __init__(self, message: str | None = None, details: Any = None):
        super().__init__(message or _("You do not have permission to do this."), details)


class NotFound(DomainError):
    """Something the request names does not exist."""

    code = "not-found"


class Conflict(DomainError):
    """The object changed under the request; nothing was saved."""

    code = "conflict"
