"""Field lengths read from the models, never repeated as numbers.

Every text a person or an upload stores has its limit in one place: the
model field's ``max_length`` (docs/api.md, "Length limits"). Forms, API
schemas and services read it from there; ``check_length`` is the services'
refusal (422 ``too-long`` in the API, naming the field and the limit).
"""

import re

from django.db import models
from django.utils.translation import gettext as _

from core.errors import InvalidInput
from text.parsing.normalize import CONTROL_CHARACTERS


def max_length(model: type[models.Model], field: str) -> int:
    """The ``max_length`` of ``model.field``: the one definition of a field's limit."""
    model_field = model._meta.get_field(field)
    length = getattr(model_field, "max_length", None)
    if not isinstance(length, int):
        raise TypeError(f"{model.__name__}.{field} has no max_length")
    return length


def clip(model: type[models.Model], field: str, value: str) -> str:
    """``value`` cut to the ``max_length`` of ``model.field``."""
    return value[: max_length(model, field)]


class TooLong(InvalidInput):
    """A text longer than its field allows; ``details`` name the field and the limit."""

    code = "too-long"


def too_long(field: str, limit: int, length: int) -> TooLong:
    return TooLong(
        _("At most %(limit)s characters (this has %(length)s).")
        % {"limit": f"{limit:,}", "length": f"{length:,}"},
        {"field": field, "max_length": limit},
    )


def check_length(model: type[models.Model], field: str, value: str, *, name: str = "") -> str:
    """``value`` if it fits ``model.field``; else ``TooLong`` naming ``name``
    (the input's name, by default the field's)."""
    limit = max_length(model, field)
    if len(value) > limit:
        raise too_long(name or field, limit, len(value))
    return value


# Control characters other than white space, as the parser drops them from
# an upload's lines (text.parsing.normalize): names typed in the pages and
# names read from uploads are then found by the same text.
_CONTROL = re.compile(f"[{CONTROL_CHARACTERS}]")


def one_line(value: str) -> str:
    """A name or a title as stored: on one line, runs of whitespace as one
    space, no control characters. The one definition for every single-line
    text a person or an upload names something with."""
    return " ".join(_CONTROL.sub("", value).split())
