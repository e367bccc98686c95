"""Ruled grids: a table whose cells arrive as rectangles (pdfplumber's lines strategy on a text
PDF, or the rulings found on a scan by `images.prepare_page`). The grid comes from the distinct
cell edges, so a merged header cell keeps its row and column span (seed 000's PHỤ LỤC 3:
`Tổng số hồ sơ quá hạn đang xử lý` over three columns)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from chiso.extractors.model import BBox, Cell
from chiso.extractors.read.tables.grid import PageGrid
from chiso.extractors.read.tables.positioned import Rect, Word
from chiso.extractors.rows import count_header_rows
from chiso.normalize.text import normalize_text


def words_inside(words: Iterable[Word], rects: Sequence[Rect]) -> list[Word]:
    """The words whose centre lies in one of the cell rectangles."""
    return [w for w in words if any(r[0] <= w.centre <= r[2] and r[1] <= w.middle <= r[3] for r in rects)]


def _cluster(values: Iterable[float], tolerance: float) -> list[float]:
    """Distinct coordinates: values closer than `tolerance` are one edge."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tolerance:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(group) / len(group) for group in out]


def _nearest(edges: list[float], value: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - value))


def _cell_text(words: list[Word], row_of: dict[int, int]) -> str:
    """A cell's words in reading order: by the page row each word was read on, then x."""
    return normalize_text(" ".join(w.text for w in sorted(words, key=lambda w: (row_of.get(id(w), 0), w.x0))))


def ruled_grid(page: int, rects: Sequence[Rect], words: list[Word], height: float, row_of: dict[int, int]) -> PageGrid | None:
    """A ruled table from its cell rectangles: distinct x and y edges make the grid, and a
    rectangle covering several grid slots is a merged cell with its spans."""
    tolerance = max(1.5, 0.25 * height)
    xs = _cluster([v for r in rects for v in (r[0], r[2])], tolerance)
    ys = _cluster([v for r in rects for v in (r[1], r[3])], tolerance)
    n_cols, n_rows = len(xs) - 1, len(ys) - 1
    if n_cols < 2 or n_rows < 2:
        return None
    slots: list[tuple[int, int, int, int, str]] = []
    for rect in rects:
        c0, c1 = _nearest(xs, rect[0]), _nearest(xs, rect[2])
        r0, r1 = _nearest(ys, rect[1]), _nearest(ys, rect[3])
        if c1 <= c0 or r1 <= r0:
            continue
        inside = [w for w in words if rect[0] <= w.centre <= rect[2] and rect[1] <= w.middle <= rect[3]]
        slots.append((r0, c0, r1 - r0, c1 - c0, _cell_text(inside, row_of)))
    grid_rows = [["" for _ in range(n_cols)] for _ in range(n_rows)]
    for r, c, _, _, text in slots:
        grid_rows[r][c] = text
    n_header = count_header_rows(grid_rows)
    cells = [Cell(text, r, c, rs, cs, is_header=r < n_header) for r, c, rs, cs, text in sorted(slots) if text]
    boxes = [BBox(xs[0], ys[r], xs[-1], ys[r + 1]) for r in range(n_rows)]
    return PageGrid(page, cells, n_rows, n_cols, n_header, tuple(xs), boxes, ys[0], row_pages=[page] * n_rows)

