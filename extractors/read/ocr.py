"""Scanned letters (PNG, JPEG, multi-page TIFF) and scanned PDF pages → Document, by tesseract.

Each page is straightened, binarised and stripped of table rulings (`images.prepare_page`),
then read by tesseract in-process (`tesseract.read_tsv`: `vie`, LSTM engine `--oem 1`, one
uniform block `--psm 6`, which keeps a table row such as `1 UBND quận Tây Hồ 89 Tăng 0.92` on
one line) as TSV: words with boxes, grouped by tesseract into lines. The shared table stage
(`tables.stage.recover`) then makes Lines and Tables, ruled tables from the rulings found on
the page.

Tesseract's own OpenMP threads scale badly (6.7 pages/min on two cores here); one engine per
core, each single-threaded, scales, so pages run in a thread pool, each thread borrowing one
engine. Results are cached by page image (`ocr_cache`), so a re-run reads no page twice. Boxes are in pixels of the straightened
source page (an upscaled page's boxes are scaled back).
"""

from __future__ import annotations

import csv
from bisect import bisect_right
import io
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from statistics import median

import numpy as np
from PIL import Image

from chiso.extractors.read.images import (PREPARE_VERSION, CellStrip, check_image, column_pieces, hash_frame, load_frame,
                               prepare_page, split_cells, stack_crops)
from chiso.extractors.read.tables.positioned import PositionedPage, Word, word_line
from chiso.extractors.read.tables.stage import recover
from chiso.extractors.model import Document, Extractor
from chiso.extractors.read.ocr_cache import CachedPage, OcrCache, cache_key
from chiso.extractors.read.tesseract import EngineSpec, TesseractTimeout, read_tsv, version

# Tesseract marks a word it is unsure of with a low confidence; punctuation-only words below
# this are copier specks and ruling stubs (`¬`, `_`, `|`), not text.
_MIN_SYMBOL_CONFIDENCE = 50.0
# A tesseract line this many typical line heights tall merged lines printed at different
# heights; lines closer than `_TOUCHING` heights to it belong to the same stacked header.
_STACKED_LINE = 1.6
_TOUCHING = 0.6


@dataclass(frozen=True, slots=True)
class OcrSettings:
    """How pages are read. `workers=None` means one tesseract process per CPU core; `dpi` is
    the resolution a PDF page without a text layer is rasterised at (a scanned image is
    rendered at its own resolution when lower)."""

    lang: str = "vie"
    oem: int = 1
    psm: int = 6
    dpi: int = 300
    workers: int | None = None
    max_pixels: int = 80_000_000
    max_pages: int = 300
    page_timeout_s: float = 180.0

    def spec(self) -> EngineSpec:
        return EngineSpec(self.lang, self.oem, self.psm)

    def engine(self, version: str) -> str:
        return f"{version}|{self.spec().describe()}|prep {PREPARE_VERSION}"


@dataclass(frozen=True, slots=True)
class PageImage:
    """A page to OCR: its 1-based number, the sha256 of its image bytes (the cache key), and
    how to get it as 8-bit grey, called only when the page is not cached."""

    page: int
    sha256: str
    load: Callable[[], Image.Image]


@dataclass(frozen=True, slots=True)
class OcrRun:
    """Words of every page, and what it cost: pages read by tesseract vs. from the cache."""

    pages: tuple[PositionedPage, ...]
    n_tesseract: int
    n_cached: int
    notes: tuple[str, ...]

    def note(self) -> str:
        return f"ocr: {len(self.pages)} pages, {self.n_tesseract} read by tesseract, {self.n_cached} from cache"


def read_image(data: bytes, doc_id: str, source_name: str, *, settings: OcrSettings | None = None,
               cache_dir: Path | None = None, max_document_pixels: int | None = None) -> Document:
    """Read a scanned letter: PNG, JPEG or TIFF (every page of a multi-page TIFF).

    Raises UnreadableDocument for an empty file, an unknown or broken image, a page over
    `settings.max_pixels` (checked from the header, before decoding), too many pages, or more
    than `max_document_pixels` in all.
    """
    settings = settings or OcrSettings()
    n_frames = check_image(data, settings.max_pixels, settings.max_pages, max_document_pixels)
    pages = [PageImage(i + 1, hash_frame(data, i, n_frames), _frame_loader(data, i)) for i in range(n_frames)]
    run = ocr_pages(pages, settings, cache_dir)
    blocks = recover(run.pages)
    return Document(doc_id, source_name, Extractor.OCR, blocks, n_pages=n_frames, notes=(run.note(), *run.notes))


def _frame_loader(data: bytes, index: int) -> Callable[[], Image.Image]:
    return lambda: load_frame(data, index)


def ocr_pages(pages: Sequence[PageImage], settings: OcrSettings, cache_dir: Path | None) -> OcrRun:
    """OCR pages in parallel, one tesseract engine per worker; cached pages are not read
    again, and a page repeated within the run is read once."""
    cache = OcrCache(cache_dir)
    engine = settings.engine(version())
    keys = {p.page: cache_key(p.sha256, engine) for p in pages}
    first_of_key: dict[str, PageImage] = {}
    for page in pages:
        first_of_key.setdefault(keys[page.page], page)
    workers = max(1, min(settings.workers or os.cpu_count() or 1, len(first_of_key)))

    def read(page: PageImage) -> tuple[CachedPage | None, bool, str | None]:
        key = keys[page.page]
        hit = cache.get(key)
        if hit is not None:
            return hit, True, None
        try:
            result = _read_page(page.load(), settings)
        except TesseractTimeout:
            return None, False, f"page {page.page}: tesseract timed out after {settings.page_timeout_s:.0f} s"
        cache.put(key, result)
        return result, False, None

    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = dict(zip(first_of_key, pool.map(read, first_of_key.values())))
    words: list[PositionedPage] = []
    notes: list[str] = []
    n_tesseract = sum(1 for r, cached, _ in results.values() if r is not None and not cached)
    n_cached = sum(1 for r, cached, _ in results.values() if cached)
    for page in pages:
        result, _, note = results[keys[page.page]]
        if note:
            notes.append(note)
        words.append(_page_words(page.page, result) if result is not None else PositionedPage(page.page, 0.0, ()))
    return OcrRun(tuple(words), n_tesseract, n_cached, tuple(notes))


def _read_page(grey: Image.Image, settings: OcrSettings) -> CachedPage:
    """Prepare, then read the page body and (when it has ruled tables) the strip of table
    cells; the strip's words are moved back onto the page, one TSV block per cell. Bands
    where tesseract merged lines printed at different heights are read again cell by cell."""
    prepared = prepare_page(grey)
    body, strip = split_cells(prepared)
    tsv = _run_tesseract(body, settings)
    bands, line_height = _stacked_bands(tsv)
    if bands:
        pieces = column_pieces(body, bands, min_gap=max(8, round(0.8 * line_height)))
        header = stack_crops(~np.asarray(body, dtype=bool), pieces)
        if header is not None:
            tsv = _without_words_in(tsv, bands) + _place_strip_words(
                _run_tesseract(header.image, settings), header, first_block=20000)
    if strip is not None:
        tsv += _place_strip_words(_run_tesseract(strip.image, settings), strip, first_block=10000)
    return CachedPage(tsv, prepared.tables, prepared.scale, prepared.skew_degrees, grey.width, grey.height)


def _tsv_rows(tsv: str, level: str) -> list[list[str]]:
    return [f for f in (line.split("\t") for line in tsv.splitlines()[1:]) if len(f) >= 12 and f[0] == level]


def _stacked_bands(tsv: str) -> tuple[list[tuple[int, int]], float]:
    """Vertical ranges where tesseract read lines printed at different heights as one line
    (an unruled table header: `STT` centred beside `Điểm / trung bình / cả nước`), which it
    garbles (`sm ... DHmni`): a line over 1.6 typical heights tall, with the lines touching
    it above and below (closer than 0.6 of a height), up to eight each way."""
    lines = sorted((int(f[7]), int(f[7]) + int(f[9])) for f in _tsv_rows(tsv, "4"))
    if not lines:
        return [], 0.0
    typical = float(median(b - t for t, b in lines))
    bands: list[list[int]] = []
    for i, (top, bottom) in enumerate(lines):
        if bottom - top <= _STACKED_LINE * typical:
            continue
        low = high = i
        while low > 0 and i - low < 8 and lines[low][0] - lines[low - 1][1] < _TOUCHING * typical:
            low -= 1
        while high + 1 < len(lines) and high - i < 8 and lines[high + 1][0] - lines[high][1] < _TOUCHING * typical:
            high += 1
        band = [min(t for t, _ in lines[low:high + 1]), max(b for _, b in lines[low:high + 1])]
        if bands and band[0] <= bands[-1][1]:
            bands[-1][1] = max(bands[-1][1], band[1])
        else:
            bands.append(band)
    return [(t, b) for t, b in bands], typical


def _without_words_in(tsv: str, bands: list[tuple[int, int]]) -> str:
    """The TSV without the words whose middle lies in one of the bands."""
    def inside(fields: list[str]) -> bool:
        middle = int(fields[7]) + int(fields[9]) / 2
        return any(top <= middle <= bottom for top, bottom in bands)

    lines = tsv.splitlines()
    kept = [line for line in lines[1:] if not ((f := line.split("\t"))[0] == "5" and len(f) >= 12 and inside(f))]
    return "".join(f"{line}\n" for line in lines[:1] + kept)


def _place_strip_words(tsv: str, strip: CellStrip, first_block: int) -> str:
    """TSV rows of a strip with boxes moved to their place on the page; each piece is its
    own block (numbered from `first_block`), so its lines never join a body line."""
    tops = [top for _, top, _ in strip.placements]
    out: list[str] = []
    for line in tsv.splitlines()[1:]:
        fields = line.split("\t")
        if len(fields) < 12 or fields[0] != "5":
            continue
        left, top, width, height = (int(v) for v in fields[6:10])
        middle = top + height / 2
        index = max(0, bisect_right(tops, middle) - 1)
        rect, band_top, band_left = strip.placements[index]
        fields[2] = str(first_block + index)
        fields[6] = str(int(round(rect[0] + left - band_left)))
        fields[7] = str(int(round(rect[1] + top - band_top)))
        out.append("\t".join(fields))
    return "".join(f"{row}\n" for row in out)


def _run_tesseract(image: Image.Image, settings: OcrSettings) -> str:
    """Tesseract's TSV for one prepared page."""
    return read_tsv(image, settings.spec(), settings.page_timeout_s)


def _page_words(page: int, result: CachedPage) -> PositionedPage:
    """TSV words (level 5) grouped by tesseract's block/paragraph/line, boxes scaled back to
    source pixels; ruled table cells likewise. Specks and ruling stubs are dropped: boxes a
    fifth of a text height across, and unsure punctuation-only words."""
    scale = result.scale or 1.0
    found: list[tuple[tuple[str, str, str], Word, float]] = []
    for row in csv.DictReader(io.StringIO(result.tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = _clean_word(row.get("text") or "")
        if row.get("level") != "5" or not text:
            continue
        left, top, width, height = (float(row[k]) / scale for k in ("left", "top", "width", "height"))
        word = Word(text, left, top, left + width, top + height)
        found.append(((row["block_num"], row["par_num"], row["line_num"]), word, float(row.get("conf") or -1)))
    typical = median(w.bottom - w.top for _, w, _ in found) if found else 0.0
    lines: dict[tuple[str, str, str], list[Word]] = {}
    for key, word, confidence in found:
        if _is_noise(word, confidence, typical):
            continue
        lines.setdefault(key, []).append(word)
    rows = sorted((tuple(sorted(ws, key=lambda w: w.x0)) for ws in lines.values()), key=lambda ws: min(w.top for w in ws))
    tables = tuple(tuple((r[0] / scale, r[1] / scale, r[2] / scale, r[3] / scale) for r in table) for table in result.tables)
    return PositionedPage(page, float(result.width), tuple(word_line(row, page) for row in rows), tables)


def _clean_word(text: str) -> str:
    """`_` at a word's edge is a piece of a ruling (`_UBND`); a word of pipes alone is the Roman
    numeral I (`|`, `||`), as letters never print a pipe."""
    text = text.strip().strip("_")
    return "I" * len(text) if text and set(text) == {"|"} else text


def _is_noise(word: Word, confidence: float, typical_height: float) -> bool:
    """A speck (a box a fifth of a text height across), or punctuation tesseract is unsure of
    or that is taller than text (a leftover piece of a ruling read as `_` or `|`)."""
    width, height = word.x1 - word.x0, word.bottom - word.top
    if width <= 0.2 * typical_height and height <= 0.2 * typical_height:
        return True
    if any(ch.isalnum() for ch in word.text):
        return False
    return confidence < _MIN_SYMBOL_CONFIDENCE or height > 1.3 * typical_height

