"""A table row broken by a page break. Word and browsers let a row run over a page: its first
lines stay at the foot of page N, the rest of its cells go on at the top of page N+1. Where no
rule closes the row on a side of the break, that part is no ruled cell and is read as loose
lines (a Chromium printout: `11 58.10 25.47 83.56 83.56 Bộ Văn hóa, Thể` under the grid, `thao
và Du lịch` above the next one); where a rule does, the part on page N+1 is a first grid row
with no number of its own. Either way the parts are one row, cell by cell.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from chiso.extractors.model import BBox, Cell
from chiso.extractors.read.tables.grid import PageGrid
from chiso.extractors.read.tables.positioned import PositionedLine, Word

# A loose line belongs to a grid's broken row when it lies this close (in word heights) to the
# grid's edge on the break side.
_NEAR = 2.5


def in_columns(line: PositionedLine, grid: PageGrid) -> bool:
    """Every word of the line inside the grid's width and none across an inner column edge:
    a cell's text, not a sentence of the letter running across the table."""
    if not line.words:
        return False
    edges, slack = grid.col_edges, _height(line.words)
    return all(edges[0] - slack <= w.x0 and w.x1 <= edges[-1] + slack
               and not any(w.x0 < edge - slack and w.x1 > edge + slack for edge in edges[1:-1]) for w in line.words)


def lines_below(grid: PageGrid, lines: Sequence[PositionedLine]) -> list[PositionedLine]:
    """The lines (top to bottom) that go on right under the grid's last row, in its columns,
    each close to the one above: a folio at the page's foot lies further down."""
    bottom, taken = grid.row_boxes[-1].bottom, []
    for line in lines:
        if not in_columns(line, grid) or min(w.top for w in line.words) - bottom > _NEAR * _height(line.words):
            break
        taken.append(line)
        bottom = max(bottom, max(w.bottom for w in line.words))
    return taken


def lines_above(grid: PageGrid, lines: Sequence[PositionedLine]) -> list[PositionedLine]:
    """The lines (top to bottom) right above the grid's first row, in its columns, each close
    to the one below: a running head or folio at the page's top lies further up."""
    top, taken = grid.top, []
    for line in reversed(lines):
        if not in_columns(line, grid) or top - max(w.bottom for w in line.words) > _NEAR * _height(line.words):
            break
        taken.insert(0, line)
        top = min(top, min(w.top for w in line.words))
    return taken


def _height(words: Sequence[Word]) -> float:
    return max(w.bottom - w.top for w in words)


def row_texts(lines: Sequence[PositionedLine], grid: PageGrid) -> dict[int, str]:
    """Loose lines' words put in the grid's columns (by each word's centre), read top to bottom."""
    words = sorted((w for line in lines for w in line.words), key=lambda w: (round(w.top), w.x0))
    texts: dict[int, list[str]] = {}
    for word in words:
        col = next((c for c in range(grid.n_cols) if word.centre < grid.col_edges[c + 1]), grid.n_cols - 1)
        texts.setdefault(col, []).append(word.text)
    return {c: " ".join(t) for c, t in texts.items()}


def _starts_row(texts: dict[int, str]) -> bool:
    """A row's own start: its first column holds a number or a new name (a capital), where a
    broken row's rest holds nothing or a name going on in lower case (`thao và Du lịch`)."""
    first = texts.get(0, "").strip()
    return bool(first) and not first[0].islower()


def continues_row(grid: PageGrid, texts: dict[int, str]) -> bool:
    """`texts` (the top of the next page) is the rest of the grid's last row: no start of its
    own, fewer cells than that row (its figures were printed before the break), and no figure
    under a cell that ends in one (`Trung bình | 84.38` under `Bộ Công Thương | 54.21` is a
    row of its own)."""
    last = {c.col: c.text for c in grid.cells if c.row == grid.n_rows - 1 and c.text}
    return (bool(texts) and bool(last) and not _starts_row(texts) and len(texts) < len(last)
            and not any(text[:1].isdigit() and last.get(col, "")[-1:].isdigit() for col, text in texts.items()))


def append_row(grid: PageGrid, texts: dict[int, str], page: int, line_no: int | None, box: BBox) -> None:
    """A row read from loose lines below the grid's last row."""
    grid.cells += [Cell(text, grid.n_rows, col) for col, text in sorted(texts.items())]
    grid.row_boxes.append(box)
    grid.row_pages.append(page)
    grid.row_line_nos.append(line_no or 0)
    grid.n_rows += 1


def merge_into_last_row(grid: PageGrid, texts: dict[int, str]) -> None:
    """The rest of the grid's last row, each cell's text after the text it already has."""
    row = grid.n_rows - 1
    cells = {c.col: c for c in grid.cells if c.row == row}
    for col, text in texts.items():
        if col in cells:
            grid.cells[grid.cells.index(cells[col])] = replace(cells[col], text=f"{cells[col].text} {text}".strip())
        else:
            grid.cells.append(Cell(text, row, col))


def lines_box(lines: Sequence[PositionedLine]) -> BBox:
    words = [w for line in lines for w in line.words]
    return BBox(min(w.x0 for w in words), min(w.top for w in words), max(w.x1 for w in words), max(w.bottom for w in words))


def grid_row_texts(grid: PageGrid, row: int) -> dict[int, str]:
    return {c.col: c.text for c in grid.cells if c.row == row and c.text}
