"""Application code never imports a migration: migrations are history, and
a module that reads one breaks when it is squashed or renamed."""

import ast
from pathlib import Path

from tests.conftest import REPO

APPS = ["accounts", "annotations", "speeches", "config", "search", "core", "text"]


def imported_modules(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", "")) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            yield node.args[0].value


def test_no_application_module_imports_a_migration():
    offenders = []
    for app in APPS:
        for path in (REPO / app).rglob("*.py"):
            if "migrations" in path.relative_to(REPO).parts:
                continue
            offenders += [
                f"{path.relative_to(REPO)}: {module}"
                for module in imported_modules(path)
                if ".migrations" in f".{module}"
            ]
    assert offenders == []
