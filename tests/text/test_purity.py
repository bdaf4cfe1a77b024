"""House rule 1: the text package (the parser and every other module that
works on text alone) is pure Python, with no Django imports and nothing of
the project outside it (docs/architecture.md)."""

import ast
import importlib
from pathlib import Path

import text

PACKAGE_DIR = Path(text.__file__).resolve().parent
REPO = PACKAGE_DIR.parent
PROJECT_PACKAGES = {"accounts", "annotations", "config", "core", "search", "speeches"}


def imported_names(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def module_paths() -> list[Path]:
    return sorted(PACKAGE_DIR.rglob("*.py"))


def test_the_package_has_modules_to_check():
    assert len(list((PACKAGE_DIR / "parsing").glob("*.py"))) >= 10
    assert {"structure.py", "corrections.py", "partial_dates.py", "variants.py"} <= {
        path.name for path in module_paths()
    }


def test_no_module_imports_django():
    offenders = {
        str(path.relative_to(PACKAGE_DIR)): sorted(
            name for name in imported_names(path) if name.split(".")[0] == "django"
        )
        for path in module_paths()
    }
    assert {name: found for name, found in offenders.items() if found} == {}


def test_no_module_imports_the_rest_of_the_project():
    offenders = {
        str(path.relative_to(PACKAGE_DIR)): sorted(
            name for name in imported_names(path) if name.split(".")[0] in PROJECT_PACKAGES
        )
        for path in module_paths()
    }
    assert {name: found for name, found in offenders.items() if found} == {}


def test_every_module_imports_on_its_own():
    for path in module_paths():
        if path.name != "__main__.py":
            parts = path.relative_to(REPO).with_suffix("").parts
            importlib.import_module(".".join(p for p in parts if p != "__init__"))
