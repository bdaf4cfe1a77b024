"""House rule 1: the parser is pure Python, with no Django imports."""

import ast
import importlib
import pkgutil
from pathlib import Path

import speeches.parsing

PACKAGE_DIR = Path(speeches.parsing.__file__).resolve().parent


def imported_names(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_the_package_has_modules_to_check():
    assert len(list(PACKAGE_DIR.glob("*.py"))) >= 10


def test_no_module_imports_django():
    offenders = {
        path.name: sorted(name for name in imported_names(path) if name.split(".")[0] == "django")
        for path in sorted(PACKAGE_DIR.glob("*.py"))
    }
    assert {name: found for name, found in offenders.items() if found} == {}


def test_every_module_imports_on_its_own():
    for module in pkgutil.iter_modules([str(PACKAGE_DIR)]):
        if module.name != "__main__":
            importlib.import_module(f"speeches.parsing.{module.name}")
