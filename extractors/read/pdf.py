"""PDF letters → Document: pdfplumber for pages with a text layer, OCR for scanned pages.

Offices publish letters as text PDFs exported from Word (annexes as ruled tables, merged
header cells, tables running over page breaks with the header repeated), as scans wrapped in
a PDF (one JPEG per page, no text), and as mixtures (a text letter with a scanned, signed
last page). Each page is read on its own: words with boxes from pdfplumber when the page has
a text layer, otherwise the page is rasterised (pypdfium2) and read by tesseract
(`ocr.ocr_pages`). Both go through the same layout (`layout.py`), so a table continued
over a page break is one Table whatever produced its pages.

Limits, decided here: a PDF with more than `max_pages` pages is refused before any page is
read (a 500-page blank PDF is rejected in milliseconds by its page count); a page with no
text and no image is skipped and counted in the notes; a page drawn with more than
`_MAX_PAGE_OBJECTS` objects (counted by pdfium before pdfplumber parses the page) is skipped
with a note instead of stalling the run. Password-protected and corrupt files raise UnreadableDocument with the reason.
"""

from __future__ import annotations

import hashlib
import io
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException
from PIL import Image

from extractors.errors import UnreadableDocument
from extractors.read.layout import PageBlock, PageWords, Word, group_rows, join_pages, read_page_blocks
from extractors.model import Document, Extractor
from extractors.read.ocr import OcrSettings, PageImage, ocr_pages

# A page needs at least this many visible characters to count as having a text layer; a
# scanned page often carries a stamp or a digital-signature caption and nothing else.
_MIN_TEXT_CHARS = 25
# Images covering this share of the page make a page without text a scan to OCR.
_MIN_SCAN_COVER = 0.3
_MAX_PAGE_OBJECTS = 50_000
_TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}


def read_pdf(data: bytes, doc_id: str, source_name: str, *, ocr: OcrSettings | None = None,
             cache_dir: Path | None = None, max_pages: int = 300) -> Document:
    """Read a PDF letter. The extractor is `ocr` when most pages were scans, `pdf` otherwise;
    notes say which pages were OCR'd or skipped and what OCR cost."""
    settings = ocr or OcrSettings()
    object_counts = _survey(data, max_pages)
    n_pages = len(object_counts)
    pages: dict[int, list[PageBlock]] = {}
    widths: dict[int, float] = {}
    scans: list[tuple[int, str, float]] = []
    notes: list[str] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for number, page in enumerate(pdf.pages, start=1):
                widths[number] = float(page.width)
                if object_counts[number - 1] > _MAX_PAGE_OBJECTS:
                    notes.append(f"page {number}: skipped, {object_counts[number - 1]} drawing objects")
                    continue
                kind = _read_page(page, number, pages, scans)
                if kind:
                    notes.append(f"page {number}: {kind}")
                page.close()
    except PDFPasswordIncorrect as error:
        raise UnreadableDocument("PDF is password-protected") from error
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError) as error:
        raise UnreadableDocument(f"corrupt PDF: {type(error).__name__}: {error}") from error
    if scans:
        run = ocr_pages([PageImage(n, sha, _renderer(data, n, dpi, settings)) for n, sha, dpi in scans], settings, cache_dir)
        for words in run.pages:
            scale = widths[words.page] / words.width if words.width else 1.0
            pages[words.page] = read_page_blocks(_to_points(words, scale))
        notes = [f"pages OCR'd: {', '.join(str(n) for n, _, _ in scans)}", run.note(), *run.notes, *notes]
    blocks = join_pages([pages.get(n, []) for n in range(1, n_pages + 1)], widths)
    extractor = Extractor.OCR if len(scans) * 2 > n_pages else Extractor.PDF
    return Document(doc_id, source_name, extractor, blocks, n_pages=n_pages, notes=tuple(notes))


def _survey(data: bytes, max_pages: int) -> list[int]:
    """Objects on each page, by pdfium: it names a password or a broken file without parsing
    pages, and counts pages from the page tree alone, so a 500-page file is refused at once."""
    if b"%PDF" not in data[:1024]:
        raise UnreadableDocument("not a PDF (no %PDF header)")
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        message = str(error)
        if "password" in message.lower():
            raise UnreadableDocument("PDF is password-protected") from error
        raise UnreadableDocument(f"corrupt PDF: {message}") from error
    try:
        n_pages = len(document)
        if n_pages == 0:
            raise UnreadableDocument("PDF has no pages")
        if n_pages > max_pages:
            raise UnreadableDocument(f"PDF has {n_pages} pages; more than the {max_pages} a letter may have")
        counts = []
        for index in range(n_pages):
            page = document[index]
            counts.append(int(pdfium_c.FPDFPage_CountObjects(page.raw)))
            page.close()
    finally:
        document.close()
    return counts


def _read_page(page: Any, number: int, pages: dict[int, list[PageBlock]], scans: list[tuple[int, str, float]]) -> str | None:
    """Read a text page into `pages`, or queue a scanned page in `scans`; returns a note
    for a page that was skipped."""
    objects = page.objects
    chars = [c for c in objects.get("char", ()) if c.get("text", "").strip()]
    images = objects.get("image", ())
    area = float(page.width * page.height) or 1.0
    cover = sum(max(0.0, (im["x1"] - im["x0"]) * (im["bottom"] - im["top"])) for im in images) / area
    if len(chars) < _MIN_TEXT_CHARS and images and cover >= _MIN_SCAN_COVER:
        scans.append((number, _hash_page_images(page, images), _native_dpi(images)))
        return None
    if not chars:
        return "blank (no text, no image)"
    words = [Word(w["text"], float(w["x0"]), float(w["top"]), float(w["x1"]), float(w["bottom"]))
             for w in page.extract_words(keep_blank_chars=False, use_text_flow=False) if w.get("upright", True)]
    tables = tuple(tuple(table.cells) for table in page.find_tables(_TABLE_SETTINGS))
    pages[number] = read_page_blocks(PageWords(number, float(page.width), group_rows(words), tables))
    return None


def _hash_page_images(page: Any, images: list[dict[str, Any]]) -> str:
    """sha256 of the page's image bytes as stored (the scanner's JPEG), with where they sit:
    the OCR cache key, computed without rendering anything."""
    digest = hashlib.sha256(f"{page.width}x{page.height}".encode())
    for image in images:
        digest.update(f"{image['x0']:.1f},{image['top']:.1f},{image['x1']:.1f},{image['bottom']:.1f}".encode())
        stream = image.get("stream")
        digest.update(stream.get_rawdata() if stream is not None else b"")
    return digest.hexdigest()


def _native_dpi(images: list[dict[str, Any]]) -> float:
    """Resolution of the largest image as placed on the page: a 200 dpi scan is rendered at
    200 dpi, not blown up to the OCR default."""
    largest = max(images, key=lambda im: (im["x1"] - im["x0"]) * (im["bottom"] - im["top"]))
    width_in = max((largest["x1"] - largest["x0"]) / 72.0, 1e-6)
    pixels = largest.get("srcsize", (0, 0))[0] or 0
    return pixels / width_in


def _renderer(data: bytes, number: int, native_dpi: float, settings: OcrSettings) -> Callable[[], Image.Image]:
    """Render one page as grey pixels when its OCR is not cached. pdfium is not thread-safe,
    so renders from the OCR workers take turns (a render takes ~0.1 s, tesseract ~1-2 s)."""
    lock = _PDFIUM_LOCK

    def render() -> Image.Image:
        dpi = min(float(settings.dpi), native_dpi) if native_dpi >= 100 else float(settings.dpi)
        with lock:
            document = pdfium.PdfDocument(data)
            try:
                page = document[number - 1]
                width, height = page.get_size()
                scale = dpi / 72.0
                if width * height * scale * scale > settings.max_pixels:
                    scale = (settings.max_pixels / (width * height)) ** 0.5
                image = page.render(scale=scale, grayscale=True).to_pil().convert("L")
                page.close()
            finally:
                document.close()
        return image

    return render


# One lock for the process: pdfium's global state is shared by every document it opens.
_PDFIUM_LOCK = threading.Lock()


def _to_points(words: PageWords, scale: float) -> PageWords:
    """OCR boxes (pixels) to PDF points, the unit of the text pages of the same document."""
    def point(w: Word) -> Word:
        return Word(w.text, w.x0 * scale, w.top * scale, w.x1 * scale, w.bottom * scale)

    rows = tuple(tuple(point(w) for w in row) for row in words.rows)
    tables = tuple(tuple(tuple(v * scale for v in rect) for rect in table) for table in words.ruled_tables)
    return PageWords(words.page, words.width * scale, rows, tables)  # type: ignore[arg-type]
