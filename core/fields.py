"""Field lengths read from the models, never repeated as numbers."""

from django.db import models


def clip(model: type[models.Model], field: str, value: str) -> str:
    """``value`` cut to the ``max_length`` of ``model.field``."""
    model_field = model._meta.get_field(field)
    # A relation has no length; naming one here is a mistake of the caller.
    if not isinstance(model_field, models.Field):
        raise TypeError(f"{model.__name__}.{field} is a relation, not a field with a length")
    return value[: model_field.max_length]


def max_length(model: type[models.Model], field: str) -> int:
    """The ``max_length`` of ``model.field``: the one definition of a field's limit
    that forms, API schemas and services read."""
    model_field = model._meta.get_field(field)
    length = getattr(model_field, "max_length", None)
    if not isinstance(length, int):
        raise TypeError(f"{model.__name__}.{field} has no max_length")
    return length
