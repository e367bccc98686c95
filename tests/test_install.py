"""The project installs under one package: `chiso.normalize` imports from anywhere, while a bare
`normalize` (or `flows`, `warehouse`, `extractors`) does not exist outside the checkout, so
chiso can be installed beside any other package of those generic names (issue 12)."""

from __future__ import annotations

import subprocess
import sys

import pytest


def _imports(module: str, cwd) -> bool:
    return subprocess.run([sys.executable, "-c", f"import {module}"], cwd=cwd, capture_output=True).returncode == 0


def test_the_folders_import_under_chiso(tmp_path):
    assert _imports("chiso.normalize.registry", tmp_path)
    assert _imports("chiso.flows.cli", tmp_path)


@pytest.mark.parametrize("module", ["extractors", "normalize", "warehouse", "flows"])
def test_no_generic_top_level_package_is_installed(tmp_path, module):
    assert not _imports(module, tmp_path)
