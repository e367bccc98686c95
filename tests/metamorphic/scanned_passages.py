"""A real passage as a scanned letter: printed on A4 in a 12.5 pt serif, scanned, read by OCR.

Provinces publish scans of their letters, and tesseract breaks what it reads (`Tong s6 diém
... 58,3/100 diém`). The tuning passages (`samples/real/*.txt` with gold, the selection of
`containers.tune_passages`) are printed as an office prints a letter (justified paragraphs,
annex tables ruled), every page scanned with one of `SCANS`, read back through chiso's OCR
path and compared with the facts of the text file. Every rendering is a pure function of the
passage and the damage's fixed seed, so OCR output is cached by page image and a re-run reads
no page twice. Run as a script to print every passage's F1 in every scan:
`.venv/bin/python tests/metamorphic/scanned_passages.py [--cache DIR] [SCAN ...]`.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import pypdfium2 as pdfium

from chiso.extractors.model import Document
from chiso.normalize.registry import Registry

if TYPE_CHECKING:
    from metamorphic.containers import Measure
    from metamorphic.renderings import FactKey

SERIF_SIZE = 12.5
DEFAULT_CACHE = Path(tempfile.gettempdir()) / "chiso-scanned-passages-ocr"


def _module():  # type: ignore[no-untyped-def]
    """samples/render_layouts.py: its page, tables and scan damage."""
    from metamorphic.renderings import _renderer

    return _renderer()


@cache
def scans() -> dict[str, object]:
    """What the scanner did (render_layouts.Damage): a clean 300 dpi office scan, a grainy 200
    dpi one, one saved as JPEG at quality 40, and pages fed in turned by 1.5 degrees."""
    damage = _module().Damage
    return {d.name: d for d in (
        damage("clean300", dpi=300, angle=0.0, noise=3.0, blur=0.4, quality=85),
        damage("dpi200_noisy", dpi=200, noise=14.0),
        damage("jpeg40", dpi=200, quality=40),
        damage("turned_1_5", dpi=200, angle=1.5),
    )}


def print_passage(doc: Document) -> bytes:
    """The passage as an office prints it: A4, paragraphs justified in a 12.5 pt serif, the
    letter head and annex tables drawn as render_layouts draws them."""
    from metamorphic.containers import print_paragraphs

    return print_paragraphs(doc, "Serif", SERIF_SIZE, leading=1.4, gap=1.5, align="J",
                            font_file=_module().FONT_DIR / "DejaVuSerif.ttf")


def scan_passage(passage: Path, scan: str) -> bytes:
    """The printed passage with every page replaced by a damaged scan of it (a scanned PDF)."""
    from metamorphic.containers import read_passage

    module = _module()
    pdf = print_passage(read_passage(passage))
    document = pdfium.PdfDocument(pdf)
    n_pages = len(document)
    document.close()
    for page in range(1, n_pages + 1):
        pdf = module.scan_page(pdf, page, scans()[scan], seed=page)
    return pdf


def measure_scan(scan: str, passages: Sequence[Path], oracle: dict[str, set[FactKey]], registry: Registry,
                 ocr_cache: Path) -> Measure:
    """Every passage printed, scanned with `scan` and OCR'd, against its text's facts (`oracle`)."""
    from metamorphic.renderings import fact_keys

    read = {p.name: fact_keys(scan_passage(p, scan), p.stem + ".pdf", registry, ocr_cache) for p in passages}
    return agreement_of(oracle, read)


def agreement_of(oracle: dict[str, set[FactKey]], read: dict[str, set[FactKey]]) -> Measure:
    """F1 over all passages' facts (each fact keyed by its passage) and the passages read alike."""
    from metamorphic.containers import Measure
    from metamorphic.renderings import compare

    per_passage = {name: compare(oracle[name], keys) for name, keys in read.items()}
    misses = tuple(f"{name} F1 {a.f1:.3f}\n{a.misses(4)}" for name, a in per_passage.items() if a.expected != a.found)
    everything = compare({(name, *k) for name in read for k in oracle[name]},  # type: ignore[misc]
                         {(name, *k) for name, keys in read.items() for k in keys})
    return Measure(everything.f1, len(read) - len(misses), len(read), misses)


def _report(names: list[str], ocr_cache: Path) -> Iterator[str]:
    from chiso.normalize.registry import load_registry
    from metamorphic.containers import tune_passages
    from metamorphic.renderings import fact_keys

    registry = load_registry()
    passages = tune_passages()
    oracle = {p.name: fact_keys(p.read_bytes(), p.name, registry) for p in passages}
    for scan in names:
        result = measure_scan(scan, passages, oracle, registry, ocr_cache)
        yield from (f"{scan:13} {miss}" for miss in result.misses)
        yield f"== {scan:13} identical {result.identical}/{result.passages}  F1 {result.f1:.3f}"


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    args = sys.argv[1:]
    cache_dir = Path(args[args.index("--cache") + 1]) if "--cache" in args else DEFAULT_CACHE
    chosen = [a for a in args if a in scans()]
    for line in _report(chosen or list(scans()), cache_dir):
        print(line, flush=True)
