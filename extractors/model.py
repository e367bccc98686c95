"""The one document model every reader produces and every parser reads.

Readers turn bytes into a `Document`: an ordered sequence of blocks (`Line` or `Table`), each
carrying its `Provenance`. Parsers turn a Document into `RawFact`s, which still hold the text
as published; normalisers turn those into typed facts. Boxes use one origin for every format:
top-left of the page, x to the right, y downwards, in PDF points (1/72 in) for text PDFs and in
pixels of the rasterised page for scans.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from operator import attrgetter


class Extractor(StrEnum):
    """Which reader produced a document (the contract's `extractor` column)."""

    TEXT = "text"
    HTML = "html"
    PDF = "pdf"
    OCR = "ocr"


class IndexFamily(StrEnum):
    """Which published index a number belongs to (the contract's `index_family`)."""

    SERVICE_INDEX = "service_index"
    PAR_INDEX = "par_index"
    SIPAS = "sipas"


class Measure(StrEnum):
    """What a published number measures (the contract's `measure`)."""

    SCORE = "score"
    MAX_SCORE = "max_score"
    RANK = "rank"
    RANK_OF = "rank_of"
    RANK_CHANGE = "rank_change"  # places moved in a ranking: `tăng 3 bậc` → 3
    DELTA = "delta"
    PERCENT = "percent"
    COUNT = "count"
    COUNT_OF = "count_of"
    TARGET = "target"
    NATIONAL_AVERAGE = "national_average"


class NumberKind(StrEnum):
    """What kind of quantity a printed number is, judged from the words around it; decides
    whether a lone dot or comma is a thousands or a decimal separator."""

    SCORE = "score"
    PERCENT = "percent"
    COUNT = "count"
    RANK = "rank"
    UNKNOWN = "unknown"


class ColumnRole(StrEnum):
    """What an annex column holds, read from its header cells."""

    CODE = "code"
    LABEL = "label"
    UNIT_CODE = "unit_code"
    VALUE = "value"
    SCORE = "score"
    MAX_SCORE = "max_score"
    DELTA = "delta"
    TARGET = "target"
    NATIONAL_AVERAGE = "national_average"
    RANK = "rank"
    PERCENT = "percent"
    COUNT = "count"
    NOTE = "note"


@dataclass(frozen=True, slots=True)
class BBox:
    """A box with the top-left origin described in the module docstring."""

    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a piece of text sits in its document: 1-based page (None for text and HTML),
    1-based line number in reading order, table row number, and box when known."""

    page: int | None = None
    line_no: int | None = None
    row_no: int | None = None
    bbox: BBox | None = None


@dataclass(frozen=True, slots=True)
class Line:
    """One line of body text. `raw` is verbatim; `text` is NFC with whitespace collapsed."""

    text: str
    raw: str
    prov: Provenance


@dataclass(frozen=True, slots=True)
class Cell:
    """One table cell at its grid offsets; spans and header flags are kept, not flattened."""

    text: str
    row: int
    col: int
    row_span: int = 1
    col_span: int = 1
    is_header: bool = False


_COLUMN = attrgetter("col")  # a cell's column: the order of a row's cells
_PLACE = attrgetter("row", "col")  # the order of a table's cells


@dataclass(frozen=True, slots=True)
class Table:
    """A table as a list of cells. `row_provs[r]` is the provenance of grid row r, so a table
    continued over a page break still knows the page of every row."""

    cells: tuple[Cell, ...]
    n_rows: int
    n_cols: int
    row_provs: tuple[Provenance, ...]

    @property
    def prov(self) -> Provenance:
        return self.row_provs[0] if self.row_provs else Provenance()

    def header_rows(self) -> int:
        """Number of leading grid rows made of header cells."""
        rows = {c.row for c in self.cells if c.is_header}
        n = 0
        while n in rows:
            n += 1
        return n

    def grid(self, fill_spans: bool = False, n_rows: int | None = None) -> list[list[str]]:
        """Rows of cell texts; with fill_spans a spanned cell's text fills every slot it covers
        (what a reader of a merged header sees), otherwise covered slots are empty. `n_rows`
        leading rows only (a header's: spans reach down, never up)."""
        n_rows = self.n_rows if n_rows is None else min(n_rows, self.n_rows)
        out = [[""] * self.n_cols for _ in range(n_rows)]
        for c in self.cells:
            if c.row >= n_rows or c.col >= self.n_cols:
                continue
            if not fill_spans:
                out[c.row][c.col] = c.text
                continue
            for r in range(c.row, min(c.row + c.row_span, n_rows)):
                for k in range(c.col, min(c.col + c.col_span, self.n_cols)):
                    out[r][k] = c.text
        return out

    def row_text(self, row: int) -> str:
        """The row as one published line, cells joined with ' | ' (the fact's raw_text)."""
        cells = sorted((c for c in self.cells if c.row == row), key=lambda c: c.col)
        return " | ".join(c.text for c in cells)

    def row_texts(self) -> list[str]:
        """`row_text` of every row, the cells gone through once rather than once per row."""
        by_row: dict[int, list[Cell]] = {}
        for c in self.cells:
            by_row.setdefault(c.row, []).append(c)
        return [" | ".join(c.text for c in sorted(by_row.get(r, ()), key=_COLUMN)) for r in range(self.n_rows)]


Block = Line | Table


@dataclass(frozen=True, slots=True)
class Document:
    """A letter as read: blocks in reading order. doc_id is the sha256 of the source bytes."""

    doc_id: str
    source_name: str
    extractor: Extractor
    blocks: tuple[Block, ...]
    n_pages: int | None = None
    notes: tuple[str, ...] = ()
    # The page's publication date as its reader found it (`14/06/2024`): a web page's date
    # line or metadata; news items relaying a letter date yearless figures by it.
    published_text: str | None = None

    def lines(self) -> Iterator[Line]:
        return (b for b in self.blocks if isinstance(b, Line))

    def tables(self) -> Iterator[Table]:
        return (b for b in self.blocks if isinstance(b, Table))

    def texts(self) -> Iterator[tuple[str, Provenance]]:
        """Every line and table cell in reading order: letter headers often sit in a layout
        table (`Số: 193/UBND-KSTTHC | Hà Nội, ngày 17 tháng 01 năm 2025`)."""
        for block in self.blocks:
            if isinstance(block, Line):
                yield block.text, block.prov
                continue
            for cell in sorted(block.cells, key=_PLACE):
                yield cell.text, block.row_provs[min(cell.row, len(block.row_provs) - 1)]


@dataclass(frozen=True, slots=True)
class LetterHeader:
    """The letter's identity as printed, before normalisation."""

    number: str | None
    date_text: str | None
    place_text: str | None
    issuer_texts: tuple[str, ...]
    family: IndexFamily | None = None
    province_mentions: tuple[str, ...] = ()
    published_text: str | None = None  # the page's publication date, `dd/mm/yyyy`
    page_year: int | None = None  # the latest year the text's periods name, when it prints no date of its own
    other_index_only: bool = False  # names PCI, PAPI or DDCI but none of the three families
    # Places a text without a letter's header names bare (`Vĩnh Long đứng thứ 11/13`).
    bare_places: tuple[str, ...] = ()


# Tag of a RawFact whose cell prints digits but no readable number: resolved to a rejection.
UNREADABLE = "unreadable"
# Tag of a RawFact whose printed cell OCR damaged and the letter's own column mended (`419` in
# a column of ranks `x/y` read as `4/19`); raw_text keeps the row as printed.
MENDED = "mended"


@dataclass(frozen=True, slots=True)
class RawFact:
    """One published number with everything needed to type it, still as published text.

    `subject` is the unit named on the row or in the sentence (None: the letter's own province).
    `label`/`code` name the row or phrase; `group_label`/`group_code` its top-level parent row
    (the group `5` of row `5.1`, the section `I` of SIPAS row `1`); `column`
    the header path of the value's column; `context` the annex title or sentence around it.
    `period_text` is the most specific period printed for this number (column, sentence, annex).
    """

    doc_id: str
    family: IndexFamily | None
    measure: Measure
    value_text: str
    value_kind: NumberKind
    label: str
    raw_text: str
    extractor: Extractor
    prov: Provenance
    subject: str | None = None
    subject_code: str | None = None
    code: str | None = None
    group_label: str | None = None
    group_code: str | None = None
    column: str | None = None
    context: str | None = None
    period_text: str | None = None
    tags: tuple[str, ...] = field(default=())
