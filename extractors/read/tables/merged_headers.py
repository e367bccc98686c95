"""Recover merged header cells from tables whose spans were lost in publication.

Portals export merged headers as a row of the non-empty texts followed by padding, e.g. seed
000's PHỤ LỤC 4:

    STT | Tên đơn vị | Số PAKN quá hạn | Ghi chú | ||
    Tổng số | Trong đó | ||||
    Chưa tiếp nhận | Chậm xử lý | ||||
    1=(2+3) | 2 | 3 | |||

Only the order of texts per row survives. We rebuild the spans as people read them: the top
row's leading texts are the identifier columns (STT, name), its trailing note texts (Ghi chú)
are the last columns, the rest are groups over the value columns. Lower rows are read
bottom-up: the last row gives the rightmost leaves; a higher row's leftmost texts become
leaves of the value columns still open on the left, and its other texts become groups over
the leaves beneath them. A numbering row (`1=(2+3) | 2 | 3`) labels the last value columns.
"""

from __future__ import annotations

from chiso.extractors.model import Cell
from chiso.extractors.phrases import NOTE_COLUMN
from chiso.extractors.rows import is_numbering_row
from chiso.normalize.text import fold


def rebuild_header(rows: list[list[str]], n_cols: int, n_lead: int) -> list[Cell]:
    """Header cells with spans for `rows` (each the published texts of one header row, padding
    included) of a table `n_cols` wide whose first `n_lead` columns are identifiers."""
    texts = [[t.strip() for t in row if t.strip()] for row in rows]
    if len(texts) == 1:
        return [Cell(t.strip(), 0, c, is_header=True) for c, t in enumerate(rows[0][:n_cols]) if t.strip()]
    depth = len(texts)
    top = texts[0]
    n_trail = 0
    while n_trail < len(top) - n_lead - 1 and NOTE_COLUMN.pattern.match(fold(top[-1 - n_trail])):
        n_trail += 1
    cells = [Cell(t, 0, c, row_span=depth, is_header=True) for c, t in enumerate(top[:n_lead])]
    cells += [Cell(t, 0, n_cols - n_trail + i, row_span=depth, is_header=True) for i, t in enumerate(top[len(top) - n_trail:])]
    value_cols = list(range(n_lead, n_cols - n_trail))
    for text, cols in zip(top[n_lead:len(top) - n_trail], _split_evenly(value_cols, len(top) - n_lead - n_trail)):
        cells.append(Cell(text, 0, cols[0], col_span=len(cols), is_header=True))
    lower = texts[1:]
    if is_numbering_row(lower[-1]):
        cells += [Cell(t, depth - 1, c, is_header=True) for t, c in zip(lower[-1], value_cols[-len(lower[-1]):])]
        lower = lower[:-1]
    cells += _place_lower_rows(lower, value_cols)
    return cells


def _place_lower_rows(lower: list[list[str]], value_cols: list[int]) -> list[Cell]:
    """Cells of header rows 1..len(lower), placed bottom-up over the value columns."""
    cells: list[Cell] = []
    leaf_row: dict[int, int] = {}
    for r in range(len(lower) - 1, -1, -1):
        row, grid_row = lower[r], r + 1
        open_cols = [c for c in value_cols if c not in leaf_row]
        below = sorted(leaf_row)
        if not below:
            n_new = min(len(row), len(open_cols))
            new_cols = open_cols[len(open_cols) - n_new:]
        else:
            n_new = min(len(row) - 1, len([c for c in open_cols if c < below[0]]))
            new_cols = [c for c in open_cols if c < below[0]][-n_new:] if n_new > 0 else []
        for text, col in zip(row[:n_new], new_cols):
            leaf_row[col] = grid_row
            cells.append(Cell(text, grid_row, col, row_span=len(lower) - r, is_header=True))
        group_texts = row[n_new:]
        for text, cols in zip(group_texts, _split_evenly(below, len(group_texts))):
            cells.append(Cell(text, grid_row, cols[0], col_span=len(cols), is_header=True))
    return cells


def _split_evenly(cols: list[int], parts: int) -> list[list[int]]:
    """Split consecutive columns into `parts` runs, the first runs one longer when uneven."""
    if parts <= 0 or not cols:
        return []
    size, extra = divmod(len(cols), parts)
    out, start = [], 0
    for i in range(parts):
        n = max(1, size + (1 if i < extra else 0))
        if start < len(cols):
            out.append(cols[start:start + n])
        start += n
    return out
