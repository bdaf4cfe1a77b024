"""What the repository promises someone who clones it.

README: two commands set everything up. The Makefile keeps that promise
(`make run` migrates, imports the sample and serves; `make test` runs the
suite), on pinned dependencies so that a fresh machine gets what was
tested. .ci/run checks all of it, on SQLite and PostgreSQL.
"""

import importlib.metadata
import os
import re
import shutil
import subprocess

import pytest

from tests.conftest import REPO

REQUIREMENTS = ["requirements.txt", "requirements-dev.txt"]
# name[extras]==version, and nothing else on the line.
PINNED = re.compile(
    r"(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)(\[[A-Za-z0-9._,-]+\])?==(?P<version>[0-9][\w.+!-]*)"
)


def requirement_lines(filename: str) -> list[str]:
    """The lines that name a package: not blank, not comments, not -r includes."""
    lines = []
    for line in (REPO / filename).read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-r "):
            lines.append(line)
    return lines


@pytest.mark.parametrize("filename", REQUIREMENTS)
def test_every_requirement_is_pinned_to_one_version(filename):
    lines = requirement_lines(filename)
    assert lines
    assert [line for line in lines if not PINNED.fullmatch(line)] == []


def test_requirements_name_each_package_once():
    names = [
        PINNED.fullmatch(line)["name"].lower().replace("_", "-")
        for filename in REQUIREMENTS
        for line in requirement_lines(filename)
    ]
    assert sorted(name for name in set(names) if names.count(name) > 1) == []


def test_the_dev_requirements_include_the_runtime_ones():
    # Whoever installs the test tools alone (pip install -r requirements-dev.txt)
    # must get the application they test too, at the same pins.
    includes = [
        line for line in (REPO / "requirements-dev.txt").read_text().splitlines()
        if line.startswith("-r ")
    ]
    assert includes == ["-r requirements.txt"]


def test_the_tests_run_on_the_pinned_versions():
    # `make test` installs the pins; a suite that passes on other versions
    # says nothing about what a fresh machine gets.
    differing = {}
    for filename in REQUIREMENTS:
        for line in requirement_lines(filename):
            pin = PINNED.fullmatch(line)
            installed = importlib.metadata.version(pin["name"])
            if installed != pin["version"]:
                differing[pin["name"]] = (pin["version"], installed)
    assert differing == {}


def readme() -> str:
    return (REPO / "README.md").read_text()


def test_readme_sets_up_with_exactly_make_run_and_make_test():
    setup = readme().split("\n## Set up\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", setup, flags=re.DOTALL)
    assert len(blocks) == 1, setup
    commands = [line.split("#", 1)[0].strip() for line in blocks[0].splitlines()]
    assert [command for command in commands if command] == ["make run", "make test"]


def test_readme_images_exist():
    images = re.findall(r"!\[[^\]]*\]\(([^)\s]+)\)", readme())
    assert "docs/screenshot.png" in images
    for image in images:
        path = REPO / image
        assert path.is_file(), image
        if path.suffix == ".png":
            assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", image


def make_dry_run(target: str) -> list[str]:
    """The commands `make TARGET` would run, without running them."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    # Run from `make test`, the suite inherits make's own variables; without
    # them this make is a top-level one and prints no "Entering directory".
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")}
    result = subprocess.run(
        ["make", "--no-print-directory", "--dry-run", "--always-make", target],
        cwd=REPO, capture_output=True, text=True, timeout=60, env=env,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_make_run_migrates_imports_the_seed_creates_the_editor_then_serves_locally():
    commands = make_dry_run("run")
    manage = [line for line in commands if " manage.py " in line]
    assert manage == [
        "DEBUG=1 .venv/bin/python manage.py migrate --no-input",
        "DEBUG=1 .venv/bin/python manage.py import_speeches speeches/fixtures/seed",
        "DEBUG=1 .venv/bin/python manage.py ensure_local_editor",
        # The import worker starts in the background beside the server (issue 11).
        "DEBUG=1 .venv/bin/python manage.py db_worker --no-reload & worker=$!; \\",
        "DEBUG=1 .venv/bin/python manage.py runserver 127.0.0.1:8000",
    ]
    # The server runs until stopped: nothing after it would ever run.
    assert commands[-1] == manage[-1]
    # From nothing: the virtual environment is made and the pins installed.
    assert any("-m venv .venv" in line for line in commands)
    assert any("pip install --quiet -r requirements.txt" in line for line in commands)
    seed = REPO / "speeches" / "fixtures" / "seed"
    assert sorted(seed.glob("*.txt")), "the seed folder holds no compilation"


def test_make_test_installs_the_test_tools_and_runs_the_whole_suite():
    commands = make_dry_run("test")
    assert any("pip install --quiet -r requirements-dev.txt" in line for line in commands)
    # No paths or -k: the whole suite as pyproject.toml's testpaths name it,
    # on every core (pytest-xdist).
    assert commands[-1] == ".venv/bin/python -m pytest -n auto"


def test_make_test_fast_leaves_out_the_browser_contract_and_slow_tests():
    commands = make_dry_run("test-fast")
    assert commands[-1] == (
        '.venv/bin/python -m pytest -n auto -m "not browser and not contract and not slow"'
    )


def ci_commands() -> list[str]:
    """The lines of .ci/run that do something: no comments, no blank lines."""
    lines = [line.strip() for line in (REPO / ".ci" / "run").read_text().splitlines()]
    return [line for line in lines if line and not line.startswith("#")]


def position(commands: list[str], command: str) -> int:
    matching = [i for i, line in enumerate(commands) if line == command]
    assert len(matching) == 1, f"{command!r} is not one line of .ci/run"
    return matching[0]


def test_ci_runs_the_tests_on_sqlite_the_checks_then_the_tests_on_postgresql():
    commands = ci_commands()
    sqlite = position(commands, "make test")
    lint = position(commands, ".venv/bin/ruff check .")
    migrations = position(
        commands, "DEBUG=1 .venv/bin/python manage.py makemigrations --check --dry-run"
    )
    imports = position(commands, ".venv/bin/lint-imports")
    types = position(commands, "DEBUG=1 .venv/bin/mypy")
    postgres = position(commands, 'DATABASE_URL="$PG_URL" .venv/bin/python -m pytest -n auto')
    assert sqlite < lint < imports < types < migrations < postgres
    # The first pass is SQLite's even when DATABASE_URL names PostgreSQL.
    assert position(commands, "unset DATABASE_URL") < sqlite
    assert position(commands, 'PG_URL="${DATABASE_URL:-}"') < position(
        commands, "unset DATABASE_URL"
    )


def test_ci_fails_when_any_step_fails():
    run = REPO / ".ci" / "run"
    assert run.stat().st_mode & 0o111, ".ci/run is not executable"
    commands = ci_commands()
    assert run.read_text().startswith("#!/usr/bin/env bash\n")
    # Without -e a failing `make test` would let CI go on and end in success.
    assert commands[0] == "set -euo pipefail"
    result = subprocess.run(["bash", "-n", str(run)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_the_modules_that_share_a_setup_exist():
    """A module renamed away from SHARED_SETUP would silently set up on every worker."""
    from tests.conftest import SHARED_SETUP

    assert SHARED_SETUP
    assert all((REPO / path).is_file() for path in SHARED_SETUP)
