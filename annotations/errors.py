"""What only the annotation services refuse; the rest is in ``core.errors``."""

from django.utils.translation import gettext_lazy as _

from core.errors import DomainError


class QuoteMismatch(DomainError):
    """The quote sent is not the paragraph text at the offsets sent."""

    code = "quote-mismatch"

    def __init__(self, details: dict):
        super().__init__(
            str(_("The text has changed or the selection is out of date; nothing was saved.")),
            details,
        )
