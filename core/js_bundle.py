"""One ES module holding an entry module and every module it imports.

A page that loads a module graph file by file waits for its imports level by
level, or (with modulepreload) for as many requests as there are modules,
six at a time over HTTP/1.1: on the reader, 16 modules took longer to arrive
than the page and its painting together (docs/performance.md). Bundled, they
are one request.

Each imported module becomes a function run once, in the order the browser
would evaluate the graph (depth first, imports in source order), returning
its exports; an importing module reads them by name. Its own top-level
names stay its own, as in a module. The supported subset is what the
project's modules use, and anything else is refused rather than bundled
wrongly: ``import { a, b as c } from "./x.js";`` (relative, acyclic),
``export function|async function|class|const name``, and
``export { a, b as c };``. Exported bindings are constants (``let`` or
``var`` exports, whose reassignment a module would see, are refused), so
handing over their values keeps the live-binding semantics.
"""

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

IMPORT = re.compile(
    r"""^import\s*\{(?P<names>[^}]*)\}\s*from\s*["'](?P<url>\.{1,2}/[^"']+)["'];?[ \t]*\n""",
    re.M,
)
EXPORT_DECLARATION = re.compile(
    r"^export\s+(?P<kind>async\s+function\*?|function\*?|class|const)\s+(?P<name>[A-Za-z_$][\w$]*)",
    re.M,
)
EXPORT_LIST = re.compile(r"^export\s*\{(?P<names>[^}]*)\};?[ \t]*\n", re.M)
# What remains of import/export after the supported forms are rewritten.
UNSUPPORTED = re.compile(r"^\s*(?:import|export)\b|\bimport\s*\(|\bimport\.meta\b", re.M)
# Code only: comments may speak of imports in prose.
COMMENT = re.compile(r"//[^\n]*|/\*.*?\*/", re.S)
NAME = re.compile(r"[A-Za-z_$][\w$]*")
PREFIX = "__bundled_"


class BundleError(Exception):
    """A module uses a form the bundler does not handle, or the graph is wrong."""


@dataclass(frozen=True)
class Module:
    name: str  # posix path relative to the root
    body: str  # the source with its imports and export keywords removed
    imports: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]  # (module, ((exported, local), …))
    exports: tuple[tuple[str, str], ...]  # (exported, local)


def _pairs(names: str, where: str) -> tuple[tuple[str, str], ...]:
    """``a, b as c`` as ((a, a), (b, c)): (name outside, name inside)."""
    pairs = []
    for item in names.split(","):
        words = item.split()
        if not words:
            continue
        if len(words) == 1:
            words = [words[0], "as", words[0]]
        if len(words) != 3 or words[1] != "as" or not all(NAME.fullmatch(w) for w in words[::2]):
            raise BundleError(f"{where}: cannot read {item.strip()!r}")
        pairs.append((words[0], words[2]))
    return tuple(pairs)


def _read(root: Path, name: str) -> Module:
    source = (root / name).read_text(encoding="utf-8")
    imports = []

    def take_import(match: re.Match[str]) -> str:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(name), match["url"]))
        pairs = _pairs(match["names"], name)
        imports.append((target, pairs))
        # Imported names are bound as in the module, by their local names.
        return ""

    body = IMPORT.sub(take_import, source)
    exports: list[tuple[str, str]] = []

    def take_declaration(match: re.Match[str]) -> str:
        exports.append((match["name"], match["name"]))
        return match[0].removeprefix("export").lstrip()

    def take_list(match: re.Match[str]) -> str:
        # Exported names are local names (outside, inside) reversed.
        exports.extend((outside, inside) for inside, outside in _pairs(match["names"], name))
        return ""

    body = EXPORT_DECLARATION.sub(take_declaration, body)
    body = EXPORT_LIST.sub(take_list, body)
    left = UNSUPPORTED.search(COMMENT.sub("", body))
    if left:
        line = body[: left.start()].count("\n") + 1
        raise BundleError(
            f"{name}: an import or export form the bundler does not handle (near line {line})"
        )
    if PREFIX in source:
        raise BundleError(f"{name}: uses {PREFIX}, the bundle's own prefix")
    return Module(name=name, body=body, imports=tuple(imports), exports=tuple(exports))


def _variable(name: str) -> str:
    return PREFIX + re.sub(r"\W", "_", name.removesuffix(".js"))


def bundle(root: Path, entry: str, *, header: str = "") -> str:
    """The module ``entry`` (a path under ``root``) with all it imports, as
    one module's source."""
    modules: dict[str, Module] = {}
    order: list[str] = []

    def visit(name: str, trail: tuple[str, ...]) -> None:
        if name in trail:
            raise BundleError("import cycle: " + " → ".join((*trail, name)))
        if name in modules:
            return
        if not (root / name).is_file():
            raise BundleError(f"{trail[-1]} imports a missing {name}")
        module = modules[name] = _read(root, name)
        for target, _ in module.imports:
            visit(target, (*trail, name))
        order.append(name)  # after its imports: the evaluation order

    visit(entry, ())
    parts = [header] if header else []
    for name in order:
        module = modules[name]
        lines = []
        for target, pairs in module.imports:
            exported = {outside for outside, _ in modules[target].exports}
            for outside, _ in pairs:
                if outside not in exported:
                    raise BundleError(f"{name} imports {outside}, which {target} does not export")
            bindings = ", ".join(o if o == i else f"{o}: {i}" for o, i in pairs)
            lines.append(f"const {{ {bindings} }} = {_variable(target)};\n")
        imports = "".join(lines)
        if name == entry:
            if module.exports:
                raise BundleError(f"{name}: the entry module of a page exports nothing")
            parts.append(f"// {name}\n{imports}{module.body}")
            continue
        returned = ", ".join(o if o == i else f"{o}: {i}" for o, i in module.exports)
        parts.append(
            f"// {name}\nconst {_variable(name)} = (() => {{\n{imports}{module.body.rstrip()}\n"
            f"return {{ {returned} }};\n}})();\n"
        )
    return "\n".join(parts)
