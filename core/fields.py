"""Field lengths read from the models, never repeated as numbers."""

from django.db import models


def clip(model: type[models.Model], field: str, value: str) -> str:
    """``value`` cut to the ``max_length`` of ``model.field``."""
    return value[: model._meta.get_field(field).max_length]
