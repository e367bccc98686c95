"""Tables continued over a page break: a table that ends one page and starts the next with the
same columns is one table, its repeated header rows dropped, each row keeping its own page.
A table read from the text alone runs on over the break by itself (its lines are one run);
a grid found on each page's geometry is joined here."""

from __future__ import annotations

from collections.abc import Sequence

from chiso.extractors.model import Cell
from chiso.extractors.read.tables.grid import PageGrid
from chiso.extractors.read.tables.positioned import PositionedLine
from chiso.normalize.text import fold, normalize_text

# What a page holds after its geometry was read: grids, and the lines no grid took.
PageBlock = PositionedLine | PageGrid


def join_pages(pages: Sequence[Sequence[PageBlock]], page_widths: dict[int, float]) -> list[PageBlock]:
    """All pages' blocks as one sequence; a grid continued at the top of the next page with
    the same columns joins the grid that ended the previous page."""
    out: list[PageBlock] = []
    for blocks in pages:
        for i, block in enumerate(blocks):
            if isinstance(block, PageGrid) and _only_folios(blocks[:i]):
                previous = _last_grid_before(out, block.page)
                if previous is not None and _continues(previous, block, page_widths.get(block.page, 600.0)):
                    _append_rows(previous, block)
                    continue
            out.append(block)
    return out


def _is_folio(block: PageBlock) -> bool:
    """A page number or running footer line (`2`, `- 2 -`, `Trang 2`) that may sit between the
    two parts of a table split by a page break."""
    if not isinstance(block, PositionedLine):
        return False
    text = fold(normalize_text(block.raw)).replace("trang", "").strip(" -–—.")
    return len(text) <= 4 and text.isdigit()


def _only_folios(blocks: Sequence[PageBlock]) -> bool:
    return all(_is_folio(b) for b in blocks)


def _last_grid_before(out: list[PageBlock], page: int) -> PageGrid | None:
    for block in reversed(out):
        if _is_folio(block):
            continue
        if isinstance(block, PageGrid) and block.row_pages[-1] == page - 1:
            return block
        return None
    return None


def _continues(first: PageGrid, second: PageGrid, page_width: float) -> bool:
    """Same number of columns, and either the first table's header repeated or no header
    and the columns at the same places (2.5 % of the page width)."""
    if first.n_cols != second.n_cols:
        return False
    if second.n_header and second.n_header == first.n_header and _similar(first.header_texts(), second.header_texts()):
        # The header repeated: the same table, even where unruled columns, found from each
        # page's own values, sit a little apart.
        return True
    tolerance = 0.025 * page_width
    return second.n_header == 0 and all(abs(a - b) <= tolerance for a, b in zip(first.col_edges, second.col_edges))


def _similar(a: list[str], b: list[str]) -> bool:
    """Header texts equal up to OCR noise: most words in common."""
    wa, wb = " ".join(a).split(), " ".join(b).split()
    if not wa or not wb:
        return not wa and not wb
    common = len(set(wa) & set(wb))
    return common >= 0.6 * max(len(set(wa)), len(set(wb)))


def _append_rows(first: PageGrid, second: PageGrid) -> None:
    """Rows of the continuation below the first part; its repeated header rows are dropped."""
    skip = second.n_header
    offset = first.n_rows - skip
    first.cells += [Cell(c.text, c.row + offset, c.col, c.row_span, c.col_span, c.is_header) for c in second.cells if c.row >= skip]
    first.row_boxes += second.row_boxes[skip:]
    first.row_pages += second.row_pages[skip:]
    first.row_line_nos += second.row_line_nos[skip:]
    first.n_rows += second.n_rows - skip
