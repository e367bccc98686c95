"""Tables continued over a page break: a table that ends one page and starts the next with the
same columns is one table, its repeated header rows dropped, each row keeping its own page.
A row itself broken by the break is made one row again (`split_row`). A table read from the
text alone runs on over the break by itself (its lines are one run); a grid found on each
page's geometry is joined here."""

from __future__ import annotations

from collections.abc import Sequence

from chiso.extractors.model import Cell
from chiso.extractors.read.tables.grid import PageGrid
from chiso.extractors.read.tables.positioned import PositionedLine
from chiso.extractors.read.tables.split_row import (append_row, continues_row, grid_row_texts, lines_above, lines_below,
                                                    lines_box, merge_into_last_row, row_texts)
from chiso.normalize.text import fold, normalize_text

# What a page holds after its geometry was read: grids, and the lines no grid took.
PageBlock = PositionedLine | PageGrid


def join_pages(pages: Sequence[Sequence[PageBlock]], page_widths: dict[int, float]) -> list[PageBlock]:
    """All pages' blocks as one sequence; a grid continued at the top of the next page with
    the same columns joins the grid that ended the previous page, with the row broken between
    them (loose lines in the grid's columns on either side of the break) made whole."""
    out: list[PageBlock] = []
    for blocks in pages:
        for i, block in enumerate(blocks):
            if not (isinstance(block, PageGrid) and _joined(out, blocks[:i], block, page_widths.get(block.page, 600.0))):
                out.append(block)
    return out


def _joined(out: list[PageBlock], before: Sequence[PageBlock], grid: PageGrid, page_width: float) -> bool:
    """Join `grid` to the grid that ended the previous page when only folios and its broken
    row's loose lines lie between them (`before`: the blocks above it on its page, already in
    `out`)."""
    lead = lines_above(grid, [b for b in before if isinstance(b, PositionedLine)])
    if not all(_is_folio(b) for b in before if b not in lead):
        return False
    at = _last_grid_before(out, grid.page)
    if at is None:
        return False
    previous = out[at]
    assert isinstance(previous, PageGrid)
    between = out[at + 1:]
    on_its_page = [b for b in between if isinstance(b, PositionedLine) and b.prov.page == previous.row_pages[-1]]
    tail = lines_below(previous, on_its_page)
    if not _continues(previous, grid, page_width) or not all(_is_folio(b) for b in on_its_page if b not in tail):
        return False
    out[at + 1:] = [b for b in between if b not in tail and b not in lead]
    if tail:
        append_row(previous, row_texts(tail, previous), previous.row_pages[-1], tail[0].prov.line_no, lines_box(tail))
    if lead:
        _add_rest(previous, row_texts(lead, previous), grid.page, lead)
    _append_rows(previous, grid)
    return True


def _add_rest(grid: PageGrid, texts: dict[int, str], page: int, lines: list[PositionedLine]) -> None:
    """Loose lines above the continuation: the rest of the last row, or a row of their own."""
    if continues_row(grid, texts):
        merge_into_last_row(grid, texts)
    else:
        append_row(grid, texts, page, lines[0].prov.line_no, lines_box(lines))


def _is_folio(block: PageBlock) -> bool:
    """A page number or running footer line (`2`, `- 2 -`, `Trang 2`) that may sit between the
    two parts of a table split by a page break."""
    if not isinstance(block, PositionedLine):
        return False
    text = fold(normalize_text(block.raw)).replace("trang", "").strip(" -–—.")
    return len(text) <= 4 and text.isdigit()


def _last_grid_before(out: list[PageBlock], page: int) -> int | None:
    """Where in `out` the grid that ended page `page - 1` is, with only lines after it."""
    for at in range(len(out) - 1, -1, -1):
        block = out[at]
        if isinstance(block, PositionedLine):
            continue
        return at if isinstance(block, PageGrid) and block.row_pages[-1] == page - 1 else None
    return None


def _continues(first: PageGrid, second: PageGrid, page_width: float) -> bool:
    """Same number of columns, and either the first table's header repeated or no header
    and the columns at the same places (2.5 % of the page width)."""
    if first.n_cols != second.n_cols:
        return False
    if second.n_header and _repeats_header(first, second):
        # The header repeated: the same table, even where unruled columns, found from each
        # page's own values, sit a little apart.
        return True
    tolerance = 0.025 * page_width
    return second.n_header == 0 and all(abs(a - b) <= tolerance for a, b in zip(first.col_edges, second.col_edges))


def _repeats_header(first: PageGrid, second: PageGrid) -> bool:
    """The second part starts with the first's header; a row under it that has no number and
    carries on the first part's last row (a row broken by the break) reads as one more header
    row, as any row without figures does."""
    n = first.n_header
    if not n or second.n_header not in (n, n + 1) or not _similar(first.header_texts(), second.header_texts(n)):
        return False
    return second.n_header == n or continues_row(first, grid_row_texts(second, n))


def _similar(a: list[str], b: list[str]) -> bool:
    """Header texts equal up to OCR noise: most words in common."""
    wa, wb = " ".join(a).split(), " ".join(b).split()
    if not wa or not wb:
        return not wa and not wb
    common = len(set(wa) & set(wb))
    return common >= 0.6 * max(len(set(wa)), len(set(wb)))


def _append_rows(first: PageGrid, second: PageGrid) -> None:
    """Rows of the continuation below the first part; its repeated header rows are dropped."""
    skip = min(second.n_header, first.n_header) if second.n_header else 0
    if skip < second.n_rows and continues_row(first, grid_row_texts(second, skip)):
        merge_into_last_row(first, grid_row_texts(second, skip))
        skip += 1
    offset = first.n_rows - skip
    first.cells += [Cell(c.text, c.row + offset, c.col, c.row_span, c.col_span, c.is_header) for c in second.cells if c.row >= skip]
    first.row_boxes += second.row_boxes[skip:]
    first.row_pages += second.row_pages[skip:]
    first.row_line_nos += second.row_line_nos[skip:]
    first.n_rows += second.n_rows - skip
