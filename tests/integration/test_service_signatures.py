"""Who acts is always said by name and with its type: services take the
user or actor as a typed keyword argument, never by position."""

import importlib
import inspect

import pytest

MODULES = [
    "accounts.activity",
    "accounts.tokens",
    "speeches.services.imports",
    "speeches.services.jobs",
    "speeches.services.speakers",
    "annotations.services.themes",
    "annotations.services.tagging",
    "annotations.services.comments",
    "annotations.exports.codebook_import",
]
PEOPLE = {"user", "actor", "author"}


def public_functions():
    for name in MODULES:
        module = importlib.import_module(name)
        for attr, function in vars(module).items():
            if (
                inspect.isfunction(function)
                and function.__module__ == name
                and not attr.startswith("_")
            ):
                yield pytest.param(function, id=f"{name}.{attr}")


@pytest.mark.parametrize("function", list(public_functions()))
def test_people_are_typed_keyword_arguments(function):
    for parameter in inspect.signature(inspect.unwrap(function)).parameters.values():
        if parameter.name in PEOPLE:
            assert parameter.kind is inspect.Parameter.KEYWORD_ONLY, parameter
            assert parameter.annotation is not inspect.Parameter.empty, parameter
