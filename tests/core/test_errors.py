"""Domain errors carry a code, a message and details, never an HTTP status;
the one table in config maps their codes to the API's statuses."""

import pytest
from django.utils import translation

from config.errors import ERROR_STATUS, status_for
from core.errors import Conflict, DomainError, InvalidInput, NotFound, NotPermitted
from text.parsing.errors import MESSAGES


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (InvalidInput("no"), 422),
        (NotPermitted(), 403),
        (NotFound("gone"), 404),
        (Conflict("changed"), 409),
        (DomainError("odd", code="something-new"), 422),
    ],
)
def test_the_table_gives_each_code_its_status(error, status):
    assert not hasattr(error, "status")
    assert status_for(error.code) == status


def test_every_refusal_of_the_parser_has_a_status():
    assert set(MESSAGES) <= set(ERROR_STATUS)


def test_a_domain_error_keeps_its_message_and_details():
    error = InvalidInput("A theme needs a name.", {"field": "name"})
    assert (error.code, error.message, error.details) == (
        "invalid",
        "A theme needs a name.",
        {"field": "name"},
    )
    assert str(error) == "A theme needs a name."


def test_not_permitted_says_so_in_the_active_language():
    with translation.override("en"):
        assert NotPermitted().message == "You do not have permission to do this."
    with translation.override("zh-hans"):
        assert NotPermitted().message != "You do not have permission to do this."
