"""OCR results on disk, so a re-run never sends the same page to tesseract twice.

A page costs tesseract one to three seconds; reading it back costs a millisecond. The key is
the sha256 of the page's image bytes plus everything that changes the output: tesseract's
version, language, engine and page-segmentation mode, and the pre-processing version
(`images.PREPARE_VERSION`). An entry is two files under `<cache_dir>/<key[:2]>/`: the TSV
tesseract printed, and a small JSON of what pre-processing found (ruled table cells, scale,
skew) so a cache hit skips pre-processing too. Files are written to a temporary name and
renamed, so a crash never leaves half an entry and two workers writing the same page agree.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from dataclasses import dataclass
from pathlib import Path

Rect = tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class CachedPage:
    """Tesseract's TSV for a prepared page, with the geometry pre-processing found."""

    tsv: str
    tables: tuple[tuple[Rect, ...], ...]
    scale: float
    skew_degrees: float
    width: int
    height: int


def cache_key(page_sha256: str, engine: str) -> str:
    """One key per page image and engine description (`tesseract 5.3.0|vie|--oem 1 --psm 6|prep 2`)."""
    return hashlib.sha256(f"{page_sha256}|{engine}".encode()).hexdigest()


class OcrCache:
    """A directory of OCR results; `None` as the directory keeps nothing (every page is read)."""

    def __init__(self, root: Path | None) -> None:
        self.root = root

    def _paths(self, key: str) -> tuple[Path, Path]:
        assert self.root is not None
        folder = self.root / key[:2]
        return folder / f"{key}.json", folder / f"{key}.tsv"

    def get(self, key: str) -> CachedPage | None:
        if self.root is None:
            return None
        meta_path, tsv_path = self._paths(key)
        try:
            tsv = tsv_path.read_text(encoding="utf-8")
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        tables = tuple(tuple(tuple(float(v) for v in rect) for rect in table) for table in meta["tables"])
        return CachedPage(tsv, tables, float(meta["scale"]), float(meta["skew_degrees"]), int(meta["width"]), int(meta["height"]))  # type: ignore[arg-type]

    def put(self, key: str, page: CachedPage) -> None:
        if self.root is None:
            return
        meta_path, tsv_path = self._paths(key)
        meta_path.parent.mkdir(parents=True, exist_ok=True)
        meta = {"tables": page.tables, "scale": page.scale, "skew_degrees": page.skew_degrees, "width": page.width, "height": page.height}
        _write_atomic(meta_path, json.dumps(meta))
        _write_atomic(tsv_path, page.tsv)

    def count(self) -> int:
        """Pages held (tests and the benchmark check that a re-run adds none)."""
        return 0 if self.root is None or not self.root.exists() else sum(1 for _ in self.root.glob("*/*.tsv"))


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
