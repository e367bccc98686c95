"""What one document may cost a reader, checked before the costly step it bounds.

A night's run reads thousands of letters while it holds the warehouse's writer lock, so one
file must never cost more than a letter could: a 200 MB "text", a 20x4,000,000 px PNG, a page
tree 5,000 deep, HTML nested 1,000 deep, `rowspan=50 colspan=50` on every cell, a 400 KB PDF
whose page inflates to 400 MB of drawing operators, a 10 MB line. Each limit is named in the
reason when it is hit (`over max_text_bytes = 5000000`), so an operator knows which setting
to raise. The defaults are far above any letter seen (the seeds are 10-40 KB of text, their
scans 1-9 Mpx a page) and far below what would stall a run.
"""

from __future__ import annotations

from dataclasses import dataclass

from chiso.extractors.errors import UnreadableDocument

# Where a long line is cut when it must be: after the end of a sentence or clause
# (`./.`, `.`, `;`), then after a space, so no number or word is split in two.
_SENTENCE_ENDS = (". ", "; ", ".\t", ";\t")


class LimitHit(UnreadableDocument):
    """A document is over one of the limits; the reason names the limit and the value."""


@dataclass(frozen=True, slots=True)
class ReadLimits:
    """Caps on one document, by the format's reader. Bytes are checked before reading, pixels
    before decoding or rasterising, content streams before pdfium parses a page."""

    max_text_bytes: int = 5_000_000
    max_html_bytes: int = 10_000_000
    max_pdf_bytes: int = 100_000_000
    max_image_bytes: int = 50_000_000
    max_line_chars: int = 2_000
    max_html_depth: int = 200
    max_html_nodes: int = 200_000
    max_table_cells: int = 50_000
    max_pages: int = 300
    max_page_pixels: int = 25_000_000
    max_document_pixels: int = 500_000_000
    max_page_objects: int = 50_000
    max_content_bytes: int = 4_000_000
    page_timeout_s: float = 60.0
    ocr_workers: int | None = None

    def max_bytes_of(self, kind: str) -> tuple[str, int]:
        """The size limit of a format (`text`, `html`, `pdf`, `image`) and its setting's name."""
        name = f"max_{kind}_bytes"
        return name, int(getattr(self, name))

    def check(self, name: str, value: float, what: str) -> None:
        """Raise LimitHit when `value` is over the limit `name`."""
        limit = getattr(self, name)
        if value > limit:
            raise LimitHit(f"{what} is {value:,.0f}; over the limit {name} = {limit:,}")


def split_long_line(line: str, max_chars: int) -> list[str]:
    """A line of at most `max_chars`, or pieces of it cut after a sentence end or a space.

    Why: the parsers look around each number for its label and period, which costs the
    length of the passage per number; a letter's line is at most a few hundred characters,
    while a portal that lost its line breaks (or an attacker) gives one line of megabytes.
    Pieces keep their order, so a sentence cut in two is joined again into one passage by the
    score-line parser, which joins at most a dozen lines.
    """
    if len(line) <= max_chars:
        return [line]
    pieces: list[str] = []
    start = 0
    while len(line) - start > max_chars:
        window = line[start:start + max_chars]
        cut = max(window.rfind(end) for end in _SENTENCE_ENDS)
        if cut <= 0:
            cut = window.rfind(" ")
        cut = cut + 1 if cut > 0 else max_chars
        pieces.append(line[start:start + cut])
        start += cut
    pieces.append(line[start:])
    return pieces
