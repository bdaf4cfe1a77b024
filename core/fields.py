"""Field lengths read from the models, never repeated as numbers."""

from django.db import models


def clip(model: type[models.Model], field: str, value: str) -> str:
    """``value`` cut to the ``max_length`` of ``model.field``."""
    model_field = model._meta.get_field(field)
    # A relation has no length; naming one here is a mistake of the caller.
    if not isinstance(model_field, models.Field):
        raise TypeError(f"{model.__name__}.{field} is a relation, not a field with a length")
    return value[: model_field.max_length]
