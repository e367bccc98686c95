"""PDF letters → Document: pdfplumber for pages with a text layer, OCR for scanned pages.

Offices publish letters as text PDFs exported from Word (annexes as ruled tables, merged
header cells, tables running over page breaks with the header repeated), as scans wrapped in
a PDF (one JPEG per page, no text), and as mixtures (a text letter with a scanned, signed
last page). Each page is read on its own: words with boxes from pdfplumber when the page has
a text layer, otherwise the page is rasterised (pypdfium2) and read by tesseract
(`ocr.ocr_pages`). Both go through the same table stage (`tables.stage`), so a table continued
over a page break is one Table whatever produced its pages.

Limits (`limits.ReadLimits`), each checked before the step it bounds: a PDF with more than
`max_pages` pages is refused from its page tree (a 500-page blank PDF in milliseconds); a page
whose content streams inflate to more than `max_content_bytes` is refused before pdfium parses
it (a 400 KB file can hold 400 MB of drawing operators, which pdfium turns into gigabytes of
objects); a page drawn with more than `max_page_objects` objects (counted by pdfium before
pdfplumber parses the page) is skipped with a note; a page that takes pdfplumber more than
`page_timeout_s` is skipped with a note; a scanned page is rasterised at most at
`max_page_pixels` (a page so large that this means under 100 dpi is skipped with a note: OCR
cannot read it), and the scans of one document at most at `max_document_pixels` in all. A
page with no text and no image is skipped and counted in the notes. Password-protected and
corrupt files raise UnreadableDocument with the reason; when every page was skipped for a
limit, so does the document, naming the limits.
"""

from __future__ import annotations

import hashlib
import io
import signal
import threading
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfminer.pdfdocument import PDFDocument, PDFPasswordIncorrect
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser, PDFSyntaxError
from pdfminer.pdftypes import PDFException, resolve1
from pdfminer.psparser import PSException
from pdfplumber.utils import extract_words
from PIL import Image

from chiso.extractors.errors import UnreadableDocument
from chiso.extractors.read.tables.positioned import PositionedPage, Word, word_line, word_page
from chiso.extractors.read.tables.stage import recover
from chiso.extractors.read.limits import LimitHit, ReadLimits
from chiso.extractors.model import Document, Extractor
from chiso.extractors.read.ocr import OcrSettings, PageImage, ocr_pages

# A page needs at least this many visible characters to count as having a text layer; a
# scanned page often carries a stamp or a digital-signature caption and nothing else.
_MIN_TEXT_CHARS = 25
# Images covering this share of the page make a page without text a scan to OCR.
_MIN_SCAN_COVER = 0.3
# Below this resolution tesseract reads no letter; a page that would be rasterised lower
# to stay within max_page_pixels is skipped.
_MIN_OCR_DPI = 100.0
_TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}


def read_pdf(data: bytes, doc_id: str, source_name: str, *, ocr: OcrSettings | None = None,
             cache_dir: Path | None = None, limits: ReadLimits | None = None) -> Document:
    """Read a PDF letter. The extractor is `ocr` when most pages were scans, `pdf` otherwise;
    notes say which pages were OCR'd or skipped and what OCR cost."""
    limits = limits or ReadLimits()
    settings = ocr or OcrSettings(max_pixels=limits.max_page_pixels, page_timeout_s=limits.page_timeout_s)
    object_counts = _survey(data, limits)
    n_pages = len(object_counts)
    pages: dict[int, PositionedPage] = {}
    widths: dict[int, float] = {}
    scans: list[tuple[int, str, float]] = []
    notes: list[str] = []
    over_limits: list[str] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for number, page in enumerate(pdf.pages, start=1):
                widths[number] = float(page.width)
                if object_counts[number - 1] > limits.max_page_objects:
                    over_limits.append(f"page {number}: skipped, {object_counts[number - 1]:,} drawing objects; "
                                       f"over the limit max_page_objects = {limits.max_page_objects:,}")
                    continue
                try:
                    with _time_limit(limits.page_timeout_s):
                        kind = _read_page(page, number, pages, scans)
                except _PageTimeout:
                    over_limits.append(f"page {number}: skipped, over the limit page_timeout_s = {limits.page_timeout_s:g}")
                    continue
                if kind:
                    notes.append(f"page {number}: {kind}")
                page.close()
    except PDFPasswordIncorrect as error:
        raise UnreadableDocument("PDF is password-protected") from error
    except (PDFSyntaxError, PSException, PDFException, ValueError, KeyError, TypeError, RecursionError) as error:
        raise UnreadableDocument(f"corrupt PDF: {type(error).__name__}: {error}") from error
    scans = _within_pixels(scans, widths, _page_sizes(data), settings, limits, over_limits)
    notes += over_limits
    if over_limits and not pages and not scans:
        raise LimitHit("; ".join(over_limits))
    if scans:
        run = ocr_pages([PageImage(n, sha, _renderer(data, n, dpi, settings)) for n, sha, dpi in scans], settings, cache_dir)
        for words in run.pages:
            scale = widths[words.page] / words.width if words.width else 1.0
            pages[words.page] = _to_points(words, scale)
        notes = [f"pages OCR'd: {', '.join(str(n) for n, _, _ in scans)}", run.note(), *run.notes, *notes]
    blocks = recover([pages.get(n, PositionedPage(n, widths.get(n, 0.0), ())) for n in range(1, n_pages + 1)])
    extractor = Extractor.OCR if len(scans) * 2 > n_pages else Extractor.PDF
    return Document(doc_id, source_name, extractor, blocks, n_pages=n_pages, notes=tuple(notes))


def _survey(data: bytes, limits: ReadLimits) -> list[int]:
    """Objects on each page, by pdfium: it names a password or a broken file without parsing
    pages, and counts pages from the page tree alone, so a 500-page file is refused at once.
    Content streams are measured (`_check_content`) before pdfium loads a page."""
    max_pages = limits.max_pages
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
        _check_content(data, limits)
        counts = []
        for index in range(n_pages):
            page = document[index]
            counts.append(int(pdfium_c.FPDFPage_CountObjects(page.raw)))
            page.close()
    except pdfium.PdfiumError as error:  # a page tree that loops or nests thousands deep
        raise UnreadableDocument(f"corrupt PDF: {error}") from error
    finally:
        document.close()
    return counts


def _check_content(data: bytes, limits: ReadLimits) -> None:
    """Refuse a page whose content streams inflate past `max_content_bytes`, inflating at most
    that much of each (pdfminer reads the page tree and stream dictionaries without parsing
    any page)."""
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
        for number, page in enumerate(PDFPage.create_pages(document), start=1):
            total = 0
            for stream in page.contents:
                total += _inflated_size(resolve1(stream), limits.max_content_bytes - total + 1)
                if total > limits.max_content_bytes:
                    raise LimitHit(f"page {number}: content streams inflate to more than {limits.max_content_bytes:,} bytes; "
                                   f"over the limit max_content_bytes = {limits.max_content_bytes:,}")
    except PDFPasswordIncorrect as error:
        raise UnreadableDocument("PDF is password-protected") from error
    except (PDFSyntaxError, PSException, PDFException, ValueError, KeyError, TypeError, AttributeError, RecursionError) as error:
        raise UnreadableDocument(f"corrupt PDF: {type(error).__name__}: {error}") from error


def _inflated_size(stream: Any, cap: int) -> int:
    """Bytes a content stream inflates to, counting no further than `cap` (a Flate stream is
    inflated in bounded steps; other encodings are counted as stored)."""
    raw = stream.get_rawdata() if hasattr(stream, "get_rawdata") else None
    if raw is None:
        return 0
    filters = [str(f).strip("/'") for f, _ in stream.get_filters()] if hasattr(stream, "get_filters") else []
    if not filters or filters[0] not in ("FlateDecode", "Fl"):
        return len(raw)
    inflater = zlib.decompressobj()
    size = 0
    try:
        chunk = inflater.decompress(raw, cap)
        size += len(chunk)
        while inflater.unconsumed_tail and size <= cap:
            size += len(inflater.decompress(inflater.unconsumed_tail, cap))
    except zlib.error:
        return size
    return size


class _PageTimeout(Exception):
    """A page took longer than `page_timeout_s` to parse."""


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Interrupt the block after `seconds` of wall time. pdfminer is pure Python, so the
    alarm's exception lands inside it; only the main thread receives signals, so elsewhere
    (a thread of an in-process run) the page is bounded by the document's limit alone."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise _PageTimeout()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _page_sizes(data: bytes) -> dict[int, tuple[float, float]]:
    """Each page's size in points, from pdfium (no page is parsed for its size)."""
    with _PDFIUM_LOCK:
        document = pdfium.PdfDocument(data)
        try:
            return {index + 1: tuple(document.get_page_size(index)) for index in range(len(document))}  # type: ignore[misc]
        finally:
            document.close()


def _within_pixels(scans: list[tuple[int, str, float]], widths: dict[int, float], sizes: dict[int, tuple[float, float]],
                   settings: OcrSettings, limits: ReadLimits, over_limits: list[str]) -> list[tuple[int, str, float]]:
    """The scanned pages to OCR, each with the pixels its render will have computed before
    rasterising: a page that fits `max_page_pixels` only below 100 dpi is skipped with a note,
    and the document is refused when its renders add up past `max_document_pixels`."""
    kept: list[tuple[int, str, float]] = []
    total = 0.0
    for number, sha, native_dpi in scans:
        width, height = sizes.get(number, (widths.get(number, 0.0), 0.0))
        dpi = _render_dpi(native_dpi, settings)
        fitted = min(dpi, 72.0 * (limits.max_page_pixels / max(width * height, 1e-6)) ** 0.5)
        if fitted < _MIN_OCR_DPI:
            over_limits.append(f"page {number}: skipped, {width / 72:.0f}x{height / 72:.0f} in; within the limit "
                               f"max_page_pixels = {limits.max_page_pixels:,} it could be read at {fitted:.0f} dpi only")
            continue
        total += width * height * (fitted / 72.0) ** 2
        limits.check("max_document_pixels", total, f"pixels of the scanned pages to {number}")
        kept.append((number, sha, native_dpi))
    return kept


def _render_dpi(native_dpi: float, settings: OcrSettings) -> float:
    return min(float(settings.dpi), native_dpi) if native_dpi >= 100 else float(settings.dpi)


def _read_page(page: Any, number: int, pages: dict[int, PositionedPage], scans: list[tuple[int, str, float]]) -> str | None:
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
             for w in extract_words(_on_their_baselines(page.chars), keep_blank_chars=False, use_text_flow=False)
             if w.get("upright", True)]
    tables = tuple(tuple(table.cells) for table in page.find_tables(_TABLE_SETTINGS))
    pages[number] = word_page(number, float(page.width), words, tables)
    return None


def _on_their_baselines(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The page's characters, those of one size on one baseline given the box most of them
    have. A browser prints a glyph its font lacks from a fallback font whose box sits higher
    (`ạ` of `đoạn` in a heading set in Liberation Serif Bold comes from DejaVu Sans, 5 pt
    higher at 24 pt): words are cut where a character's top jumps, so `đoạn` was read as
    `đo`, `ạ`, `n`, its `ạ` on a row of its own, and the heading lost its words."""
    lines: dict[tuple[float, float], list[dict[str, Any]]] = defaultdict(list)
    for char in chars:
        if char.get("upright", True) and char.get("matrix"):
            lines[(round(char["matrix"][5], 1), round(char["size"], 1))].append(char)
    moved: dict[int, dict[str, Any]] = {}
    for line in lines.values():
        top, bottom = Counter((c["top"], c["bottom"]) for c in line).most_common(1)[0][0]
        for char in line:
            if (char["top"], char["bottom"]) != (top, bottom):
                moved[id(char)] = {**char, "top": top, "bottom": bottom, "doctop": char["doctop"] + top - char["top"]}
    return [moved.get(id(char), char) for char in chars] if moved else chars


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
        dpi = _render_dpi(native_dpi, settings)
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


def _to_points(page: PositionedPage, scale: float) -> PositionedPage:
    """OCR boxes (pixels) to PDF points, the unit of the text pages of the same document."""
    def point(w: Word) -> Word:
        return Word(w.text, w.x0 * scale, w.top * scale, w.x1 * scale, w.bottom * scale)

    lines = tuple(word_line([point(w) for w in line.words], page.page) for line in page.lines)
    tables = tuple(tuple((r[0] * scale, r[1] * scale, r[2] * scale, r[3] * scale) for r in table) for table in page.ruled_tables)
    return PositionedPage(page.page, page.width * scale, lines, tables)
