"""The two forms a recovered table takes before it is a `Table` of the document model.

A shape read from the text alone gives rows of cell texts (`build_table`: the rows before the
first data row are the header, its merged cells rebuilt by `merged_headers`). A shape read
from geometry gives a `PageGrid`: cells already placed with their spans, the column edges and
row boxes of one page, kept until a continuation on the next page has been joined to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from chiso.extractors.model import BBox, Cell, Provenance, Table
from chiso.extractors.read.tables.merged_headers import rebuild_header
from chiso.extractors.rows import count_header_rows, count_lead_columns
from chiso.normalize.text import fold


@dataclass(slots=True)
class PageGrid:
    """A table as found on one page, before a continuation on the next page is joined."""

    page: int
    cells: list[Cell]
    n_rows: int
    n_cols: int
    n_header: int
    col_edges: tuple[float, ...]
    row_boxes: list[BBox]
    top: float
    row_pages: list[int] = field(default_factory=list)
    row_line_nos: list[int] = field(default_factory=list)

    def header_texts(self, n_rows: int | None = None) -> list[str]:
        """The folded texts of the header rows, or of the first `n_rows` rows."""
        n_rows = self.n_header if n_rows is None else n_rows
        return [fold(c.text) for c in sorted(self.cells, key=lambda c: (c.row, c.col)) if c.row < n_rows]

    def to_table(self) -> Table:
        provs = tuple(
            Provenance(page=page, line_no=line_no, row_no=r + 1, bbox=box)
            for r, (page, line_no, box) in enumerate(zip(self.row_pages, self.row_line_nos, self.row_boxes))
        )
        cells = tuple(sorted(self.cells, key=lambda c: (c.row, c.col)))
        return Table(cells, self.n_rows, self.n_cols, provs)


def build_table(rows: list[list[str]], row_provs: list[Provenance], n_header: int | None = None) -> Table:
    """A Table from published rows; leading rows before the first data row are the header."""
    n_header = count_header_rows(rows) if n_header is None else n_header
    n_cols = max(len(r) for r in rows)
    cells: list[Cell] = []
    if n_header:
        n_lead = count_lead_columns(rows[n_header:])
        cells += rebuild_header(rows[:n_header], n_cols, n_lead)
    for r, row in enumerate(rows[n_header:], start=n_header):
        cells += [Cell(text, r, c) for c, text in enumerate(row) if text]
    provs = tuple(Provenance(prov.page, prov.line_no, r + 1, prov.bbox) for r, prov in enumerate(row_provs))  # not replace(): 4x as slow
    return Table(tuple(cells), len(rows), n_cols, provs)
