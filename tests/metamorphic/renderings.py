"""The metamorphic oracle: a letter's facts as read from its text or HTML version, compared
with the facts of every other rendering of it (issue 9).

A fact is compared on what it says, not where it was printed: index family, period, unit,
indicator, measure and value. Page, line, raw text and extractor are left aside, since a PDF
has pages and a text file has none. Run as a script to print the F1 of every rendering:
`.venv/bin/python tests/metamorphic/renderings.py [--scans]`.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from chiso.flows.reading import process_bytes
from chiso.normalize.registry import Registry
from chiso.normalize.text import fold

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
# Every text and HTML letter: the oracle of its own renderings.
LETTERS = (*sorted(SAMPLES.glob("0*.txt")), *sorted((SAMPLES / "html").glob("*.html")))
# One annex page per letter for each scan damage: OCR costs ~2 s a page, so each damage is
# tried on one page, the letters taken in turn (page numbers are those of the ruled grid).
SCAN_PAGES: dict[str, tuple[str, int]] = {
    "dpi200": ("000_44dc49058ad32f91.txt", 6),
    "dpi300": ("004_4fe8e530b83874ca.txt", 5),
    "turned_plus2": ("003_910b1e79badbb223.txt", 15),
    "turned_minus2": ("000_44dc49058ad32f91.html", 7),
    "noisy": ("004_4fe8e530b83874ca.html", 7),
    "jpeg40": ("000_44dc49058ad32f91.txt", 9),
    "shadowed": ("004_4fe8e530b83874ca.txt", 8),
    "fax_1bit": ("003_910b1e79badbb223.txt", 16),
}

FactKey = tuple[str, str, str, str, str, str, float]


@cache
def _renderer():
    spec = importlib.util.spec_from_file_location("render_layouts", SAMPLES / "render_layouts.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules["render_layouts"] = module
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def render(letter: Path, layout: str) -> bytes:
    """The letter drawn as a text PDF in one of render_layouts.LAYOUTS."""
    from chiso.extractors.read.readers import read_document

    module = _renderer()
    doc = read_document(letter.read_bytes(), letter.stem, letter.name)
    return module.render_layout(doc, module.LAYOUTS[layout])


def scan(letter: Path, damage: str, page: int) -> bytes:
    """The letter's ruled-grid PDF with one page replaced by a damaged scan of it."""
    module = _renderer()
    return module.scan_page(render(letter, "ruled_grid"), page, module.DAMAGES[damage])


def fact_keys(data: bytes, name: str, registry: Registry, ocr_cache: Path | None = None,
              page: int | None = None) -> set[FactKey]:
    """What the letter's facts say; with `page`, only the facts printed on that page. A unit the
    registry did not find is its name as printed, folded: a copy without diacritics prints
    `So TT&TT` for `Sở TT&TT`, and says the same."""
    outcome = process_bytes(data, name, registry, ocr_cache=ocr_cache)
    assert outcome.resolved is not None, outcome.rejection
    return {(f.index_family, f.period_grain, str(f.period_start), f.unit_id or fold(f.published_unit or ""), f.indicator, f.measure,
             round(f.value, 6)) for f in outcome.resolved.facts if page is None or f.page == page}


def scan_oracle(oracle: set[FactKey], letter: Path, page: int, registry: Registry) -> set[FactKey]:
    """The text version's facts printed on `page` of the ruled grid: what a scan of that page
    must give (a fact the text PDF misses is still expected, if the text version has it
    on no other page... too costly to know, so the page's share of the oracle is used)."""
    return oracle & fact_keys(render(letter, "ruled_grid"), f"{letter.stem}.pdf", registry, page=page)


@dataclass(frozen=True, slots=True)
class Agreement:
    """How a rendering's facts agree with the oracle's."""

    expected: frozenset[FactKey]
    found: frozenset[FactKey]

    @property
    def f1(self) -> float:
        hits = len(self.expected & self.found)
        if not self.expected and not self.found:
            return 1.0
        return 2 * hits / (len(self.expected) + len(self.found))

    def misses(self, n: int = 8) -> str:
        lost = sorted(self.expected - self.found, key=str)[:n]
        extra = sorted(self.found - self.expected, key=str)[:n]
        return f"lost {len(self.expected - self.found)}: {lost}\nextra {len(self.found - self.expected)}: {extra}"


def compare(expected: set[FactKey], found: set[FactKey]) -> Agreement:
    return Agreement(frozenset(expected), frozenset(found))


def _report(with_scans: bool) -> Iterator[str]:
    from chiso.normalize.registry import load_registry

    module = _renderer()
    registry = load_registry()
    oracle = {letter.name: fact_keys(letter.read_bytes(), letter.name, registry) for letter in LETTERS}
    by_layout: dict[str, list[float]] = {}
    for layout in module.LAYOUTS:
        for letter in LETTERS:
            agreement = compare(oracle[letter.name], fact_keys(render(letter, layout), f"{letter.stem}.pdf", registry))
            by_layout.setdefault(layout, []).append(agreement.f1)
            yield f"{layout:24} {letter.name:28} {agreement.f1:.3f} ({len(agreement.expected)} facts)"
    if with_scans:
        import tempfile

        with tempfile.TemporaryDirectory() as cache_dir:
            for damage, (name, page) in SCAN_PAGES.items():
                letter = next(p for p in LETTERS if p.name == name)
                expected = scan_oracle(oracle[name], letter, page, registry)
                agreement = compare(expected, fact_keys(scan(letter, damage, page), f"{letter.stem}.pdf", registry,
                                                        Path(cache_dir), page=page))
                by_layout[f"scan {damage}"] = [agreement.f1]
                yield f"scan {damage:19} {name:28} {agreement.f1:.3f} page {page} ({len(agreement.expected)} facts)"
    yield ""
    for layout, f1s in by_layout.items():
        yield f"{layout:24} min {min(f1s):.3f}  mean {sum(f1s) / len(f1s):.3f}"


if __name__ == "__main__":
    sys.path.insert(0, str(SAMPLES.parent))
    for line in _report("--scans" in sys.argv):
        print(line, flush=True)
