"""What the analyses refuse, as domain errors: a stable code and a message,
never an HTTP status (the API maps codes to statuses, pages show the message)."""

from typing import Any


class AnalysisError(Exception):
    def __init__(self, code: str, message: str, details: Any = None):
        super().__init__(str(message))
        self.code = code
        self.message = str(message)
        self.details = details
