"""The static files as production collects them, once per test worker."""

from pathlib import Path

import pytest

from tests.config.production import PRODUCTION, manage


# Session-wide: collectstatic takes seconds, and two modules read its result
# (test_deploy_settings.py, test_static_files.py), which run on one worker
# (SHARED_SETUP in tests/conftest.py) so that it collects once.
@pytest.fixture(scope="session")
def collected(tmp_path_factory) -> Path:
    """STATIC_ROOT after a production collectstatic; the settings differ in STATIC_ROOT only."""
    folder = tmp_path_factory.mktemp("collectstatic")
    root = folder / "static_root"
    (folder / "collect_settings.py").write_text(
        f"from config.settings import *  # noqa: F403\nSTATIC_ROOT = {str(root)!r}\n"
    )
    env = {**PRODUCTION, "PYTHONPATH": str(folder), "DJANGO_SETTINGS_MODULE": "collect_settings"}
    result = manage("collectstatic", "--no-input", env=env)
    # Post-processing fails here when a stylesheet's url() names a missing file.
    assert result.returncode == 0, result.stdout + result.stderr
    return root
