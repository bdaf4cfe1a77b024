"""The reader's pure JavaScript functions (code-point offsets, highlight
pieces, picker matching and placement) have unit tests in tests/js/, run
with Node's own test runner; this runs them as part of the suite."""

import shutil
import subprocess

import pytest

from tests.conftest import REPO

NODE = shutil.which("node")


@pytest.mark.skipif(NODE is None, reason="Node.js is not installed")
def test_the_javascript_unit_tests_pass():
    files = sorted(str(p.relative_to(REPO)) for p in (REPO / "tests" / "js").glob("*.test.mjs"))
    assert files, "tests/js holds the JavaScript tests"
    result = subprocess.run(
        [NODE, "--test", *files], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # Every file ran and none was skipped: a module that failed to load fails here too.
    assert "# fail 0" in result.stdout and "# pass 0" not in result.stdout, result.stdout
