"""Fixtures for the tests that check the apps fit together: the coded corpus
of the export tests (the seed, themes in a tree, passages, comments)."""

from tests.exports.conftest import coded  # noqa: F401
