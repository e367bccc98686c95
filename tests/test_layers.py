"""The one-way flow of STYLE.md: bytes → Document → RawFact → Fact → warehouse rows."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = {
    "extractors": ("chiso.warehouse", "chiso.flows", "chiso.normalize.registry", "chiso.normalize.matching", "chiso.normalize.indicators", "chiso.normalize.resolve"),
    "normalize": ("chiso.warehouse", "chiso.flows", "chiso.extractors.read.text", "chiso.extractors.read.html", "chiso.extractors.read.pdf", "chiso.extractors.read.ocr", "chiso.extractors.read.readers"),
    "warehouse": ("chiso.extractors", "chiso.flows"),
}
# Inside extractors the two stages never call each other: readers make Documents, parsers read them.
FORBIDDEN_STAGE = {"read": ("chiso.extractors.parse",), "parse": ("chiso.extractors.read",)}
ALLOWED_FROM_NORMALIZE = {"extractors": ("chiso.normalize.text",)}


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


MODULES = [p for package in FORBIDDEN for p in sorted((ROOT / package).rglob("*.py"))]


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(ROOT)) for p in MODULES])
def test_no_forbidden_import(path: Path):
    package, *stage = path.relative_to(ROOT).parts[:-1]
    for name in _imports(path):
        if stage:
            assert not any(name.startswith(bad) for bad in FORBIDDEN_STAGE[stage[0]]), f"{path.name} imports {name}"
        assert not any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN[package]), f"{path.name} imports {name}"
        if package == "extractors" and name.startswith("chiso.normalize"):
            assert name in ALLOWED_FROM_NORMALIZE["extractors"], f"{path.name} imports {name}"
        if package == "normalize" and name.startswith("chiso.extractors"):
            assert name == "chiso.extractors.model", f"{path.name} imports {name} (only extractors.model types)"
