"""Pick the reader for a letter's bytes: sniff the content first, the file name second.

Portals mislabel files (a PDF saved as `.htm`, an HTML page saved as `.doc`), so magic bytes
decide; the extension only breaks ties between plain text and HTML. The format also decides
the size limit, checked before a reader sees the bytes (`limits.ReadLimits`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from chiso.extractors.errors import UnreadableDocument
from chiso.extractors.model import Document
from chiso.extractors.read.limits import LimitHit, ReadLimits

if TYPE_CHECKING:
    from chiso.extractors.read.ocr import OcrSettings

_IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"GIF8", b"BM")
_UNSUPPORTED_MAGIC = {b"PK\x03\x04": "zip/office document", b"\xd0\xcf\x11\xe0": "legacy office document", b"Rar!": "rar archive", b"\x1f\x8b": "gzip archive"}
# Files a folder walk picks up.
SUPPORTED_SUFFIXES = frozenset({".txt", ".text", ".htm", ".html", ".xhtml", ".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff"})
# Enough of a file to tell its format.
HEAD_BYTES = 1024


def sniff_format(head: bytes, source_name: str) -> str:
    """`pdf`, `image`, `html` or `text` from a file's first bytes (and its name for HTML);
    raises UnreadableDocument for formats no reader takes."""
    head = head[:HEAD_BYTES]
    if head.lstrip().startswith(b"%PDF") or b"%PDF-" in head[:16]:
        return "pdf"
    if head.startswith(_IMAGE_MAGIC):
        return "image"
    for magic, kind in _UNSUPPORTED_MAGIC.items():
        if head.startswith(magic):
            raise UnreadableDocument(f"unsupported format: {kind}")
    sniff = head.lower()
    if b"<html" in sniff or b"<!doctype html" in sniff or Path(source_name).suffix.lower() in (".htm", ".html", ".xhtml"):
        return "html"
    return "text"


def check_size(size: int, kind: str, limits: ReadLimits) -> None:
    """Refuse a file over its format's size limit before any of it is read."""
    name, limit = limits.max_bytes_of(kind)
    if size > limit:
        raise LimitHit(f"{kind} file of {size:,} bytes; over the limit {name} = {limit:,}")


def read_document(data: bytes, doc_id: str, source_name: str, *, ocr_cache: Path | None = None,
                  limits: ReadLimits | None = None) -> Document:
    """Read any supported letter; raises UnreadableDocument with the reason otherwise.
    `ocr_cache` is the folder where OCR'd pages are kept between runs (None keeps none).
    Each reader is imported when first needed: pytesseract (since replaced) pulled in pandas,
    and with pdfplumber and bs4 that was 0.9 s of a one-letter text run; the text reader's
    phrases and table stages are 0.07 s of the start of a run whose workers do the reading
    (the run itself only sniffs formats here)."""
    limits = limits or ReadLimits()
    if not data:
        raise UnreadableDocument("empty file")
    kind = sniff_format(data, source_name)
    check_size(len(data), kind, limits)
    if kind == "pdf":
        from chiso.extractors.read.pdf import read_pdf

        return read_pdf(data, doc_id, source_name, ocr=_ocr_settings(limits), cache_dir=ocr_cache, limits=limits)
    if kind == "image":
        from chiso.extractors.read.ocr import read_image

        return read_image(data, doc_id, source_name, settings=_ocr_settings(limits), cache_dir=ocr_cache,
                          max_document_pixels=limits.max_document_pixels)
    if kind == "html":
        from chiso.extractors.read.html import read_html

        return read_html(data, doc_id, source_name, limits)
    from chiso.extractors.read.text import read_text

    return read_text(data, doc_id, source_name, limits.max_line_chars)


def _ocr_settings(limits: ReadLimits) -> OcrSettings:
    from chiso.extractors.read.ocr import OcrSettings

    return OcrSettings(workers=limits.ocr_workers, max_pixels=limits.max_page_pixels, max_pages=limits.max_pages,
                       page_timeout_s=limits.page_timeout_s)
