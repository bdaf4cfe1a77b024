"""The API's one error shape, and the one table from domain error codes to
HTTP statuses.

Services raise ``core.errors.DomainError`` (a code, a message, details; no
status). The API answers each with ``ErrorOut`` and the status this table
gives its code (docs/architecture.md); pages and commands show the message.
"""

from typing import Any

from ninja import Schema


class ErrorOut(Schema):
    code: str
    message: str
    details: Any = None


# What an operation that reads one thing may answer besides its 200: not
# logged in, not allowed, not there, a parameter not understood.
READ_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


# A code missing here is a request the service could not carry out as asked.
DEFAULT_STATUS = 422

ERROR_STATUS: dict[str, int] = {
    "invalid": 422,
    "forbidden": 403,
    "csrf-failed": 403,
    "not-found": 404,
    "conflict": 409,
    "quote-mismatch": 409,
    # Corrections, versions and withdrawal (speeches.services.editing,
    # restructure, retire, versions): the archive's state stands in the way.
    "changed-since": 409,
    "already-undone": 409,
    "gone": 409,
    "already-withdrawn": 409,
    "not-withdrawn": 409,
    "restorable": 409,
    "too-late": 409,
    "not-current": 409,
    # The parser's refusals (docs/parsing.md): 413 when the file is over the
    # size limit, 415 when it is not a kind of file we read (or not a safe
    # one), 422 when it is readable but holds nothing to import.
    "too-large": 413,
    "pdf": 415,
    "image": 415,
    "binary": 415,
    "bad-docx": 415,
    "zip-bomb": 415,
    "unknown-encoding": 415,
    "empty": 422,
    "no-text": 422,
    "no-chinese": 422,
    "no-body": 422,
    "line-too-long": 422,
}


def status_for(code: str) -> int:
    """The HTTP status the API answers a domain error ``code`` with."""
    return ERROR_STATUS.get(code, DEFAULT_STATUS)
