"""core.js_bundle: a bundle runs as its module graph would, and a form it
does not handle is refused, never bundled wrongly."""

import re
import shutil
import subprocess

import pytest

from core.js_bundle import BundleError, bundle

NODE = shutil.which("node")
needs_node = pytest.mark.skipif(NODE is None, reason="Node.js is not installed")

GRAPH = {
    # Evaluation order is logged; "count" is state every importer shares.
    "log.js": 'export const seen = [];\nexport function note(x) { seen.push(x); }\n',
    "counter.js": (
        'import { note } from "./log.js";\nnote("counter");\nlet count = 0;\n'
        "export function next() { count += 1; return count; }\n"
        "// import { nothing } from \"./comment-only.js\";\n"
    ),
    "a.js": (
        'import { note } from "./log.js";\nimport { next } from "./counter.js";\n'
        'note("a");\nconst helper = () => "a-helper";\n'
        "export function fromA() { return `${helper()} ${next()}`; }\n"
        "export class Box { constructor(v) { this.v = v; } }\n"
    ),
    "lib/b.js": (
        'import { note } from "../log.js";\nimport { next as bump } from "../counter.js";\n'
        'import { fromA } from "../a.js";\nnote("b");\n'
        'const helper = () => "b-helper";\n'
        "function fromB() { return `${helper()} ${bump()} ${fromA()}`; }\n"
        "export { fromB, helper as bHelper };\nexport async function later() { return 7; }\n"
    ),
    "entry.js": (
        'import { fromB, bHelper, later } from "./lib/b.js";\n'
        'import { Box, fromA } from "./a.js";\nimport { note, seen } from "./log.js";\n'
        'note("entry");\n'
        "console.log(JSON.stringify([fromB(), fromA(), bHelper(), new Box(2).v, seen]));\n"
        "console.log(await later());\n"
    ),
}


def write(root, files):
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)


def run(path) -> str:
    result = subprocess.run([NODE, str(path)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


@needs_node
def test_a_bundle_runs_as_its_modules_do(tmp_path):
    # Same output: evaluation order, renamed imports and exports, one shared
    # counter, and each module's own `helper` kept apart.
    write(tmp_path, {name.replace(".js", ".mjs"): text.replace('.js"', '.mjs"')
                     for name, text in GRAPH.items()})
    expected = run(tmp_path / "entry.mjs")
    write(tmp_path, GRAPH)
    (tmp_path / "bundle.mjs").write_text(bundle(tmp_path, "entry.js", header="// made\n"))
    assert run(tmp_path / "bundle.mjs") == expected
    order = '["counter","a","b","entry"]'
    assert f'["b-helper 1 a-helper 2","a-helper 3","b-helper",2,{order}]' in expected


def test_a_bundle_has_no_imports_and_names_its_parts(tmp_path):
    write(tmp_path, GRAPH)
    text = bundle(tmp_path, "entry.js", header="// made\n")
    assert text.startswith("// made\n")
    parts = [line[3:] for line in text.splitlines() if re.fullmatch(r"// [\w/]+\.js", line)]
    assert parts == ["log.js", "counter.js", "a.js", "lib/b.js", "entry.js"]
    code = text.replace('// import { nothing } from "./comment-only.js"', "")
    assert "import" not in code and "export" not in code


IMPORT_A = 'import { a } from "./a.js";\n'


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"entry.js": 'import x from "./a.js";\n', "a.js": ""}, "does not handle"),
        ({"entry.js": 'import * as a from "./a.js";\n', "a.js": ""}, "does not handle"),
        ({"entry.js": 'import "./a.js";\n', "a.js": ""}, "does not handle"),
        ({"entry.js": 'const a = await import("./a.js");\n', "a.js": ""}, "does not handle"),
        ({"entry.js": IMPORT_A, "a.js": "export let a = 1;\n"}, "does not handle"),
        ({"entry.js": IMPORT_A, "a.js": "export default 1;\n"}, "does not handle"),
        ({"entry.js": 'import { b } from "./a.js";\n', "a.js": "export const a = 1, b = 2;\n"},
         "does not export"),
        ({"entry.js": IMPORT_A}, "missing a.js"),
        ({"entry.js": IMPORT_A,
          "a.js": 'import { e } from "./entry.js";\nexport const a = 1;\n'}, "import cycle"),
        ({"entry.js": "export const a = 1;\n"}, "exports nothing"),
        ({"entry.js": "const __bundled_x = 1;\n"}, "prefix"),
    ],
)
def test_what_it_does_not_handle_is_refused(tmp_path, files, message):
    write(tmp_path, files)
    with pytest.raises(BundleError, match=message):
        bundle(tmp_path, "entry.js")
