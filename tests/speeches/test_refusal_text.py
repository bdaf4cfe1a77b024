"""A refusal of the parser is worded once, in text.parsing.errors; the
application translates its English through the catalogue, whose Chinese
must be the parser's own (docs/parsing.md)."""

import pytest
from django.utils import translation

from speeches.services.imports import parse_error_message
from text.parsing.errors import MESSAGES, REASONS, ParseError

REASON_PARAMS = {"size": 30, "limit": 20, "length": 250000, "lines": "3、9"}


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_the_catalogue_gives_back_the_parsers_words(code):
    error = ParseError(code)
    with translation.override("zh-hans"):
        assert parse_error_message(error) == error.message == MESSAGES[code][0]
    with translation.override("en"):
        assert parse_error_message(error) == error.message_en == MESSAGES[code][1]


@pytest.mark.parametrize("reason", sorted(REASONS))
def test_a_reason_is_worded_in_both_languages(reason):
    error = ParseError("too-large", reason=reason, **REASON_PARAMS)
    with translation.override("zh-hans"):
        assert parse_error_message(error) == error.message
        assert error.message.startswith(MESSAGES["too-large"][0] + "（")
    with translation.override("en"):
        assert parse_error_message(error) == error.message_en
        assert error.message_en.startswith(MESSAGES["too-large"][1] + " (")


def test_an_unknown_reason_is_a_programming_error():
    with pytest.raises(ValueError):
        ParseError("too-large", reason="no-such-reason")
