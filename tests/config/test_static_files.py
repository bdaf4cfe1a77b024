"""The collected scripts import each other by hashed names, the reader's
modules form no import cycle (config.storage), and the page loads them as
one current bundle (annotations.reader_bundle)."""

import posixpath
import re

from annotations.reader_bundle import BUNDLE, build
from tests.config.test_deploy_settings import manifest
from tests.conftest import REPO

# import … from "x", export … from "x", import "x", import("x")
IMPORT = re.compile(
    r"""(?:\bfrom\s*|\bimport\s*\(?\s*)["'](?P<url>\.{1,2}/[^"']+)["']"""
)
JS = REPO / "static" / "js"


def imports(text: str) -> list[str]:
    # Comments may mention "import" in prose; only code counts.
    code = re.sub(r"//[^\n]*|/\*.*?\*/", "", text, flags=re.S)
    return [match["url"] for match in IMPORT.finditer(code)]


def test_the_import_pattern_reads_every_form():
    text = (
        'import { a } from "./a.js";\nimport * as b from \'./b.js\';\n'
        'export { c } from "./c.js";\nimport "./d.js";\nconst e = import("./e.js");\n'
        "// import { x } from \"./not-code.js\";\n"
    )
    assert imports(text) == ["./a.js", "./b.js", "./c.js", "./d.js", "./e.js"]


def test_the_reader_modules_form_no_import_cycle():
    graph = {}
    for path in JS.rglob("*.js"):
        if "tests" in path.relative_to(JS).parts:
            continue
        name = path.relative_to(JS).as_posix()
        graph[name] = [
            posixpath.normpath(posixpath.join(posixpath.dirname(name), url))
            for url in imports(path.read_text())
        ]
    assert graph["annotations/reader.js"], "the reader imports its modules"

    def visit(name, trail):
        if name in trail:
            return trail[trail.index(name):] + [name]
        for target in graph.get(name, []):
            assert target in graph, f"{name} imports a missing {target}"
            cycle = visit(target, [*trail, name])
            if cycle:
                return cycle
        return None

    for name in graph:
        cycle = visit(name, [])
        assert cycle is None, " → ".join(cycle)


def test_the_collected_reader_imports_only_hashed_modules(collected):
    paths = manifest(collected)
    hashed = set(paths.values())
    reader = paths["js/annotations/reader.js"]
    assert re.fullmatch(r"js/annotations/reader\.[0-9a-f]{12}\.js", reader)
    # Every module the reader reaches, through the imports as collected.
    seen, todo = set(), [reader]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for url in imports((collected / name).read_text()):
            target = posixpath.normpath(posixpath.join(posixpath.dirname(name), url))
            assert target in hashed, f"{name} imports {url}, not a hashed name"
            todo.append(target)
    # The reader reaches all its modules (store, picker, highlights, …).
    modules = ("store", "popover", "highlights", "dom")
    assert {paths[f"js/annotations/{n}.js"] for n in modules} <= seen


def test_the_reader_loads_its_modules_as_one_current_bundle():
    # The page loads reader.js and every module it reaches as one file
    # (annotations/reader_bundle.py), not one request per module; the
    # committed bundle is what bundling the modules now gives.
    template = (REPO / "templates" / "annotations" / "_reader.html").read_text()
    scripts = re.findall(r"""<script type="module" src="{% static '([^']+)' %}">""", template)
    assert scripts == ["js/annotations.bundle.js"]
    assert "modulepreload" not in template
    assert BUNDLE.read_text(encoding="utf-8") == build(), (
        "static/js/annotations.bundle.js is out of date: run manage.py bundle_reader"
    )
    reachable, todo = set(), ["annotations/reader.js"]
    while todo:
        name = todo.pop()
        if name in reachable:
            continue
        reachable.add(name)
        todo += [
            posixpath.normpath(posixpath.join(posixpath.dirname(name), url))
            for url in imports((JS / name).read_text())
        ]
    bundled = set(re.findall(r"^// (annotations/[\w-]+\.js)$", build(), flags=re.M))
    assert bundled == reachable
    assert imports(BUNDLE.read_text(encoding="utf-8")) == []


def test_the_collected_bundle_imports_nothing(collected):
    paths = manifest(collected)
    bundle = paths["js/annotations.bundle.js"]
    assert re.fullmatch(r"js/annotations\.bundle\.[0-9a-f]{12}\.js", bundle)
    assert imports((collected / bundle).read_text()) == []
