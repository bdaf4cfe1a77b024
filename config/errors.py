"""The error shape shared by the API and the services it calls."""

from typing import Any

from ninja import Schema


class ErrorOut(Schema):
    code: str
    message: str
    details: Any = None


class ApiError(Exception):
    """An error to send to an API client as ``ErrorOut`` with ``status``."""

    def __init__(self, status: int, code: str, message: str, details: Any = None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details
