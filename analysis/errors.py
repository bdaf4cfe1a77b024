"""What the analyses refuse, as domain errors (``core.errors``): a stable
code and a message, never an HTTP status. The API answers them with the
status ``config.errors`` gives their code (422 by default); pages show the
message."""

from core.errors import InvalidInput


class AnalysisError(InvalidInput):
    """An analysis that cannot be made as asked (``no-terms``, ``too-many-terms``)."""
