"""What the annotation services refuse, in the API's one error shape.

Each is a ``config.errors.ApiError``, so an API operation lets it through
unchanged and a page shows its ``message``.
"""

from django.utils.translation import gettext_lazy as _

from config.errors import ApiError


class QuoteMismatch(ApiError):
    """The quote sent is not the paragraph text at the offsets sent (409)."""

    def __init__(self, details: dict):
        super().__init__(
            409,
            "quote-mismatch",
            str(_("The text has changed or the selection is out of date; nothing was saved.")),
            details,
        )


class InvalidInput(ApiError):
    """A request the service cannot carry out as asked (422)."""

    def __init__(self, message: str, details=None):
        super().__init__(422, "invalid", message, details)


class NotPermitted(ApiError):
    """The actor may not change this object (403)."""

    def __init__(self, message: str | None = None):
        super().__init__(
            403, "forbidden", message or str(_("You do not have permission to do this."))
        )
