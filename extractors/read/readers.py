"""Pick the reader for a letter's bytes: sniff the content first, the file name second.

Portals mislabel files (a PDF saved as `.htm`, an HTML page saved as `.doc`), so magic bytes
decide; the extension only breaks ties between plain text and HTML.
"""

from __future__ import annotations

from pathlib import Path

from extractors.errors import UnreadableDocument
from extractors.model import Document
from extractors.read.text import read_text

_IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"GIF8", b"BM")
_UNSUPPORTED_MAGIC = {b"PK\x03\x04": "zip/office document", b"\xd0\xcf\x11\xe0": "legacy office document", b"Rar!": "rar archive", b"\x1f\x8b": "gzip archive"}
# Files a folder walk picks up.
SUPPORTED_SUFFIXES = frozenset({".txt", ".text", ".htm", ".html", ".xhtml", ".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff"})


def read_document(data: bytes, doc_id: str, source_name: str, *, ocr_cache: Path | None = None) -> Document:
    """Read any supported letter; raises UnreadableDocument with the reason otherwise.
    `ocr_cache` is the folder where OCR'd pages are kept between runs (None keeps none).
    Each reader is imported when first needed: pytesseract pulls in pandas, and with
    pdfplumber and bs4 that was 0.9 s of a one-letter text run."""
    if not data:
        raise UnreadableDocument("empty file")
    head = data[:1024]
    if head.lstrip().startswith(b"%PDF") or b"%PDF-" in head[:16]:
        from extractors.read.pdf import read_pdf

        return read_pdf(data, doc_id, source_name, cache_dir=ocr_cache)
    if head.startswith(_IMAGE_MAGIC):
        from extractors.read.ocr import read_image

        return read_image(data, doc_id, source_name, cache_dir=ocr_cache)
    for magic, kind in _UNSUPPORTED_MAGIC.items():
        if head.startswith(magic):
            raise UnreadableDocument(f"unsupported format: {kind}")
    sniff = head.lower()
    if b"<html" in sniff or b"<!doctype html" in sniff or Path(source_name).suffix.lower() in (".htm", ".html", ".xhtml"):
        from extractors.read.html import read_html

        return read_html(data, doc_id, source_name)
    return read_text(data, doc_id, source_name)
